import { useCallback, useMemo } from 'react';
import { useTenant } from '@/lib/auth/tenant';
import { useAllDepartments } from '@/lib/cases/api/department-names';
import { useEvaluations } from '@/lib/cases/api/evaluations';
import { useCase } from '@/lib/cases/api/get-case';
import { useTimeline } from '@/lib/cases/api/get-timeline';
import type { Case } from '@/lib/cases/types';
import { useEnterprise, type Enterprise } from '../api/get-enterprise';
import { milestones, type Milestones } from '../utils/print-forms';

/** Everything a printed form may say about one case, once loaded. */
export interface PrintData {
  c: Case;
  m: Milestones;
  /** The county's name (`示例县`), the first words of every form's title. */
  county: string;
  /** The registered enterprise (address); absent when the caller may not read it. */
  enterprise: Enterprise | undefined;
  /** A department's full name (`示例县发展和改革局`). */
  department: (id: string | null | undefined) => string;
}

/**
 * The case, its history, the county, the departments and the enterprise. The forms wait for
 * all but the enterprise, whose refusal only leaves its address blank.
 */
export function usePrintData(id: string | undefined) {
  const caseQuery = useCase(id);
  const timeline = useTimeline(id);
  const tenant = useTenant();
  const departments = useAllDepartments();
  const enterprise = useEnterprise(caseQuery.data?.enterprise.id);
  const evaluations = useEvaluations(id);

  const department = useCallback(
    (departmentId: string | null | undefined) => {
      const d = departmentId ? departments.data?.find((x) => x.id === departmentId) : undefined;
      return d ? d.name : '—';
    },
    [departments.data],
  );
  const c = caseQuery.data;
  const events = timeline.data?.events;
  const given = evaluations.data;
  const m = useMemo(() => {
    if (!c || !events || !given) return undefined;
    const fromHistory = milestones(c, events);
    // Every department's level as the enterprise gave it; the history alone holds only the
    // bad ones (each opened a rectification).
    const departmentLevels = new Map(fromHistory.departmentLevels);
    for (const e of given) if (e.department_id) departmentLevels.set(e.department_id, e.level);
    return { ...fromHistory, departmentLevels };
  }, [c, events, given]);

  const queries = [caseQuery, timeline, tenant, departments, evaluations] as const;
  const error = queries.find((q) => q.isError)?.error ?? null;
  const pending = queries.some((q) => q.isPending) || (enterprise.isPending && enterprise.fetchStatus !== 'idle');
  const data: PrintData | undefined =
    c && m && tenant.data && !pending
      ? { c, m, county: tenant.data.name, enterprise: enterprise.data, department }
      : undefined;
  const refetch = () => {
    for (const q of queries) if (q.isError) void q.refetch();
  };
  return { data, error, caseError: caseQuery.error, refetch };
}

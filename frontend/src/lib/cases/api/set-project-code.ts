/**
 * POST /api/v1/cases/{id}/project-code — the window agent or the investment officer sets or
 * changes the national project code (一项一码) with a reason; the version read goes as
 * `If-Match`. A wrong code answers 422 on `project_code` (the server names what is wrong), a
 * code another case holds 409 on the same field, a closed case 409.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { RoleCode } from '@/lib/api/types';
import { CLOSED_STATES } from '@/lib/cases/lifecycle';
import { caseKeys } from '@/lib/query-keys';
import { ifMatch, type Case } from '../types';
import { invalidateCaseWork } from './case-commands';

/** The roles that may set the code after the application. */
const SETTERS: readonly RoleCode[] = ['window_agent', 'investment_officer'];

/** Whether `role` may set the code of `c` now (the server decides again). */
export function maySetProjectCode(role: RoleCode | undefined, c: Pick<Case, 'state'>): boolean {
  return role !== undefined && SETTERS.includes(role) && !CLOSED_STATES.includes(c.state);
}

export interface SetProjectCodeInput {
  id: string;
  version: number;
  projectCode: string;
  reason: string;
}

export function useSetProjectCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, projectCode, reason }: SetProjectCodeInput) =>
      unwrap(
        api.POST('/api/v1/cases/{id}/project-code', {
          params: { path: { id }, header: { 'If-Match': ifMatch(version) } },
          body: { project_code: projectCode.trim(), reason: reason.trim() },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(caseKeys.detail(updated.id), updated);
      void invalidateCaseWork(queryClient);
    },
  });
}

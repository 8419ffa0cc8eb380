import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonOk } from '@/lib/api/types';
import { caseKeys } from '@/lib/query-keys';

export type Evaluation = JsonOk<'/api/v1/cases/{id}/evaluations', 'get'>[number];

/**
 * GET /api/v1/cases/{id}/evaluations: the levels the enterprise gave (满意度评价), the case's
 * first, then each department's; empty until it evaluates. Under the `cases` key, so that
 * every case command refreshes it.
 */
export function useEvaluations(id: string | undefined) {
  return useQuery({
    queryKey: caseKeys.evaluations(id ?? ''),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{id}/evaluations', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

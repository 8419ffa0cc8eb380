import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { caseKeys } from '@/lib/query-keys';

/** GET /api/v1/cases/{id}: the whole case with team, items (roadmap), sheets and allowed actions. */
export const caseQueryOptions = (id: string) =>
  queryOptions({
    queryKey: caseKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/cases/{id}', { params: { path: { id } }, signal })),
  });

export function useCase(id: string | undefined) {
  return useQuery({ ...caseQueryOptions(id ?? ''), enabled: Boolean(id) });
}

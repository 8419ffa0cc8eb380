import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { sessionKeys } from '@/lib/query-keys';

/** GET /api/v1/me — who is signed in, with role, tenant, department or enterprise. */
export const meQueryOptions = queryOptions({
  queryKey: sessionKeys.me,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me', { signal })),
  staleTime: 5 * 60_000,
});

export function useMe() {
  return useQuery(meQueryOptions);
}

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonOk } from '@/lib/api/types';
import { sessionKeys } from '@/lib/query-keys';

export type Tenant = JsonOk<'/api/v1/tenant', 'get'>;

/** GET /api/v1/tenant — the caller's county and its configuration. */
export const tenantQueryOptions = queryOptions({
  queryKey: sessionKeys.tenant,
  queryFn: ({ signal }) => unwrap(api.GET('/api/v1/tenant', { signal })),
  staleTime: 10 * 60_000,
});

export function useTenant() {
  return useQuery(tenantQueryOptions);
}

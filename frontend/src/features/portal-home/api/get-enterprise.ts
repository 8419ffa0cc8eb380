import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonOk } from '@/lib/api/types';
import { enterpriseKeys } from '@/lib/query-keys';

export type Enterprise = JsonOk<'/api/v1/enterprises/{id}', 'get'>;

/** GET /api/v1/enterprises/{id}. */
export const enterpriseQueryOptions = (id: string) =>
  queryOptions({
    queryKey: enterpriseKeys.detail(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/enterprises/{id}', { params: { path: { id } }, signal })),
  });

export function useEnterprise(id: string | undefined) {
  return useQuery({ ...enterpriseQueryOptions(id ?? ''), enabled: Boolean(id) });
}

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonOk } from '@/lib/api/types';

export type Enterprise = JsonOk<'/api/v1/enterprises/{id}', 'get'>;

/** GET /api/v1/enterprises/{id}. */
export const enterpriseQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['enterprises', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/enterprises/{id}', { params: { path: { id } }, signal })),
  });

export function useEnterprise(id: string | undefined) {
  return useQuery({ ...enterpriseQueryOptions(id ?? ''), enabled: Boolean(id) });
}

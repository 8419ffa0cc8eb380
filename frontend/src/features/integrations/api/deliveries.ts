/** The delivery log: messages over every channel with their attempts; retry and replay. */
import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { cursorPaging, cursorParam } from '@/lib/api/cursor-pages';
import { unwrap } from '@/lib/api/problem';
import type { QueryOf } from '@/lib/api/types';
import { deliveryKeys, type DeliveryFilters } from './query-keys';

type DeliveryQuery = QueryOf<'/api/v1/admin/deliveries', 'get'>;

const PAGE_SIZE = 50;

/** GET /api/v1/admin/deliveries with the filters, newest first, 50 at a time. */
export const deliveryPagesQueryOptions = (filters: DeliveryFilters) =>
  infiniteQueryOptions({
    queryKey: deliveryKeys.pages(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/admin/deliveries', {
          params: { query: { ...(filters as DeliveryQuery), limit: PAGE_SIZE, ...cursorParam(pageParam) } },
          signal,
        }),
      ),
    ...cursorPaging,
  });

export function useDeliveryPages(filters: DeliveryFilters) {
  return useInfiniteQuery(deliveryPagesQueryOptions(filters));
}

/** POST …/retry (a dead delivery tried again) or …/replay (a webhook message sent anew). */
export function useDeliveryAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'retry' | 'replay' }) =>
      action === 'retry'
        ? unwrap(api.POST('/api/v1/admin/deliveries/{id}/retry', { params: { path: { id } } }))
        : unwrap(api.POST('/api/v1/admin/deliveries/{id}/replay', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.all }),
  });
}

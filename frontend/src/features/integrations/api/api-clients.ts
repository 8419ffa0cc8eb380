/** API clients: list, create and rotate (key answered once), revoke. */
import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { cursorPaging, cursorParam } from '@/lib/api/cursor-pages';
import { unwrap } from '@/lib/api/problem';
import type { ApiClientIn } from '../utils/integrations';
import { apiClientKeys } from './query-keys';

const PAGE_SIZE = 50;

export const apiClientPagesQueryOptions = () =>
  infiniteQueryOptions({
    queryKey: apiClientKeys.pages(),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/admin/api-clients', {
          params: { query: { limit: PAGE_SIZE, ...cursorParam(pageParam) } },
          signal,
        }),
      ),
    ...cursorPaging,
  });

export function useApiClientPages() {
  return useInfiniteQuery(apiClientPagesQueryOptions());
}

function useInvalidateApiClients() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: apiClientKeys.all });
}

/** POST /api/v1/admin/api-clients: the client and its key, shown this once. */
export function useCreateApiClient() {
  const invalidate = useInvalidateApiClients();
  return useMutation({
    mutationFn: (body: ApiClientIn) => unwrap(api.POST('/api/v1/admin/api-clients', { body })),
    onSuccess: invalidate,
  });
}

/** POST …/rotate: a new key, shown this once; the old key is refused from now on. */
export function useRotateApiClient() {
  const invalidate = useInvalidateApiClients();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/admin/api-clients/{id}/rotate', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

/** POST …/revoke: its key is refused from now on. */
export function useRevokeApiClient() {
  const invalidate = useInvalidateApiClients();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.POST('/api/v1/admin/api-clients/{id}/revoke', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, PageItem } from '@/lib/api/types';

export type Enterprise = PageItem<'/api/v1/enterprises'>;
export type EnterpriseIn = JsonBody<'/api/v1/enterprises', 'post'>;

const ALL_KEY = ['enterprises', 'all'] as const;

/**
 * GET /api/v1/enterprises, every page: the county's enterprises to apply for. The endpoint has
 * no search parameter, so the picker filters by name and credit code in the browser (a county
 * registers hundreds, not tens of thousands).
 */
export const allEnterprisesQueryOptions = queryOptions({
  queryKey: ALL_KEY,
  queryFn: async ({ signal }) => {
    const all: Enterprise[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page += 1) {
      const result: { items: Enterprise[]; next_cursor?: string | null } = await unwrap(
        api.GET('/api/v1/enterprises', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } }, signal }),
      );
      all.push(...result.items);
      cursor = result.next_cursor ?? null;
      if (!cursor) break;
    }
    return all;
  },
  staleTime: 60_000,
});

export function useAllEnterprises() {
  return useQuery(allEnterprisesQueryOptions);
}

/** POST /api/v1/enterprises: registers an enterprise (409 when its credit code is taken). */
export function useCreateEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EnterpriseIn) => unwrap(api.POST('/api/v1/enterprises', { body })),
    onSuccess: (created) => {
      // The picker shows it at once; the list is read again for anyone else's additions.
      queryClient.setQueryData<Enterprise[]>(ALL_KEY, (list) => [...(list ?? []), created]);
      void queryClient.invalidateQueries({ queryKey: ALL_KEY });
    },
  });
}

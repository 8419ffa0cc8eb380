import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { cursorPaging, cursorParam } from '@/lib/api/cursor-pages';
import { unwrap } from '@/lib/api/problem';
import type { PageItem, QueryOf } from '@/lib/api/types';
import { itemKeys } from '@/lib/query-keys';

export type Item = PageItem<'/api/v1/items'>;
export type Stage = Item['stage'];
export type ItemFilters = Omit<QueryOf<'/api/v1/items', 'get'>, 'limit' | 'cursor'>;

const PAGE_SIZE = 50;

/** GET /api/v1/items — the approval-item catalog, filtered, page by page. */
export const itemsQueryOptions = (filters: ItemFilters) =>
  infiniteQueryOptions({
    queryKey: itemKeys.pages(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/items', {
          params: {
            query: { ...filters, limit: PAGE_SIZE, ...cursorParam(pageParam) },
          },
          signal,
        }),
      ),
    ...cursorPaging,
  });

export function useItems(filters: ItemFilters) {
  return useInfiniteQuery(itemsQueryOptions(filters));
}

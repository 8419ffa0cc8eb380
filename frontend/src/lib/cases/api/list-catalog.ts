import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { PageItem } from '@/lib/api/types';
import { itemKeys } from '@/lib/query-keys';

export type CatalogItem = PageItem<'/api/v1/items'>;

/** GET /api/v1/items, every page: the catalog to choose the wanted items from (tens of items). */
export function useCatalog() {
  return useQuery({
    queryKey: itemKeys.catalog(),
    queryFn: async ({ signal }) => {
      const items: CatalogItem[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page += 1) {
        const result: { items: CatalogItem[]; next_cursor?: string | null } = await unwrap(
          api.GET('/api/v1/items', { params: { query: { limit: 200, ...(cursor ? { cursor } : {}) } }, signal }),
        );
        items.push(...result.items);
        cursor = result.next_cursor ?? null;
        if (!cursor) break;
      }
      return items;
    },
    staleTime: 10 * 60_000,
  });
}

import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { PageItem } from '@/lib/api/types';
import { enterpriseKeys } from '@/lib/query-keys';

export type Enterprise = PageItem<'/api/v1/enterprises'>;

/** How many enterprises a picker offers at a time. */
export const ENTERPRISE_SEARCH_LIMIT = 20;
/** The longest search the API accepts. */
const MAX_SEARCH = 100;

/** What the API is asked for: trimmed, at most 100 characters, `''` for none. */
export function enterpriseSearchTerm(text: string): string {
  return [...text.trim()].slice(0, MAX_SEARCH).join('').trim();
}

/**
 * GET /api/v1/enterprises?q=: the first enterprises whose name contains `search` or whose
 * unified social credit code starts with it (the server decides); without a search, the
 * first page.
 */
export function enterpriseSearchQueryOptions(search: string) {
  const q = enterpriseSearchTerm(search);
  return queryOptions({
    queryKey: enterpriseKeys.search(q),
    queryFn: async ({ signal }) => {
      const page = await unwrap(
        api.GET('/api/v1/enterprises', { params: { query: { limit: ENTERPRISE_SEARCH_LIMIT, ...(q ? { q } : {}) } }, signal }),
      );
      return page.items;
    },
    staleTime: 30_000,
  });
}

export function useEnterpriseSearch(search: string, enabled = true) {
  return useQuery({ ...enterpriseSearchQueryOptions(search), enabled });
}

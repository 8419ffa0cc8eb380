import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { PageItem, QueryOf } from '@/lib/api/types';
import { userKeys } from '@/lib/query-keys';

export type User = PageItem<'/api/v1/users'>;
type UserFilters = Omit<QueryOf<'/api/v1/users', 'get'>, 'limit' | 'cursor'>;

/**
 * GET /api/v1/users, every page: the people the team form, transfers and statistics name (a
 * county has tens of officials). The office and supervisors list everyone; department roles
 * list their own department.
 */
export function useUsers(filters: UserFilters = {}, enabled = true) {
  return useQuery({
    queryKey: userKeys.every(filters),
    queryFn: async ({ signal }) => {
      const users: User[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 20; page += 1) {
        const result: { items: User[]; next_cursor?: string | null } = await unwrap(
          api.GET('/api/v1/users', { params: { query: { ...filters, limit: 200, ...(cursor ? { cursor } : {}) } }, signal }),
        );
        users.push(...result.items);
        cursor = result.next_cursor ?? null;
        if (!cursor) break;
      }
      return users.filter((u) => u.active);
    },
    staleTime: 5 * 60_000,
    enabled,
  });
}

import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { PageItem } from '@/lib/api/types';
import { departmentKeys } from '@/lib/query-keys';

export type Department = PageItem<'/api/v1/departments'>;

const PAGE_SIZE = 50;

/** GET /api/v1/departments, page by page (opaque cursor). */
export const departmentsQueryOptions = infiniteQueryOptions({
  queryKey: departmentKeys.pages(),
  queryFn: ({ pageParam, signal }) =>
    unwrap(
      api.GET('/api/v1/departments', {
        params: { query: { limit: PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        signal,
      }),
    ),
  initialPageParam: null as string | null,
  getNextPageParam: (page) => page.next_cursor ?? null,
});

export function useDepartments() {
  return useInfiniteQuery(departmentsQueryOptions);
}

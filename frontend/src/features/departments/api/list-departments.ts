import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { cursorPaging, cursorParam } from '@/lib/api/cursor-pages';
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
        params: { query: { limit: PAGE_SIZE, ...cursorParam(pageParam) } },
        signal,
      }),
    ),
  ...cursorPaging,
});

export function useDepartments() {
  return useInfiniteQuery(departmentsQueryOptions);
}

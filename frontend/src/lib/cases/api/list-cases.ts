import { infiniteQueryOptions, queryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { cursorPaging, cursorParam } from '@/lib/api/cursor-pages';
import { unwrap } from '@/lib/api/problem';
import type { CaseState } from '@/lib/api/types';
import { caseKeys, type CaseFilters } from '@/lib/query-keys';

export type { CaseFilters };

const PAGE_SIZE = 50;

/** GET /api/v1/cases — the cases the caller may see, newest first, page by page. */
export const casesQueryOptions = (filters: CaseFilters) =>
  infiniteQueryOptions({
    queryKey: caseKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/cases', {
          params: { query: { ...filters, limit: PAGE_SIZE, ...cursorParam(pageParam) } },
          signal,
        }),
      ),
    ...cursorPaging,
  });

export function useCases(filters: CaseFilters) {
  return useInfiniteQuery(casesQueryOptions(filters));
}

/** The first `limit` cases in `state`: a work queue's card. */
export const caseQueueQueryOptions = (state: CaseState, limit = 20) =>
  queryOptions({
    queryKey: caseKeys.queue(state, limit),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases', { params: { query: { state, limit } }, signal })),
  });

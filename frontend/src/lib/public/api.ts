/**
 * The public side's reads (no sign-in, `/api/v1/public/{tenant}/…`): the service's rules and
 * contacts, the catalog in force, an item's guide, the departments, the butler roster. They go
 * through the anonymous client: no token is sent, none is refreshed. The server answers with a
 * strong ETag and `Cache-Control: public, max-age=60`, so the browser revalidates cheaply.
 * The public shell and every public page (consultations, complaints) read the county from here.
 */
import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { publicApi } from '@/lib/api/client';
import { cursorPaging, cursorParam } from '@/lib/api/cursor-pages';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { JsonOk, PageItem, QueryOf } from '@/lib/api/types';
import { publicKeys } from '@/lib/query-keys';

export type PublicService = JsonOk<'/api/v1/public/{tenant}/service', 'get'>;
export type PublicItemSummary = PageItem<'/api/v1/public/{tenant}/items'>;
export type PublicItem = JsonOk<'/api/v1/public/{tenant}/items/{code}', 'get'>;
export type PublicDepartment = JsonOk<'/api/v1/public/{tenant}/departments', 'get'>[number];
export type PublicRoster = JsonOk<'/api/v1/public/{tenant}/roster', 'get'>;
export type PublicItemQuery = Omit<QueryOf<'/api/v1/public/{tenant}/items', 'get'>, 'limit' | 'cursor'>;

const PAGE_SIZE = 20;

/** A 404 (unknown county, one that does not publish, a missing item) is not worth retrying. */
const retry = (failures: number, error: unknown) =>
  !(error instanceof ApiError && (error.status === 404 || error.status === 429)) && failures < 2;

export const publicServiceQuery = (tenant: string) =>
  queryOptions({
    queryKey: publicKeys.service(tenant),
    queryFn: ({ signal }) =>
      unwrap(publicApi.GET('/api/v1/public/{tenant}/service', { params: { path: { tenant } }, signal })),
    retry,
    staleTime: 60_000,
  });

export function usePublicService(tenant: string) {
  return useQuery(publicServiceQuery(tenant));
}

export function usePublicItems(tenant: string, filters: PublicItemQuery) {
  return useInfiniteQuery(
    infiniteQueryOptions({
      queryKey: publicKeys.items(tenant, filters),
      queryFn: ({ pageParam, signal }) =>
        unwrap(
          publicApi.GET('/api/v1/public/{tenant}/items', {
            params: { path: { tenant }, query: { ...filters, limit: PAGE_SIZE, ...cursorParam(pageParam) } },
            signal,
          }),
        ),
      ...cursorPaging,
      retry,
      staleTime: 60_000,
    }),
  );
}

export function usePublicItem(tenant: string, code: string) {
  return useQuery({
    queryKey: publicKeys.item(tenant, code),
    queryFn: ({ signal }) =>
      unwrap(
        publicApi.GET('/api/v1/public/{tenant}/items/{code}', { params: { path: { tenant, code } }, signal }),
      ),
    retry,
    staleTime: 60_000,
  });
}

export function usePublicDepartments(tenant: string) {
  return useQuery({
    queryKey: publicKeys.departments(tenant),
    queryFn: ({ signal }) =>
      unwrap(publicApi.GET('/api/v1/public/{tenant}/departments', { params: { path: { tenant } }, signal })),
    retry,
    staleTime: 60_000,
  });
}

export function usePublicRoster(tenant: string) {
  return useQuery({
    queryKey: publicKeys.roster(tenant),
    queryFn: ({ signal }) =>
      unwrap(publicApi.GET('/api/v1/public/{tenant}/roster', { params: { path: { tenant } }, signal })),
    retry,
    staleTime: 60_000,
  });
}

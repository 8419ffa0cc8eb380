/** The platform's counties: list, read, create (the first administrator's password answered once), rename, suspend, reinstate. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk } from '@/lib/api/types';
import { countyKeys } from './query-keys';

export type County = JsonOk<'/api/v1/platform/counties/{code}', 'get'>;
export type CountyIn = JsonBody<'/api/v1/platform/counties', 'post'>;
export type CountyCreated = JsonOk<'/api/v1/platform/counties', 'post'>;

export const countiesQueryOptions = () =>
  queryOptions({
    queryKey: countyKeys.list(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/platform/counties', { signal })),
  });

export function useCounties() {
  return useQuery(countiesQueryOptions());
}

export const countyQueryOptions = (code: string) =>
  queryOptions({
    queryKey: countyKeys.detail(code),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/platform/counties/{code}', { params: { path: { code } }, signal })),
  });

export function useCounty(code: string) {
  return useQuery(countyQueryOptions(code));
}

/** Every mutation of a county answers the county: it replaces the cached one, and the list refetches. */
function useCountyChanged() {
  const queryClient = useQueryClient();
  return (county: County) => {
    queryClient.setQueryData(countyKeys.detail(county.code), county);
    return queryClient.invalidateQueries({ queryKey: countyKeys.list() });
  };
}

/** POST /api/v1/platform/counties: the county, its first administrator and the initial password, shown this once. */
export function useCreateCounty() {
  const changed = useCountyChanged();
  return useMutation({
    mutationFn: (body: CountyIn) => unwrap(api.POST('/api/v1/platform/counties', { body })),
    onSuccess: (created) => changed(created.county),
  });
}

export function useRenameCounty(code: string) {
  const changed = useCountyChanged();
  return useMutation({
    mutationFn: (name: string) =>
      unwrap(api.PATCH('/api/v1/platform/counties/{code}', { params: { path: { code } }, body: { name } })),
    onSuccess: changed,
  });
}

/** Suspends (`suspend`) or reinstates (`reinstate`) the county, with a reason. */
export function useChangeStanding(code: string) {
  const changed = useCountyChanged();
  return useMutation({
    mutationFn: ({ to, reason }: { to: 'suspend' | 'reinstate'; reason: string }) =>
      to === 'suspend'
        ? unwrap(api.POST('/api/v1/platform/counties/{code}/suspend', { params: { path: { code } }, body: { reason } }))
        : unwrap(api.POST('/api/v1/platform/counties/{code}/reinstate', { params: { path: { code } }, body: { reason } })),
    onSuccess: changed,
  });
}

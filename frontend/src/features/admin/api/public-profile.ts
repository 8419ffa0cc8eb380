/**
 * What the county publishes without a sign-in (公开设置), for the administrator: the public
 * profile (contacts, rules, whether it publishes, how much of the roster shows) and who is on
 * the published butler roster.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonOk, Schema } from '@/lib/api/types';
import { publicKeys, publicProfileKeys } from '@/lib/query-keys';

export type PublicProfile = JsonOk<'/api/v1/admin/public-profile', 'get'>;
export type PublicProfileIn = Schema<'PublicProfileIn'>;
export type RosterEntry = JsonOk<'/api/v1/admin/public-roster', 'get'>[number];

/** GET /api/v1/admin/public-profile */
export const publicProfileQueryOptions = () =>
  queryOptions({
    queryKey: publicProfileKeys.profile(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/public-profile', { signal })),
  });

export function usePublicProfile() {
  return useQuery(publicProfileQueryOptions());
}

/** PUT /api/v1/admin/public-profile: replaces the whole profile. */
export function useUpdatePublicProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PublicProfileIn) => unwrap(api.PUT('/api/v1/admin/public-profile', { body })),
    onSuccess: (saved) => {
      queryClient.setQueryData(publicProfileKeys.profile(), saved);
      void queryClient.invalidateQueries({ queryKey: publicKeys.all });
    },
  });
}

/** GET /api/v1/admin/public-roster */
export function useRosterEntries() {
  return useQuery({
    queryKey: publicProfileKeys.roster(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/public-roster', { signal })),
  });
}

/** PUT /api/v1/admin/public-roster/{user_id}: takes a butler off the roster or puts them back. */
export function useSetRosterListing() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, listed }: { userId: string; listed: boolean }) =>
      unwrap(
        api.PUT('/api/v1/admin/public-roster/{user_id}', { params: { path: { user_id: userId } }, body: { listed } }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: publicProfileKeys.roster() });
      void queryClient.invalidateQueries({ queryKey: publicKeys.all });
    },
  });
}

/** The signed-in official's notification channels per topic. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { PreferencesIn } from '../utils/integrations';
import { preferenceKeys } from './query-keys';

export const preferencesQueryOptions = () =>
  queryOptions({
    queryKey: preferenceKeys.mine(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/me/notification-preferences', { signal })),
  });

export function usePreferences() {
  return useQuery(preferencesQueryOptions());
}

/** PUT /api/v1/me/notification-preferences: the answer replaces the cached preferences. */
export function useSavePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PreferencesIn) => unwrap(api.PUT('/api/v1/me/notification-preferences', { body })),
    onSuccess: (preferences) => queryClient.setQueryData(preferenceKeys.mine(), preferences),
  });
}

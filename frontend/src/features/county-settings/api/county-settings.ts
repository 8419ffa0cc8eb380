/**
 * A county's settings (县级配置) and their history: the caller's own county through
 * `/tenant/settings`, or, given a county's code, the platform administrator's
 * `/platform/counties/{code}/settings`.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { Schema } from '@/lib/api/types';
import { analyticsRoot, sessionKeys } from '@/lib/query-keys';
import { countySettingsKeys } from './query-keys';

export type CountySettingsOut = Schema<'CountySettingsOut'>;
export type CountySettingsIn = Schema<'CountySettingsIn'>;
export type SettingsVersion = Schema<'SettingsVersionOut'>;

const OWN = 'own';

/** GET the settings in force. */
export const countySettingsQueryOptions = (county?: string) =>
  queryOptions({
    queryKey: countySettingsKeys.current(county ?? OWN),
    queryFn: ({ signal }) =>
      county
        ? unwrap(api.GET('/api/v1/platform/counties/{code}/settings', { params: { path: { code: county } }, signal }))
        : unwrap(api.GET('/api/v1/tenant/settings', { signal })),
  });

export function useCountySettings(county?: string) {
  return useQuery(countySettingsQueryOptions(county));
}

/** GET every version, newest first. */
export function useCountySettingsHistory(county?: string) {
  return useQuery({
    queryKey: countySettingsKeys.history(county ?? OWN),
    queryFn: ({ signal }) =>
      county
        ? unwrap(
            api.GET('/api/v1/platform/counties/{code}/settings/history', { params: { path: { code: county } }, signal }),
          )
        : unwrap(api.GET('/api/v1/tenant/settings/history', { signal })),
  });
}

/** PUT a new version (412 when another version came first). */
export function useSaveCountySettings(county?: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CountySettingsIn) =>
      county
        ? unwrap(api.PUT('/api/v1/platform/counties/{code}/settings', { params: { path: { code: county } }, body }))
        : unwrap(api.PUT('/api/v1/tenant/settings', { body })),
    onSuccess: (saved) => {
      client.setQueryData(countySettingsKeys.current(county ?? OWN), saved);
      void client.invalidateQueries({ queryKey: countySettingsKeys.history(county ?? OWN) });
      if (!county) {
        // The tenant's threshold and target, and the forecasts against the target.
        void client.invalidateQueries({ queryKey: sessionKeys.tenant });
        void client.invalidateQueries({ queryKey: analyticsRoot });
      }
    },
  });
}

/** The administrator's message channels: settings (secrets write-only) and a test message. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody } from '@/lib/api/types';
import type { ChannelSettingsIn, SettingChannel } from '../utils/integrations';
import { channelKeys } from './query-keys';

export type ChannelTestIn = JsonBody<'/api/v1/admin/channels/{channel}/test', 'post'>;

/** GET /api/v1/admin/channels/{channel}. */
export const channelQueryOptions = (channel: SettingChannel) =>
  queryOptions({
    queryKey: channelKeys.detail(channel),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/admin/channels/{channel}', { params: { path: { channel } }, signal })),
  });

export function useChannelSettings(channel: SettingChannel) {
  return useQuery(channelQueryOptions(channel));
}

/** PUT /api/v1/admin/channels/{channel}: the answer replaces the cached settings. */
export function useSaveChannel(channel: SettingChannel) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChannelSettingsIn) =>
      unwrap(api.PUT('/api/v1/admin/channels/{channel}', { params: { path: { channel } }, body })),
    onSuccess: (settings) => queryClient.setQueryData(channelKeys.detail(channel), settings),
  });
}

/** POST /api/v1/admin/channels/{channel}/test: what the test message came to. */
export function useTestChannel(channel: SettingChannel) {
  return useMutation({
    mutationFn: (body: ChannelTestIn) =>
      unwrap(api.POST('/api/v1/admin/channels/{channel}/test', { params: { path: { channel } }, body })),
  });
}

import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk, PageItem } from '@/lib/api/types';
import { meetingKeys, type MeetingActionFilters, type MeetingFilters } from './query-keys';

export type MeetingOut = PageItem<'/api/v1/meetings'>;
export type MeetingDetail = JsonOk<'/api/v1/meetings/{id}', 'get'>;
export type MeetingActionOut = PageItem<'/api/v1/meeting-actions'>;
export type MeetingIn = JsonBody<'/api/v1/meetings', 'post'>;
export type MinutesIn = JsonBody<'/api/v1/meetings/{id}/minutes', 'post'>;

/** GET /api/v1/meetings: pages of 50, newest first. */
export function useMeetings(filters: MeetingFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: meetingKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/meetings', {
          params: { query: { ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

/** GET /api/v1/meetings/{id}: one meeting with its decisions and actions. */
export function useMeeting(id: string | null) {
  return useQuery({
    queryKey: meetingKeys.detail(id ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/meetings/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

/** GET /api/v1/meeting-actions: pages of 50, the earliest decided first. */
export function useMeetingActions(filters: MeetingActionFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: meetingKeys.actionList(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/meeting-actions', {
          params: { query: { ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type MeetingCommand =
  | { command: 'convene'; body: MeetingIn }
  | { command: 'edit'; id: string; version: number; body: MeetingIn }
  | { command: 'minutes'; id: string; version: number; body: MinutesIn }
  | { command: 'close'; id: string; version: number }
  | { command: 'cancel'; id: string; version: number; reason: string };

function send(c: MeetingCommand) {
  if (c.command === 'convene') return unwrap(api.POST('/api/v1/meetings', { body: c.body }));
  const params = { path: { id: c.id }, header: { 'If-Match': `"${c.version}"` } };
  switch (c.command) {
    case 'edit':
      return unwrap(api.PUT('/api/v1/meetings/{id}', { params, body: c.body }));
    case 'minutes':
      return unwrap(api.POST('/api/v1/meetings/{id}/minutes', { params, body: c.body }));
    case 'close':
      return unwrap(api.POST('/api/v1/meetings/{id}/close', { params }));
    case 'cancel':
      return unwrap(api.POST('/api/v1/meetings/{id}/cancel', { params, body: { reason: c.reason } }));
  }
}

/** The office's commands on meetings; the lists, the detail and the actions are read again. */
export function useMeetingCommand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (data) => {
      queryClient.setQueryData(meetingKeys.detail(data.id), data);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: meetingKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: meetingKeys.actions() }),
      ]);
    },
  });
}

/** Completes or drops an action (its department or the office). */
export function useSettleAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, drop, note }: { id: string; version: number; drop: boolean; note: string }) => {
      const params = { path: { id }, header: { 'If-Match': `"${version}"` } };
      return drop
        ? unwrap(api.POST('/api/v1/meeting-actions/{id}/drop', { params, body: { note } }))
        : unwrap(api.POST('/api/v1/meeting-actions/{id}/complete', { params, body: { note } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: meetingKeys.all }),
  });
}

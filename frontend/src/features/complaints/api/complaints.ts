import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk, PageItem } from '@/lib/api/types';
import { complaintKeys, type ComplaintFilters } from './query-keys';

export type ComplaintOut = PageItem<'/api/v1/complaints'>;
export type ComplaintDetail = JsonOk<'/api/v1/complaints/{id}', 'get'>;

/** GET /api/v1/complaints: pages of 50, newest first, phones masked. */
export function useComplaints(filters: ComplaintFilters) {
  return useInfiniteQuery({
    queryKey: complaintKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/complaints', {
          params: { query: { ...filters, limit: 50, ...(pageParam ? { cursor: pageParam } : {}) } },
          signal,
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** GET /api/v1/complaints/{id}: one complaint with its timeline. */
export function useComplaint(id: string | null) {
  return useQuery({
    queryKey: complaintKeys.detail(id ?? ''),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/complaints/{id}', { params: { path: { id: id ?? '' } }, signal })),
    enabled: Boolean(id),
  });
}

export type ComplaintCommand =
  | { command: 'assign'; body: JsonBody<'/api/v1/complaints/{id}/assign', 'post'> }
  | { command: 'reply'; body: JsonBody<'/api/v1/complaints/{id}/reply', 'post'> }
  | { command: 'reject'; body: JsonBody<'/api/v1/complaints/{id}/reject', 'post'> }
  | { command: 'close' };

function send(id: string, version: number, c: ComplaintCommand) {
  const params = { path: { id }, header: { 'If-Match': `"${version}"` } };
  switch (c.command) {
    case 'assign':
      return unwrap(api.POST('/api/v1/complaints/{id}/assign', { params, body: c.body }));
    case 'reply':
      return unwrap(api.POST('/api/v1/complaints/{id}/reply', { params, body: c.body }));
    case 'reject':
      return unwrap(api.POST('/api/v1/complaints/{id}/reject', { params, body: c.body }));
    case 'close':
      return unwrap(api.POST('/api/v1/complaints/{id}/close', { params }));
  }
}

/** The office's and the assignee's commands; the list and the detail are read again. */
export function useComplaintCommand() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version, command }: { id: string; version: number; command: ComplaintCommand }) =>
      send(id, version, command),
    onSuccess: (data) => {
      queryClient.setQueryData(complaintKeys.detail(data.id), data);
      return queryClient.invalidateQueries({ queryKey: complaintKeys.lists() });
    },
  });
}

/**
 * Rectifications (整改) that bad reviews open: the case's list and the written reply (书面答复),
 * given once by the office or the leader of the department reviewed.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk } from '@/lib/api/types';
import { caseKeys, notificationKeys } from '@/lib/query-keys';

export type Rectification = JsonOk<'/api/v1/cases/{id}/rectifications', 'get'>[number];
export type RectificationReplyIn = JsonBody<'/api/v1/rectifications/{id}/reply', 'post'>;

/** GET /api/v1/cases/{id}/rectifications: oldest first, with their replies. */
export const rectificationsQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: caseKeys.rectifications(caseId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{id}/rectifications', { params: { path: { id: caseId } }, signal })),
  });

export function useRectifications(caseId: string, enabled = true) {
  return useQuery({ ...rectificationsQueryOptions(caseId), enabled });
}

/** POST /api/v1/rectifications/{id}/reply. */
export function useReplyRectification() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; caseId: string; body: RectificationReplyIn }) =>
      unwrap(api.POST('/api/v1/rectifications/{id}/reply', { params: { path: { id } }, body })),
    onSuccess: (_answered, { caseId }) =>
      // The reply closes the rectification's deadline: its reminders and the leader's
      // notifications change with it, besides the case's history.
      Promise.all([
        queryClient.invalidateQueries({ queryKey: caseKeys.rectifications(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) }),
        queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
        queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
      ]),
    // 409: it was answered meanwhile; show that answer.
    onError: (error, { caseId }) => {
      if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: caseKeys.rectifications(caseId) });
      }
    },
  });
}

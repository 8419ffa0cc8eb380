/**
 * Follow-up visits (回访) of a closed case: the list, scheduling one and recording how it went
 * (the office only; the server refuses anyone else with 403).
 */
import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk } from '@/lib/api/types';
import { caseKeys } from '@/lib/query-keys';

export type FollowUp = JsonOk<'/api/v1/cases/{id}/follow-ups', 'get'>[number];
export type FollowUpIn = JsonBody<'/api/v1/cases/{id}/follow-ups', 'post'>;
export type FollowUpRecordIn = JsonBody<'/api/v1/cases/{id}/follow-ups/{follow_up_id}/record', 'post'>;

/** GET /api/v1/cases/{id}/follow-ups: the visits, earliest first. */
export const followUpsQueryOptions = (caseId: string) =>
  queryOptions({
    queryKey: caseKeys.followUps(caseId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{id}/follow-ups', { params: { path: { id: caseId } }, signal })),
  });

export function useFollowUps(caseId: string, enabled = true) {
  return useQuery({ ...followUpsQueryOptions(caseId), enabled });
}

/**
 * A visit changes the case's history (the event and who did it) and its chain head, so the
 * visits, the history and the case itself are read again.
 */
function invalidateVisits(queryClient: QueryClient, caseId: string) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: caseKeys.followUps(caseId) }),
    queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) }),
    queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) }),
  ]);
}

/** POST /api/v1/cases/{id}/follow-ups: plans a visit (the case must be completed, terminated or archived). */
export function useScheduleFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ caseId, body }: { caseId: string; body: FollowUpIn }) =>
      unwrap(api.POST('/api/v1/cases/{id}/follow-ups', { params: { path: { id: caseId } }, body })),
    onSuccess: (_visit, { caseId }) => invalidateVisits(queryClient, caseId),
  });
}

/** POST /api/v1/cases/{id}/follow-ups/{follow_up_id}/record: what the visit found, once. */
export function useRecordFollowUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ caseId, followUpId, body }: { caseId: string; followUpId: string; body: FollowUpRecordIn }) =>
      unwrap(
        api.POST('/api/v1/cases/{id}/follow-ups/{follow_up_id}/record', {
          params: { path: { id: caseId, follow_up_id: followUpId } },
          body,
        }),
      ),
    onSuccess: (_visit, { caseId }) => invalidateVisits(queryClient, caseId),
    // 409: someone recorded it meanwhile; show their record.
    onError: (error, { caseId }) => {
      if (error instanceof ApiError && error.status === 409) void invalidateVisits(queryClient, caseId);
    },
  });
}

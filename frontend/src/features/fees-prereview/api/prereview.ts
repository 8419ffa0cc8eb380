import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk } from '@/lib/api/types';
import { preReviewKeys } from './query-keys';

export type CasePreReview = JsonOk<'/api/v1/cases/{id}/prereview', 'get'>;
export type PreReview = NonNullable<CasePreReview['current']>;
export type OpinionIn = JsonBody<'/api/v1/cases/{id}/prereview/opinion', 'put'>;
export type Gap = OpinionIn['gaps'] extends (infer G)[] | undefined ? G : never;

/** GET /api/v1/cases/{id}/prereview: the last round, its opinions and what the caller may do. */
export function useCasePreReview(caseId: string) {
  return useQuery({
    queryKey: preReviewKeys.case(caseId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{id}/prereview', { params: { path: { id: caseId } }, signal })),
  });
}

/** GET /api/v1/tasks/{id}/prereview-gaps: what the sheet starts from. */
export function useTaskGaps(taskId: string) {
  return useQuery({
    queryKey: preReviewKeys.taskGaps(taskId),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/tasks/{id}/prereview-gaps', { params: { path: { id: taskId } }, signal })),
  });
}

export type PreReviewCommand = { command: 'open' } | { command: 'close' } | { command: 'opinion'; body: OpinionIn };

function send(caseId: string, c: PreReviewCommand) {
  const params = { path: { id: caseId } };
  switch (c.command) {
    case 'open':
      return unwrap(api.POST('/api/v1/cases/{id}/prereview', { params }));
    case 'close':
      return unwrap(api.POST('/api/v1/cases/{id}/prereview/close', { params }));
    case 'opinion':
      return unwrap(api.PUT('/api/v1/cases/{id}/prereview/opinion', { params, body: c.body }));
  }
}

/** Opens, answers or closes the case's pre-review; the answer replaces the cached one. */
export function usePreReviewCommand(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: PreReviewCommand) => send(caseId, command),
    onSuccess: (data) => {
      queryClient.setQueryData(preReviewKeys.case(caseId), data);
      return queryClient.invalidateQueries({ queryKey: preReviewKeys.all });
    },
  });
}

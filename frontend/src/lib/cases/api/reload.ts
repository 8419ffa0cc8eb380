import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { caseKeys, taskKeys } from '@/lib/query-keys';

/** The record an action was taken on: a case, or one of its task sheets. */
export interface ActionRecord {
  caseId: string;
  taskId?: string;
}

/**
 * Reads the record on screen again, by key, when it turned out stale (412 `version_mismatch`,
 * 409 `invalid_transition`) or when the user asks: the case with its history, visits,
 * rectifications, evaluations and materials checklist, and the sheet when there is one. Whatever shows them
 * refetches; nothing is passed down to do it. (After a successful action the mutation hooks
 * invalidate what changed themselves.)
 */
export function useReloadRecord() {
  const queryClient = useQueryClient();
  return useCallback(
    ({ caseId, taskId }: ActionRecord) =>
      Promise.all(
        [
          caseKeys.detail(caseId),
          caseKeys.timeline(caseId),
          caseKeys.followUps(caseId),
          caseKeys.rectifications(caseId),
          caseKeys.evaluations(caseId),
          caseKeys.materials(caseId),
          ...(taskId ? [taskKeys.detail(taskId)] : []),
        ].map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ),
    [queryClient],
  );
}

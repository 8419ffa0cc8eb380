/** The legal-fee and pre-review query keys (their own area; the shared ones are in lib/query-keys.ts). */
export const feeKeys = {
  all: ['legal-fees'] as const,
  case: (caseId: string) => [...feeKeys.all, 'case', caseId] as const,
  task: (taskId: string) => [...feeKeys.all, 'task', taskId] as const,
};

export const preReviewKeys = {
  all: ['prereview'] as const,
  case: (caseId: string) => [...preReviewKeys.all, 'case', caseId] as const,
  taskGaps: (taskId: string) => [...preReviewKeys.all, 'task-gaps', taskId] as const,
};

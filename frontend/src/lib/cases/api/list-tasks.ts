import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { QueueName } from '../types';
import { taskKeys } from '@/lib/query-keys';

export interface TaskQueueFilters {
  queue: QueueName;
  caseId?: string;
  withinHours?: number;
}

/** GET /api/v1/tasks — one work queue of task sheets, by deadline (first `limit` sheets). */
export const taskQueueQueryOptions = ({ queue, caseId, withinHours }: TaskQueueFilters, limit = 50) =>
  queryOptions({
    queryKey: taskKeys.queue({ queue, caseId, withinHours }, limit),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET('/api/v1/tasks', {
          params: {
            query: {
              queue,
              limit,
              ...(caseId ? { case_id: caseId } : {}),
              ...(withinHours ? { within_hours: withinHours } : {}),
            },
          },
          signal,
        }),
      ),
  });

export function useTaskQueue(filters: TaskQueueFilters, limit = 50) {
  return useQuery(taskQueueQueryOptions(filters, limit));
}

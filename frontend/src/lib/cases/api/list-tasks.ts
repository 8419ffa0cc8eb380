import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { QueueName, Task } from '../types';

export interface TaskQueueFilters {
  queue: QueueName;
  caseId?: string;
  withinHours?: number;
}

/** GET /api/v1/tasks — one work queue of task sheets, by deadline (first `limit` sheets). */
export const taskQueueQueryOptions = ({ queue, caseId, withinHours }: TaskQueueFilters, limit = 50) =>
  queryOptions({
    queryKey: ['tasks', 'queue', queue, caseId ?? null, withinHours ?? null, limit],
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

/** Every sheet of a queue, all pages (at most `maxPages` of 200): for statistics. */
export const allTasksQueryOptions = (queue: QueueName, maxPages = 25) =>
  queryOptions({
    queryKey: ['tasks', 'all-pages', queue, maxPages],
    queryFn: async ({ signal }) => {
      const tasks: Task[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < maxPages; page += 1) {
        const result: { items: Task[]; next_cursor?: string | null } = await unwrap(
          api.GET('/api/v1/tasks', {
            params: { query: { queue, limit: 200, ...(cursor ? { cursor } : {}) } },
            signal,
          }),
        );
        tasks.push(...result.items);
        cursor = result.next_cursor ?? null;
        if (!cursor) return { tasks, complete: true };
      }
      return { tasks, complete: false };
    },
  });

export function useAllTasks(queue: QueueName) {
  return useQuery(allTasksQueryOptions(queue));
}

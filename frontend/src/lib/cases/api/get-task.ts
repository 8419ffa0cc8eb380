import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { taskKeys } from '@/lib/query-keys';

/** GET /api/v1/tasks/{id}: one task sheet with its clock and the caller's allowed actions. */
export const taskQueryOptions = (id: string) =>
  queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/tasks/{id}', { params: { path: { id } }, signal })),
  });

export function useTask(id: string | undefined) {
  return useQuery({ ...taskQueryOptions(id ?? ''), enabled: Boolean(id) });
}

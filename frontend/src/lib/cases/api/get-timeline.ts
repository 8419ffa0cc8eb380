import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonOk } from '@/lib/api/types';
import { caseKeys } from '@/lib/query-keys';

type Timeline = JsonOk<'/api/v1/cases/{id}/timeline', 'get'>;

/** GET /api/v1/cases/{id}/timeline: the tamper-evident history and its verification. */
export const timelineQueryOptions = (id: string) =>
  queryOptions({
    queryKey: caseKeys.timeline(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{id}/timeline', { params: { path: { id } }, signal })),
  });

export function useTimeline(id: string | undefined) {
  return useQuery({ ...timelineQueryOptions(id ?? ''), enabled: Boolean(id) });
}

/** GET /api/v1/cases/{id}/history/verification: checks the SM3 chain again, now. */
export function useVerifyHistory(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api.GET('/api/v1/cases/{id}/history/verification', { params: { path: { id } } })),
    onSuccess: (verification) => {
      queryClient.setQueryData<Timeline>(caseKeys.timeline(id), (old) => (old ? { ...old, verification } : old));
    },
  });
}

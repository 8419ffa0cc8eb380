import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody } from '@/lib/api/types';
import { supervisionKeys } from './query-keys';

/** GET /api/v1/supervision-notices: the latest notices (督办通知), newest first. */
export function useSupervisionNotices(enabled: boolean) {
  return useQuery({
    queryKey: supervisionKeys.notices,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/supervision-notices', { params: { query: { limit: 20 } }, signal })),
    enabled,
  });
}

/** POST /api/v1/supervision-notices: the office chases a sheet, a department or a case. */
export function useIssueNotice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: JsonBody<'/api/v1/supervision-notices', 'post'>) =>
      unwrap(api.POST('/api/v1/supervision-notices', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: supervisionKeys.notices }),
  });
}

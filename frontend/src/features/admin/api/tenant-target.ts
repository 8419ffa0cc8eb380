import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { analyticsRoot, sessionKeys } from '@/lib/query-keys';

/** PUT /api/v1/tenant/target: the admin sets the county's target in working days. */
export function useSetTarget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (days: number) => unwrap(api.PUT('/api/v1/tenant/target', { body: { target_working_days: days } })),
    onSuccess: (tenant) => {
      client.setQueryData(sessionKeys.tenant, tenant);
      // The forecasts against the target are the supervision page's analytics.
      void client.invalidateQueries({ queryKey: analyticsRoot });
    },
  });
}

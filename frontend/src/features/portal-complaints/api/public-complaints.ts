import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk } from '@/lib/api/types';
import { publicComplaintKeys } from './query-keys';

export type ComplaintIn = JsonBody<'/api/v1/public/{tenant}/complaints', 'post'>;
export type LodgedComplaint = JsonOk<'/api/v1/public/{tenant}/complaints', 'post'>;
export type PublicComplaint = JsonOk<'/api/v1/public/{tenant}/complaints/{tracking}', 'get'>;
export type SatisfactionIn = JsonBody<'/api/v1/public/{tenant}/complaints/{tracking}/satisfaction', 'post'>;

/** The follower's key: the tracking number, and the mobile's last four digits (sent as a header). */
export interface FollowKey {
  tenant: string;
  tracking: string;
  last4: string;
}

/** POST /api/v1/public/{tenant}/complaints: lodge a complaint, without an account. */
export function useLodgeComplaint(tenant: string) {
  return useMutation({
    mutationFn: (body: ComplaintIn) =>
      unwrap(api.POST('/api/v1/public/{tenant}/complaints', { params: { path: { tenant } }, body })),
  });
}

/** GET /api/v1/public/{tenant}/complaints/{tracking}: asked for when the follower submits the key. */
export function useFollowComplaint() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: FollowKey) =>
      unwrap(
        api.GET('/api/v1/public/{tenant}/complaints/{tracking}', {
          params: { path: { tenant: key.tenant, tracking: key.tracking }, header: { 'X-Mobile-Last4': key.last4 } },
        }),
      ),
    onSuccess: (data) => queryClient.setQueryData(publicComplaintKeys.followed(data.tracking_number), data),
  });
}

/** POST …/{tracking}/satisfaction: rate the reply (once per reply). */
export function useRateComplaint() {
  return useMutation({
    mutationFn: ({ key, body }: { key: FollowKey; body: SatisfactionIn }) =>
      unwrap(
        api.POST('/api/v1/public/{tenant}/complaints/{tracking}/satisfaction', {
          params: { path: { tenant: key.tenant, tracking: key.tracking }, header: { 'X-Mobile-Last4': key.last4 } },
          body,
        }),
      ),
  });
}

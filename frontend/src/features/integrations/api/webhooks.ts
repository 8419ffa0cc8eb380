/** Webhook subscriptions: list, create (secret answered once), change, rotate, delete. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { WebhookSubscriptionIn, WebhookSubscriptionPatch } from '../utils/integrations';
import { webhookKeys } from './query-keys';

export const webhooksQueryOptions = () =>
  queryOptions({
    queryKey: webhookKeys.list(),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/admin/webhooks', { signal })),
  });

export function useWebhooks() {
  return useQuery(webhooksQueryOptions());
}

function useInvalidateWebhooks() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: webhookKeys.all });
}

/** POST /api/v1/admin/webhooks: the subscription and its signing secret, shown this once. */
export function useCreateWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (body: WebhookSubscriptionIn) => unwrap(api.POST('/api/v1/admin/webhooks', { body })),
    onSuccess: invalidate,
  });
}

/** PATCH /api/v1/admin/webhooks/{id} (also switches it off and on). */
export function useUpdateWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: WebhookSubscriptionPatch }) =>
      unwrap(api.PATCH('/api/v1/admin/webhooks/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: invalidate,
  });
}

/** POST …/rotate-secret: a new secret, shown this once; the old one stops signing. */
export function useRotateWebhookSecret() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/admin/webhooks/{id}/rotate-secret', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

/** DELETE /api/v1/admin/webhooks/{id}. */
export function useDeleteWebhook() {
  const invalidate = useInvalidateWebhooks();
  return useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/admin/webhooks/{id}', { params: { path: { id } } })),
    onSuccess: invalidate,
  });
}

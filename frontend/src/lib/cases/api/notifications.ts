import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { cursorPaging, cursorParam } from '@/lib/api/cursor-pages';
import { unwrap } from '@/lib/api/problem';
import { notificationKeys } from '@/lib/query-keys';

/** GET /api/v1/notifications — the caller's notifications, newest first, with the unread count. */
export const notificationsQueryOptions = (unread = false) =>
  infiniteQueryOptions({
    queryKey: notificationKeys.list(unread),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/notifications', {
          params: { query: { limit: 30, ...(unread ? { unread } : {}), ...cursorParam(pageParam) } },
          signal,
        }),
      ),
    ...cursorPaging,
  });

export function useNotifications(unread = false) {
  return useInfiniteQuery(notificationsQueryOptions(unread));
}

/** POST /api/v1/notifications/{id}/read. */
export function useMarkNotificationRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

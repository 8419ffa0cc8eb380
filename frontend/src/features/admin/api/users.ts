/**
 * The administrator's user accounts: the list (filtered, page by page), a new account and
 * changes to one (PATCH: name, phone, experience, close/reopen, unlock, new password).
 */
import { infiniteQueryOptions, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { cursorPaging, cursorParam } from '@/lib/api/cursor-pages';
import { unwrap } from '@/lib/api/problem';
import type { QueryOf } from '@/lib/api/types';
import type { UserIn, UserPatch } from '../utils/user-form';
import { userKeys } from '@/lib/query-keys';

export type UserFilters = Omit<QueryOf<'/api/v1/users', 'get'>, 'limit' | 'cursor'>;

const PAGE_SIZE = 50;

/** GET /api/v1/users with the filters, 50 at a time (keyset cursor). */
export const userPagesQueryOptions = (filters: UserFilters) =>
  infiniteQueryOptions({
    queryKey: userKeys.pages(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET('/api/v1/users', {
          params: { query: { ...filters, limit: PAGE_SIZE, ...cursorParam(pageParam) } },
          signal,
        }),
      ),
    ...cursorPaging,
  });

export function useUserPages(filters: UserFilters) {
  return useInfiniteQuery(userPagesQueryOptions(filters));
}

/** Every list of users (this page's and the pickers' elsewhere) is read again after a change. */
function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: userKeys.all });
}

/** POST /api/v1/users (409 when the user name is taken). */
export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: UserIn) => unwrap(api.POST('/api/v1/users', { body })),
    onSuccess: invalidate,
  });
}

/** PATCH /api/v1/users/{id}. */
export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: UserPatch }) =>
      unwrap(api.PATCH('/api/v1/users/{id}', { params: { path: { id } }, body: patch })),
    onSuccess: invalidate,
  });
}

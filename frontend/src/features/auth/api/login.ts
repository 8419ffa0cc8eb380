import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody } from '@/lib/api/types';
import { meQueryOptions } from '@/lib/auth/me';
import { sessionStore } from '@/lib/auth/session-store';
import { sessionKeys } from '@/lib/query-keys';

export type LoginInput = JsonBody<'/api/v1/auth/login', 'post'>;

/** POST /api/v1/auth/login, then GET /api/v1/me: resolves the signed-in user. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: LoginInput) => {
      const grant = await unwrap(api.POST('/api/v1/auth/login', { body: input }));
      queryClient.removeQueries({ queryKey: sessionKeys.me });
      sessionStore.set(grant);
      return queryClient.fetchQuery(meQueryOptions);
    },
  });
}

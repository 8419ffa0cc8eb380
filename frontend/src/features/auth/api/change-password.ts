import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody } from '@/lib/api/types';
import { meQueryOptions } from '@/lib/auth/me';
import { sessionStore } from '@/lib/auth/session-store';

export type PasswordChangeInput = JsonBody<'/api/v1/me/password', 'post'>;

/**
 * POST /api/v1/me/password, then GET /api/v1/me. The change ends every session of the account,
 * this one included: the answer is the new session's token pair, kept at once.
 */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (input: PasswordChangeInput) => {
      const grant = await unwrap(api.POST('/api/v1/me/password', { body: input }));
      sessionStore.set(grant);
      return queryClient.fetchQuery({ ...meQueryOptions, staleTime: 0 });
    },
  });
}

import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '@/lib/api/client';
import { sessionStore } from './session-store';

/** Signs out: revokes the refresh token on the server (best effort), then forgets everything. */
export function useLogout() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    const session = sessionStore.get();
    if (session) {
      await api
        .POST('/api/v1/auth/logout', { body: { refresh_token: session.refreshToken } })
        .catch(() => undefined);
    }
    sessionStore.clear();
    queryClient.clear();
  }, [queryClient]);
}

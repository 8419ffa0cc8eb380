import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonBody, JsonOk } from '@/lib/api/types';
import { enterpriseKeys } from '@/lib/query-keys';

export type EnterpriseIn = JsonBody<'/api/v1/enterprises', 'post'>;
export type RegisteredEnterprise = JsonOk<'/api/v1/enterprises', 'post'>;

/** POST /api/v1/enterprises: registers an enterprise (409 when its credit code is taken). */
export function useCreateEnterprise() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EnterpriseIn) => unwrap(api.POST('/api/v1/enterprises', { body })),
    onSuccess: () => {
      // Searches made before now do not know it; the editor shows it without them.
      void queryClient.invalidateQueries({ queryKey: enterpriseKeys.searches() });
    },
  });
}

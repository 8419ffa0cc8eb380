import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

/** GET /api/v1/cases/{id}/dossier-check: what the file (一事一档) lacks before archiving. */
export function useDossierCheck(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'dossier-check', id],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{id}/dossier-check', { params: { path: { id } }, signal })),
    enabled,
  });
}

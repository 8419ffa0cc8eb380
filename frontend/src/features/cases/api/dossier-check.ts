import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { caseKeys } from '@/lib/query-keys';

/** GET /api/v1/cases/{id}/dossier-check: what the file (一事一档) lacks before archiving. */
export function useDossierCheck(id: string, enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.dossierCheck(id),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/cases/{id}/dossier-check', { params: { path: { id } }, signal })),
    enabled,
  });
}

import { api } from '@/lib/api/client';
import { saveAnswer } from '@/lib/api/download';

/**
 * GET /api/v1/cases/{id}/dossier: the case's whole file (一事一档) as a ZIP archive, saved
 * under the name the server gives it.
 */
export async function downloadDossier(id: string): Promise<void> {
  const answer = await api.GET('/api/v1/cases/{id}/dossier', { params: { path: { id } }, parseAs: 'blob' });
  await saveAnswer(answer, `dossier-${id}.zip`);
}

import { api } from '@/lib/api/client';
import { ApiError, parseProblem } from '@/lib/api/problem';

/** The file name a `Content-Disposition` header gives: `filename*` (RFC 5987) first. */
export function dispositionFileName(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed name: fall through to the plain one.
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(header);
  return plain?.[1] ? plain[1].trim() : fallback;
}

/**
 * GET /api/v1/cases/{id}/dossier: the case's whole file (一事一档) as a ZIP archive, saved
 * under the name the server gives it.
 */
export async function downloadDossier(id: string): Promise<void> {
  const { data, error, response } = await api.GET('/api/v1/cases/{id}/dossier', {
    params: { path: { id } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) throw new ApiError(response.status, parseProblem(error));
  const name = dispositionFileName(response.headers.get('Content-Disposition'), `dossier-${id}.zip`);
  const url = URL.createObjectURL(data);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    URL.revokeObjectURL(url);
  }
}

/**
 * Downloading a stored file (`GET /api/v1/files/{file_id}`). The API takes a bearer token, not
 * a cookie, so a plain link cannot fetch it: the bytes come through the typed client (token,
 * refresh, language) and are handed to the browser as a download under the file's own name.
 */
import { api } from './client';
import { ApiError, parseProblem } from './problem';

/**
 * The file name of a `Content-Disposition` header: `filename*` (RFC 5987, UTF-8) first, then
 * the plain `filename`; `null` when it names none.
 */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed escape: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(header);
  return (plain?.[1] ?? plain?.[2])?.trim() || null;
}

/** Fetches the file `fileId`; its bytes and the name to save it under. Throws `ApiError`. */
export async function fetchFile(fileId: string, fallbackName?: string): Promise<{ blob: Blob; name: string }> {
  const { data, error, response } = await api.GET('/api/v1/files/{file_id}', {
    params: { path: { file_id: fileId } },
    parseAs: 'blob',
  });
  if (!response.ok || !data) {
    let problem: unknown = error;
    if (error instanceof Blob) {
      try {
        problem = JSON.parse(await error.text());
      } catch {
        problem = null;
      }
    }
    throw new ApiError(response.status, parseProblem(problem));
  }
  const name = dispositionFileName(response.headers.get('Content-Disposition')) ?? fallbackName ?? fileId;
  return { blob: data, name };
}

/** Downloads the file `fileId` in the browser (a save, not a page to open). */
export async function downloadFile(fileId: string, fallbackName?: string): Promise<void> {
  const { blob, name } = await fetchFile(fileId, fallbackName);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // The click has handed the bytes to the browser; let it finish before letting go.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}

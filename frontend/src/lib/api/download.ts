/**
 * Files the API answers: the county's forms as Word files, exports as Excel workbooks, a case's
 * dossier, stored materials and approval documents. The API takes a bearer token, not a cookie,
 * so a plain link cannot fetch them: the bytes come through the typed client (token, refresh,
 * language) and are handed to the browser as a download under the name the server gives.
 */
import { api } from './client';
import { ApiError, parseProblem } from './problem';

/** The file name of a `Content-Disposition` header: its RFC 5987 `filename*`, else `filename`. */
export function fileNameOf(header: string | null, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended.trim());
    } catch {
      // A malformed encoding: fall back to the plain name.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/i.exec(header);
  return (plain?.[1] ?? plain?.[2])?.trim() || fallback;
}

/** Saves `blob` as a download named `fileName`. */
export function saveFile(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Let the browser take the file before the URL goes.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** What an API call for a file answered. */
export interface FileAnswer {
  data?: Blob;
  error?: unknown;
  response: Response;
}

/** The problem a file call answered instead of a file (its body came as a blob). */
async function problemOf({ error, response }: FileAnswer): Promise<ApiError> {
  let problem: unknown = error;
  if (error instanceof Blob) {
    try {
      problem = JSON.parse(await error.text());
    } catch {
      problem = null;
    }
  }
  return new ApiError(response.status, parseProblem(problem));
}

/** Saves a file the API answered; throws `ApiError` when it answered a problem instead. */
export async function saveAnswer(answer: FileAnswer, fallback: string): Promise<void> {
  if (!answer.response.ok || !answer.data) throw await problemOf(answer);
  saveFile(answer.data, fileNameOf(answer.response.headers.get('content-disposition'), fallback));
}

/** Fetches the stored file `fileId`: its bytes and the name to save it under. Throws `ApiError`. */
export async function fetchFile(fileId: string, fallbackName?: string): Promise<{ blob: Blob; name: string }> {
  const answer = await api.GET('/api/v1/files/{file_id}', {
    params: { path: { file_id: fileId } },
    parseAs: 'blob',
  });
  if (!answer.response.ok || !answer.data) throw await problemOf(answer);
  return { blob: answer.data, name: fileNameOf(answer.response.headers.get('Content-Disposition'), fallbackName ?? fileId) };
}

/** Downloads the stored file `fileId` in the browser (a save, not a page to open). */
export async function downloadFile(fileId: string, fallbackName?: string): Promise<void> {
  const { blob, name } = await fetchFile(fileId, fallbackName);
  saveFile(blob, name);
}

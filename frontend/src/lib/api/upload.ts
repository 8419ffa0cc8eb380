/**
 * Uploads (`multipart/form-data`) with progress. `fetch` reports no upload progress, so this
 * one helper sends them with XMLHttpRequest, as the typed client would: the page's origin, the
 * bearer token, the UI language; a 401 reads `/api/v1/me` through the client (whose middleware
 * refreshes the token pair, once, shared with every other request) and sends the file again.
 * Failures are the same `ApiError` as the client's.
 */
import { api } from './client';
import { ApiError, parseProblem } from './problem';
import type { paths } from './schema';
import type { JsonOk } from './types';
import { sessionStore } from '@/lib/auth/session-store';
import { currentLanguage } from '@/lib/i18n/languages';

/** The contract's multipart operations. */
export type UploadPath =
  | '/api/v1/cases/{case_id}/items/{item_id}/materials/{position}/uploads'
  | '/api/v1/tasks/{id}/documents';

type PathParams<P extends UploadPath> = NonNullable<paths[P]['post']>['parameters']['path'];

/** How far an upload is: bytes sent of bytes to send. */
export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface UploadOptions<P extends UploadPath> {
  path: P;
  params: PathParams<P>;
  /** The parts, in order (`valid_until` before `file`: the server reads no part after the file). */
  parts: [name: string, value: string | Blob, fileName?: string][];
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** `/a/{b}` with `{ b: 'x' }` → `/a/x`, each value encoded. */
export function fillPath(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`upload: no value for {${name}}`);
    return encodeURIComponent(String(value));
  });
}

/** Sends `parts` once with the token `token`; resolves the status and the parsed body. */
function send(url: string, form: FormData, token: string | undefined, options: Pick<UploadOptions<UploadPath>, 'onProgress' | 'signal'>) {
  return new Promise<{ status: number; body: unknown }>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    xhr.setRequestHeader('Accept-Language', currentLanguage());
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    // The same as a failed `fetch`: no answer came (`mapErrorToForm` calls it a network error).
    xhr.onerror = () => reject(new TypeError('upload failed: no answer'));
    xhr.onabort = () => reject(new DOMException('upload aborted', 'AbortError'));
    if (options.signal) {
      if (options.signal.aborted) {
        reject(new DOMException('upload aborted', 'AbortError'));
        return;
      }
      options.signal.addEventListener('abort', () => xhr.abort(), { once: true });
    }
    xhr.send(form);
  });
}

/** Uploads `parts` to the multipart operation `path`; resolves its JSON answer or throws `ApiError`. */
export async function upload<P extends UploadPath>(options: UploadOptions<P>): Promise<JsonOk<P, 'post'>> {
  const base = typeof location === 'undefined' ? '' : location.origin;
  const url = base + fillPath(options.path, options.params as Record<string, string | number>);
  const form = () => {
    const data = new FormData();
    for (const [name, value, fileName] of options.parts) {
      if (typeof value === 'string') data.append(name, value);
      else data.append(name, value, fileName);
    }
    return data;
  };
  const sentWith = sessionStore.get()?.accessToken;
  let answer = await send(url, form(), sentWith, options);
  if (answer.status === 401 && sentWith) {
    // The client's middleware refreshes a stale token (or ends the session) on this read.
    const me = await api.GET('/api/v1/me');
    const token = sessionStore.get()?.accessToken;
    if (me.response.ok && token) answer = await send(url, form(), token, options);
  }
  if (answer.status < 200 || answer.status >= 300) throw new ApiError(answer.status, parseProblem(answer.body));
  return answer.body as JsonOk<P, 'post'>;
}

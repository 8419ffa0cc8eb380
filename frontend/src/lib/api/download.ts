/**
 * Files the API makes (the county's forms as Word files, exports as Excel workbooks), saved
 * as the browser's downloads under the name the server gives them.
 */

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
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header);
  return plain?.[1] || fallback;
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
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What an API call for a file answered. */
export interface FileAnswer {
  data?: Blob;
  response: Response;
}

/** Saves a file the API answered; throws when it did not answer one. */
export function saveAnswer({ data, response }: FileAnswer, fallback: string) {
  if (!response.ok || !data) throw new Error(`download failed: HTTP ${response.status}`);
  saveFile(data, fileNameOf(response.headers.get('content-disposition'), fallback));
}

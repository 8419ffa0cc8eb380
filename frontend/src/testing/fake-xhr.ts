/** A stand-in for XMLHttpRequest (uploads), for tests: records each request and answers it as told. */
import { vi } from 'vitest';

export interface SentUpload {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: FormData;
}

/** How to answer a sent upload: the progress events to report first, then a status and JSON body. */
export interface UploadAnswer {
  progress?: [loaded: number, total: number][];
  status: number;
  body?: unknown;
  /** Hold the answer until `release()` is called (to look at the progress shown meanwhile). */
  hold?: boolean;
}

/**
 * Replaces `XMLHttpRequest` with a fake that answers each `send` with `answer(sent)`. Returns
 * the requests sent and `release()` for held answers.
 */
export function fakeXhr(answer: (sent: SentUpload) => UploadAnswer) {
  const sent: SentUpload[] = [];
  const held: (() => void)[] = [];

  class FakeXhr {
    status = 0;
    responseText = '';
    upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private request: SentUpload = { method: '', url: '', headers: {}, body: new FormData() };

    open(method: string, url: string) {
      this.request = { ...this.request, method, url };
    }

    setRequestHeader(name: string, value: string) {
      this.request.headers[name] = value;
    }

    abort() {
      this.onabort?.();
    }

    send(body: FormData) {
      this.request.body = body;
      sent.push(this.request);
      const a = answer(this.request);
      for (const [loaded, total] of a.progress ?? []) this.upload.onprogress?.({ lengthComputable: true, loaded, total });
      const finish = () => {
        this.status = a.status;
        this.responseText = a.body === undefined ? '' : JSON.stringify(a.body);
        this.onload?.();
      };
      if (a.hold) held.push(finish);
      else queueMicrotask(finish);
    }
  }

  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return {
    sent,
    release: () => {
      for (const finish of held.splice(0)) finish();
    },
  };
}

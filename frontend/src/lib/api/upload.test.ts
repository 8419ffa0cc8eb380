import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { fakeXhr } from '@/testing/fake-xhr';
import { fakeApi, jsonResponse } from '@/testing/test-utils';
import { fileNameOf } from './download';
import { ApiError } from './problem';
import { fillPath, upload } from './upload';

const path = '/api/v1/tasks/{id}/documents' as const;
const file = () => new File(['%PDF-1.4'], '批文.pdf', { type: 'application/pdf' });

describe('upload', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('fills and encodes the path', () => {
    expect(fillPath('/a/{case_id}/b/{position}', { case_id: 'x y', position: 2 })).toBe('/a/x%20y/b/2');
    expect(() => fillPath('/a/{id}', {})).toThrow();
  });

  it('sends the parts in order with the token and language, and reports progress', async () => {
    sessionStore.set({ access_token: 'token-1', refresh_token: 'r', expires_in: 900 });
    const xhr = fakeXhr(() => ({ progress: [[1, 4], [4, 4]], status: 201, body: { ok: true } }));
    const seen: number[] = [];
    const answer = await upload({
      path,
      params: { id: 'task-1' },
      parts: [['valid_until', '2027-12-31'], ['file', file(), '批文.pdf']],
      onProgress: ({ loaded }) => seen.push(loaded),
    });
    expect(answer).toEqual({ ok: true });
    expect(seen).toEqual([1, 4]);
    const [sent] = xhr.sent;
    expect(sent?.url.endsWith('/api/v1/tasks/task-1/documents')).toBe(true);
    expect(sent?.headers.Authorization).toBe('Bearer token-1');
    expect(sent?.headers['Accept-Language']).toBe('zh-CN');
    expect([...(sent?.body.keys() ?? [])]).toEqual(['valid_until', 'file']);
  });

  it('turns a problem answer into an ApiError with its field messages', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    fakeXhr(() => ({
      status: 413,
      body: { type: 'x', title: '文件过大', status: 413, code: 'payload_too_large', errors: [{ field: 'file', code: 'size', message: '超过 50 MB' }] },
    }));
    const failure = await upload({ path, params: { id: 't' }, parts: [['file', file()]] }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).status).toBe(413);
    expect((failure as ApiError).code).toBe('payload_too_large');
    expect((failure as ApiError).problem?.errors?.[0]?.message).toBe('超过 50 MB');
  });

  it('on a 401 lets the client refresh the token, then sends the file again once', async () => {
    sessionStore.set({ access_token: 'stale', refresh_token: 'refresh-1', expires_in: 900 });
    fakeApi((call) => {
      if (call.path === '/api/v1/auth/refresh') return jsonResponse(200, { access_token: 'fresh', refresh_token: 'refresh-2', expires_in: 900 });
      if (call.path === '/api/v1/me') {
        return call.headers.get('Authorization') === 'Bearer fresh'
          ? jsonResponse(200, { id: 'u', username: 'enterprise', display_name: '周晓明', role: 'enterprise', tenant: { code: 'example', name: '示例县' } })
          : jsonResponse(401, { type: 'x', title: 'Unauthorized', status: 401, code: 'unauthenticated' });
      }
      return jsonResponse(404, {});
    });
    const xhr = fakeXhr((sent) => (sent.headers.Authorization === 'Bearer fresh' ? { status: 201, body: { ok: 1 } } : { status: 401, body: {} }));
    expect(await upload({ path, params: { id: 't' }, parts: [['file', file()]] })).toEqual({ ok: 1 });
    expect(xhr.sent.map((s) => s.headers.Authorization)).toEqual(['Bearer stale', 'Bearer fresh']);
  });
});

describe('download file names', () => {
  it('prefers the UTF-8 name and falls back to the plain one', () => {
    expect(fileNameOf(`attachment; filename="v2.pdf"; filename*=UTF-8''%E8%90%A5%E4%B8%9A%E6%89%A7%E7%85%A7%20v2.pdf`, 'x')).toBe('营业执照 v2.pdf');
    expect(fileNameOf('attachment; filename="plain.pdf"', 'x')).toBe('plain.pdf');
    expect(fileNameOf('attachment; filename=bare.pdf', 'x')).toBe('bare.pdf');
    expect(fileNameOf(null, 'x.pdf')).toBe('x.pdf');
    expect(fileNameOf('attachment', 'x.pdf')).toBe('x.pdf');
  });
});

import createClient from 'openapi-fetch';
import { describe, expect, it, vi } from 'vitest';
import type { paths } from '@/lib/api/schema';
import { createAuthMiddleware, type RefreshFn } from './auth-middleware';
import { createSessionStore } from './session-store';

const ORIGIN = 'http://butler.test';

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

const unauthenticated = () =>
  json(401, { type: 'urn:butler:problem:unauthenticated', title: '未登录', status: 401, detail: '请重新登录。', code: 'unauthenticated' });

/**
 * A fake API: accepts the access tokens in `valid`, records what it received, answers
 * GET /me with a user and POST /logout with 204.
 */
function fakeServer(valid: Set<string>) {
  const seen: { path: string; auth: string | null; body: string }[] = [];
  const fetch = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    const auth = request.headers.get('Authorization');
    seen.push({ path, auth, body: await request.text() });
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (!auth || !valid.has(auth.replace(/^Bearer /, ''))) return unauthenticated();
    if (path === '/api/v1/auth/logout') return new Response(null, { status: 204 });
    return json(200, { id: 'u1', username: 'office', display_name: '办公室', role: 'office', tenant: { code: 'example', name: '示例县' } });
  });
  return { fetch, seen };
}

function setup(options: { refresh: RefreshFn; valid: string[] }) {
  const session = createSessionStore(null);
  session.set({ access_token: 'old-access', refresh_token: 'old-refresh', expires_in: 900 });
  const server = fakeServer(new Set(options.valid));
  const onSessionLost = vi.fn();
  const refresh = vi.fn(options.refresh);
  const client = createClient<paths>({ baseUrl: ORIGIN, fetch: server.fetch });
  client.use(createAuthMiddleware({ session, refresh, onSessionLost }));
  return { client, session, server, refresh, onSessionLost };
}

const grant = (n: number) => ({ access_token: `access-${n}`, refresh_token: `refresh-${n}`, expires_in: 900 });

describe('auth middleware', () => {
  it('attaches the bearer token', async () => {
    const { client, server, refresh } = setup({ refresh: async () => null, valid: ['old-access'] });
    const { data } = await client.GET('/api/v1/me');
    expect(data?.username).toBe('office');
    expect(server.seen[0]?.auth).toBe('Bearer old-access');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes once on 401 and retries the request, body included', async () => {
    const { client, session, server, refresh } = setup({ refresh: async () => grant(1), valid: ['access-1'] });
    const { response } = await client.POST('/api/v1/auth/logout', { body: { refresh_token: 'x' } });
    expect(response.status).toBe(204);
    expect(refresh).toHaveBeenCalledExactlyOnceWith('old-refresh');
    expect(server.seen.map((s) => s.auth)).toEqual(['Bearer old-access', 'Bearer access-1']);
    expect(server.seen[1]?.body).toBe('{"refresh_token":"x"}');
    expect(session.get()).toMatchObject({ accessToken: 'access-1', refreshToken: 'refresh-1' });
  });

  it('shares one refresh between concurrent 401s (refresh tokens rotate)', async () => {
    let calls = 0;
    const { client, refresh } = setup({
      refresh: async () => {
        calls += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return grant(calls);
      },
      valid: ['access-1'],
    });
    const results = await Promise.all([client.GET('/api/v1/me'), client.GET('/api/v1/me'), client.GET('/api/v1/me')]);
    expect(results.map((r) => r.response.status)).toEqual([200, 200, 200]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('retries with the current token, without refreshing again, when another request already refreshed', async () => {
    const { client, session, refresh, server } = setup({ refresh: async () => grant(9), valid: ['access-2'] });
    const pending = client.GET('/api/v1/me'); // sent with old-access
    session.set(grant(2)); // meanwhile, someone else refreshed
    const { response } = await pending;
    expect(response.status).toBe(200);
    expect(refresh).not.toHaveBeenCalled();
    expect(server.seen.at(-1)?.auth).toBe('Bearer access-2');
  });

  it('logs out when the refresh token is refused', async () => {
    const { client, session, onSessionLost, server } = setup({ refresh: async () => null, valid: [] });
    const { error, response } = await client.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(error).toMatchObject({ code: 'unauthenticated' });
    expect(session.get()).toBeNull();
    expect(onSessionLost).toHaveBeenCalledOnce();
    expect(server.seen).toHaveLength(1); // no retry without a new token
  });

  it('logs out when the retried request is refused too, and retries only once', async () => {
    const { client, session, onSessionLost, server, refresh } = setup({ refresh: async () => grant(1), valid: [] });
    const { response } = await client.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(refresh).toHaveBeenCalledOnce();
    expect(server.seen).toHaveLength(2);
    expect(session.get()).toBeNull();
    expect(onSessionLost).toHaveBeenCalledOnce();
  });

  it('keeps the session when the refresh cannot reach the server', async () => {
    const { client, session, onSessionLost } = setup({
      refresh: async () => {
        throw new TypeError('Failed to fetch');
      },
      valid: [],
    });
    const { response } = await client.GET('/api/v1/me');
    expect(response.status).toBe(401);
    expect(session.get()?.accessToken).toBe('old-access');
    expect(onSessionLost).not.toHaveBeenCalled();
  });

  it('sends no token with login and does not refresh when it fails', async () => {
    const { client, server, refresh } = setup({ refresh: async () => grant(1), valid: ['old-access'] });
    const { response } = await client.POST('/api/v1/auth/login', {
      body: { tenant: 'example', username: 'office', password: 'wrong' },
    });
    expect(response.status).toBe(401);
    expect(server.seen[0]?.auth).toBeNull();
    expect(refresh).not.toHaveBeenCalled();
  });
});

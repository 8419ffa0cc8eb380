/**
 * The one API client, typed from the contract (`schema.d.ts`, generated from
 * openapi/openapi.json). The app is served by the API server itself, so requests go to the
 * page's own origin.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { createAuthMiddleware, type RefreshFn } from '@/lib/auth/auth-middleware';
import { markSessionLost } from '@/lib/auth/session-lost';
import { sessionStore } from '@/lib/auth/session-store';
import { currentLanguage } from '@/lib/i18n/languages';
import type { paths } from './schema';

const baseUrl = typeof location === 'undefined' ? '' : location.origin;
// Look `fetch` up at call time so that tests can replace it.
const fetchAtCallTime = (request: Request) => globalThis.fetch(request);

/** Server messages (problem+json titles and details) come in the UI's language. */
export const languageMiddleware: Middleware = {
  onRequest({ request }) {
    request.headers.set('Accept-Language', currentLanguage());
    return request;
  },
};

/** A client without the bearer-token middleware, for the token endpoints themselves. */
const anonymousClient = createClient<paths>({ baseUrl, fetch: fetchAtCallTime });
anonymousClient.use(languageMiddleware);

/** The public side's client (`/api/v1/public/…`): no token sent, none refreshed. */
export const publicApi = anonymousClient;

const refreshWithServer: RefreshFn = async (refreshToken) => {
  const { data, response } = await anonymousClient.POST('/api/v1/auth/refresh', {
    body: { refresh_token: refreshToken },
  });
  if (response.ok && data) return data;
  // 5xx: the server is in trouble, not the token; keep the session and let the caller retry.
  if (response.status >= 500) throw new Error(`refresh failed: HTTP ${response.status}`);
  return null;
};

export const api = createClient<paths>({ baseUrl, fetch: fetchAtCallTime });
api.use(
  languageMiddleware,
  createAuthMiddleware({ session: sessionStore, refresh: refreshWithServer, onSessionLost: markSessionLost }),
);

/**
 * Bearer-token handling for the API client: attaches the access token, and on a 401 refreshes
 * the token pair once (single flight — refresh tokens rotate, so two parallel refreshes would
 * invalidate each other) and retries the request once. If the refresh is refused or the retried
 * request is still refused, the session is cleared and `onSessionLost` runs.
 */
import type { Middleware } from 'openapi-fetch';
import type { SessionStore, TokenGrant } from './session-store';

/** Asks the server for a new token pair. Resolves `null` when the server refuses the token. */
export type RefreshFn = (refreshToken: string) => Promise<TokenGrant | null>;

export interface AuthMiddlewareOptions {
  session: SessionStore;
  refresh: RefreshFn;
  /** Called once the session has been cleared after a refused refresh or retry. */
  onSessionLost?: () => void;
  /** Requests that must not carry the bearer token nor trigger a refresh (login, refresh). */
  isAnonymous?: (schemaPath: string) => boolean;
}

export interface Refresher {
  /** The new access token, or `null` when the server refused the refresh token. */
  refresh(refreshToken: string): Promise<string | null>;
}

/** Shares one in-flight refresh between every caller that asks while it runs. */
export function createRefresher(session: SessionStore, refresh: RefreshFn): Refresher {
  let inflight: Promise<string | null> | null = null;
  return {
    refresh(refreshToken) {
      if (!inflight) {
        inflight = refresh(refreshToken)
          .then((grant) => (grant ? session.set(grant).accessToken : null))
          .finally(() => {
            inflight = null;
          });
      }
      return inflight;
    },
  };
}

const ANONYMOUS_PATHS = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh']);

export function createAuthMiddleware(options: AuthMiddlewareOptions): Middleware {
  const { session, onSessionLost } = options;
  const isAnonymous = options.isAnonymous ?? ((path: string) => ANONYMOUS_PATHS.has(path));
  const refresher = createRefresher(session, options.refresh);
  // A copy of every authenticated request, taken before `fetch` consumes its body, so it can be
  // sent again after a refresh; and the token it was sent with.
  const pending = new Map<string, { copy: Request; token: string }>();

  const lose = () => {
    session.clear();
    onSessionLost?.();
  };

  return {
    onRequest({ request, schemaPath, id }) {
      if (isAnonymous(schemaPath)) return undefined;
      const token = session.get()?.accessToken;
      if (!token) return undefined;
      request.headers.set('Authorization', `Bearer ${token}`);
      pending.set(id, { copy: request.clone(), token });
      return request;
    },

    async onResponse({ response, id, options: clientOptions }) {
      const sent = pending.get(id);
      pending.delete(id);
      if (!sent || response.status !== 401) return undefined;

      const current = session.get();
      if (!current) return undefined;

      let token: string | null;
      if (current.accessToken !== sent.token) {
        // Another request refreshed the pair while this one was in flight.
        token = current.accessToken;
      } else {
        try {
          token = await refresher.refresh(current.refreshToken);
        } catch {
          // The refresh could not reach the server: keep the session, report the 401.
          return undefined;
        }
        if (!token) {
          lose();
          return undefined;
        }
      }

      sent.copy.headers.set('Authorization', `Bearer ${token}`);
      const retried = await clientOptions.fetch(sent.copy);
      if (retried.status === 401) lose();
      return retried;
    },

    onError({ id }) {
      pending.delete(id);
      return undefined;
    },
  };
}

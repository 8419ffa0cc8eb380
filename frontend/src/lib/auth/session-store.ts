/**
 * The signed-in session: the access / refresh token pair, kept in sessionStorage so that it
 * survives a reload but not the closing of the tab (a shared counter PC must not stay signed in).
 * Framework-free; React reads it through `useSession`.
 */

/** What the token endpoints answer, as far as the session cares. */
export interface TokenGrant {
  access_token: string;
  refresh_token: string;
  /** Lifetime of the access token, in seconds. */
  expires_in: number;
}

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds at which the access token expires. */
  expiresAt: number;
}

export interface SessionStore {
  get(): Session | null;
  set(grant: TokenGrant): Session;
  clear(): void;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export const SESSION_STORAGE_KEY = 'butler.session';

function isSession(value: unknown): value is Session {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.expiresAt === 'number'
  );
}

export function createSessionStore(
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null,
  now: () => number = Date.now,
  key: string = SESSION_STORAGE_KEY,
): SessionStore {
  const listeners = new Set<() => void>();
  let current: Session | null = null;
  try {
    const raw = storage?.getItem(key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    current = isSession(parsed) ? parsed : null;
  } catch {
    current = null;
  }

  const emit = () => {
    for (const listener of [...listeners]) listener();
  };

  return {
    get: () => current,
    set(grant) {
      current = {
        accessToken: grant.access_token,
        refreshToken: grant.refresh_token,
        expiresAt: now() + grant.expires_in * 1000,
      };
      try {
        storage?.setItem(key, JSON.stringify(current));
      } catch {
        // Storage full or disabled (private mode): the session lives in memory only.
      }
      emit();
      return current;
    },
    clear() {
      if (current === null) return;
      current = null;
      try {
        storage?.removeItem(key);
      } catch {
        // ignore: nothing to remove
      }
      emit();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function browserStorage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.sessionStorage;
  } catch {
    return null;
  }
}

/** The application's one session store. */
export const sessionStore: SessionStore = createSessionStore(browserStorage());

/**
 * Remembers, for the sign-in page, that the server ended the session (its tokens were refused:
 * the account was closed, given a new password, or left idle past the refresh token's life),
 * so that the page can say why the person is there. Kept in sessionStorage: one tab's news.
 */
const KEY = 'butler.session-lost';

/** Marks the session as ended by the server. */
export function markSessionLost(): void {
  try {
    sessionStorage.setItem(KEY, '1');
  } catch {
    // no storage: the sign-in page simply says nothing
  }
}

/** Whether the session was ended by the server; reading it forgets it. */
export function takeSessionLost(): boolean {
  try {
    const lost = sessionStorage.getItem(KEY) === '1';
    sessionStorage.removeItem(KEY);
    return lost;
  } catch {
    return false;
  }
}

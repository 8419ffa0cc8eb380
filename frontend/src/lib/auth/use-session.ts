import { useSyncExternalStore } from 'react';
import { sessionStore, type Session } from './session-store';

/** The current session; re-renders when it is set, refreshed or cleared. */
export function useSession(): Session | null {
  return useSyncExternalStore(sessionStore.subscribe, sessionStore.get, sessionStore.get);
}

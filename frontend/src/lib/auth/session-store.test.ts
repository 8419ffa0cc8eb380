import { describe, expect, it, vi } from 'vitest';
import { createSessionStore } from './session-store';

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe('session store', () => {
  it('keeps the pair in storage and restores it', () => {
    const storage = memoryStorage();
    const store = createSessionStore(storage, () => 1_000);
    store.set({ access_token: 'a1', refresh_token: 'r1', expires_in: 900 });
    expect(store.get()).toEqual({ accessToken: 'a1', refreshToken: 'r1', expiresAt: 901_000 });
    expect(createSessionStore(storage).get()?.accessToken).toBe('a1');
  });

  it('notifies subscribers and clears storage', () => {
    const storage = memoryStorage();
    const store = createSessionStore(storage);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.set({ access_token: 'a', refresh_token: 'r', expires_in: 1 });
    store.clear();
    store.clear(); // no change, no notification
    expect(listener).toHaveBeenCalledTimes(2);
    expect(storage.data.size).toBe(0);
    unsubscribe();
    store.set({ access_token: 'a', refresh_token: 'r', expires_in: 1 });
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('ignores corrupt stored data', () => {
    const storage = memoryStorage();
    storage.setItem('butler.session', '{not json');
    expect(createSessionStore(storage).get()).toBeNull();
    storage.setItem('butler.session', '{"accessToken":1}');
    expect(createSessionStore(storage).get()).toBeNull();
  });
});

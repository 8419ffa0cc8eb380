/**
 * 长者模式: large text and high contrast (SPEC §10, GB/T 37668). A class on <html> switches
 * the CSS custom properties of both the plain components and antd-mobile; the choice is
 * remembered on the device.
 */
import { useSyncExternalStore } from 'react';

export const ELDER_MODE_STORAGE_KEY = 'butler.elder-mode';
export const ELDER_MODE_CLASS = 'elder-mode';

const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return globalThis.localStorage?.getItem(ELDER_MODE_STORAGE_KEY) === '1';
  } catch {
    return false;
  }
}

let enabled = read();

function apply() {
  if (typeof document !== 'undefined') {
    document.documentElement.classList.toggle(ELDER_MODE_CLASS, enabled);
  }
}
apply();

export function isElderMode(): boolean {
  return enabled;
}

export function setElderMode(on: boolean): void {
  enabled = on;
  try {
    globalThis.localStorage?.setItem(ELDER_MODE_STORAGE_KEY, on ? '1' : '0');
  } catch {
    // Storage disabled: the choice lasts for this page only.
  }
  apply();
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useElderMode(): [boolean, (on: boolean) => void] {
  const value = useSyncExternalStore(subscribe, isElderMode, isElderMode);
  return [value, setElderMode];
}

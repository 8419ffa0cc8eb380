import { cleanup, configure } from '@testing-library/react';
import { afterAll, afterEach, vi } from 'vitest';

// `findBy…` and `waitFor` wait up to a second by default; rendering Ant Design in jsdom takes
// longer than that on a busy 2-core CI machine. What they wait for is unchanged.
configure({ asyncUtilTimeout: 10_000 });

// Ant Design's responsive helpers ask for matchMedia, which jsdom lacks: no media query matches.
if (typeof window !== 'undefined') {
  window.matchMedia ??= ((query: string) => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  })) as typeof window.matchMedia;
  // Ant Design's Tabs, Steps and tables measure themselves; jsdom has no ResizeObserver.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
  // Ant Design's forms scroll to the first field in error; jsdom has no layout to scroll.
  Element.prototype.scrollIntoView ??= () => {};
}

afterEach(() => {
  // Node-environment tests (tests/) have no DOM and no storage.
  if (typeof document === 'undefined') return;
  cleanup();
  sessionStorage.clear();
  localStorage.clear();
});

// vitest.config.ts runs the files of a worker in one shared window and module graph (isolate:
// false). What a file leaves behind is put back after its last test, so that the next file
// starts as it would in a fresh worker. The URL helpers are the ones the worker started with:
// some tests assign their own over them, which unstubbing cannot undo.
const PRISTINE_URL = Symbol.for('butler.test.pristine-url');
const pristineUrl = ((globalThis as Record<symbol, unknown>)[PRISTINE_URL] ??= {
  createObjectURL: URL.createObjectURL,
  revokeObjectURL: URL.revokeObjectURL,
}) as Pick<typeof URL, 'createObjectURL' | 'revokeObjectURL'>;

afterAll(async () => {
  vi.unstubAllGlobals();
  if (typeof document === 'undefined') return;
  Object.assign(URL, pristineUrl);
  // antd-mobile's Toast outlives the test that showed it.
  document.body.replaceChildren();
  // The i18n instance is shared: a file that switched to English must not leave it so.
  const { i18n } = await import('@/lib/i18n/i18n');
  const { DEFAULT_LANGUAGE } = await import('@/lib/i18n/languages');
  if (i18n.isInitialized && i18n.language !== DEFAULT_LANGUAGE) await i18n.changeLanguage(DEFAULT_LANGUAGE);
  document.documentElement.removeAttribute('lang');
  localStorage.clear();
});

import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

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

import { lazy, type ComponentType } from 'react';

/** React.lazy for a named export, so that route modules keep named exports. */
export function lazyNamed<M, K extends keyof M>(load: () => Promise<M>, name: K) {
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

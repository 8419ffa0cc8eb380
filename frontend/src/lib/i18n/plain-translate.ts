/**
 * A translate function with plain string keys, for code outside components that builds
 * sentences from keys computed at run time (countdowns, progress wording). Components keep
 * using the type-checked `t`.
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

export function plainTranslate(t: (...args: never[]) => unknown): Translate {
  const call = t as unknown as (key: string, options?: Record<string, unknown>) => unknown;
  return (key, options) => String(call(key, options));
}

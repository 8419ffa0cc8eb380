import './route-fallback.css';

/**
 * Shown while a route's code or strings load. It must not use i18n itself (the strings may be
 * what is loading), so it says "loading" in both languages to screen readers.
 */
export function RouteFallback() {
  return (
    <div className="route-fallback" role="status" aria-live="polite">
      <span className="route-fallback__spinner" aria-hidden="true" />
      <span className="visually-hidden">加载中… Loading…</span>
    </div>
  );
}

import { useEffect, useState } from 'react';

/**
 * The current time, refreshed every `everyMs` (a minute by default) while mounted: what a
 * component reads instead of calling `Date.now()` while rendering (rendering stays pure).
 */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

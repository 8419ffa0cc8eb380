/**
 * Keyset pagination as the API does it (`limit`, `cursor` → `{ items, next_cursor }`), for
 * TanStack Query's infinite queries: spread `cursorPaging` into `infiniteQueryOptions` and
 * `cursorParam(pageParam)` into the request's query.
 */

/** One page of a list answer. */
export interface CursorPage<T> {
  items: T[];
  next_cursor?: string | null;
}

export const cursorPaging = {
  initialPageParam: null as string | null,
  getNextPageParam: (page: { next_cursor?: string | null }) => page.next_cursor ?? null,
};

/** The `cursor` query parameter for a page after the first (none for the first). */
export function cursorParam(pageParam: string | null): { cursor?: string } {
  return pageParam ? { cursor: pageParam } : {};
}

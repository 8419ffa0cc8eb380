import { useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { PageItem } from '@/lib/api/types';
import { caseKeys } from '@/lib/query-keys';

export type OpenRectification = PageItem<'/api/v1/rectifications'>;

/**
 * GET /api/v1/rectifications: bad reviews waiting for a written reply (整改), oldest first;
 * a department's own for its agents and leader. Under the `cases` key, so that a reply
 * (a case command) refreshes it.
 */
export function useOpenRectifications(limit: number) {
  return useQuery({
    queryKey: caseKeys.openRectifications(limit),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/rectifications', { params: { query: { limit } }, signal })),
  });
}

/** The complaints feature's query keys (its own area; the shared ones are in lib/query-keys.ts). */
import type { QueryOf } from '@/lib/api/types';

export type ComplaintFilters = Omit<QueryOf<'/api/v1/complaints', 'get'>, 'limit' | 'cursor'>;

export const complaintKeys = {
  all: ['complaints'] as const,
  lists: () => [...complaintKeys.all, 'list'] as const,
  list: (filters: ComplaintFilters) => [...complaintKeys.lists(), filters] as const,
  detail: (id: string) => [...complaintKeys.all, 'detail', id] as const,
};

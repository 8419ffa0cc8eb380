/** The supervision page's query keys (its own area; the shared ones are in lib/query-keys.ts). */
import type { QueryOf } from '@/lib/api/types';

export const supervisionKeys = {
  /** The latest supervision notices (督办通知). */
  notices: ['supervision-notices'] as const,
};

export const statisticsKeys = {
  all: ['statistics'] as const,
  sheets: (query: QueryOf<'/api/v1/statistics/sheets', 'get'>) => [...statisticsKeys.all, 'sheets', query] as const,
  complaints: (query: QueryOf<'/api/v1/statistics/complaints', 'get'>) =>
    [...statisticsKeys.all, 'complaints', query] as const,
};

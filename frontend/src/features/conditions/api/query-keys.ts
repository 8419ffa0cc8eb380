/** The conditions feature's query keys (its own area; the shared ones are in lib/query-keys.ts). */
import type { QueryOf } from '@/lib/api/types';

export type ConditionFilters = Omit<QueryOf<'/api/v1/conditions', 'get'>, 'limit' | 'cursor'>;

export const conditionKeys = {
  all: ['conditions'] as const,
  lists: () => [...conditionKeys.all, 'list'] as const,
  list: (filters: ConditionFilters) => [...conditionKeys.lists(), filters] as const,
};

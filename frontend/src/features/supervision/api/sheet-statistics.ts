import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonOk, QueryOf } from '@/lib/api/types';
import { statisticsKeys } from './query-keys';

export type SheetStatistics = JsonOk<'/api/v1/statistics/sheets', 'get'>;
export type StatisticsRow = SheetStatistics['rows'][number];
export type StatisticsQuery = QueryOf<'/api/v1/statistics/sheets', 'get'>;

/**
 * GET /api/v1/statistics/sheets: the figures of SPEC §6, counted by the database per
 * department or per agent. The previous figures stay on screen while a new period loads.
 */
export function useSheetStatistics(query: StatisticsQuery, enabled = true) {
  return useQuery({
    queryKey: statisticsKeys.sheets(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/statistics/sheets', { params: { query }, signal })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

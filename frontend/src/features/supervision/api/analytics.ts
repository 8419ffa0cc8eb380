import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonOk, QueryOf } from '@/lib/api/types';
import { analyticsRoot } from '@/lib/query-keys';

export type TimeSplit = JsonOk<'/api/v1/analytics/time-split', 'get'>;
export type SplitFigures = TimeSplit['total'];
export type ItemSplit = TimeSplit['items'][number];
export type StageSplit = TimeSplit['stages'][number];
export type DepartmentSplit = TimeSplit['departments'][number];
export type TimeSplitQuery = QueryOf<'/api/v1/analytics/time-split', 'get'>;
export type Forecasts = JsonOk<'/api/v1/analytics/forecasts', 'get'>;
export type CaseForecast = Forecasts['cases'][number];

/** The analytics' query keys (their own area). */
export const analyticsKeys = {
  all: analyticsRoot,
  split: (query: TimeSplitQuery) => [...analyticsKeys.all, 'split', query] as const,
  forecasts: (missingOnly: boolean) => [...analyticsKeys.all, 'forecasts', missingOnly] as const,
};

/** GET /api/v1/analytics/time-split: where the time of a period went. */
export function useTimeSplit(query: TimeSplitQuery) {
  return useQuery({
    queryKey: analyticsKeys.split(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/analytics/time-split', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/v1/analytics/forecasts: the running cases against the county's target. */
export function useCaseForecasts(missingOnly: boolean, enabled = true) {
  return useQuery({
    queryKey: analyticsKeys.forecasts(missingOnly),
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/analytics/forecasts', { params: { query: { missing_only: missingOnly } }, signal })),
    enabled,
  });
}

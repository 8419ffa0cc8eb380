import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import type { JsonOk, QueryOf } from '@/lib/api/types';
import { statisticsKeys } from './query-keys';

export type ComplaintStatistics = JsonOk<'/api/v1/statistics/complaints', 'get'>;
export type ComplaintStatisticsRow = ComplaintStatistics['rows'][number];

/** GET /api/v1/statistics/complaints: complaints per department (received, overdue, replied on time, satisfaction). */
export function useComplaintStatistics(query: QueryOf<'/api/v1/statistics/complaints', 'get'>) {
  return useQuery({
    queryKey: statisticsKeys.complaints(query),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/statistics/complaints', { params: { query }, signal })),
    placeholderData: keepPreviousData,
  });
}

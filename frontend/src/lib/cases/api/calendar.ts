import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { formatDate } from '@/lib/format/date';
import { workingCalendar, type WorkingCalendar } from '@/lib/format/working-time';
import { useNow } from '@/lib/use-now';
import { calendarKeys } from '@/lib/query-keys';

const DAY_MS = 86_400_000;

/**
 * GET /api/v1/calendar/days around today (60 days back, 300 ahead; the API gives at most 366
 * per call): the tenant's working days and office hours, to count deadlines in working time.
 */
export function useWorkingCalendar(): WorkingCalendar | undefined {
  // The window moves once a day; the query key changes with it.
  const today = formatDate(useNow());
  const query = useQuery({
    queryKey: calendarKeys.around(today),
    queryFn: ({ signal }) => {
      const now = Date.parse(`${today}T00:00:00+08:00`);
      return unwrap(
        api.GET('/api/v1/calendar/days', {
          params: { query: { from: formatDate(now - 60 * DAY_MS), to: formatDate(now + 300 * DAY_MS) } },
          signal,
        }),
      );
    },
    staleTime: 60 * 60_000,
  });
  const data = query.data;
  return useMemo(() => (data ? workingCalendar(data.office_hours, data.days) : undefined), [data]);
}

/**
 * The tenant's working-day calendar for the administrator: a year's days (the local changes are
 * picked out by the page), setting a local day off or working day, and removing one.
 */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { yearRange, type CalendarDayIn } from '../utils/calendar';
import { calendarKeys } from '@/lib/query-keys';

/** GET /api/v1/calendar/days for one whole year (365 or 366 days: the API's limit is 366). */
export const calendarYearQueryOptions = (year: number) =>
  queryOptions({
    queryKey: calendarKeys.year(year),
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/calendar/days', { params: { query: yearRange(year) }, signal })),
  });

export function useCalendarYear(year: number) {
  return useQuery(calendarYearQueryOptions(year));
}

/** Deadlines counted from now on follow the change: every calendar read is read again. */
function useInvalidateCalendar() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: calendarKeys.all });
}

/** PUT /api/v1/calendar/days/{date}: replaces the date's earlier local change, if any. */
export function usePutCalendarDay() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: ({ date, body }: { date: string; body: CalendarDayIn }) =>
      unwrap(api.PUT('/api/v1/calendar/days/{date}', { params: { path: { date } }, body })),
    onSuccess: invalidate,
  });
}

/** DELETE /api/v1/calendar/days/{date}: the national schedule applies to the date again. */
export function useDeleteCalendarDay() {
  const invalidate = useInvalidateCalendar();
  return useMutation({
    mutationFn: (date: string) => unwrap(api.DELETE('/api/v1/calendar/days/{date}', { params: { path: { date } } })),
    onSuccess: invalidate,
  });
}

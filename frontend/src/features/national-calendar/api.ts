/**
 * The national holiday schedule (platform administrator) and the county's local days in bulk
 * (county administrator): reads, imports with a dry run, and the problems of a refused file.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';

export type NationalCalendar = components['schemas']['NationalCalendarOut'];
export type NationalYear = components['schemas']['NationalYearOut'];
export type NoticeImport = components['schemas']['NoticeImportOut'];
export type HolidayYearFile = components['schemas']['HolidayYearFileIn'];
export type CalendarBulk = components['schemas']['CalendarBulkOut'];

export const nationalCalendarKeys = {
  all: ['national-calendar'] as const,
};

/** GET /api/v1/platform/national-calendar: the loaded years and the missing ones. */
export const nationalCalendarQueryOptions = () =>
  queryOptions({
    queryKey: nationalCalendarKeys.all,
    queryFn: ({ signal }) => unwrap(api.GET('/api/v1/platform/national-calendar', { signal })),
  });

export function useNationalCalendar() {
  return useQuery(nationalCalendarQueryOptions());
}

/** `form` as a multipart body for the typed client. */
function multipart(file: File) {
  const form = new FormData();
  form.append('file', file, file.name);
  return {
    body: form as unknown as { file: string },
    bodySerializer: (body: unknown) => body as FormData,
  };
}

/** PUT /api/v1/platform/national-calendar/{year}: a `holiday-cn` year file replaces the year. */
export function putNationalYear(year: number, file: HolidayYearFile, dryRun: boolean, source?: string) {
  return unwrap(
    api.PUT('/api/v1/platform/national-calendar/{year}', {
      params: { path: { year }, query: { dry_run: dryRun, ...(source ? { source } : {}) } },
      body: file,
    }),
  );
}

/** POST /api/v1/platform/national-calendar/{year}/import: a sheet (.xlsx or CSV) replaces the year. */
export function importNationalSheet(year: number, file: File, dryRun: boolean, source?: string) {
  return unwrap(
    api.POST('/api/v1/platform/national-calendar/{year}/import', {
      params: { path: { year }, query: { dry_run: dryRun, ...(source ? { source } : {}) } },
      ...multipart(file),
    }),
  );
}

/** POST /api/v1/calendar/days/import: the county's local days from a sheet (.xlsx or CSV). */
export function importLocalDays(file: File, dryRun: boolean) {
  return unwrap(api.POST('/api/v1/calendar/days/import', { params: { query: { dry_run: dryRun } }, ...multipart(file) }));
}

/** One problem of a refused file: where (`days[3].date`, `5/日期`, `日历/5/名称`) and why. */
export interface FileProblem {
  key: number;
  field: string;
  message: string;
}

/** The field problems of a refused import (none for any other failure). */
export function problemsOf(error: unknown): FileProblem[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem?.errors ?? []).map((e, key) => ({ key, field: e.field, message: e.message }));
}

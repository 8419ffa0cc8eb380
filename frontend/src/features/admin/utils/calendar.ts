/**
 * The tenant's local calendar changes as the administrator's screen shows them. The API lists
 * every day of a range (at most 366); the local changes are the days whose `source` is
 * `local`, shown with what the national schedule alone would make of the day.
 */
import type { JsonBody, JsonOk } from '@/lib/api/types';

export type CalendarDays = JsonOk<'/api/v1/calendar/days', 'get'>;
export type CalendarDay = CalendarDays['days'][number];
export type CalendarDayIn = JsonBody<'/api/v1/calendar/days/{date}', 'put'>;

/** The first and last day of a year, the range one listing asks for. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The year a `YYYY-MM-DD` date falls in. */
export function yearOf(date: string): number {
  return Number(date.slice(0, 4));
}

/** The days a local change decides, in date order. */
export function localChanges(days: readonly CalendarDay[]): CalendarDay[] {
  return days.filter((day) => day.source === 'local').sort((a, b) => a.date.localeCompare(b.date));
}

/** What a day would be without the local change: a national holiday or 调休 day, or a plain week day. */
export type BaseDay =
  | { kind: 'national'; name: string; working: boolean }
  | { kind: 'weekday' }
  | { kind: 'weekend' };

export function baseDay(day: CalendarDay): BaseDay {
  if (day.national_name) return { kind: 'national', name: day.national_name, working: day.national_working };
  return day.weekday >= 6 ? { kind: 'weekend' } : { kind: 'weekday' };
}

export interface CalendarDayValues {
  /** `YYYY-MM-DD`. */
  date: string;
  kind: 'holiday' | 'working';
  name: string;
}

export const CALENDAR_DAY_FIELDS = ['date', 'name', 'working'] as const;

/** PUT /calendar/days/{date}: the date goes in the path, the kind and the note in the body. */
export function calendarDayToRequest(values: CalendarDayValues): { date: string; body: CalendarDayIn } {
  return { date: values.date, body: { working: values.kind === 'working', name: values.name.trim() } };
}

/** Office hours as one line: `09:00–12:00、14:30–18:00` (the separator is the language's). */
export function officeHoursText(hours: CalendarDays['office_hours'], separator: string): string {
  return hours.map((interval) => `${interval.start}–${interval.end}`).join(separator);
}

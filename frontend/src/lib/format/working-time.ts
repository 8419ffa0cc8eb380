/**
 * Working time as the county counts it (SPEC §4): deadlines run in office minutes of working
 * days, from the tenant's calendar (weekends, holidays, 调休, local changes) and office hours,
 * in Asia/Shanghai. The server computes the deadlines; this counts what is left of them, so
 * that "剩余 1 个工作日 2 小时" means what an official means by it.
 *
 * Asia/Shanghai has kept UTC+8 without daylight saving since 1991, so local dates are found by
 * a fixed offset, exactly and without Intl.
 */

import type { Translate } from '@/lib/i18n/plain-translate';

const SHANGHAI_OFFSET_MS = 8 * 60 * 60_000;
const DAY_MS = 24 * 60 * 60_000;
/** Beyond this many days the count stops (a sheet's deadline is never years away). */
const MAX_DAYS = 3 * 366;

export interface OfficeInterval {
  /** `HH:MM`, local time. */
  start: string;
  /** `HH:MM`, local time. */
  end: string;
}

type Intervals = readonly (readonly [number, number])[];

export interface WorkingCalendar {
  /** Office intervals as [start, end) minutes after local midnight, in order: the hours of a
   * working day the calendar does not list. */
  intervals: Intervals;
  /** What the calendar says of each date it covers (`YYYY-MM-DD` → working). */
  days: ReadonlyMap<string, boolean>;
  /** The office hours of each working date it covers, where the API gives them (a county's
   * summer or winter hours differ from its standard ones). */
  hours?: ReadonlyMap<string, Intervals>;
}

/** The office hours used until the tenant's calendar has loaded (or if it has none). */
export const DEFAULT_OFFICE_HOURS: readonly OfficeInterval[] = [
  { start: '09:00', end: '12:00' },
  { start: '14:30', end: '18:00' },
];

function minutesOf(hhmm: string): number {
  const match = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!match) throw new RangeError(`not a time of day: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Builds a calendar from the API's office hours and days (`GET /calendar/days`). */
export function workingCalendar(
  officeHours: readonly OfficeInterval[],
  days: readonly { date: string; working: boolean; office_hours?: readonly OfficeInterval[] }[] = [],
): WorkingCalendar {
  const hours = new Map<string, Intervals>();
  for (const d of days) if (d.working && d.office_hours && d.office_hours.length > 0) hours.set(d.date, toIntervals(d.office_hours));
  return { intervals: toIntervals(officeHours), days: new Map(days.map((d) => [d.date, d.working])), hours };
}

function toIntervals(officeHours: readonly OfficeInterval[]): Intervals {
  return officeHours
    .map((i) => [minutesOf(i.start), minutesOf(i.end)] as const)
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
}

/** Office minutes in one working day (390 for 09:00–12:00 and 14:30–18:00). */
export function minutesPerWorkingDay(calendar: WorkingCalendar): number {
  return calendar.intervals.reduce((sum, [start, end]) => sum + end - start, 0);
}

/** The local (Asia/Shanghai) date of local midnight `dayStartMs`, as `YYYY-MM-DD`. */
function dateKey(dayStartMs: number): string {
  return new Date(dayStartMs + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** The UTC instant of the local midnight that starts the day containing `ms`. */
function localDayStart(ms: number): number {
  return Math.floor((ms + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS - SHANGHAI_OFFSET_MS;
}

/** Whether the calendar counts the local day starting at `dayStartMs`; outside it, Mon–Fri. */
function isWorkingDay(calendar: WorkingCalendar, dayStartMs: number): boolean {
  const known = calendar.days.get(dateKey(dayStartMs));
  if (known !== undefined) return known;
  const weekday = new Date(dayStartMs + SHANGHAI_OFFSET_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Office minutes between two instants (0 when `to` is not after `from`). */
export function officeMinutesBetween(calendar: WorkingCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  let total = 0;
  let day = localDayStart(from);
  for (let n = 0; day < to && n < MAX_DAYS; n += 1, day += DAY_MS) {
    if (!isWorkingDay(calendar, day)) continue;
    for (const [start, end] of calendar.hours?.get(dateKey(day)) ?? calendar.intervals) {
      const a = Math.max(from, day + start * 60_000);
      const b = Math.min(to, day + end * 60_000);
      if (b > a) total += (b - a) / 60_000;
    }
  }
  return Math.floor(total);
}

export interface WorkingTimeLeft {
  /** The deadline has passed. */
  overdue: boolean;
  /** Office minutes left (or, when overdue, past the deadline). */
  totalMinutes: number;
  /** `totalMinutes` split into working days, hours and minutes. */
  days: number;
  hours: number;
  minutes: number;
}

/** Splits office minutes into working days (of this calendar), hours and minutes. */
export function splitWorkingMinutes(calendar: WorkingCalendar, total: number) {
  const perDay = minutesPerWorkingDay(calendar) || 24 * 60;
  const days = Math.floor(total / perDay);
  const rest = total - days * perDay;
  return { days, hours: Math.floor(rest / 60), minutes: rest % 60 };
}

/** What is left of the time until `deadline` at `now`, in working time. */
export function workingTimeLeft(calendar: WorkingCalendar, now: number, deadline: number): WorkingTimeLeft {
  const overdue = deadline < now;
  const totalMinutes = overdue
    ? officeMinutesBetween(calendar, deadline, now)
    : officeMinutesBetween(calendar, now, deadline);
  return { overdue, totalMinutes, ...splitWorkingMinutes(calendar, totalMinutes) };
}


/**
 * The duration part of a countdown in the UI language, at most two units: `2 个工作日 3 小时`,
 * `3 小时 20 分钟`, `25 分钟`. Keys live under `cases:countdown` (`duration.*`).
 */
export function formatWorkingDuration(t: Translate, left: Pick<WorkingTimeLeft, 'days' | 'hours' | 'minutes'>): string {
  const parts: string[] = [];
  if (left.days > 0) {
    parts.push(t('cases:countdown.days', { count: left.days }));
    if (left.hours > 0) parts.push(t('cases:countdown.hours', { count: left.hours }));
  } else if (left.hours > 0) {
    parts.push(t('cases:countdown.hours', { count: left.hours }));
    if (left.minutes > 0) parts.push(t('cases:countdown.minutes', { count: left.minutes }));
  } else {
    parts.push(t('cases:countdown.minutes', { count: left.minutes }));
  }
  return parts.join(t('cases:countdown.separator'));
}

/** `剩余 2 个工作日 3 小时` / `已超时 25 分钟` / `已超时`. */
export function formatCountdown(t: Translate, left: WorkingTimeLeft): string {
  if (left.overdue) {
    return left.totalMinutes === 0
      ? t('cases:countdown.overdueJust')
      : t('cases:countdown.overdue', { duration: formatWorkingDuration(t, left) });
  }
  return t('cases:countdown.remaining', { duration: formatWorkingDuration(t, left) });
}

/**
 * Presentation of the supervision figures (SPEC §6) the server counts: rates as percentages,
 * chart values, periods as Asia/Shanghai dates, and the periods the Excel export asks the server for.
 */
import { formatDate } from '@/lib/format/date';

/** `87.5%`, or `—` when there is nothing to rate. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 1000) / 10}%`;
}

/** A rate as a whole percentage for a chart; null (no bar) when there is nothing to rate. */
export function chartPercent(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value * 100);
}

/**
 * Average working days used against promised, `4.2 / 5.0`, or `—` when no finished sheet was
 * measured. Both are counted from dispatch, so a sheet finished on its deadline shows equal
 * figures.
 */
export function daysUsed(used: number | null | undefined, promised: number | null | undefined): string {
  if (used === null || used === undefined || promised === null || promised === undefined) return '—';
  return `${used.toFixed(1)} / ${promised.toFixed(1)}`;
}

export const PERIODS = ['all', 'month', 'year', 'last30'] as const;
export type Period = (typeof PERIODS)[number];

/**
 * The dispatch-day range of a period, inclusive, as the county's calendar reads `now`:
 * `month` is this calendar month so far, `year` this year so far, `last30` the 30 days up to
 * today; `all` has no bounds.
 */
export function periodRange(period: Period, now: Date): { from?: string; to?: string } {
  if (period === 'all') return {};
  const today = formatDate(now);
  const [y, m] = today.split('-');
  if (period === 'month') return { from: `${y}-${m}-01`, to: today };
  if (period === 'year') return { from: `${y}-01-01`, to: today };
  const start = new Date(`${today}T00:00:00Z`);
  start.setUTCDate(start.getUTCDate() - 29);
  return { from: start.toISOString().slice(0, 10), to: today };
}

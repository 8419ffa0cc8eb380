/**
 * Dates and times as the county reads them: always in Asia/Shanghai, whatever the browser's
 * time zone, written `YYYY-MM-DD` and `YYYY-MM-DD HH:mm` in every UI language.
 */
export const TIME_ZONE = 'Asia/Shanghai';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

const parts = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function fields(value: string | number | Date) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  const get = (type: Intl.DateTimeFormatPartTypes) =>
    parts.formatToParts(date).find((p) => p.type === type)?.value ?? '';
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute') };
}

/** `2026-01-01T16:30:00Z` → `2026-01-02`. A plain calendar date (`2026-01-01`) is kept as is. */
export function formatDate(value: string | number | Date): string {
  if (typeof value === 'string' && DATE_ONLY.test(value)) return value;
  const { y, m, d } = fields(value);
  return `${y}-${m}-${d}`;
}

/** `2026-01-01T16:30:00Z` → `2026-01-02 00:30`. */
export function formatDateTime(value: string | number | Date): string {
  const { y, m, d, h, min } = fields(value);
  return `${y}-${m}-${d} ${h}:${min}`;
}

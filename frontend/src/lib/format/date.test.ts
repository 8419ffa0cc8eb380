import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './date';

describe('dates in Asia/Shanghai', () => {
  it('shifts UTC instants to Beijing time, crossing midnight', () => {
    expect(formatDateTime('2026-01-01T16:30:00Z')).toBe('2026-01-02 00:30');
    expect(formatDate('2026-01-01T16:30:00Z')).toBe('2026-01-02');
    expect(formatDateTime('2026-06-30T23:59:59+08:00')).toBe('2026-06-30 23:59');
  });

  it('keeps plain calendar dates as they are', () => {
    expect(formatDate('2026-10-01')).toBe('2026-10-01');
  });

  it('accepts Date and epoch milliseconds', () => {
    expect(formatDateTime(new Date(Date.UTC(2026, 4, 1, 0, 0)))).toBe('2026-05-01 08:00');
    expect(formatDate(0)).toBe('1970-01-01');
  });

  it('rejects invalid input', () => {
    expect(() => formatDate('not a date')).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { chartPercent, daysUsed, percent, periodRange } from './figures';

describe('supervision figures', () => {
  it('writes rates as percentages and leaves nothing to rate blank', () => {
    expect(percent(0.875)).toBe('87.5%');
    expect(percent(1)).toBe('100%');
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(null)).toBe('—');
    expect(percent(undefined)).toBe('—');
    expect(chartPercent(0.756)).toBe(76);
    expect(chartPercent(null)).toBeNull();
  });

  it('writes working days used against promised to one decimal, and a dash when none was measured', () => {
    expect(daysUsed(4.2, 5)).toBe('4.2 / 5.0');
    expect(daysUsed(0, 3.6)).toBe('0.0 / 3.6');
    expect(daysUsed(null, 5)).toBe('—');
    expect(daysUsed(undefined, undefined)).toBe('—');
  });

  it('reads periods on the county calendar (Asia/Shanghai), not the browser’s', () => {
    // 2026-12-31 17:00 UTC is already 1 January 2027 in Example.
    const newYear = new Date('2026-12-31T17:00:00Z');
    expect(periodRange('all', newYear)).toEqual({});
    expect(periodRange('month', newYear)).toEqual({ from: '2027-01-01', to: '2027-01-01' });
    expect(periodRange('year', newYear)).toEqual({ from: '2027-01-01', to: '2027-01-01' });
    expect(periodRange('last30', newYear)).toEqual({ from: '2026-12-03', to: '2027-01-01' });
    expect(periodRange('last30', new Date('2026-03-01T04:00:00Z'))).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });
});

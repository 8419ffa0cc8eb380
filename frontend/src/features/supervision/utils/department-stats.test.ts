import { describe, expect, it } from 'vitest';
import { IDS, makeTask } from '@/testing/fixtures';
import { departmentStats, percent, totals } from './department-stats';

describe('supervision figures per department', () => {
  const all = [
    // Water: acknowledged in time, finished late; one open and overdue.
    makeTask({ id: 'w1', department_id: IDS.water, state: 'finished', acknowledged_at: '2026-11-23T01:10:00Z', closed_at: '2026-11-25T01:00:00Z' }),
    makeTask({ id: 'w2', department_id: IDS.water, state: 'acknowledged', acknowledged_at: '2026-11-23T02:00:00Z', overdue: true }),
    // Ecology: everything in time; a cancelled sheet does not count.
    makeTask({ id: 'e1', department_id: IDS.ecology, state: 'finished', acknowledged_at: '2026-11-23T01:20:00Z', closed_at: '2026-11-23T09:00:00Z' }),
    makeTask({ id: 'e2', department_id: IDS.ecology, state: 'cancelled' }),
  ];
  const overdue = [all[1]!, all[1]!];

  it('counts received, on-time acknowledgements and finishes, and overdue sheets', () => {
    const stats = departmentStats(all, overdue);
    expect(stats.map((s) => s.departmentId)).toEqual([IDS.water, IDS.ecology]);
    expect(stats[0]).toMatchObject({
      received: 2,
      acknowledged: 2,
      acknowledgedOnTime: 1,
      finished: 1,
      finishedOnTime: 0,
      overdueNow: 1,
      acknowledgeRate: 0.5,
      onTimeRate: 0,
    });
    expect(stats[1]).toMatchObject({ received: 1, overdueNow: 0, acknowledgeRate: 1, onTimeRate: 1 });
  });

  it('totals the county and formats rates', () => {
    const sum = totals(departmentStats(all, overdue));
    expect(sum).toEqual({ received: 3, overdueNow: 1, finished: 2, acknowledgeRate: 2 / 3, onTimeRate: 0.5 });
    expect(percent(2 / 3)).toBe('66.7%');
    expect(percent(null)).toBe('—');
  });
});

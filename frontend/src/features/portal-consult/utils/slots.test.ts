import { describe, expect, it } from 'vitest';
import { groupSlotsByDay } from './slots';

describe('groupSlotsByDay', () => {
  it('groups instants by their day in Asia/Shanghai, keeping the order', () => {
    const days = groupSlotsByDay(['2026-12-07T01:00:00Z', '2026-12-07T06:30:00Z', '2026-12-07T16:30:00Z']);
    expect(days).toEqual([
      {
        day: '2026-12-07',
        slots: [
          { at: '2026-12-07T01:00:00Z', time: '09:00' },
          { at: '2026-12-07T06:30:00Z', time: '14:30' },
        ],
      },
      { day: '2026-12-08', slots: [{ at: '2026-12-07T16:30:00Z', time: '00:30' }] },
    ]);
  });

  it('gives nothing for no slots', () => {
    expect(groupSlotsByDay([])).toEqual([]);
  });
});

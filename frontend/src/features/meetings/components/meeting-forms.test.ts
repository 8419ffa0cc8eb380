import { describe, expect, it } from 'vitest';
import { countyInstant, toMeetingIn } from './convene-modal';
import { toMinutesIn } from './minutes-modal';

describe('meeting forms', () => {
  it('read the time in the county (UTC+8) and send the departments as attendees', () => {
    expect(countyInstant('2026-12-10T10:00')).toBe('2026-12-10T02:00:00.000Z');
    const body = toMeetingIn({
      title: '用地协调',
      kind: 'joint_meeting',
      scheduled_at: '2026-12-10T10:00',
      place: '三楼会议室',
      agenda: ['用地预审'],
      attendees: ['d1', 'd2'],
      case_ids: [],
    });
    expect(body.attendees).toEqual([
      { department_id: 'd1', user_id: null },
      { department_id: 'd2', user_id: null },
    ]);
    expect(body.scheduled_at).toBe('2026-12-10T02:00:00.000Z');
  });

  it('send each decision with its case (or none) and its actions in working days', () => {
    const body = toMinutesIn({
      minutes: '纪要',
      decisions: [
        { text: '同意', kind: 'tolerance', case_id: 'c1', actions: [{ department_id: 'd1', what: '出具意见', working_days: 2 }] },
        { text: '另议', kind: 'other', actions: [] },
      ],
    });
    expect(body.decisions?.[0]).toEqual({
      text: '同意',
      kind: 'tolerance',
      case_id: 'c1',
      actions: [{ department_id: 'd1', user_id: null, what: '出具意见', working_days: 2 }],
    });
    expect(body.decisions?.[1]?.case_id).toBeNull();
  });
});

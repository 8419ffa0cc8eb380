import { describe, expect, it } from 'vitest';
import type { CaseEvent, EventAction } from '@/lib/cases/types';
import {
  followUpStatus,
  hasAftercare,
  mayRecordFollowUp,
  mayReplyRectification,
  mayScheduleFollowUp,
  readAftercareHistory,
  rectificationStatus,
} from './aftercare';

const MARKET = 'dept-market';

describe('aftercare', () => {
  it('exists once the case is completed, terminated or archived', () => {
    expect((['completed', 'terminated', 'archived'] as const).map(hasAftercare)).toEqual([true, true, true]);
    expect((['in_service', 'rejected', 'draft'] as const).map(hasAftercare)).toEqual([false, false, false]);
  });

  it('offers what the server allows, and nothing else', () => {
    expect(mayScheduleFollowUp({ aftercare_actions: ['schedule_follow_up'] })).toBe(true);
    expect(mayScheduleFollowUp({ aftercare_actions: [] })).toBe(false);
    expect(mayRecordFollowUp({ allowed_actions: ['record'] })).toBe(true);
    expect(mayRecordFollowUp({ allowed_actions: [] })).toBe(false);
    expect(mayReplyRectification({ allowed_actions: ['reply'] })).toBe(true);
    expect(mayReplyRectification({ allowed_actions: ['record'] })).toBe(false);
  });

  it('counts a rectification overdue after its deadline, and a late reply as late', () => {
    const due_at = '2026-12-04T10:00:00Z';
    const before = Date.parse('2026-12-04T09:59:00Z');
    const after = Date.parse('2026-12-04T10:01:00Z');
    expect(rectificationStatus({ due_at, replied_at: null }, before)).toBe('open');
    expect(rectificationStatus({ due_at, replied_at: null }, after)).toBe('overdue');
    expect(rectificationStatus({ due_at, replied_at: '2026-12-01T03:00:00Z' }, after)).toBe('answered');
    expect(rectificationStatus({ due_at, replied_at: '2026-12-05T03:00:00Z' }, after)).toBe('answered_late');
  });

  it('makes a visit due from its planned day until it is recorded', () => {
    expect(followUpStatus({ scheduled_for: '2026-12-17', done_at: null }, '2026-12-16')).toBe('planned');
    expect(followUpStatus({ scheduled_for: '2026-12-17', done_at: null }, '2026-12-17')).toBe('due');
    expect(followUpStatus({ scheduled_for: '2026-12-17', done_at: null }, '2027-01-02')).toBe('due');
    expect(followUpStatus({ scheduled_for: '2026-12-17', done_at: '2026-12-17T03:00:00Z' }, '2027-01-02')).toBe('recorded');
  });

  it('reads the evaluation and the people behind visits and replies from the history', () => {
    let sequence = 0;
    const event = (action: EventAction, payload: unknown, actor_name: string | null = '李思远'): CaseEvent => ({
      sequence: ++sequence,
      occurred_at: `2026-11-1${sequence}T02:00:00Z`,
      action,
      payload,
      actor_name,
      prev_hash: '',
      chain_version: 2,
      hash: '',
    });
    const history = readAftercareHistory([
      event('evaluate', { declined: false, level: 'very_satisfied', comment: null }, '郑晓雯'),
      event('reopen', { reason: '补充材料' }),
      event('evaluate', { declined: false, level: 'satisfied', comment: '省心省力' }, '郑晓雯'),
      event('rectification_opened', { rectification_id: 'r1', department_id: MARKET, level: 'dissatisfied' }, '郑晓雯'),
      event('follow_up_scheduled', { follow_up_id: 'v1', method: 'visit' }),
      event('follow_up_recorded', { follow_up_id: 'v1', notes: '已回访' }, '王敏'),
      event('rectification_replied', { rectification_id: 'r1', reply: '已整改' }, '市场监管局分管领导'),
      event('follow_up_scheduled', { follow_up_id: 'v2' }),
      event('follow_up_recorded', 'not an object'),
    ]);
    expect(history.evaluation).toEqual({
      declined: false,
      level: 'satisfied',
      comment: '省心省力',
      at: '2026-11-13T02:00:00Z',
      by: '郑晓雯',
    });
    expect(history.visits.get('v1')).toEqual({ scheduledBy: '李思远', recordedBy: '王敏' });
    expect(history.visits.get('v2')).toEqual({ scheduledBy: '李思远', recordedBy: null });
    expect(history.rectifications.get('r1')).toEqual({ level: 'dissatisfied', repliedBy: '市场监管局分管领导' });
  });

  it('reads a declined evaluation, and no evaluation at all', () => {
    const declined = readAftercareHistory([
      { sequence: 1, occurred_at: '2026-11-11T02:00:00Z', action: 'decline_evaluation', payload: { declined: true, level: null }, prev_hash: '', hash: '', chain_version: 2 },
    ]);
    expect(declined.evaluation).toMatchObject({ declined: true, level: null, by: null });
    expect(readAftercareHistory([]).evaluation).toBeNull();
  });
});

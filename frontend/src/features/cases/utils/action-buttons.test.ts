import { describe, expect, it } from 'vitest';
import type { CaseAction, EvaluationStatus } from '@/lib/cases/types';
import { makeTask } from '@/testing/fixtures';
import { caseActionButtons, taskActionButtons } from './action-buttons';

/** A case not yet confirmed nor evaluated. */
const OPEN = { enterprise_confirmed_at: null, evaluation_status: 'pending' as EvaluationStatus };
const CONFIRMED = { enterprise_confirmed_at: '2026-11-25T01:00:00Z', evaluation_status: 'pending' as EvaluationStatus };

const summary = (buttons: ReturnType<typeof caseActionButtons> | ReturnType<typeof taskActionButtons>) =>
  buttons.map((b) => `${b.action}:${b.form}${b.confirm ? ':confirm' : ''}${b.danger ? ':danger' : ''}${b.primary ? ':primary' : ''}`);

describe('case actions → buttons', () => {
  it('offers exactly what the server allows, forward first and refusals last', () => {
    expect(summary(caseActionButtons({ ...OPEN, allowed_actions: ['return_for_revision', 'review'] }))).toEqual([
      'review:review:primary',
      'return_for_revision:reason',
    ]);
    expect(summary(caseActionButtons({ ...OPEN, allowed_actions: ['reject', 'accept'] }))).toEqual([
      'accept:none:confirm:primary',
      'reject:reason:confirm:danger',
    ]);
  });

  it('asks to confirm the irreversible ones', () => {
    const buttons = caseActionButtons({
      ...CONFIRMED,
      evaluation_status: 'given',
      allowed_actions: ['complete', 'terminate', 'archive', 'start_service', 'reopen'],
    });
    expect(summary(buttons)).toEqual([
      'start_service:none:confirm:primary',
      'complete:completion:confirm',
      'archive:none:confirm',
      'reopen:reason:confirm',
      'terminate:reason:confirm:danger',
    ]);
  });

  it('opens the form each action needs', () => {
    expect(summary(caseActionButtons({ ...OPEN, allowed_actions: ['form_team', 'terminate'] }))[0]).toBe('form_team:team:primary');
    expect(summary(caseActionButtons({ ...OPEN, allowed_actions: ['propose_plan'] }))).toEqual(['propose_plan:plan:primary']);
    expect(summary(caseActionButtons({ ...OPEN, allowed_actions: ['sign_agreement'] }))).toEqual(['sign_agreement:agreement:primary']);
  });

  it('leaves the enterprise’s own actions and unknown codes out of the console', () => {
    expect(caseActionButtons({ ...OPEN, allowed_actions: ['agree_plan', 'confirm', 'evaluate', 'fly_to_moon' as CaseAction] })).toEqual([]);
    expect(summary(caseActionButtons({ ...CONFIRMED, allowed_actions: ['evaluate', 'decline_evaluation'] }))).toEqual([
      'decline_evaluation:none:confirm:primary',
    ]);
  });

  it('hides what the case’s own facts rule out (confirmed, evaluated)', () => {
    const all: CaseAction[] = ['decline_evaluation', 'archive', 'reopen'];
    expect(caseActionButtons({ ...OPEN, allowed_actions: all }).map((b) => b.action)).toEqual(['reopen']);
    expect(caseActionButtons({ ...CONFIRMED, allowed_actions: all }).map((b) => b.action)).toEqual(['decline_evaluation', 'reopen']);
    expect(caseActionButtons({ ...CONFIRMED, evaluation_status: 'declined', allowed_actions: all }).map((b) => b.action)).toEqual([
      'archive',
      'reopen',
    ]);
  });

  it('has no primary button when only refusals are possible', () => {
    expect(caseActionButtons({ ...OPEN, allowed_actions: ['terminate'] })[0]?.primary).toBe(false);
  });
});

describe('task sheet actions → buttons', () => {
  it('acknowledges first, then finishes with a confirmation', () => {
    expect(summary(taskActionButtons(makeTask({ allowed_actions: ['acknowledge', 'send_back', 'transfer'] }), 'department_agent'))).toEqual([
      'acknowledge:none:primary',
      'transfer:transfer',
      'send_back:reason:confirm:danger',
    ]);
    expect(
      summary(
        taskActionButtons(
          makeTask({ state: 'acknowledged', allowed_actions: ['request_correction', 'finish', 'approve_on_commitment', 'send_back', 'transfer', 'supply_missing_materials'] }),
          'department_agent',
        ),
      ),
    ).toEqual(['finish:finish:confirm:primary', 'request_correction:correction', 'transfer:transfer', 'send_back:reason:confirm:danger']);
  });

  it('offers 告知承诺 only where the item allows it, and 容缺 only while something is missing', () => {
    const task = makeTask({
      state: 'acknowledged',
      allowed_actions: ['finish', 'approve_on_commitment', 'supply_missing_materials'],
      missing_materials: [{ name: '营业执照', committed_by: '2026-12-01', supplied_at: null }],
    });
    expect(taskActionButtons(task, 'department_agent', { allowsCommitment: true }).map((b) => b.action)).toEqual([
      'finish',
      'approve_on_commitment',
      'supply_missing_materials',
    ]);
  });

  it('lets the window record how the enterprise was told of a result, once', () => {
    const finished = makeTask({ state: 'finished', outcome: 'approved', allowed_actions: [] });
    expect(summary(taskActionButtons(finished, 'window_agent'))).toEqual(['record_result_notice:result_notice:primary']);
    expect(taskActionButtons(finished, 'department_agent')).toEqual([]);
    expect(taskActionButtons({ ...finished, result_noticed_at: '2026-11-24T02:00:00Z' }, 'window_agent')).toEqual([]);
    expect(taskActionButtons({ ...finished, kind: 'verification' }, 'office')).toEqual([]);
  });

  it('never shows cancel (it happens by terminating the case)', () => {
    expect(taskActionButtons(makeTask({ allowed_actions: ['cancel'] }), 'window_agent')).toEqual([]);
  });
});

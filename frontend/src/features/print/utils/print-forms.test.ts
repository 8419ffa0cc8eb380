import { describe, expect, it } from 'vitest';
import type { CaseEvent, CaseState, EventAction, TeamMember } from '@/lib/cases/types';
import { IDS, makeCase, makeItem, makeTask } from '@/testing/fixtures';
import {
  FORM_KEYS,
  evaluationDepartments,
  formAvailability,
  itemResults,
  milestones,
  parseFormChoice,
  planRows,
  sheetRows,
  type FormKey,
} from './print-forms';

let sequence = 0;
function event(action: EventAction, overrides: Partial<CaseEvent> = {}): CaseEvent {
  sequence += 1;
  return {
    sequence,
    occurred_at: `2026-11-12T${String(sequence).padStart(2, '0')}:00:00Z`,
    action,
    payload: {},
    prev_hash: '0',
    chain_version: 2,
    hash: String(sequence),
    actor_name: '李思远',
    ...overrides,
  };
}

/** The lifecycle events up to `last`, in order, as the server writes them. */
function pathTo(last: string): CaseEvent[] {
  const steps: [EventAction, string, string][] = [
    ['submit', 'draft', 'submitted'],
    ['review', 'submitted', 'reviewed'],
    ['accept', 'reviewed', 'accepted'],
    ['form_team', 'accepted', 'team_formed'],
    ['propose_plan', 'team_formed', 'plan_proposed'],
    ['agree_plan', 'plan_proposed', 'plan_agreed'],
    ['sign_agreement', 'plan_agreed', 'entrusted'],
    ['start_service', 'entrusted', 'in_service'],
  ];
  const end = steps.findIndex(([, , to]) => to === last);
  return steps.slice(0, end + 1).map(([action, from, to]) => event(action, { from_state: from, to_state: to }));
}

function ready(state: CaseState, events: CaseEvent[], overrides: Parameters<typeof makeCase>[0] = {}) {
  const c = makeCase({ state, ...overrides });
  const m = milestones(c, events);
  return Object.fromEntries(FORM_KEYS.map((f) => [f, formAvailability(f, c, m).status])) as Record<FormKey, string>;
}

const planned = [makeItem({ planned: true })];
const sheets = [makeTask({ state: 'finished', outcome: 'approved', document_number: '姚水许〔2026〕1号' })];

describe('parseFormChoice', () => {
  it('reads a known form and falls back to every form', () => {
    expect(parseFormChoice('completion')).toBe('completion');
    expect(parseFormChoice(null)).toBe('all');
    expect(parseFormChoice('constructor')).toBe('all');
  });
});

describe('which forms apply', () => {
  it('a draft prints only its application', () => {
    expect(ready('draft', [])).toEqual({
      application: 'ready',
      agreement: 'notYet',
      plan: 'notYet',
      sheets: 'notYet',
      completion: 'notYet',
      termination: 'notApplicable',
      evaluation: 'notYet',
    });
  });

  it('the agreement prints for signing once the plan is agreed', () => {
    const status = ready('plan_agreed', pathTo('plan_agreed'), { items: planned });
    expect(status.agreement).toBe('ready');
    expect(status.plan).toBe('ready');
    expect(status.sheets).toBe('notYet');
  });

  it('a case in service has sheets, and its completion is not yet due', () => {
    const status = ready('in_service', pathTo('in_service'), { items: planned, tasks: sheets });
    expect(status).toMatchObject({ agreement: 'ready', sheets: 'ready', completion: 'notYet', evaluation: 'notYet' });
    expect(status.termination).toBe('notApplicable');
  });

  it('a completed case prints completion and evaluation, never termination', () => {
    const events = [...pathTo('in_service'), event('complete', { from_state: 'in_service', to_state: 'completed' })];
    const status = ready('completed', events, { items: planned, tasks: sheets });
    expect(status).toMatchObject({ completion: 'ready', evaluation: 'ready', termination: 'notApplicable' });
  });

  it('a terminated case prints termination, and completion does not apply', () => {
    const events = [...pathTo('in_service'), event('terminate', { from_state: 'in_service', to_state: 'terminated' })];
    const c = makeCase({ state: 'terminated', items: planned, tasks: sheets });
    const m = milestones(c, events);
    expect(formAvailability('termination', c, m)).toEqual({ status: 'ready' });
    expect(formAvailability('completion', c, m)).toEqual({ status: 'notApplicable', reason: 'completionTerminated' });
    expect(formAvailability('evaluation', c, m).status).toBe('ready');
  });

  it('a case terminated before its plan never gets an agreement, plan or sheets', () => {
    const events = [...pathTo('accepted'), event('terminate', { from_state: 'accepted', to_state: 'terminated' })];
    const c = makeCase({ state: 'terminated' });
    const m = milestones(c, events);
    expect(formAvailability('agreement', c, m)).toEqual({ status: 'notApplicable', reason: 'agreementNever' });
    expect(formAvailability('plan', c, m)).toEqual({ status: 'notApplicable', reason: 'planNever' });
    expect(formAvailability('sheets', c, m)).toEqual({ status: 'notApplicable', reason: 'sheetsNever' });
  });

  it('a rejected application is never evaluated', () => {
    const events = [...pathTo('reviewed'), event('reject', { from_state: 'reviewed', to_state: 'rejected' })];
    const status = ready('rejected', events);
    expect(status).toMatchObject({ application: 'ready', agreement: 'notApplicable', evaluation: 'notApplicable', completion: 'notApplicable' });
  });

  it('an archived case keeps the forms of the way it closed', () => {
    const events = [
      ...pathTo('in_service'),
      event('complete', { from_state: 'in_service', to_state: 'completed' }),
      event('archive', { from_state: 'completed', to_state: 'archived' }),
    ];
    const status = ready('archived', events, { items: planned, tasks: sheets });
    expect(status).toEqual({
      application: 'ready',
      agreement: 'ready',
      plan: 'ready',
      sheets: 'ready',
      completion: 'ready',
      termination: 'notApplicable',
      evaluation: 'ready',
    });
  });

  it('a reopened case is in service again: its old termination no longer prints', () => {
    const events = [
      ...pathTo('in_service'),
      event('terminate', { from_state: 'in_service', to_state: 'terminated', payload: { reason: '政策调整' } }),
      event('confirm', { from_state: 'terminated', to_state: 'terminated' }),
      event('reopen', { from_state: 'terminated', to_state: 'in_service' }),
    ];
    const c = makeCase({ state: 'in_service', items: planned, tasks: sheets });
    const m = milestones(c, events);
    expect(m.closing).toBeNull();
    expect(m.confirmed).toBeUndefined();
    expect(formAvailability('termination', c, m).status).toBe('notApplicable');
    expect(formAvailability('completion', c, m)).toEqual({ status: 'notYet', reason: 'completionNotYet' });
  });
});

describe('milestones', () => {
  it('reads who did what and when, from events in any order', () => {
    const events = [
      event('review', { actor_name: '钱雨桐', payload: { recommendation: '建议受理。', policy_checks: 'all_met' } }),
      event('accept', { actor_name: '孙子涵' }),
      event('sign_agreement', { actor_name: '周嘉怡' }),
      event('complete', { payload: { handed_over_documents: ['企业投资项目备案证', '营业执照', 7] } }),
      event('confirm', { actor_name: '郑晓雯' }),
      event('evaluate', { payload: { declined: false, level: 'very_satisfied', comment: '全程帮办，省心省力。' } }),
    ].reverse();
    const m = milestones({ state: 'completed' }, events);
    expect(m.reviewed).toMatchObject({ by: '钱雨桐', recommendation: '建议受理。' });
    expect(m.accepted?.by).toBe('孙子涵');
    expect(m.agreementSigned?.by).toBe('周嘉怡');
    expect(m.completed?.documents).toEqual(['企业投资项目备案证', '营业执照']);
    expect(m.confirmed?.by).toBe('郑晓雯');
    expect(m.evaluation).toMatchObject({ declined: false, level: 'very_satisfied', comment: '全程帮办，省心省力。' });
    expect(m.closing).toBe('complete');
  });

  it('knows a declined evaluation and a department’s bad review', () => {
    const m = milestones({ state: 'completed' }, [
      event('complete'),
      event('decline_evaluation', { payload: { declined: true, level: null, comment: null } }),
      event('rectification_opened', { payload: { department_id: IDS.water, level: 'dissatisfied' } }),
      event('rectification_opened', { payload: { department_id: null, level: 'very_dissatisfied' } }),
    ]);
    expect(m.evaluation).toMatchObject({ declined: true, level: null });
    expect([...m.departmentLevels]).toEqual([[IDS.water, 'dissatisfied']]);
  });

  it('falls back to the state when the history says nothing of the closing', () => {
    expect(milestones({ state: 'terminated' }, []).closing).toBe('terminate');
    expect(milestones({ state: 'completed' }, []).closing).toBe('complete');
    expect(milestones({ state: 'in_service' }, []).closing).toBeNull();
  });
});

describe('rows of the forms', () => {
  const first = makeItem({ id: 'a', position: 1, name: '企业投资项目备案', department_id: IDS.ecology, planned: true, agent_id: IDS.agentEcology });
  const second = makeItem({ id: 'b', position: 2, name: '取水许可', planned: true, prerequisites: ['a'], agent_id: IDS.agentWater });
  const asked = makeItem({ id: 'c', position: 3, name: '申请时的事项', planned: false });
  const team: TeamMember[] = [
    { user_id: IDS.agentWater, display_name: '钱卫东', team_role: 'co_agent', department_id: IDS.water },
    { user_id: IDS.agentEcology, display_name: '赵浩然', team_role: 'co_agent', department_id: IDS.ecology },
  ];

  it('the plan lists the planned items in order with agents and prerequisites by name', () => {
    const rows = planRows(makeCase({ items: [asked, second, first], team }));
    expect(rows.map((r) => r.item.name)).toEqual(['企业投资项目备案', '取水许可']);
    expect(rows[0]).toMatchObject({ agent: '赵浩然', prerequisites: [] });
    expect(rows[1]).toMatchObject({ agent: '钱卫东', prerequisites: [{ position: 1, name: '企业投资项目备案' }] });
  });

  it('one sheet per task in dispatch order, its holder as named, from the team, or whoever acknowledged it', () => {
    const early = makeTask({ id: 't1', case_item_id: 'a', dispatched_at: '2026-11-12T01:00:00Z', assignee_id: IDS.agentEcology });
    const late = makeTask({ id: 't2', case_item_id: 'b', dispatched_at: '2026-11-13T01:00:00Z', assignee_id: 'someone-else' });
    const moved = makeTask({ id: 't3', case_item_id: 'b', dispatched_at: '2026-11-14T01:00:00Z', assignee_id: 'x', assignee_name: '褚雨桐' });
    const m = milestones({ state: 'in_service' }, [
      event('task_dispatched', { task_id: 't2', actor_name: null }),
      event('task_acknowledged', { task_id: 't2', actor_name: '孙建国' }),
    ]);
    const rows = sheetRows(makeCase({ items: [first, second], tasks: [moved, late, early], team }), m);
    expect(rows.map((r) => r.task.id)).toEqual(['t1', 't2', 't3']);
    expect(rows[2]?.agent).toBe('褚雨桐');
    expect(rows[0]).toMatchObject({ agent: '赵浩然', item: { name: '企业投资项目备案' } });
    expect(rows[1]?.agent).toBe('孙建国');
    expect(rows[1]?.people.dispatched).toMatchObject({ by: null });
  });

  it('each planned item’s result is its latest approval sheet, not a verification', () => {
    const old = makeTask({ id: 'old', case_item_id: 'a', dispatched_at: '2026-11-12T01:00:00Z', state: 'sent_back' });
    const latest = makeTask({
      id: 'new',
      case_item_id: 'a',
      dispatched_at: '2026-11-13T01:00:00Z',
      state: 'finished',
      outcome: 'approved',
      document_number: '姚发改备〔2026〕31号',
    });
    const check = makeTask({ id: 'check', case_item_id: 'a', dispatched_at: '2026-11-14T01:00:00Z', kind: 'verification' });
    const results = itemResults(makeCase({ items: [asked, second, first], tasks: [old, check, latest] }));
    expect(results.map((r) => [r.item.name, r.task?.id])).toEqual([
      ['企业投资项目备案', 'new'],
      ['取水许可', undefined],
    ]);
  });

  it('each department of the case is evaluated once, with its recorded level', () => {
    const third = makeItem({ id: 'd', position: 4, department_id: IDS.ecology, planned: true });
    const m = milestones({ state: 'completed' }, [
      event('rectification_opened', { payload: { department_id: IDS.water, level: 'very_dissatisfied' } }),
    ]);
    expect(evaluationDepartments(makeCase({ items: [second, third, first] }), m)).toEqual([
      { departmentId: IDS.ecology, level: null },
      { departmentId: IDS.water, level: 'very_dissatisfied' },
    ]);
  });
});

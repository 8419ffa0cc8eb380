import { describe, expect, it } from 'vitest';
import { makeCase, makeTask } from '@/testing/fixtures';
import { nextSteps } from './next-steps';

describe('what the enterprise must do next', () => {
  it('follows the actions the server allows, case and sheets', () => {
    const c = makeCase({
      state: 'in_service',
      allowed_actions: [],
      tasks: [
        makeTask({ id: 'a', state: 'paused', allowed_actions: ['supply_correction', 'supply_missing_materials'] }),
        makeTask({
          id: 'b',
          state: 'acknowledged',
          allowed_actions: ['supply_missing_materials'],
          missing_materials: [
            { name: '水资源论证报告', committed_by: '2026-12-01', supplied_at: null },
            { name: '营业执照', committed_by: '2026-12-01', supplied_at: '2026-11-24T01:00:00Z' },
          ],
        }),
        // Allowed, but nothing is missing: nothing to do.
        makeTask({ id: 'c', state: 'acknowledged', allowed_actions: ['supply_missing_materials'] }),
      ],
    });
    expect(nextSteps(c).map((s) => s.kind)).toEqual(['supply_correction', 'supply_missing_materials']);
    const missing = nextSteps(c)[1];
    expect(missing?.kind === 'supply_missing_materials' && missing.names).toEqual(['水资源论证报告']);
  });

  it('asks to agree the plan, confirm and evaluate when allowed', () => {
    expect(nextSteps(makeCase({ state: 'plan_proposed', allowed_actions: ['return_for_revision', 'agree_plan'] }))).toEqual([
      { kind: 'agree_plan' },
    ]);
    expect(nextSteps(makeCase({ state: 'completed', allowed_actions: ['confirm'] }))).toEqual([{ kind: 'confirm' }]);
    expect(
      nextSteps(makeCase({ state: 'completed', allowed_actions: ['confirm', 'evaluate', 'decline_evaluation'], enterprise_confirmed_at: '2026-11-25T01:00:00Z' })),
    ).toEqual([{ kind: 'evaluate' }]);
    expect(nextSteps(makeCase({ state: 'draft', allowed_actions: ['submit'] }))).toEqual([{ kind: 'submit' }]);
    expect(nextSteps(makeCase({ state: 'submitted', allowed_actions: [] }))).toEqual([]);
  });
});

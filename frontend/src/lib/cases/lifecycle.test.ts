import { describe, expect, it } from 'vitest';
import { lifecycleSteps } from './lifecycle';

const summary = (steps: ReturnType<typeof lifecycleSteps>) => steps.map((s) => `${s.state}:${s.status}`);

describe('lifecycle steps', () => {
  it('marks done, current and coming steps on the main path', () => {
    const steps = lifecycleSteps('team_formed');
    expect(steps).toHaveLength(11);
    expect(summary(steps).slice(3, 6)).toEqual(['accepted:finish', 'team_formed:process', 'plan_proposed:wait']);
    expect(steps.at(-1)).toEqual({ state: 'archived', status: 'wait' });
  });

  it('stops a refused application after the review', () => {
    expect(summary(lifecycleSteps('rejected'))).toEqual([
      'draft:finish', 'submitted:finish', 'reviewed:finish', 'rejected:error',
    ]);
  });

  it('ends a terminated case where it was terminated', () => {
    expect(summary(lifecycleSteps('terminated', { terminatedFrom: 'in_service' })).slice(-2)).toEqual([
      'in_service:finish', 'terminated:error',
    ]);
    // Unknown origin: after the acceptance, the first state that can be terminated.
    expect(summary(lifecycleSteps('terminated')).slice(-2)).toEqual(['accepted:finish', 'terminated:error']);
  });

  it('shows an archived case on the path it closed on', () => {
    expect(lifecycleSteps('archived').every((s) => s.status === 'finish')).toBe(true);
    const archivedTerminated = summary(lifecycleSteps('archived', { archivedFrom: 'terminated', terminatedFrom: 'plan_agreed' }));
    expect(archivedTerminated.slice(-3)).toEqual(['plan_agreed:finish', 'terminated:error', 'archived:finish']);
  });

  it('survives a state it does not know', () => {
    expect(lifecycleSteps('on_hold').every((s) => s.status === 'wait')).toBe(true);
  });
});

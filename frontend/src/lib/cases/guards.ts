/**
 * `allowed_actions` names what the caller's role may do from the case's state, before the
 * guards that depend on facts (SPEC §4 table). The guards the case itself shows are applied
 * here, so that nobody is offered an action the server would refuse at once: confirming twice,
 * evaluating before confirming or after evaluating.
 */
import type { Case, CaseAction } from './types';

export type GuardFacts = Pick<Case, 'allowed_actions' | 'enterprise_confirmed_at' | 'evaluation_status'>;

export function possibleActions(c: GuardFacts): CaseAction[] {
  const confirmed = Boolean(c.enterprise_confirmed_at);
  const evaluationPending = c.evaluation_status === 'pending';
  return c.allowed_actions.filter((action) => {
    switch (action) {
      case 'confirm':
        return !confirmed;
      case 'evaluate':
      case 'decline_evaluation':
        return confirmed && evaluationPending;
      case 'archive':
        return confirmed && !evaluationPending;
      default:
        return true;
    }
  });
}

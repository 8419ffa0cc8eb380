/**
 * The case lifecycle of SPEC §4 as the web app shows it: the states in order, which are
 * closed, and the steps of the progress bar (the main path, with a refusal or a termination
 * marked where it happened).
 */
import { codeList } from '@/lib/api/codes';
import type { CaseState } from '@/lib/api/types';

/** Every lifecycle state, in order; the codes are the contract's (`CaseState`). */
export const CASE_STATES = codeList<CaseState>({
  draft: true,
  submitted: true,
  reviewed: true,
  accepted: true,
  rejected: true,
  team_formed: true,
  plan_proposed: true,
  plan_agreed: true,
  entrusted: true,
  in_service: true,
  completed: true,
  terminated: true,
  archived: true,
});

export function isCaseState(value: unknown): value is CaseState {
  return typeof value === 'string' && (CASE_STATES as readonly string[]).includes(value);
}

/** The path a case takes when nothing goes wrong. */
export const MAIN_PATH = [
  'draft',
  'submitted',
  'reviewed',
  'accepted',
  'team_formed',
  'plan_proposed',
  'plan_agreed',
  'entrusted',
  'in_service',
  'completed',
  'archived',
] as const satisfies readonly CaseState[];

/** States in which the service is over. */
export const CLOSED_STATES: readonly CaseState[] = ['rejected', 'completed', 'terminated', 'archived'];

export type StepStatus = 'finish' | 'process' | 'wait' | 'error';

export interface LifecycleStep {
  state: CaseState;
  status: StepStatus;
}

/**
 * The steps to draw for a case in `state`. A rejected case stops after `reviewed`; a terminated
 * one after the state it was terminated from (`terminatedFrom`, read from the history), or
 * after `accepted` when that is unknown. An archived case shows the path it closed on when
 * `archivedFrom` (`completed` or `terminated`) is given.
 */
export function lifecycleSteps(
  state: string,
  closedFrom?: { terminatedFrom?: string | null; archivedFrom?: string | null },
): LifecycleStep[] {
  const path = MAIN_PATH as readonly CaseState[];
  /** The path up to `last` (done, then `current`), without what would come after. */
  const upTo = (last: CaseState, current: StepStatus): LifecycleStep[] => {
    const index = path.indexOf(last);
    return path.slice(0, index + 1).map((s, i) => ({ state: s, status: i < index ? 'finish' : current }));
  };

  if (state === 'rejected') {
    return [...upTo('reviewed', 'finish'), { state: 'rejected', status: 'error' }];
  }
  const terminatedPath = (from: string | null | undefined): LifecycleStep[] => {
    const before = isCaseState(from) && path.includes(from) && from !== 'draft' ? from : 'accepted';
    return [...upTo(before, 'finish'), { state: 'terminated', status: 'error' }];
  };
  if (state === 'terminated') return terminatedPath(closedFrom?.terminatedFrom);
  if (state === 'archived' && closedFrom?.archivedFrom === 'terminated') {
    return [...terminatedPath(closedFrom.terminatedFrom), { state: 'archived', status: 'finish' }];
  }
  if (state === 'archived') return upTo('archived', 'finish');
  if (isCaseState(state) && path.includes(state)) {
    const index = path.indexOf(state);
    return path.map((s, i) => ({ state: s, status: i < index ? 'finish' : i === index ? 'process' : 'wait' }));
  }
  return path.map((s) => ({ state: s, status: 'wait' }));
}

/**
 * What the enterprise must do next on a case, read from what the server allows the caller
 * (`allowed_actions` of the case and of each sheet), never guessed from the state alone.
 */
import { possibleActions, type GuardFacts } from './guards';
import type { Case, Task } from './types';

export type NextStep =
  | { kind: 'submit' }
  | { kind: 'agree_plan' }
  | { kind: 'supply_correction'; task: Task }
  | { kind: 'supply_missing_materials'; task: Task; names: string[] }
  | { kind: 'confirm' }
  | { kind: 'evaluate' };

export function nextSteps(c: GuardFacts & Pick<Case, 'tasks'>): NextStep[] {
  const steps: NextStep[] = [];
  const allowed = new Set(possibleActions(c));
  if (allowed.has('submit')) steps.push({ kind: 'submit' });
  if (allowed.has('agree_plan')) steps.push({ kind: 'agree_plan' });
  for (const task of c.tasks) {
    if (task.allowed_actions.includes('supply_correction')) steps.push({ kind: 'supply_correction', task });
    const missing = task.missing_materials.filter((m) => !m.supplied_at).map((m) => m.name);
    if (task.allowed_actions.includes('supply_missing_materials') && missing.length > 0) {
      steps.push({ kind: 'supply_missing_materials', task, names: missing });
    }
  }
  if (allowed.has('confirm')) steps.push({ kind: 'confirm' });
  if (allowed.has('evaluate')) steps.push({ kind: 'evaluate' });
  return steps;
}

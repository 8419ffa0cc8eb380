/**
 * Which buttons a case page shows: exactly the actions the server lists in `allowed_actions`
 * for the caller (never guessed from role and state), each with the form it needs and whether
 * it is irreversible and must be confirmed first.
 */
import type { Role } from '@/lib/auth/roles';
import type { CaseCommand } from '@/lib/cases/api/case-commands';
import { possibleActions, type GuardFacts } from '@/lib/cases/guards';
import type { Task } from '@/lib/cases/types';
import type { TaskCommand } from '@/lib/cases/api/task-commands';

/** The form an action opens before it is sent (`none`: a button, maybe with a confirmation). */
export type CaseActionForm =
  | 'none'
  | 'reason'
  | 'review'
  | 'team'
  | 'plan'
  | 'agreement'
  | 'completion';

export interface ActionButton<A extends string, F extends string> {
  action: A;
  form: F;
  /** Irreversible: Modal.confirm / Popconfirm before it is sent. */
  confirm: boolean;
  /** Shown in red (refusals, termination). */
  danger: boolean;
  /** The step forward the caller is here for. */
  primary: boolean;
}

type CaseUi = Omit<ActionButton<CaseCommand, CaseActionForm>, 'action' | 'primary'>;

/** Console actions in the order they are offered: forward first, then returns and refusals. */
const CASE_UI: Partial<Record<CaseCommand, CaseUi>> = {
  submit: { form: 'none', confirm: false, danger: false },
  review: { form: 'review', confirm: false, danger: false },
  accept: { form: 'none', confirm: true, danger: false },
  form_team: { form: 'team', confirm: false, danger: false },
  propose_plan: { form: 'plan', confirm: false, danger: false },
  sign_agreement: { form: 'agreement', confirm: false, danger: false },
  start_service: { form: 'none', confirm: true, danger: false },
  complete: { form: 'completion', confirm: true, danger: false },
  decline_evaluation: { form: 'none', confirm: true, danger: false },
  archive: { form: 'none', confirm: true, danger: false },
  reopen: { form: 'reason', confirm: true, danger: false },
  return_for_revision: { form: 'reason', confirm: false, danger: false },
  reject: { form: 'reason', confirm: true, danger: true },
  terminate: { form: 'reason', confirm: true, danger: true },
};

/**
 * The enterprise's own actions (agree to the plan, confirm, evaluate) belong to the portal:
 * the console never offers them, even if listed.
 */
const ENTERPRISE_ACTIONS: readonly CaseCommand[] = ['agree_plan', 'confirm', 'evaluate'];

/** Buttons for the case's `allowed_actions`, in a stable order; codes without a button are skipped. */
export function caseActionButtons(c: GuardFacts): ActionButton<CaseCommand, CaseActionForm>[] {
  const allowed = new Set(possibleActions(c));
  const buttons = (Object.keys(CASE_UI) as CaseCommand[])
    .filter((action) => allowed.has(action) && !ENTERPRISE_ACTIONS.includes(action))
    .map((action) => ({ action, ...(CASE_UI[action] as CaseUi), primary: false }));
  const forward = buttons.find((b) => !b.danger && b.action !== 'return_for_revision' && b.action !== 'reopen');
  if (forward) forward.primary = true;
  return buttons;
}

export type TaskActionForm =
  | 'none'
  | 'reason'
  | 'correction'
  | 'missing_materials'
  | 'extension'
  | 'finish'
  | 'redispatch'
  | 'transfer'
  | 'result_notice';

type TaskUi = Omit<ActionButton<TaskCommand, TaskActionForm>, 'action' | 'primary'>;

const TASK_UI: Record<TaskCommand, TaskUi> = {
  acknowledge: { form: 'none', confirm: false, danger: false },
  finish: { form: 'finish', confirm: true, danger: false },
  approve_on_commitment: { form: 'finish', confirm: true, danger: false },
  request_correction: { form: 'correction', confirm: false, danger: false },
  supply_correction: { form: 'none', confirm: true, danger: false },
  supply_missing_materials: { form: 'missing_materials', confirm: false, danger: false },
  extend: { form: 'extension', confirm: false, danger: false },
  transfer: { form: 'transfer', confirm: false, danger: false },
  redispatch: { form: 'redispatch', confirm: false, danger: false },
  record_result_notice: { form: 'result_notice', confirm: false, danger: false },
  send_back: { form: 'reason', confirm: true, danger: true },
};

const RESULT_NOTIFIERS: readonly Role[] = ['window_agent', 'office'];

/**
 * Buttons for a sheet: its `allowed_actions` (`cancel` happens only through terminating the
 * case, and 告知承诺 only where the item allows it), plus recording the result notice for the
 * window once a department finished and the enterprise has not been told yet.
 */
export function taskActionButtons(
  task: Pick<Task, 'allowed_actions' | 'state' | 'kind' | 'result_noticed_at' | 'missing_materials'>,
  role: Role,
  options: { allowsCommitment?: boolean } = {},
): ActionButton<TaskCommand, TaskActionForm>[] {
  const allowed = new Set<string>(task.allowed_actions);
  if (!options.allowsCommitment) allowed.delete('approve_on_commitment');
  if (!task.missing_materials.some((m) => !m.supplied_at)) allowed.delete('supply_missing_materials');
  if (RESULT_NOTIFIERS.includes(role) && task.state === 'finished' && !task.result_noticed_at && task.kind === 'approval') {
    allowed.add('record_result_notice');
  }
  const buttons = (Object.keys(TASK_UI) as TaskCommand[])
    .filter((action) => allowed.has(action))
    .map((action) => ({ action, ...TASK_UI[action], primary: false }));
  const forward = buttons.find((b) => !b.danger);
  if (forward) forward.primary = true;
  return buttons;
}

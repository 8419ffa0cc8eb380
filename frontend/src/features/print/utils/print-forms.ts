/**
 * What the printed forms (附件2–9) say, derived from the case and its history: which forms
 * apply to a case in its state, the dates and people the history records (who reviewed, when
 * the agreement was signed, what was handed over), and the rows of each form's tables.
 * Pure functions: the components only lay them out.
 */
import { isEvaluationLevel } from '@/lib/cases/codes';
import type { Case, CaseEvent, CaseItem, CaseMaterial, EvaluationLevel, MissingMaterial, Task, TimeLimit } from '@/lib/cases/types';

/** The forms in the county's order, each with its annex number in the plan (大政办发〔2023〕62号). */
export const FORM_KEYS = ['application', 'agreement', 'plan', 'sheets', 'completion', 'termination', 'evaluation'] as const;
export type FormKey = (typeof FORM_KEYS)[number];
export type FormChoice = FormKey | 'all';

export const ANNEX: Record<FormKey, number> = {
  application: 2,
  agreement: 3,
  plan: 4,
  sheets: 5,
  completion: 7,
  termination: 8,
  evaluation: 9,
};

/** `?form=` as the toolbar writes it; anything else shows every form. */
export function parseFormChoice(value: string | null): FormChoice {
  return (FORM_KEYS as readonly string[]).includes(value ?? '') ? (value as FormKey) : 'all';
}

/** Someone did something at a time (an event of the history). */
export interface Done {
  at: string;
  /** The actor's name; null when the system did it (a sheet dispatched by itself). */
  by: string | null;
}

export interface SheetPeople {
  dispatched?: Done;
  acknowledged?: Done;
  finished?: Done;
}

/** The milestones of a case as its history records them; only the latest of each counts. */
export interface Milestones {
  /** Every state the case has been in. */
  reached: ReadonlySet<string>;
  submitted?: Done;
  reviewed?: Done & { recommendation: string | null };
  accepted?: Done;
  planAgreed?: Done;
  agreementSigned?: Done;
  serviceStarted?: Done;
  completed?: Done & { documents: string[] };
  terminated?: Done & { reason: string | null; from: string | null };
  /** The enterprise's confirmation of the current completion or termination. */
  confirmed?: Done;
  evaluation?: Done & { declined: boolean; level: EvaluationLevel | null; comment: string | null };
  /** How the service ended, unless reopened since: a completion, a termination, or neither yet. */
  closing: 'complete' | 'terminate' | null;
  /** Departments' own levels, where the history holds them (a bad review opens a rectification). */
  departmentLevels: ReadonlyMap<string, EvaluationLevel>;
  /** Who dispatched, acknowledged and finished each sheet, by sheet id. */
  sheets: ReadonlyMap<string, SheetPeople>;
}

const record = (payload: unknown): Record<string, unknown> =>
  typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};
const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.flatMap((v) => (typeof v === 'string' && v.trim() ? [v.trim()] : [])) : [];

/** Reads the history (in any order) into the milestones the forms print. */
export function milestones(c: Pick<Case, 'state'>, events: readonly CaseEvent[]): Milestones {
  const reached = new Set<string>([c.state]);
  const m: Omit<Milestones, 'reached' | 'departmentLevels' | 'sheets'> = { closing: null };
  const departmentLevels = new Map<string, EvaluationLevel>();
  const sheets = new Map<string, SheetPeople>();
  const ordered = [...events].sort((a, b) => a.sequence - b.sequence);

  for (const e of ordered) {
    if (e.to_state && !e.task_id) reached.add(e.to_state);
    const done: Done = { at: e.occurred_at, by: e.actor_name ?? null };
    const p = record(e.payload);
    if (e.task_id) {
      const people = sheets.get(e.task_id) ?? {};
      if (e.action === 'task_dispatched') people.dispatched = done;
      else if (e.action === 'task_acknowledged') people.acknowledged = done;
      else if (e.action === 'task_finished') people.finished = done;
      sheets.set(e.task_id, people);
    }
    switch (e.action) {
      case 'submit':
        m.submitted = done;
        break;
      case 'review':
        m.reviewed = { ...done, recommendation: text(p.recommendation) };
        break;
      case 'accept':
        m.accepted = done;
        break;
      case 'agree_plan':
        m.planAgreed = done;
        break;
      case 'sign_agreement':
        m.agreementSigned = done;
        break;
      case 'start_service':
        m.serviceStarted = done;
        break;
      case 'complete':
        m.completed = { ...done, documents: texts(p.handed_over_documents) };
        m.closing = 'complete';
        m.confirmed = undefined;
        break;
      case 'terminate':
        m.terminated = { ...done, reason: text(p.reason), from: e.from_state ?? null };
        m.closing = 'terminate';
        m.confirmed = undefined;
        break;
      case 'reopen':
        // A reopened case is in service again: its earlier closing, confirmation and
        // evaluation no longer describe it.
        m.closing = null;
        m.confirmed = undefined;
        m.evaluation = undefined;
        departmentLevels.clear();
        break;
      case 'confirm':
        m.confirmed = done;
        break;
      case 'evaluate':
      case 'decline_evaluation': {
        const declined = e.action === 'decline_evaluation' || p.declined === true;
        m.evaluation = { ...done, declined, level: isEvaluationLevel(p.level) ? p.level : null, comment: text(p.comment) };
        break;
      }
      case 'rectification_opened': {
        const department = text(p.department_id);
        if (department && isEvaluationLevel(p.level)) departmentLevels.set(department, p.level);
        break;
      }
    }
  }
  // A history that says nothing of the closing (it always should) still has the state.
  if (!ordered.some((e) => e.action === 'complete' || e.action === 'terminate' || e.action === 'reopen')) {
    if (c.state === 'completed') m.closing = 'complete';
    if (c.state === 'terminated') m.closing = 'terminate';
  }
  return { ...m, reached, departmentLevels, sheets };
}

/**
 * Whether a form can be printed for the case now. `notYet`: the case has not come so far;
 * `notApplicable`: the case went another way (refused, terminated, completed) and never will.
 */
export type Availability =
  | { status: 'ready' }
  | { status: 'notYet' | 'notApplicable'; reason: UnavailableReason };

export type UnavailableReason =
  | 'agreementNotYet'
  | 'agreementNever'
  | 'planNotYet'
  | 'planNever'
  | 'sheetsNotYet'
  | 'sheetsNever'
  | 'completionNotYet'
  | 'completionTerminated'
  | 'completionNever'
  | 'terminationNone'
  | 'terminationCompleted'
  | 'evaluationNotYet'
  | 'evaluationNever';

const READY: Availability = { status: 'ready' };

/** States after which a case will never reach a step it has not reached. */
const ENDED = ['rejected', 'terminated', 'archived'];

export function formAvailability(form: FormKey, c: Pick<Case, 'state' | 'items' | 'tasks'>, m: Milestones): Availability {
  const ended = ENDED.includes(c.state) || m.closing !== null;
  const missing = (notYet: UnavailableReason, never: UnavailableReason): Availability =>
    ended ? { status: 'notApplicable', reason: never } : { status: 'notYet', reason: notYet };
  switch (form) {
    case 'application':
      // The enterprise fills it in to apply: there is always one.
      return READY;
    case 'agreement':
      // Printed for signing at the window once the enterprise has agreed to the plan.
      return m.reached.has('plan_agreed') || m.agreementSigned ? READY : missing('agreementNotYet', 'agreementNever');
    case 'plan':
      return c.items.some((i) => i.planned) ? READY : missing('planNotYet', 'planNever');
    case 'sheets':
      return c.tasks.length > 0 ? READY : missing('sheetsNotYet', 'sheetsNever');
    case 'completion':
      if (m.closing === 'complete') return READY;
      if (m.closing === 'terminate') return { status: 'notApplicable', reason: 'completionTerminated' };
      return missing('completionNotYet', 'completionNever');
    case 'termination':
      if (m.closing === 'terminate') return READY;
      if (m.closing === 'complete') return { status: 'notApplicable', reason: 'terminationCompleted' };
      return { status: 'notApplicable', reason: 'terminationNone' };
    case 'evaluation':
      // Filled in when the service ends, whichever way; on paper if not yet in the system.
      return m.closing !== null ? READY : missing('evaluationNotYet', 'evaluationNever');
  }
}

export const byPosition = (items: readonly CaseItem[]) => [...items].sort((a, b) => a.position - b.position);

/** The butler team by role: the responsible leader, the lead agent and the co-agents. */
export function teamByRole(c: Pick<Case, 'team'>) {
  return {
    leader: c.team.filter((m) => m.team_role === 'responsible_leader'),
    lead: c.team.filter((m) => m.team_role === 'lead_agent'),
    co: c.team.filter((m) => m.team_role === 'co_agent'),
  };
}

/** A person's name from the team, `null` when not a member. */
export function memberName(c: Pick<Case, 'team'>, userId: string | null | undefined): string | null {
  return userId ? (c.team.find((m) => m.user_id === userId)?.display_name ?? null) : null;
}

export interface PlanRow {
  item: CaseItem;
  materials: CaseMaterial[];
  missing: MissingMaterial[];
  promised: TimeLimit | null;
  legal: TimeLimit | null;
  agent: string | null;
  /** The items that must be approved first, by position and name; empty: run in parallel. */
  prerequisites: { position: number; name: string }[];
}

/** The service plan (附件4): the planned items in order, with what the plan says of each. */
export function planRows(c: Pick<Case, 'items' | 'team'>): PlanRow[] {
  const byId = new Map(c.items.map((i) => [i.id, i]));
  return byPosition(c.items)
    .filter((i) => i.planned)
    .map((item) => ({
      item,
      materials: item.materials,
      missing: item.missing_materials,
      promised: item.promised_limit ?? null,
      legal: item.legal_limit ?? null,
      agent: memberName(c, item.agent_id),
      prerequisites: item.prerequisites.flatMap((id) => {
        const pre = byId.get(id);
        return pre ? [{ position: pre.position, name: pre.name }] : [];
      }),
    }));
}

export interface SheetRow {
  task: Task;
  item: CaseItem | undefined;
  /** The sheet's holder as the API names it, else the team member, else whoever acknowledged it. */
  agent: string | null;
  people: SheetPeople;
}

/** One task sheet and receipt (附件5) per sheet, in the order they were dispatched. */
export function sheetRows(c: Pick<Case, 'items' | 'tasks' | 'team'>, m: Pick<Milestones, 'sheets'>): SheetRow[] {
  const items = new Map(c.items.map((i) => [i.id, i]));
  return [...c.tasks]
    .sort(
      (a, b) =>
        a.dispatched_at.localeCompare(b.dispatched_at) ||
        (items.get(a.case_item_id)?.position ?? 0) - (items.get(b.case_item_id)?.position ?? 0),
    )
    .map((task) => {
      const people = m.sheets.get(task.id) ?? {};
      return {
        task,
        item: items.get(task.case_item_id),
        agent: task.assignee_name ?? memberName(c, task.assignee_id) ?? people.acknowledged?.by ?? null,
        people,
      };
    });
}

export interface ItemResult {
  item: CaseItem;
  /** The item's latest approval sheet (a 告知承诺 verification sheet does not replace it). */
  task: Task | undefined;
}

/** Each item of the case with how it ended, for the completion and termination forms. */
export function itemResults(c: Pick<Case, 'items' | 'tasks'>): ItemResult[] {
  const items = byPosition(c.items);
  const planned = items.some((i) => i.planned) ? items.filter((i) => i.planned) : items;
  return planned.map((item) => {
    const sheets = c.tasks
      .filter((t) => t.case_item_id === item.id && t.kind !== 'verification')
      .sort((a, b) => b.dispatched_at.localeCompare(a.dispatched_at));
    return { item, task: sheets[0] };
  });
}

export interface DepartmentLevel {
  departmentId: string;
  level: EvaluationLevel | null;
}

/** The departments with items in the case, in the plan's order, each with its level if recorded. */
export function evaluationDepartments(c: Pick<Case, 'items'>, m: Pick<Milestones, 'departmentLevels'>): DepartmentLevel[] {
  const seen = new Set<string>();
  return byPosition(c.items).flatMap((item) => {
    if (seen.has(item.department_id)) return [];
    seen.add(item.department_id);
    return [{ departmentId: item.department_id, level: m.departmentLevels.get(item.department_id) ?? null }];
  });
}

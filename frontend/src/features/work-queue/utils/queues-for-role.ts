import type { Role } from '@/lib/auth/roles';
import type { CaseState, QueueName } from '@/lib/cases/types';

/** Where a queue's rows come from. */
export type QueueSource =
  /** Cases in these states (`GET /cases?state=`). */
  | { kind: 'cases'; states: readonly CaseState[] }
  /** A task-sheet queue (`GET /tasks?queue=`). */
  | { kind: 'tasks'; queue: QueueName }
  /** Bad reviews waiting for a written reply (`GET /rectifications`). */
  | { kind: 'rectifications' }
  /** No data yet: a description and a link. */
  | { kind: 'link'; to: string };

export interface QueueDefinition {
  /** Names `console:home.queues.<key>`. */
  key: string;
  source: QueueSource;
}

const cases = (key: string, states: readonly CaseState[]): QueueDefinition => ({ key, source: { kind: 'cases', states } });
const tasks = (key: string, queue: QueueName): QueueDefinition => ({ key, source: { kind: 'tasks', queue } });
const rectifications: QueueDefinition = { key: 'rectifications_to_answer', source: { kind: 'rectifications' } };
const link = (key: string, to: string): QueueDefinition => ({ key, source: { kind: 'link', to } });

/**
 * The work queues of SPEC §4, by who works them. Steps with a deadline of their own show it:
 * the team within 1 working day of acceptance, the plan within 1 working day of the team.
 */
export const QUEUES_BY_ROLE: Record<Role, readonly QueueDefinition[]> = {
  admin: [
    link('catalog_maintenance', '/console/items'),
    link('users_and_departments', '/console/users'),
    link('calendar_maintenance', '/console/calendar'),
  ],
  investment_officer: [cases('applications_to_review', ['submitted']), cases('applications_to_help', ['draft'])],
  investment_leader: [cases('acceptances_to_sign', ['reviewed'])],
  office: [
    cases('teams_to_form', ['accepted']),
    cases('plans_to_propose', ['team_formed']),
    tasks('overdue_and_chasing', 'overdue'),
    cases('cases_to_complete', ['in_service']),
    cases('archives', ['completed', 'terminated']),
    rectifications,
  ],
  window_agent: [
    cases('plans_to_propose', ['team_formed']),
    cases('agreements_to_sign', ['plan_agreed']),
    cases('sheets_to_dispatch', ['entrusted']),
    tasks('results_to_notify', 'results_to_notify'),
    tasks('sheets_sent_back', 'sent_back'),
    cases('cases_to_complete', ['in_service']),
  ],
  department_agent: [
    tasks('my_sheets', 'mine'),
    tasks('department_sheets', 'department'),
    tasks('overdue_sheets', 'overdue'),
    tasks('due_soon_sheets', 'due_soon'),
  ],
  department_leader: [
    tasks('department_sheets', 'department'),
    tasks('overdue_sheets', 'overdue'),
    tasks('due_soon_sheets', 'due_soon'),
    rectifications,
    link('department_statistics', '/console/supervision'),
  ],
  supervisor: [tasks('overdue_overview', 'overdue'), link('supervision_overview', '/console/supervision')],
  enterprise: [],
  platform_admin: [],
};

export function queuesFor(role: Role): readonly QueueDefinition[] {
  return QUEUES_BY_ROLE[role];
}

import type { Role } from '@/lib/auth/roles';

/** The work queues of SPEC §4, by who works them. Keys name `console:home.queues.*`. */
export const QUEUES_BY_ROLE = {
  admin: ['catalog_maintenance', 'users_and_departments', 'calendars'],
  investment_officer: ['applications_to_help', 'applications_to_review'],
  investment_leader: ['acceptances_to_sign'],
  office: ['teams_to_form', 'plans_to_propose', 'overdue_and_chasing', 'archives'],
  window_agent: ['agreements_to_sign', 'sheets_to_dispatch', 'results_to_notify'],
  department_agent: ['sheets_to_acknowledge', 'sheets_in_progress', 'corrections_waiting'],
  department_leader: ['department_overdue', 'escalations', 'department_statistics'],
  supervisor: ['overdue_overview', 'evaluations', 'complaints', 'supervision_notices'],
  enterprise: [],
} as const satisfies Record<Role, readonly string[]>;

export type QueueKey = (typeof QUEUES_BY_ROLE)[Role][number];

export function queuesFor(role: Role): readonly QueueKey[] {
  return QUEUES_BY_ROLE[role];
}

/**
 * Who may fill in an application at the console (代为填报). The server decides: officials of
 * these roles may create a case for an enterprise (`POST /cases`), but only the investment
 * officer, who reviews applications, may submit or edit one (the lifecycle's applicants are the
 * enterprise and the investment officer). Drafts that others start wait in the investment
 * officer's "applications to help" queue.
 */
import type { Role } from '@/lib/auth/roles';
import type { Case } from './types';

export const APPLICATION_TAKERS = ['investment_officer', 'office', 'window_agent'] as const satisfies readonly Role[];

/** The console offers "apply for an enterprise" to these roles. */
export function mayTakeApplications(role: Role | undefined): boolean {
  return (APPLICATION_TAKERS as readonly string[]).includes(role ?? '');
}

/** The role may submit the application it has just saved (else it stays a draft for the officer). */
export function maySubmitApplications(role: Role | undefined): boolean {
  return role === 'investment_officer';
}

/**
 * The draft can be edited by the caller: the server lists `submit` exactly for those who may
 * also change a draft (PATCH /cases/{id}), so no role is guessed here.
 */
export function mayEditApplication(c: Pick<Case, 'state' | 'allowed_actions'>): boolean {
  return c.state === 'draft' && c.allowed_actions.includes('submit');
}

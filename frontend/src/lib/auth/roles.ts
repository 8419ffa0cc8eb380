import type { JsonOk } from '@/lib/api/types';

/** The signed-in user, as GET /api/v1/me answers. */
export type Me = JsonOk<'/api/v1/me', 'get'>;
export type Role = Me['role'];

/** Every role, in the order of SPEC §1; the compiler checks it against the contract. */
export const ROLES = [
  'enterprise',
  'investment_officer',
  'investment_leader',
  'office',
  'window_agent',
  'department_agent',
  'department_leader',
  'supervisor',
  'admin',
] as const satisfies readonly Role[];

// Fails to compile when the contract adds a role this list lacks.
type MissingRoles = Exclude<Role, (typeof ROLES)[number]>;
const rolesAreComplete: [MissingRoles] extends [never] ? true : MissingRoles = true;
void rolesAreComplete;

export type Shell = 'console' | 'portal';

/** Enterprise contacts use the phone-first portal; every other role is an official. */
export function shellFor(role: Role): Shell {
  return role === 'enterprise' ? 'portal' : 'console';
}

export function homePathFor(role: Role): string {
  return `/${shellFor(role)}`;
}

/**
 * Where to go after signing in: the page asked for before the login (`next`) when it belongs to
 * the user's shell, else the shell's home. Only same-origin paths are honoured.
 */
export function landingPath(role: Role, next: string | null | undefined): string {
  const home = homePathFor(role);
  if (!next || !next.startsWith('/') || next.startsWith('//')) return home;
  return next === home || next.startsWith(`${home}/`) || next.startsWith(`${home}?`) ? next : home;
}

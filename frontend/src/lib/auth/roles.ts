import { codeList } from '@/lib/api/codes';
import type { JsonOk } from '@/lib/api/types';

/** The signed-in user, as GET /api/v1/me answers. */
export type Me = JsonOk<'/api/v1/me', 'get'>;
export type Role = Me['role'];

/** Every role, in the order of SPEC §1; a role the contract adds or drops fails to compile. */
export const ROLES = codeList<Role>({
  enterprise: true,
  investment_officer: true,
  investment_leader: true,
  office: true,
  window_agent: true,
  department_agent: true,
  department_leader: true,
  supervisor: true,
  admin: true,
  platform_admin: true,
});

/** The roles a county's users hold: every role but the platform's. */
export const COUNTY_ROLES = ROLES.filter((role) => role !== 'platform_admin');

export type Shell = 'console' | 'portal' | 'platform';

/**
 * Enterprise contacts use the phone-first portal, platform administrators the platform's own
 * console (counties, not a county's work); every other role is a county official.
 */
export function shellFor(role: Role): Shell {
  if (role === 'enterprise') return 'portal';
  return role === 'platform_admin' ? 'platform' : 'console';
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

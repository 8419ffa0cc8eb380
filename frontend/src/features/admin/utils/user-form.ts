/**
 * The administrator's user forms as data: which fields a role needs, what each form sends
 * (`UserIn`, `UserPatch`), and how an account's state reads (closed, locked, experience).
 * The server decides; these only keep the forms from asking for what a role cannot have.
 */
import type { JsonBody, PageItem } from '@/lib/api/types';
import type { Role } from '@/lib/auth/roles';

export type User = PageItem<'/api/v1/users'>;
export type UserIn = JsonBody<'/api/v1/users', 'post'>;
export type UserPatch = JsonBody<'/api/v1/users/{id}', 'patch'>;

/** What an account of a role is bound to and records. */
export interface RoleNeeds {
  /** Department agents and leaders belong to one department. */
  department: boolean;
  /** An enterprise contact acts for one enterprise. */
  enterprise: boolean;
  /** Officials record since when they have done approval work. */
  approvalWork: boolean;
  /** A department agent joins a butler team only after a year of approval work (SPEC §1). */
  approvalYearRequired: boolean;
}

export function roleNeeds(role: Role | undefined): RoleNeeds {
  return {
    department: role === 'department_agent' || role === 'department_leader',
    enterprise: role === 'enterprise',
    approvalWork: role !== undefined && role !== 'enterprise',
    approvalYearRequired: role === 'department_agent',
  };
}

/** The new-user form's values; its field names are the API's, so server errors land on them. */
export interface UserCreateValues {
  username: string;
  display_name: string;
  role: Role;
  department_id?: string | null;
  enterprise_id?: string | null;
  phone?: string;
  /** Where e-mail notifications go. */
  email?: string;
  /** `YYYY-MM-DD` from the date field, `''` when left empty. */
  approval_work_since?: string;
  password: string;
  password_again: string;
}

export const USER_CREATE_FIELDS = [
  'username',
  'display_name',
  'role',
  'department_id',
  'enterprise_id',
  'phone',
  'email',
  'approval_work_since',
  'password',
] as const;

const trimmed = (value: string | null | undefined) => value?.trim() ?? '';

/**
 * POST /users's body: trimmed texts; the department or enterprise only for the roles bound to
 * one (the server refuses them on other roles); empty optional fields left out. The password
 * goes as typed: spaces may be part of it.
 */
export function userCreateToUserIn(values: UserCreateValues): UserIn {
  const needs = roleNeeds(values.role);
  const phone = trimmed(values.phone);
  const email = trimmed(values.email);
  const since = trimmed(values.approval_work_since);
  return {
    username: trimmed(values.username),
    display_name: trimmed(values.display_name),
    role: values.role,
    password: values.password,
    ...(needs.department && values.department_id ? { department_id: values.department_id } : {}),
    ...(needs.enterprise && values.enterprise_id ? { enterprise_id: values.enterprise_id } : {}),
    ...(phone ? { phone } : {}),
    ...(email ? { email } : {}),
    ...(needs.approvalWork && since ? { approval_work_since: since } : {}),
  };
}

/** The edit form: the phone is shown masked only, so it is typed anew or removed. */
export interface UserEditValues {
  display_name: string;
  /** A new number; empty keeps the current one. */
  phone?: string;
  /** Removes the current number (sends `""`). */
  remove_phone?: boolean;
  /** The e-mail address as it should be; emptied, it is removed (sends `""`). */
  email?: string;
  approval_work_since?: string;
}

export const USER_EDIT_FIELDS = ['display_name', 'phone', 'email', 'approval_work_since'] as const;

/** PATCH /users/{id}'s body: only what changed; `null` when nothing did. */
export function userEditToPatch(user: User, values: UserEditValues): UserPatch | null {
  const patch: UserPatch = {};
  const name = trimmed(values.display_name);
  if (name !== user.display_name) patch.display_name = name;
  const phone = trimmed(values.phone);
  if (values.remove_phone) {
    if (user.phone_masked) patch.phone = '';
  } else if (phone) {
    patch.phone = phone;
  }
  const email = trimmed(values.email);
  if (values.email !== undefined && email !== (user.email ?? '')) patch.email = email;
  const since = trimmed(values.approval_work_since);
  // The API cannot forget the date once recorded: an emptied field changes nothing.
  if (since && since !== (user.approval_work_since ?? '')) patch.approval_work_since = since;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The edit form's starting values. */
export function userEditValues(user: User): UserEditValues {
  return {
    display_name: user.display_name,
    phone: '',
    remove_phone: false,
    email: user.email ?? '',
    approval_work_since: user.approval_work_since ?? '',
  };
}

/** Whether sign-in is refused for now after repeated failures (`locked_until` still ahead). */
export function isLocked(user: Pick<User, 'locked_until'>, now: number): boolean {
  if (!user.locked_until) return false;
  const until = Date.parse(user.locked_until);
  return Number.isFinite(until) && until > now;
}

export type AccountStatus = 'active' | 'locked' | 'closed';

/** How the account stands: closed wins over locked (a closed account cannot sign in anyway). */
export function accountStatus(user: Pick<User, 'active' | 'locked_until'>, now: number): AccountStatus {
  if (!user.active) return 'closed';
  return isLocked(user, now) ? 'locked' : 'active';
}

const DAY_MS = 86_400_000;
/** The server counts a year of approval work as 365 days back from today. */
const YEAR_DAYS = 365;

/** Asia/Shanghai's date of an instant, `YYYY-MM-DD` (UTC+8 all year: no daylight saving). */
function shanghaiDate(instant: number): string {
  return new Date(instant + 8 * 3_600_000).toISOString().slice(0, 10);
}

/**
 * Whether approval work since `since` (`YYYY-MM-DD`) amounts to a year by `now`, as the server
 * counts it when a team is formed: on or before the (UTC) date 365 days ago.
 */
export function hasApprovalYear(since: string | null | undefined, now: number): boolean {
  if (!since) return false;
  return since <= new Date(now - YEAR_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/** Whole years of approval work since `since` by `now` (0 before the first anniversary). */
export function approvalYears(since: string, now: number): number {
  const today = shanghaiDate(now);
  const [y1, m1, d1] = since.split('-').map(Number) as [number, number, number];
  const [y2, m2, d2] = today.split('-').map(Number) as [number, number, number];
  const years = y2 - y1 - (m2 < m1 || (m2 === m1 && d2 < d1) ? 1 : 0);
  return Math.max(0, years);
}

/** Today in Asia/Shanghai, for the date fields' upper bound. */
export function todayInShanghai(now: number): string {
  return shanghaiDate(now);
}

/** The rules the server applies to a new password (GB/T 22239 identity rules, SPEC §10). */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;

export interface PasswordCheck {
  length: number;
  /** Of lower case, upper case, digits and other characters, how many appear. */
  classes: number;
  /** Whether the server's rules would accept it (the server has the last word). */
  acceptable: boolean;
  strength: 'empty' | 'weak' | 'fair' | 'strong';
}

export function checkPassword(password: string): PasswordCheck {
  const chars = [...password];
  const length = chars.length;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((pattern) =>
    chars.some((c) => pattern.test(c)),
  ).length;
  const acceptable = length >= PASSWORD_MIN_LENGTH && length <= PASSWORD_MAX_LENGTH && classes >= 3;
  const strength =
    length === 0 ? 'empty' : !acceptable ? 'weak' : classes === 4 && length >= 14 ? 'strong' : 'fair';
  return { length, classes, acceptable, strength };
}

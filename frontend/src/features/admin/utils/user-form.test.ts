import { describe, expect, it } from 'vitest';
import {
  accountStatus,
  approvalYears,
  checkPassword,
  hasApprovalYear,
  isLocked,
  roleNeeds,
  userCreateToUserIn,
  userEditToPatch,
  userEditValues,
  type User,
} from './user-form';

const NOW = Date.parse('2026-07-24T10:00:00+08:00');
const DEPARTMENT = '0193a0c2-0000-7000-8000-0000000000d1';
const ENTERPRISE = '0193a0c2-0000-7000-8000-0000000000e1';

const user = (overrides: Partial<User> = {}): User => ({
  id: '0193a0c2-0000-7000-8000-0000000000u1',
  username: 'agent-water-2',
  display_name: '钱卫东',
  role: 'department_agent',
  department_id: DEPARTMENT,
  enterprise_id: null,
  phone_masked: '138****0001',
  approval_work_since: '2022-03-01',
  active: true,
  locked_until: null,
  last_login_at: null,
  created_at: '2026-01-01T00:00:00Z',
  must_change_password: false,
  ...overrides,
});

describe('what a role needs', () => {
  it('binds department roles to a department and the enterprise contact to an enterprise', () => {
    expect(roleNeeds('department_agent')).toEqual({ department: true, enterprise: false, approvalWork: true, approvalYearRequired: true });
    expect(roleNeeds('department_leader')).toEqual({ department: true, enterprise: false, approvalWork: true, approvalYearRequired: false });
    expect(roleNeeds('enterprise')).toEqual({ department: false, enterprise: true, approvalWork: false, approvalYearRequired: false });
    expect(roleNeeds('office')).toEqual({ department: false, enterprise: false, approvalWork: true, approvalYearRequired: false });
    expect(roleNeeds(undefined)).toEqual({ department: false, enterprise: false, approvalWork: false, approvalYearRequired: false });
  });
});

describe('the new-user form → UserIn', () => {
  const base = {
    username: '  agent-water-2 ',
    display_name: ' 钱卫东 ',
    password: ' Initial-Pass-2026',
    password_again: ' Initial-Pass-2026',
  };

  it('sends a department agent with its department and approval date, trimmed (the password as typed)', () => {
    expect(
      userCreateToUserIn({ ...base, role: 'department_agent', department_id: DEPARTMENT, phone: ' 13800000001 ', approval_work_since: '2022-03-01' }),
    ).toEqual({
      username: 'agent-water-2',
      display_name: '钱卫东',
      role: 'department_agent',
      department_id: DEPARTMENT,
      phone: '13800000001',
      approval_work_since: '2022-03-01',
      password: ' Initial-Pass-2026',
    });
  });

  it('leaves out what the role cannot have, and empty optional fields', () => {
    // Picked before the role changed: the server would refuse them on this role.
    const body = userCreateToUserIn({
      ...base,
      role: 'office',
      department_id: DEPARTMENT,
      enterprise_id: ENTERPRISE,
      phone: '  ',
      approval_work_since: '',
    });
    expect(body).toEqual({ username: 'agent-water-2', display_name: '钱卫东', role: 'office', password: ' Initial-Pass-2026' });
  });

  it('binds an enterprise contact to its enterprise, without approval experience', () => {
    const body = userCreateToUserIn({ ...base, role: 'enterprise', enterprise_id: ENTERPRISE, approval_work_since: '2020-01-01' });
    expect(body).toEqual({ username: 'agent-water-2', display_name: '钱卫东', role: 'enterprise', enterprise_id: ENTERPRISE, password: ' Initial-Pass-2026' });
    expect(body).not.toHaveProperty('password_again');
  });
});

describe('the edit form → UserPatch', () => {
  it('starts from the account (the phone is never shown in full, so it starts empty)', () => {
    expect(userEditValues(user())).toEqual({ display_name: '钱卫东', phone: '', remove_phone: false, email: '', approval_work_since: '2022-03-01' });
  });

  it('sends a new e-mail address, and an emptied one as "" to remove it', () => {
    expect(userEditToPatch(user(), { ...userEditValues(user()), email: ' qian@example.cn ' })).toEqual({ email: 'qian@example.cn' });
    const withEmail = user({ email: 'qian@example.cn' });
    expect(userEditToPatch(withEmail, userEditValues(withEmail))).toBeNull();
    expect(userEditToPatch(withEmail, { ...userEditValues(withEmail), email: '' })).toEqual({ email: '' });
  });

  it('sends only what changed, and nothing when nothing did', () => {
    expect(userEditToPatch(user(), userEditValues(user()))).toBeNull();
    expect(userEditToPatch(user(), { ...userEditValues(user()), display_name: ' 钱卫东 ' })).toBeNull();
    expect(userEditToPatch(user(), { ...userEditValues(user()), display_name: '钱卫国', phone: ' 13900000002 ' })).toEqual({
      display_name: '钱卫国',
      phone: '13900000002',
    });
    expect(userEditToPatch(user(), { ...userEditValues(user()), approval_work_since: '2021-09-01' })).toEqual({
      approval_work_since: '2021-09-01',
    });
  });

  it('removes the phone with an empty string, and only if there is one', () => {
    expect(userEditToPatch(user(), { ...userEditValues(user()), phone: '13900000002', remove_phone: true })).toEqual({ phone: '' });
    expect(userEditToPatch(user({ phone_masked: null }), { display_name: '钱卫东', remove_phone: true })).toBeNull();
  });

  it('cannot forget an approval date: an emptied field changes nothing', () => {
    expect(userEditToPatch(user(), { display_name: '钱卫东', approval_work_since: '' })).toBeNull();
  });
});

describe('an account’s state', () => {
  it('is locked only while locked_until is ahead', () => {
    expect(isLocked(user(), NOW)).toBe(false);
    expect(isLocked(user({ locked_until: '2026-07-24T02:10:00Z' }), NOW)).toBe(true);
    expect(isLocked(user({ locked_until: '2026-07-24T01:59:00Z' }), NOW)).toBe(false);
    expect(isLocked(user({ locked_until: 'not a date' }), NOW)).toBe(false);
  });

  it('reads closed before locked', () => {
    expect(accountStatus(user(), NOW)).toBe('active');
    expect(accountStatus(user({ locked_until: '2026-07-24T03:00:00Z' }), NOW)).toBe('locked');
    expect(accountStatus(user({ active: false, locked_until: '2026-07-24T03:00:00Z' }), NOW)).toBe('closed');
  });
});

describe('approval experience', () => {
  it('counts a year as the server does: 365 days back', () => {
    expect(hasApprovalYear('2025-07-24', NOW)).toBe(true);
    expect(hasApprovalYear('2025-07-25', NOW)).toBe(false);
    expect(hasApprovalYear(null, NOW)).toBe(false);
    expect(hasApprovalYear('', NOW)).toBe(false);
  });

  it('counts whole years', () => {
    expect(approvalYears('2022-03-01', NOW)).toBe(4);
    expect(approvalYears('2025-07-24', NOW)).toBe(1);
    expect(approvalYears('2025-07-25', NOW)).toBe(0);
    expect(approvalYears('2027-01-01', NOW)).toBe(0);
  });
});

describe('the password hint', () => {
  it('follows the server’s rules: 10 characters and three classes', () => {
    expect(checkPassword('')).toMatchObject({ strength: 'empty', acceptable: false });
    expect(checkPassword('short-A1')).toMatchObject({ length: 8, classes: 4, acceptable: false, strength: 'weak' });
    expect(checkPassword('alllowercase1')).toMatchObject({ classes: 2, acceptable: false, strength: 'weak' });
    expect(checkPassword('Initial-pass')).toMatchObject({ classes: 3, acceptable: true, strength: 'fair' });
    expect(checkPassword('Initial-Pass-2026')).toMatchObject({ classes: 4, acceptable: true, strength: 'strong' });
    // Characters outside ASCII letters and digits count as symbols, as on the server.
    expect(checkPassword('项目管家password1')).toMatchObject({ classes: 3, acceptable: true });
    expect(checkPassword(`Aa1-${'x'.repeat(125)}`)).toMatchObject({ acceptable: false });
  });
});

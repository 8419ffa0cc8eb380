import { describe, expect, it } from 'vitest';
import { menuFor, selectedMenuKey } from './console-menu';

describe('console menu', () => {
  it('is role-aware', () => {
    expect(menuFor('window_agent').map((e) => e.key)).toContain('consultations');
    expect(menuFor('department_agent').map((e) => e.key)).not.toContain('consultations');
    expect(menuFor('office').map((e) => e.key)).toEqual(['home', 'cases', 'consultations', 'tasks', 'supervision', 'complaints', 'conditions', 'meetings', 'items', 'intermediaries', 'departments']);
    expect(menuFor('department_agent').map((e) => e.key)).toEqual(['home', 'cases', 'tasks', 'complaints', 'meetings', 'items']);
    expect(menuFor('investment_leader').map((e) => e.key)).toEqual(['home', 'cases', 'conditions', 'meetings', 'items', 'departments']);
    expect(menuFor('supervisor').map((e) => e.key)).toContain('supervision');
    expect(menuFor('enterprise')).toEqual([]);
  });

  it('gives the administrator users and the calendar, and no one else', () => {
    expect(menuFor('admin').map((e) => e.key)).toEqual([
      'home',
      'cases',
      'conditions',
      'items',
      'intermediaries',
      'departments',
      'users',
      'calendar',
      'channels',
      'deliveries',
      'webhooks',
      'apiClients',
      'templates',
      'publicProfile',
      'countySettings',
      'auditLog',
    ]);
    for (const role of ['office', 'supervisor', 'department_leader', 'investment_leader'] as const) {
      expect(menuFor(role).map((e) => e.key)).not.toContain('users');
      expect(menuFor(role).map((e) => e.key)).not.toContain('calendar');
      expect(menuFor(role).map((e) => e.key)).not.toContain('auditLog');
    }
  });

  it('highlights the entry of the current page', () => {
    expect(selectedMenuKey('/console')).toBe('home');
    expect(selectedMenuKey('/console/')).toBe('home');
    expect(selectedMenuKey('/console/items')).toBe('items');
    expect(selectedMenuKey('/console/departments/42')).toBe('departments');
    expect(selectedMenuKey('/console/cases/0193')).toBe('cases');
    expect(selectedMenuKey('/console/tasks/0193')).toBe('tasks');
    expect(selectedMenuKey('/console/users')).toBe('users');
    expect(selectedMenuKey('/console/consultations')).toBe('consultations');
    expect(selectedMenuKey('/console/calendar')).toBe('calendar');
    expect(selectedMenuKey('/console/conditions')).toBe('conditions');
    expect(selectedMenuKey('/console/audit-log')).toBe('auditLog');
    expect(selectedMenuKey('/portal')).toBeUndefined();
  });
});

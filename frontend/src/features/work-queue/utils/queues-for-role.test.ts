import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/auth/roles';
import en from '@/lib/i18n/locales/en/console.json';
import zh from '@/lib/i18n/locales/zh-CN/console.json';
import { QUEUES_BY_ROLE, queuesFor } from './queues-for-role';

describe('work queues by role', () => {
  it('gives each official the queues of SPEC §4', () => {
    expect(queuesFor('investment_officer').map((q) => q.key)).toEqual(['applications_to_review', 'applications_to_help']);
    expect(queuesFor('investment_leader')[0]?.source).toEqual({ kind: 'cases', states: ['reviewed'] });
    expect(queuesFor('office')[0]?.source).toEqual({ kind: 'cases', states: ['accepted'] });
    expect(queuesFor('window_agent').map((q) => q.source)).toContainEqual({ kind: 'cases', states: ['entrusted'] });
    expect(queuesFor('department_agent').map((q) => q.source.kind === 'tasks' && q.source.queue)).toEqual([
      'mine',
      'department',
      'overdue',
      'due_soon',
    ]);
    expect(queuesFor('enterprise')).toEqual([]);
  });

  it('sends the administrator to the catalog, the accounts and the calendar', () => {
    expect(queuesFor('admin').map((q) => [q.key, q.source])).toEqual([
      ['catalog_maintenance', { kind: 'link', to: '/console/items' }],
      ['users_and_departments', { kind: 'link', to: '/console/users' }],
      ['calendar_maintenance', { kind: 'link', to: '/console/calendar' }],
    ]);
  });

  it('shows rectifications to answer to those who answer them: the office and department leaders', () => {
    const answering = ROLES.filter((role) => queuesFor(role).some((q) => q.source.kind === 'rectifications'));
    expect(answering).toEqual(['office', 'department_leader']);
  });

  it('has a title and a description for every queue, in both languages', () => {
    const keys = new Set(ROLES.flatMap((role) => QUEUES_BY_ROLE[role].map((q) => q.key)));
    for (const key of keys) {
      for (const strings of [zh, en]) {
        const queue = (strings.home.queues as Record<string, { title?: string; description?: string }>)[key];
        expect(queue?.title, key).toBeTruthy();
        expect(queue?.description, key).toBeTruthy();
      }
    }
  });
});

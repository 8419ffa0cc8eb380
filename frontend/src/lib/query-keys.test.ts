// @vitest-environment node
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { calendarKeys, caseKeys, enterpriseKeys, notificationKeys, taskKeys, userKeys } from './query-keys';

/** The keys whose queries `invalidateQueries({ queryKey })` marks stale, among those cached. */
function invalidated(queryKey: readonly unknown[], cached: (readonly unknown[])[]) {
  const client = new QueryClient();
  for (const key of cached) client.setQueryData(key, 'data');
  void client.invalidateQueries({ queryKey, refetchType: 'none' });
  return client
    .getQueryCache()
    .findAll()
    .filter((q) => q.state.isInvalidated)
    .map((q) => q.queryKey);
}

describe('query keys', () => {
  const cached = [
    caseKeys.list({}),
    caseKeys.list({ state: 'submitted' }),
    caseKeys.queue('submitted', 20),
    caseKeys.detail('c1'),
    caseKeys.detail('c2'),
    caseKeys.timeline('c1'),
    caseKeys.rectifications('c1'),
    caseKeys.openRectifications(20),
    taskKeys.queue({ queue: 'mine' }, 50),
    taskKeys.detail('t1'),
    notificationKeys.list(false),
    enterpriseKeys.search('云南'),
    enterpriseKeys.detail('e1'),
    calendarKeys.around('2026-05-01'),
    calendarKeys.year(2026),
    userKeys.every({ role: 'department_agent' }),
    userKeys.pages({}),
  ];

  it("an area's `all` reaches every query of the area and nothing else", () => {
    expect(invalidated(caseKeys.all, cached)).toHaveLength(8);
    expect(invalidated(taskKeys.all, cached)).toEqual([taskKeys.queue({ queue: 'mine' }, 50), taskKeys.detail('t1')]);
    // The administrator's calendar changes reach the working calendar deadlines are counted in.
    expect(invalidated(calendarKeys.all, cached)).toEqual([calendarKeys.around('2026-05-01'), calendarKeys.year(2026)]);
    expect(invalidated(userKeys.all, cached)).toHaveLength(2);
  });

  it('a detail key reaches that record only; lists reach every filter', () => {
    expect(invalidated(caseKeys.detail('c1'), cached)).toEqual([caseKeys.detail('c1')]);
    expect(invalidated(caseKeys.lists(), cached)).toEqual([caseKeys.list({}), caseKeys.list({ state: 'submitted' })]);
    expect(invalidated(enterpriseKeys.searches(), cached)).toEqual([enterpriseKeys.search('云南')]);
  });

  it("a case's rectifications are not the open ones across cases", () => {
    expect(invalidated(caseKeys.rectifications('c1'), cached)).toEqual([caseKeys.rectifications('c1')]);
  });

  it('task queues are keyed by every filter and the limit', () => {
    expect(taskKeys.queue({ queue: 'all', caseId: 'c1' }, 200)).toEqual(['tasks', 'queue', 'all', 'c1', null, 200]);
    expect(taskKeys.queue({ queue: 'due_soon', withinHours: 24 }, 50)).toEqual(['tasks', 'queue', 'due_soon', null, 24, 50]);
  });
});

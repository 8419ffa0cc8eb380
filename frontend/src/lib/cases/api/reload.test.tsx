import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { caseKeys, notificationKeys, taskKeys } from '@/lib/query-keys';
import { useReloadRecord } from './reload';

function setUp() {
  const client = new QueryClient();
  const keys = [
    caseKeys.detail('c1'),
    caseKeys.timeline('c1'),
    caseKeys.followUps('c1'),
    caseKeys.rectifications('c1'),
    caseKeys.evaluations('c1'),
    caseKeys.detail('c2'),
    caseKeys.list({}),
    taskKeys.detail('t1'),
    taskKeys.detail('t2'),
    notificationKeys.list(false),
  ];
  for (const key of keys) client.setQueryData(key, 'read');
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  const { result } = renderHook(() => useReloadRecord(), { wrapper });
  const stale = () =>
    client
      .getQueryCache()
      .findAll()
      .filter((q) => q.state.isInvalidated)
      .map((q) => q.queryKey);
  return { reload: result.current, stale };
}

describe('useReloadRecord', () => {
  it('reads the case again with its history, visits, rectifications and evaluations, and nothing else', async () => {
    const { reload, stale } = setUp();
    await reload({ caseId: 'c1' });
    expect(stale()).toEqual([
      caseKeys.detail('c1'),
      caseKeys.timeline('c1'),
      caseKeys.followUps('c1'),
      caseKeys.rectifications('c1'),
      caseKeys.evaluations('c1'),
    ]);
  });

  it('with a sheet, reads that sheet again too', async () => {
    const { reload, stale } = setUp();
    await reload({ caseId: 'c1', taskId: 't1' });
    expect(stale()).toContainEqual(taskKeys.detail('t1'));
    expect(stale()).not.toContainEqual(taskKeys.detail('t2'));
    expect(stale()).not.toContainEqual(caseKeys.detail('c2'));
  });
});

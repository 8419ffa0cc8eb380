import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useDryRun } from './use-dry-run';

const problemsOf = (error: unknown) => (error instanceof Array ? (error as string[]) : []);

describe('useDryRun', () => {
  it('keeps the answer and refreshes only after a real import', async () => {
    const after = vi.fn(() => Promise.resolve());
    const send = vi.fn((dryRun: boolean) => Promise.resolve({ dryRun }));
    const { result } = renderHook(() => useDryRun({ send, problemsOf, failed: 'failed', after }));
    await act(() => result.current.run(true));
    expect(result.current.report).toEqual({ dryRun: true });
    expect(after).not.toHaveBeenCalled();
    await act(() => result.current.run(false));
    expect(result.current.report).toEqual({ dryRun: false });
    expect(after).toHaveBeenCalledTimes(1);
    expect(result.current.busy).toBe(false);
  });

  it('shows a refused file by its problems and any other failure in words', async () => {
    let refusal: unknown = ['sheet/2/column: bad'];
    const send = () => Promise.reject(refusal);
    const { result } = renderHook(() => useDryRun({ send, problemsOf, failed: 'failed' }));
    await act(() => result.current.run(true));
    expect(result.current.problems).toEqual(['sheet/2/column: bad']);
    expect(result.current.failure).toBeNull();
    expect(result.current.report).toBeNull();

    refusal = new Error('network down');
    await act(() => result.current.run(true));
    expect(result.current.problems).toEqual([]);
    expect(result.current.failure).toBe('network down');

    refusal = 'no words';
    await act(() => result.current.run(true));
    expect(result.current.failure).toBe('failed');

    act(() => result.current.reset());
    expect(result.current.failure).toBeNull();
  });

  it('sends nothing while there is nothing to send', async () => {
    const { result } = renderHook(() => useDryRun({ send: () => null, problemsOf, failed: 'failed' }));
    await act(() => result.current.run(false));
    expect(result.current.report).toBeNull();
    expect(result.current.busy).toBe(false);
    act(() => result.current.fail('unreadable'));
    expect(result.current.failure).toBe('unreadable');
  });
});

import { describe, expect, it } from 'vitest';
import { makeCase } from '@/testing/fixtures';
import { possibleActions } from './guards';
import type { CaseAction } from './types';

describe('actions possible after the guards the case shows', () => {
  const all: CaseAction[] = ['confirm', 'evaluate', 'decline_evaluation', 'archive', 'reopen'];
  it('confirms once, then evaluates once, then archives', () => {
    expect(possibleActions(makeCase({ state: 'completed', allowed_actions: all }))).toEqual(['confirm', 'reopen']);
    const confirmed = makeCase({ state: 'completed', allowed_actions: all, enterprise_confirmed_at: '2026-11-25T01:00:00Z' });
    expect(possibleActions(confirmed)).toEqual(['evaluate', 'decline_evaluation', 'reopen']);
    expect(possibleActions({ ...confirmed, evaluation_status: 'given' })).toEqual(['archive', 'reopen']);
  });
});

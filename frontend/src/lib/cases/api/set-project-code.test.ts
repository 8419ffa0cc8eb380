import { describe, expect, it } from 'vitest';
import { maySetProjectCode } from './set-project-code';

describe('who may set the national project code after the application', () => {
  it('is the window agent or the investment officer, on a case that is not closed', () => {
    expect(maySetProjectCode('window_agent', { state: 'in_service' })).toBe(true);
    expect(maySetProjectCode('investment_officer', { state: 'submitted' })).toBe(true);
    for (const role of ['enterprise', 'office', 'department_agent', 'supervisor', 'admin'] as const) {
      expect(maySetProjectCode(role, { state: 'in_service' })).toBe(false);
    }
    for (const state of ['rejected', 'completed', 'terminated', 'archived'] as const) {
      expect(maySetProjectCode('window_agent', { state })).toBe(false);
    }
    expect(maySetProjectCode(undefined, { state: 'draft' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { mayEditApplication, maySubmitApplications, mayTakeApplications } from './applicants';

describe('who fills in applications at the console', () => {
  it('lets the roles the server lets create cases take applications', () => {
    expect(['investment_officer', 'office', 'window_agent'].every((r) => mayTakeApplications(r as never))).toBe(true);
    expect(mayTakeApplications('department_agent')).toBe(false);
    expect(mayTakeApplications('enterprise')).toBe(false);
    expect(mayTakeApplications(undefined)).toBe(false);
  });

  it('lets only the investment officer submit', () => {
    expect(maySubmitApplications('investment_officer')).toBe(true);
    expect(maySubmitApplications('office')).toBe(false);
  });

  it('offers editing for a draft the caller may submit', () => {
    expect(mayEditApplication({ state: 'draft', allowed_actions: ['submit'] })).toBe(true);
    expect(mayEditApplication({ state: 'draft', allowed_actions: [] })).toBe(false);
    expect(mayEditApplication({ state: 'submitted', allowed_actions: ['review'] })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { toQuery } from './audit-filters';

describe('the audit log filters', () => {
  it('leave blank filters out', () => {
    expect(toQuery({})).toEqual({});
    expect(toQuery({ ip: '  ', requestId: '' })).toEqual({});
  });

  it('take Beijing days, both ends included', () => {
    expect(toQuery({ from: '2026-12-05', until: '2026-12-05' })).toEqual({
      from: '2026-12-04T16:00:00.000Z',
      until: '2026-12-05T16:00:00.000Z',
    });
    expect(toQuery({ from: 'not a day' })).toEqual({});
  });

  it('pass the codes and trimmed texts on', () => {
    expect(toQuery({ user: 'u1', action: 'login', outcome: 'failure', ip: ' 10.0.0.1 ', requestId: 'r-1' })).toEqual({
      user_id: 'u1',
      action: 'login',
      outcome: 'failure',
      ip: '10.0.0.1',
      request_id: 'r-1',
    });
  });
});

import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Schema } from '@/lib/api/types';
import { renderRoutes } from '@/testing/test-utils';
import { ConditionBanner } from './condition-banner';

type Condition = Schema<'ConditionOut'>;

const hold: Condition = {
  id: '0193a0c2-0000-7000-8000-0000000000c1',
  credit_code: '91532326MA6K5XQX5N',
  case_id: null,
  enterprise_name: '示例建材有限公司',
  severity: 'hold',
  source: 'court',
  source_ref: '(2026)云2326执123号',
  reason: '失信被执行人：未履行生效判决',
  valid_from: '2026-12-01',
  valid_until: null,
  in_force: true,
  created_by: null,
  created_at: '2026-12-01T02:00:00Z',
  lifted_at: null,
  lifted_by: null,
  lift_reason: null,
};

describe('ConditionBanner', () => {
  it('names each condition in force with its source, document and reason', async () => {
    await renderRoutes([{ path: '/', element: <ConditionBanner conditions={[hold]} /> }], '/');
    expect(await screen.findByText(/不能提交新申请，不能受理/)).toBeTruthy();
    expect(screen.getByText(/暂停｜法院（文号 \(2026\)云2326执123号）：失信被执行人：未履行生效判决/)).toBeTruthy();
  });

  it('shows nothing without a condition in force (the enterprise is sent none)', async () => {
    await renderRoutes(
      [
        {
          path: '/',
          element: (
            <div data-testid="page">
              <ConditionBanner conditions={[{ ...hold, in_force: false }]} />
              <ConditionBanner />
            </div>
          ),
        },
      ],
      '/',
    );
    expect((await screen.findByTestId('page')).textContent).toBe('');
  });
});

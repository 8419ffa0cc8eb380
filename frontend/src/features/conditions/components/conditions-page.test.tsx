import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { ConditionsPage } from './conditions-page';

const HOLD = {
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

describe('信用与限制', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('lists the conditions in force and lifts one with the reason given', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = fakeApi((call) => {
      if (call.method === 'POST') return jsonResponse(200, { ...HOLD, in_force: false, lifted_at: '2026-12-05T02:00:00Z', lift_reason: '已履行' });
      if (call.path === '/api/v1/me') {
        return jsonResponse(200, { id: 'u1', username: 'office', display_name: '孙静', role: 'office', tenant: { code: 'example', name: '示例县' } });
      }
      return jsonResponse(200, { items: [HOLD], next_cursor: null });
    });
    await renderRoutes(
      [
        {
          path: '/console/conditions',
          element: (
            <ConfigProvider button={{ autoInsertSpace: false }}>
              <AntApp>
                <ConditionsPage />
              </AntApp>
            </ConfigProvider>
          ),
        },
      ],
      '/console/conditions',
    );
    expect(await screen.findByText('失信被执行人：未履行生效判决', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('(2026)云2326执123号')).toBeTruthy();
    const list = calls.find((c) => c.path === '/api/v1/conditions');
    expect(list?.url.searchParams.get('in_force')).toBe('true');

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '解除' }));
    const dialog = await screen.findByRole('dialog');
    const ok = dialog.querySelector<HTMLButtonElement>('.ant-btn-primary');
    expect(ok?.disabled).toBe(true);
    await user.type(screen.getByLabelText('解除理由'), '已履行');
    await user.click(ok as HTMLButtonElement);
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const lift = calls.find((c) => c.method === 'POST');
    expect(lift?.path).toBe(`/api/v1/conditions/${HOLD.id}/lift`);
    expect(lift?.body).toEqual({ reason: '已履行' });
  });
});

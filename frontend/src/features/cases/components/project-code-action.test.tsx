import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { IDS, makeCase } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { CasePage } from './case-page';

const MESSAGE = '项目代码校验码不正确（按 GB/T 40058-2021 应为 1），请核对';

describe('the national project code on the case page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('lets the window agent enter it with a reason and shows the server’s message on the field', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const c = makeCase({ state: 'in_service', version: 7, allowed_actions: [], project_code: null });
    const calls = fakeApi((call) => {
      if (call.method === 'POST') {
        return jsonResponse(422, {
          type: 'urn:butler:problem:validation_failed',
          title: '填写内容有误',
          status: 422,
          code: 'validation_failed',
          detail: '请按提示修改标出的字段。',
          errors: [{ field: 'project_code', code: 'project_code_check_digit', message: MESSAGE }],
        });
      }
      if (call.path === `/api/v1/cases/${c.id}`) return jsonResponse(200, c);
      if (call.path.endsWith('/timeline')) {
        return jsonResponse(200, { events: [], verification: { valid: true, algorithm: 'sm3', length: 0, head: '0'.repeat(64) } });
      }
      if (call.path === '/api/v1/me') {
        return jsonResponse(200, { id: 'u1', username: 'window_agent', display_name: '李雪', role: 'window_agent', tenant: { code: 'example', name: '示例县' } });
      }
      return jsonResponse(200, { items: [], next_cursor: null });
    });
    await renderRoutes(
      [
        {
          path: '/console/cases/:id',
          element: (
            <ConfigProvider button={{ autoInsertSpace: false }}>
              <AntApp>
                <CasePage />
              </AntApp>
            </ConfigProvider>
          ),
        },
      ],
      `/console/cases/${IDS.case}`,
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '填写项目代码' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('项目代码'), '2603-532326-00-01-012348');
    await user.type(within(dialog).getByLabelText('原因'), '企业已在平台完成赋码');
    await user.click(within(dialog).getByRole('button', { name: '填写项目代码' }));

    expect(await within(dialog).findByText(MESSAGE)).toBeTruthy();
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.path).toBe(`/api/v1/cases/${IDS.case}/project-code`);
    expect(post?.headers.get('If-Match')).toBe('"7"');
    expect(post?.body).toEqual({ project_code: '2603-532326-00-01-012348', reason: '企业已在平台完成赋码' });
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { CountiesPage } from './counties-page';

const EXAMPLE = {
  code: 'example', name: '示例县', status: 'active', status_reason: null, status_changed_at: null,
  created_at: '2026-01-01T00:00:00Z', users: 48, cases: 8,
};
const LIANHUA = { ...EXAMPLE, code: 'lianhua', name: '莲花县', users: 1, cases: 0, status: 'suspended', status_reason: '合同到期' };

describe('区县管理', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  const render = () =>
    renderRoutes(
      [
        {
          path: '/platform',
          element: (
            <ConfigProvider button={{ autoInsertSpace: false }}>
              <AntApp>
                <CountiesPage />
              </AntApp>
            </ConfigProvider>
          ),
        },
      ],
      '/platform',
    );

  it('lists the counties with their standing, and shows a new county’s initial password once', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    let created = false;
    const calls = fakeApi((call) => {
      if (call.method === 'POST') {
        created = true;
        return jsonResponse(201, {
          county: { ...EXAMPLE, code: 'lianhua', name: '莲花县', users: 1, cases: 0 },
          admin: { id: '0193a0c2-0000-7000-8000-0000000000a9', username: 'admin', display_name: '林雨桐' },
          initial_password: 'Hk7pq-Xa3mt-9RzwE-uc4Nd',
        });
      }
      return jsonResponse(200, { items: created ? [EXAMPLE, LIANHUA] : [EXAMPLE] });
    });
    await render();
    const row = (await screen.findByText('示例县', undefined, { timeout: 5000 })).closest('tr') as HTMLElement;
    expect(within(row).getByText('使用中')).toBeTruthy();
    expect(within(row).getByRole('link', { name: '示例县' }).getAttribute('href')).toBe('/platform/counties/example');
    expect(within(row).getByText('example')).toBeTruthy();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '新建区县' }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('区县编码'), 'Lianhua');
    await user.type(within(dialog).getByLabelText('区县名称'), '莲花县');
    await user.type(within(dialog).getByLabelText('首位管理员用户名'), 'admin');
    await user.type(within(dialog).getByLabelText('首位管理员姓名'), '林雨桐');
    await user.click(within(dialog).getByRole('button', { name: '创建' }));
    // Checked before sending: a code starts with a lower-case letter.
    expect(await within(dialog).findByText(/须以小写字母开头/)).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);
    await user.clear(within(dialog).getByLabelText('区县编码'));
    await user.type(within(dialog).getByLabelText('区县编码'), 'lianhua');
    await user.click(within(dialog).getByRole('button', { name: '创建' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1), { timeout: 5000 });

    // Found by its title: modals in tests share their title ids.
    const secret = (await screen.findByText('首位管理员的初始密码', { selector: '.ant-modal-title' }, { timeout: 5000 })).closest(
      '[role="dialog"]',
    ) as HTMLElement;
    expect((within(secret).getByLabelText('初始密码') as HTMLInputElement).value).toBe('Hk7pq-Xa3mt-9RzwE-uc4Nd');
    expect(within(secret).getByText('区县 lianhua · 用户名 admin')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/v1/platform/counties');
    expect(post?.body).toEqual({ code: 'lianhua', name: '莲花县', admin: { username: 'admin', display_name: '林雨桐' } });
    await user.click(within(secret).getByRole('button', { name: '我已妥善保存' }));
    // The dialog leaves (jsdom never ends Ant Design's leaving animation, so it stays in the page).
    await waitFor(() => expect(secret.className).toMatch(/ant-zoom-leave/));
    const suspended = (await screen.findByText('莲花县')).closest('tr') as HTMLElement;
    expect(within(suspended).getByText('已暂停')).toBeTruthy();
  });
});

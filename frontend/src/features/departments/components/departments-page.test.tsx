import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Role } from '@/lib/auth/roles';
import { sessionStore } from '@/lib/auth/session-store';
import { jsonResponse, renderRoutes } from '@/testing/test-utils';
import { DepartmentsPage } from './departments-page';

const WATER = { id: '0193a0c2-0000-7000-8000-0000000000d1', code: 'water', name: '示例县水务局', short_name: '水务局', phone: null };

/** A fake API signed in as `role`; `onPost` answers POST /departments. */
function stubApi(role: Role, onPost: (body: unknown) => Response) {
  const posts: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      if (request.method === 'POST') {
        const body: unknown = JSON.parse(await request.text());
        posts.push(body);
        return onPost(body);
      }
      if (url.pathname === '/api/v1/me') {
        return jsonResponse(200, { id: 'u1', username: role, display_name: '赵明轩', role, tenant: { code: 'example', name: '示例县' } });
      }
      return jsonResponse(200, { items: [WATER], next_cursor: null });
    }),
  );
  return posts;
}

describe('部门', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  const render = () =>
    renderRoutes(
      [
        {
          path: '/console/departments',
          element: (
            <ConfigProvider button={{ autoInsertSpace: false }}>
              <AntApp>
                <DepartmentsPage />
              </AntApp>
            </ConfigProvider>
          ),
        },
      ],
      '/console/departments',
    );

  it('stays a read-only list for everyone but the administrator', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    stubApi('office', () => jsonResponse(500, {}));
    await render();
    expect(await screen.findByText('示例县水务局', {}, { timeout: 5000 })).toBeTruthy();
    // Who is signed in is known by now (the page asked, and had time to hear back).
    expect(vi.mocked(fetch).mock.calls.some(([request]) => new URL((request as Request).url).pathname === '/api/v1/me')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(screen.queryByRole('button', { name: '新建部门' })).toBeNull();
  });

  it('lets the administrator add one; a taken code shows on its field', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const posts = stubApi('admin', () =>
      jsonResponse(409, { type: 'urn:butler:problem:conflict', title: '数据冲突', status: 409, code: 'conflict', detail: '与已有数据冲突（例如编码或名称重复）。' }),
    );
    await render();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '新建部门' }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('部门代码'), 'Water');
    await user.type(within(dialog).getByLabelText('部门全称'), ' 示例县水务局 ');
    await user.type(within(dialog).getByLabelText('部门简称'), '水务局');
    await user.click(within(dialog).getByRole('button', { name: '创建' }));
    // Upper case is not a code: caught before sending.
    expect(await within(dialog).findByText('只能包含小写字母、数字、“-”和“_”，且以字母开头，2–64 个字符')).toBeTruthy();
    expect(posts).toEqual([]);

    await user.clear(within(dialog).getByLabelText('部门代码'));
    await user.type(within(dialog).getByLabelText('部门代码'), 'water');
    await user.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(await within(dialog).findByText('该部门代码已被使用，请换一个', {}, { timeout: 5000 })).toBeTruthy();
    await waitFor(() => expect(within(dialog).getByLabelText('部门代码').getAttribute('aria-invalid')).toBe('true'));
    expect(posts).toEqual([{ code: 'water', name: '示例县水务局', short_name: '水务局' }]);
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { fakeApi, jsonResponse, renderRoutes, type ApiCall } from '@/testing/test-utils';
import type { User } from '../utils/user-form';
import { UsersPage } from './users-page';

const ADMIN_ID = '0193a0c2-0000-7000-8000-0000000000a1';
const WATER = { id: '0193a0c2-0000-7000-8000-0000000000d1', code: 'water', name: '示例县水务局', short_name: '水务局', phone: null };

const account = (overrides: Partial<User>): User => ({
  id: '0193a0c2-0000-7000-8000-0000000000b1',
  username: 'agent-water',
  display_name: '钱卫东',
  role: 'department_agent',
  department_id: WATER.id,
  enterprise_id: null,
  phone_masked: '138****0001',
  approval_work_since: '2020-03-01',
  active: true,
  locked_until: null,
  last_login_at: '2026-07-20T01:30:00Z',
  created_at: '2026-01-01T00:00:00Z',
  must_change_password: false,
  ...overrides,
});

const USERS = [
  account({ id: ADMIN_ID, username: 'admin', display_name: '系统管理员', role: 'admin', department_id: null, approval_work_since: null }),
  account({}),
  // Locked for an hour from now.
  account({ id: '0193a0c2-0000-7000-8000-0000000000b2', username: 'leader-water', display_name: '孙立', role: 'department_leader', locked_until: new Date(Date.now() + 3_600_000).toISOString() }),
  // Given an initial password it has not yet replaced.
  account({ id: '0193a0c2-0000-7000-8000-0000000000b3', username: 'agent-water-2', display_name: '钱示例', must_change_password: true }),
];

/** A fake API for the admin; `onWrite` answers every POST and PATCH. */
function stubApi(onWrite: (call: ApiCall) => Response) {
  return fakeApi((call) => {
    if (call.method !== 'GET') return onWrite(call);
    if (call.path === '/api/v1/me') {
      return jsonResponse(200, { id: ADMIN_ID, username: 'admin', display_name: '系统管理员', role: 'admin', tenant: { code: 'example', name: '示例县' } });
    }
    if (call.path === '/api/v1/departments') return jsonResponse(200, { items: [WATER], next_cursor: null });
    if (call.path === '/api/v1/users') return jsonResponse(200, { items: USERS, next_cursor: null });
    return jsonResponse(200, { items: [], next_cursor: null });
  });
}

/** An option as drawn in the pop-up (the `option` roles beside it are for screen readers only). */
const shownOption = async (label: string) => {
  await waitFor(() => expect(document.querySelector(`.ant-select-item-option[title="${label}"]`)).not.toBeNull());
  return document.querySelector(`.ant-select-item-option[title="${label}"]`) as HTMLElement;
};

describe('用户管理', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  const render = (path = '/console/users') =>
    renderRoutes(
      [
        {
          path: '/console/users',
          element: (
            <ConfigProvider button={{ autoInsertSpace: false }}>
              <AntApp>
                <UsersPage />
              </AntApp>
            </ConfigProvider>
          ),
        },
      ],
      path,
    );

  it('lists the accounts with their role, department, masked phone and state; unlock only while locked', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi(() => jsonResponse(500, {}));
    await render('/console/users?role=department_agent');
    const table = await screen.findByRole('table', { name: '用户列表' }, { timeout: 5000 });
    const row = (await within(table).findByText('钱卫东')).closest('tr') as HTMLElement;
    expect(within(row).getByText('部门帮办代办员')).toBeTruthy();
    await waitFor(() => expect(within(row).getByText('水务局')).toBeTruthy());
    expect(within(row).getByText('138****0001')).toBeTruthy();
    expect(within(row).getByText('正常')).toBeTruthy();
    expect(within(row).queryByText('待修改初始密码')).toBeNull();
    expect(within(row).queryByRole('button', { name: '解除锁定：钱卫东' })).toBeNull();
    const initial = within(table).getByText('钱示例').closest('tr') as HTMLElement;
    expect(within(initial).getByText('正常')).toBeTruthy();
    expect(await within(initial).findByText('待修改初始密码')).toBeTruthy();
    const locked = within(table).getByText('孙立').closest('tr') as HTMLElement;
    expect(within(locked).getByText(/^已锁定至/)).toBeTruthy();
    expect(within(locked).getByRole('button', { name: '解除锁定：孙立' })).toBeTruthy();
    // An administrator cannot close their own account: no button for it.
    expect(within(table).queryByRole('button', { name: '停用：系统管理员' })).toBeNull();
    // The filter in the address is sent.
    expect(calls.find((c) => c.path === '/api/v1/users')?.url.searchParams.get('role')).toBe('department_agent');
  });

  it('creates a department agent; the server’s 422 shows next to its field, and a taken user name on its own', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    let posts = 0;
    const calls = stubApi(() => {
      posts += 1;
      if (posts === 1) {
        return jsonResponse(422, {
          type: 'urn:butler:problem:validation_failed', title: '输入有误', status: 422, code: 'validation_failed',
          errors: [{ field: 'password', code: 'weak_password', message: '须包含小写字母、大写字母、数字、符号中的至少三类' }],
        });
      }
      return jsonResponse(409, { type: 'urn:butler:problem:conflict', title: '数据冲突', status: 409, code: 'conflict', detail: '与已有数据冲突（例如编码或名称重复）。' });
    });
    await render();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '新建用户' }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('用户名'), 'agent-water-9');
    await user.type(within(dialog).getByLabelText('姓名'), '周晓明');
    await user.click(within(dialog).getByRole('combobox', { name: '角色' }));
    await user.click(await shownOption('部门帮办代办员'));
    // A department role asks for its department, and says what a year of approval work is for.
    await user.click(await within(dialog).findByRole('combobox', { name: '所属部门' }));
    await user.click(await shownOption('示例县水务局'));
    expect(within(dialog).getByText('部门帮办代办员须从事审批工作 1 年以上，方可加入项目管家团队。')).toBeTruthy();
    expect(within(dialog).getByText('尚未填写：填写前不能被指派为部门帮办代办员。')).toBeTruthy();
    await user.type(within(dialog).getByLabelText('从事审批工作起始日期'), '2021-05-01');
    await user.type(within(dialog).getByLabelText('初始密码'), 'alllowercase1');
    await user.type(within(dialog).getByLabelText('再次输入密码'), 'alllowercase1');
    // The hint warns, but the server decides.
    expect(within(dialog).getByText('密码强度：弱（尚不符合规则）')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: '创建' }));

    expect(await within(dialog).findByText('须包含小写字母、大写字母、数字、符号中的至少三类', {}, { timeout: 5000 })).toBeTruthy();
    expect(within(dialog).getByLabelText('初始密码').getAttribute('aria-invalid')).toBe('true');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/v1/users');
    expect(post?.body).toEqual({
      username: 'agent-water-9',
      display_name: '周晓明',
      role: 'department_agent',
      department_id: WATER.id,
      approval_work_since: '2021-05-01',
      password: 'alllowercase1',
    });

    // A 409 that names no field: the user name is what can be taken.
    await user.click(within(dialog).getByRole('button', { name: '创建' }));
    expect(await within(dialog).findByText('该用户名已被使用，请换一个', {}, { timeout: 5000 })).toBeTruthy();
    expect(within(dialog).getByLabelText('用户名').getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).queryByText('与已有数据冲突（例如编码或名称重复）。')).toBeNull();
  });

  it('closes an account after a confirmation, sending PATCH {active:false}', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi((call) => jsonResponse(200, { ...account({}), active: false, ...(call.body as object) }));
    await render();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '停用：钱卫东' }, { timeout: 5000 }));
    const confirmation = await screen.findByRole('dialog', { name: '停用 钱卫东 的账号？' });
    expect(within(confirmation).getByText(/已登录的会话立即结束/)).toBeTruthy();
    // Nothing is sent before the confirmation.
    expect(calls.some((c) => c.method === 'PATCH')).toBe(false);
    await user.click(within(confirmation).getByRole('button', { name: '停用' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.path).toBe(`/api/v1/users/${USERS[1]?.id}`);
    expect(patch?.body).toEqual({ active: false });
    expect(await screen.findByText('已停用 钱卫东 的账号')).toBeTruthy();
  });
});

import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { RequireShell } from './guards';

const me = (mustChange: boolean) => ({
  id: '0193a0c2-0000-7000-8000-000000000001',
  username: 'supervisor-2',
  display_name: '周示例',
  role: 'supervisor',
  tenant: { code: 'example', name: '示例县' },
  department: null,
  enterprise: null,
  phone_masked: null,
  must_change_password: mustChange,
});

const routes = [
  { path: '/console', element: <RequireShell shell="console"><p>CONSOLE</p></RequireShell> },
  { path: '/login', element: <p>LOGIN</p> },
];

describe('the shell gate', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('shows only the change of an initial password, then the shell once it is changed', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    let changed = false;
    fakeApi((call) => {
      if (call.path === '/api/v1/me/password') {
        changed = true;
        return jsonResponse(200, { access_token: 'b', refresh_token: 's', token_type: 'Bearer', expires_in: 900, must_change_password: false });
      }
      return jsonResponse(200, me(!changed));
    });
    await renderRoutes(routes, '/console');
    expect(await screen.findByRole('heading', { name: '请先修改初始密码' })).toBeTruthy();
    expect(screen.queryByText('CONSOLE')).toBeNull();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('当前密码'), 'Initial-Pass-2026');
    await user.type(screen.getByLabelText('新密码'), 'Own-Choice-2027');
    await user.type(screen.getByLabelText('再次输入新密码'), 'Own-Choice-2027');
    await user.click(screen.getByRole('button', { name: '修改密码' }));
    expect(await screen.findByText('CONSOLE')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '请先修改初始密码' })).toBeNull();
  });

  it('lets a user without an initial password straight through', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    fakeApi(() => jsonResponse(200, me(false)));
    await renderRoutes(routes, '/console');
    expect(await screen.findByText('CONSOLE')).toBeTruthy();
  });
});

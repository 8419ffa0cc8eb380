import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { ChangePasswordPage } from './change-password-page';

const ME = {
  id: '0193a0c2-0000-7000-8000-000000000001',
  username: 'supervisor-2',
  display_name: '周示例',
  role: 'supervisor',
  tenant: { code: 'example', name: '示例县' },
  department: null,
  enterprise: null,
  phone_masked: null,
  must_change_password: false,
};

const GRANT = { access_token: 'new-access', refresh_token: 'new-refresh', token_type: 'Bearer', expires_in: 900, must_change_password: false };

async function fill(current: string, next: string, again: string) {
  const user = userEvent.setup();
  if (current) await user.type(await screen.findByLabelText('当前密码'), current);
  if (next) await user.type(screen.getByLabelText('新密码'), next);
  if (again) await user.type(screen.getByLabelText('再次输入新密码'), again);
  await user.click(screen.getByRole('button', { name: '修改密码' }));
}

describe('the change-password page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('asks for a matching repetition without calling the server', async () => {
    const calls = fakeApi(() => jsonResponse(200, ME));
    await renderRoutes([{ path: '/console/password', element: <ChangePasswordPage /> }], '/console/password');
    await fill('Initial-Pass-2026', 'Own-Choice-2027', 'Own-Choice-2028');
    expect(await screen.findByText('两次输入的新密码不一致')).toBeTruthy();
    expect(screen.getByLabelText('再次输入新密码').getAttribute('aria-invalid')).toBe('true');
    expect(calls.filter((c) => c.path === '/api/v1/me/password')).toHaveLength(0);
  });

  it('shows the server’s refusal next to the field it names', async () => {
    fakeApi((call) =>
      call.path === '/api/v1/me/password'
        ? jsonResponse(422, {
            type: 'urn:butler:problem:validation_failed',
            title: '填写内容有误',
            status: 422,
            detail: '请按提示修改标出的字段。',
            code: 'validation_failed',
            errors: [{ field: 'current_password', code: 'wrong_password', message: '当前密码不正确' }],
          })
        : jsonResponse(200, ME),
    );
    await renderRoutes([{ path: '/console/password', element: <ChangePasswordPage /> }], '/console/password');
    await fill('Not-The-Password-1', 'Own-Choice-2027', 'Own-Choice-2027');
    expect(await screen.findByText('当前密码不正确')).toBeTruthy();
    const current = screen.getByLabelText('当前密码');
    expect(current.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(current));
  });

  it('sends both passwords, keeps the new session and says it is done', async () => {
    sessionStore.set({ access_token: 'old-access', refresh_token: 'old-refresh', expires_in: 900 });
    const calls = fakeApi((call) => (call.path === '/api/v1/me/password' ? jsonResponse(200, GRANT) : jsonResponse(200, ME)));
    await renderRoutes([{ path: '/console/password', element: <ChangePasswordPage /> }], '/console/password');
    await fill('Initial-Pass-2026', 'Own-Choice-2027', 'Own-Choice-2027');
    expect(await screen.findByText('密码已修改。其他设备上的登录已失效。')).toBeTruthy();
    const change = calls.find((c) => c.path === '/api/v1/me/password');
    expect(change?.method).toBe('POST');
    expect(change?.body).toEqual({ current_password: 'Initial-Pass-2026', new_password: 'Own-Choice-2027' });
    expect(change?.headers.get('Authorization')).toBe('Bearer old-access');
    expect(sessionStore.get()?.accessToken).toBe('new-access');
    expect(sessionStore.get()?.refreshToken).toBe('new-refresh');
  });
});

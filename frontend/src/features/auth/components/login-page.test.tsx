import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markSessionLost } from '@/lib/auth/session-lost';
import { sessionStore } from '@/lib/auth/session-store';
import { jsonResponse, renderRoutes } from '@/testing/test-utils';
import { LoginPage } from './login-page';

const routes = [
  { path: '/login', element: <LoginPage /> },
  { path: '/portal', element: <p>PORTAL</p> },
  { path: '/console', element: <p>CONSOLE</p> },
  { path: '/', element: <p>HOME</p> },
];

type Handler = (request: Request) => Response;

function stubApi(handlers: Record<string, Handler>) {
  const requests: Request[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      requests.push(request.clone());
      const handler = handlers[new URL(request.url).pathname];
      return handler ? handler(request) : jsonResponse(404, { title: 'Not found', status: 404 });
    }),
  );
  return requests;
}

async function fillAndSubmit(tenant: string, username: string, password: string) {
  const user = userEvent.setup();
  await user.clear(await screen.findByLabelText('区县代码'));
  if (tenant) await user.type(screen.getByLabelText('区县代码'), tenant);
  if (username) await user.type(screen.getByLabelText('用户名'), username);
  if (password) await user.type(screen.getByLabelText('密码'), password);
  await user.click(screen.getByRole('button', { name: '登录' }));
}

describe('login page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('says why when the server ended the session, once', async () => {
    stubApi({});
    markSessionLost();
    const first = await renderRoutes(routes, '/login');
    const notice = await screen.findByText(/^您的登录已失效/);
    expect(notice.getAttribute('role')).toBe('status');
    first.unmount();
    await renderRoutes(routes, '/login');
    await screen.findByLabelText('区县代码');
    expect(screen.queryByText(/^您的登录已失效/)).toBeNull();
  });

  it('asks for missing fields next to them, without calling the server', async () => {
    const requests = stubApi({});
    await renderRoutes(routes, '/login');
    await fillAndSubmit('example', '', '');
    const username = screen.getByLabelText('用户名');
    expect(username.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('请输入用户名').id).toBe(username.getAttribute('aria-describedby'));
    expect(screen.getByText('请输入密码')).toBeTruthy();
    expect(document.activeElement).toBe(username);
    expect(requests).toHaveLength(0);
  });

  it('shows the server’s Chinese message for a wrong password, and sends Accept-Language', async () => {
    const requests = stubApi({
      '/api/v1/auth/login': () =>
        jsonResponse(401, {
          type: 'urn:butler:problem:invalid_credentials',
          title: '登录失败',
          status: 401,
          detail: '区县代码、用户名或密码不正确。',
          code: 'invalid_credentials',
        }),
    });
    await renderRoutes(routes, '/login');
    await fillAndSubmit('example', 'office', 'wrong');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('区县代码、用户名或密码不正确。');
    expect(requests[0]?.headers.get('Accept-Language')).toBe('zh-CN');
    expect(await requests[0]?.json()).toEqual({ tenant: 'example', username: 'office', password: 'wrong' });
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');
  });

  it('puts problem+json field errors next to their fields', async () => {
    stubApi({
      '/api/v1/auth/login': () =>
        jsonResponse(422, {
          type: 'urn:butler:problem:validation_failed',
          title: '填写内容有误',
          status: 422,
          detail: '请按提示修改标出的字段。',
          code: 'validation_failed',
          errors: [{ field: 'tenant', code: 'code', message: '区县代码只能包含小写字母、数字和连字符' }],
        }),
    });
    await renderRoutes(routes, '/login');
    await fillAndSubmit('Da Yao', 'office', 'x');
    const message = await screen.findByText('区县代码只能包含小写字母、数字和连字符');
    const tenant = screen.getByLabelText('区县代码');
    expect(tenant.getAttribute('aria-describedby')).toContain(message.id);
    expect(tenant.getAttribute('aria-invalid')).toBe('true');
    await waitFor(() => expect(document.activeElement).toBe(tenant));
  });

  it('sends an enterprise contact to the portal with the session stored', async () => {
    stubApi({
      '/api/v1/auth/login': () =>
        jsonResponse(200, { access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 }),
      '/api/v1/me': (request) =>
        request.headers.get('Authorization') === 'Bearer a'
          ? jsonResponse(200, {
              id: 'u', username: 'enterprise', display_name: '周晓明', role: 'enterprise',
              tenant: { code: 'example', name: '示例县' },
            })
          : jsonResponse(401, { title: '未登录', status: 401 }),
    });
    const { router } = await renderRoutes(routes, '/login');
    await fillAndSubmit('example', 'enterprise', 'butler-demo');
    expect(await screen.findByText('PORTAL')).toBeTruthy();
    expect(router.state.location.pathname).toBe('/portal');
    expect(sessionStore.get()?.refreshToken).toBe('r');
  });

  it('sends an official to the console', async () => {
    stubApi({
      '/api/v1/auth/login': () =>
        jsonResponse(200, { access_token: 'a', refresh_token: 'r', token_type: 'Bearer', expires_in: 900 }),
      '/api/v1/me': () =>
        jsonResponse(200, {
          id: 'u', username: 'office', display_name: '办公室', role: 'office',
          tenant: { code: 'example', name: '示例县' },
        }),
    });
    await renderRoutes(routes, '/login');
    await fillAndSubmit('example', 'office', 'butler-demo');
    expect(await screen.findByText('CONSOLE')).toBeTruthy();
  });

  it('speaks English when switched, to the user and to the API', async () => {
    const requests = stubApi({
      '/api/v1/auth/login': () =>
        jsonResponse(401, { title: 'Sign-in failed', status: 401, detail: 'Wrong county code, username or password.', code: 'invalid_credentials' }),
    });
    await renderRoutes(routes, '/login', 'en');
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('County code'), 'example');
    await user.type(screen.getByLabelText('Username'), 'office');
    await user.type(screen.getByLabelText('Password'), 'nope');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Wrong county code');
    expect(requests[0]?.headers.get('Accept-Language')).toBe('en');
    expect(document.documentElement.lang).toBe('en');
  });
});

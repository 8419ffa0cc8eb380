import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { fakeApi, jsonResponse, renderRoutes, type ApiCall } from '@/testing/test-utils';
import type { Delivery, WebhookSubscription } from '../utils/integrations';
import { ApiClientsPage } from './api-clients-page';
import { ChannelsPage } from './channels-page';
import { DeliveriesPage } from './deliveries-page';
import { PreferencesPage } from './preferences-page';
import { WebhooksPage } from './webhooks-page';

const ME = { id: '0193a0c2-0000-7000-8000-0000000000a1', username: 'admin', display_name: '系统管理员', role: 'admin', tenant: { code: 'example', name: '示例县' } };

const SUBSCRIPTION: WebhookSubscription = {
  id: '0193a0c2-0000-7000-8000-0000000000e1',
  kind: 'standard_webhooks',
  url: 'https://oa.example.cn/hook',
  description: '县政府OA',
  event_types: [],
  active: true,
  created_at: '2026-12-01T00:00:00Z',
  updated_at: '2026-12-01T00:00:00Z',
};

const delivery = (overrides: Partial<Delivery>): Delivery => ({
  id: '0193a0c2-0000-7000-8000-0000000000f1',
  channel: 'webhook',
  state: 'dead',
  attempts: 2,
  created_at: '2026-12-01T00:00:00Z',
  updated_at: '2026-12-01T00:00:00Z',
  subscription_id: SUBSCRIPTION.id,
  allowed_actions: ['retry', 'replay'],
  last_error: 'HTTP 500',
  log: [
    { attempt: 1, started_at: '2026-12-01T00:00:01Z', duration_ms: 120, outcome: 'retry', status_code: 500, answer: 'upstream down' },
  ],
  ...overrides,
});

/** A fake API: GETs answered from `reads`, everything else by `onWrite`. */
function stubApi(reads: Record<string, unknown>, onWrite: (call: ApiCall) => Response = () => jsonResponse(500, {})) {
  return fakeApi((call) => {
    if (call.method !== 'GET') return onWrite(call);
    if (call.path === '/api/v1/me') return jsonResponse(200, ME);
    if (call.path in reads) return jsonResponse(200, reads[call.path]);
    return jsonResponse(200, { items: [], next_cursor: null });
  });
}

/** The one-time secret's dialog (found by its title: modals in tests share their title ids). */
const secretDialogTitled = async (title: string) =>
  (await screen.findByText(title, { selector: '.ant-modal-title' }, { timeout: 5000 })).closest('[role="dialog"]') as HTMLElement;

/** The dialog leaves (jsdom never ends Ant Design's leaving animation, so it stays in the page). */
const closing = (dialog: HTMLElement) => waitFor(() => expect(dialog.className).toMatch(/ant-zoom-leave/));

const render = (path: string, element: ReactNode) =>
  renderRoutes(
    [
      {
        path,
        element: (
          <ConfigProvider button={{ autoInsertSpace: false }}>
            <AntApp>{element}</AntApp>
          </ConfigProvider>
        ),
      },
    ],
    path,
  );

describe('integration screens', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('creates a webhook subscription and shows its secret once', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi({ '/api/v1/admin/webhooks': [] }, () =>
      jsonResponse(201, { subscription: SUBSCRIPTION, secret: 'whsec_c2VjcmV0LXNob3duLW9uY2U=' }),
    );
    await render('/console/webhooks', <WebhooksPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '新建订阅' }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog', { name: '新建 Webhook 订阅' });
    await user.type(within(dialog).getByLabelText('推送地址'), 'https://oa.example.cn/hook');
    await user.type(within(dialog).getByLabelText('说明'), '县政府OA');
    await user.click(within(dialog).getByRole('button', { name: '创建' }));

    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true), { timeout: 5000 });
    const secretDialog = await secretDialogTitled('Webhook 签名密钥');
    expect((within(secretDialog).getByLabelText('签名密钥') as HTMLInputElement).value).toBe('whsec_c2VjcmV0LXNob3duLW9uY2U=');
    expect(within(secretDialog).getByText(/关闭此窗口后将无法再次查看/)).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/v1/admin/webhooks');
    expect(post?.body).toEqual({ kind: 'standard_webhooks', url: 'https://oa.example.cn/hook', description: '县政府OA', event_types: [] });

    await user.click(within(secretDialog).getByRole('button', { name: '我已保存，关闭' }));
    await closing(secretDialog);
  });

  it('creates an API client for a supervisor and shows its key once', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const client = {
      id: '0193a0c2-0000-7000-8000-0000000000c1', name: '县政务服务平台', role: 'supervisor', scopes: ['cases:read'], rate_limit_per_minute: 600,
      key_hint: 'bk_3f9a', active: true, created_at: '2026-12-01T00:00:00Z', created_by: ME.id, user_id: ME.id,
    };
    const calls = stubApi({}, () => jsonResponse(201, { client, api_key: 'bk_3f9a_secretkey' }));
    await render('/console/api-clients', <ApiClientsPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '新建客户端' }, { timeout: 5000 }));
    const dialog = await screen.findByRole('dialog', { name: '新建 API 客户端' });
    await user.type(within(dialog).getByLabelText('名称'), '县政务服务平台');
    await user.click(within(dialog).getByRole('combobox', { name: '角色' }));
    const option = '.ant-select-item-option[title="领导小组（只读）"]';
    await waitFor(() => expect(document.querySelector(option)).not.toBeNull(), { timeout: 5000 });
    await user.click(document.querySelector(option) as HTMLElement);
    await user.click(within(dialog).getByRole('combobox', { name: '权限范围' }));
    const scope = () => [...document.querySelectorAll('.ant-select-item-option')].find((o) => o.textContent?.includes('cases:read'));
    await waitFor(() => expect(scope()).toBeTruthy(), { timeout: 5000 });
    await user.click(scope() as HTMLElement);
    await user.click(within(dialog).getByRole('button', { name: '创建' }));

    const keyDialog = await secretDialogTitled('API 密钥');
    expect((within(keyDialog).getByLabelText('API 密钥') as HTMLInputElement).value).toBe('bk_3f9a_secretkey');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: '县政务服务平台', role: 'supervisor', scopes: ['cases:read'], department_id: null, rate_limit_per_minute: null,
    });
    await user.click(within(keyDialog).getByRole('button', { name: '我已保存，关闭' }));
    await closing(keyDialog);
  });

  it('offers the actions a delivery allows, and sends a retry', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const deliveries = [
      delivery({}),
      delivery({ id: '0193a0c2-0000-7000-8000-0000000000f2', channel: 'email', state: 'delivered', allowed_actions: [], subscription_id: null, recipient_id: ME.id, last_error: null }),
    ];
    const calls = stubApi(
      { '/api/v1/admin/deliveries': { items: deliveries, next_cursor: null }, '/api/v1/admin/webhooks': [SUBSCRIPTION] },
      () => jsonResponse(200, delivery({ state: 'pending', allowed_actions: [] })),
    );
    await render('/console/deliveries', <DeliveriesPage />);
    const table = await screen.findByRole('table', { name: '投递记录列表' }, { timeout: 5000 });
    await within(table).findByText('HTTP 500');
    expect(within(table).getAllByRole('button', { name: '重试' })).toHaveLength(1);
    expect(within(table).getAllByRole('button', { name: '重放' })).toHaveLength(1);
    const user = userEvent.setup();
    await user.click(within(table).getByRole('button', { name: '重试' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.path).toBe(`/api/v1/admin/deliveries/${deliveries[0]?.id}/retry`);
  });

  it('shows a stored secret as set and keeps it when left empty', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const settings = { channel: 'email', enabled: true, host: 'smtp.example.cn', port: 465, security: 'tls', username: 'butler', from: 'butler@example.cn', secrets_set: ['password'] };
    const calls = stubApi({ '/api/v1/admin/channels/email': settings }, (call) => jsonResponse(200, { ...settings, ...(call.body as object) }));
    await render('/console/channels', <ChannelsPage />);
    expect(await screen.findByText('已设置', {}, { timeout: 5000 })).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/api/v1/admin/channels/email');
    expect(put?.body).toEqual({ enabled: true, host: 'smtp.example.cn', port: 465, security: 'tls', username: 'butler', from: 'butler@example.cn' });
  });

  it('saves the official’s channels for every topic', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const preferences = {
      enabled_channels: ['email', 'sms'],
      preferences: [
        { topic: 'task', channels: ['sms'], default: true },
        { topic: 'reminder', channels: ['sms'], default: true },
        { topic: 'escalation', channels: ['sms'], default: true },
        { topic: 'result', channels: [], default: true },
        { topic: 'supervision', channels: [], default: true },
      ],
    };
    const calls = stubApi({ '/api/v1/me/notification-preferences': preferences }, () => jsonResponse(200, preferences));
    await render('/console/preferences', <PreferencesPage />);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('checkbox', { name: '办理结果：电子邮件' }, { timeout: 5000 }));
    await user.click(screen.getByRole('checkbox', { name: '任务单：短信' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({
      preferences: [
        { topic: 'task', channels: [] },
        { topic: 'reminder', channels: ['sms'] },
        { topic: 'escalation', channels: ['sms'] },
        { topic: 'result', channels: ['email'] },
        { topic: 'supervision', channels: [] },
      ],
    });
  });
});

import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { TemplatesPage } from './templates-page';

const ADMIN_ID = '0193a0c2-0000-7000-8000-0000000000a1';

const SUPERVISION = {
  kind: 'supervision_notice',
  placeholders: ['project', 'project_name', 'case_number', 'department', 'content'],
  languages: [
    { language: 'zh-CN', default_title: '督办通知：{project}', default_body: '{content}', custom: null },
    { language: 'en', default_title: 'Supervision notice: {project}', default_body: '{content}', custom: null },
  ],
};

describe('消息模板', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('shows the placeholders and the default, sends the edit, and shows the server’s field error by its field', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = fakeApi((call) => {
      if (call.path === '/api/v1/me') {
        return jsonResponse(200, { id: ADMIN_ID, username: 'admin', display_name: '系统管理员', role: 'admin', tenant: { code: 'example', name: '示例县' } });
      }
      if (call.method === 'PUT') {
        return jsonResponse(422, {
          type: 'urn:butler:problem:validation_failed', title: '输入有误', status: 422, code: 'validation_failed',
          errors: [{ field: 'body', code: 'unknown_placeholder', message: '正文含有此类消息没有的占位符 {contact}' }],
        });
      }
      return jsonResponse(200, { items: [SUPERVISION] });
    });
    renderRoutes(
      [
        {
          path: '/console/templates',
          element: (
            <ConfigProvider button={{ autoInsertSpace: false }}>
              <AntApp>
                <TemplatesPage />
              </AntApp>
            </ConfigProvider>
          ),
        },
      ],
      '/console/templates',
    );
    expect(await screen.findByText('{department}', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('督办通知：{project}')).toBeTruthy();
    expect(screen.getByRole('button', { name: '恢复默认' }).hasAttribute('disabled')).toBe(true);
    const body = screen.getByLabelText('正文');
    await waitFor(() => expect((body as HTMLTextAreaElement).value).toBe('{content}'));
    const user = userEvent.setup();
    await user.clear(body);
    await user.type(body, '{{content}请联系{{contact}');
    await user.click(screen.getByRole('button', { name: '保存' }));
    const put = await waitFor(() => {
      const found = calls.find((c) => c.method === 'PUT');
      expect(found).toBeTruthy();
      return found!;
    });
    expect(put.path).toBe('/api/v1/admin/templates/supervision_notice/zh-CN');
    expect(put.body).toEqual({ title: '督办通知：{project}', body: '{content}请联系{contact}' });
    const item = (await screen.findByText('正文含有此类消息没有的占位符 {contact}')).closest('.ant-form-item') as HTMLElement;
    expect(within(item).getByLabelText('正文')).toBeTruthy();
  });
});

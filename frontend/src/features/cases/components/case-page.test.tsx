import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import type { Case } from '@/lib/cases/types';
import { IDS, makeCase } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes, type ApiCall } from '@/testing/test-utils';
import { CasePage } from './case-page';

/** A fake API: the case, its (empty) history, and `onCommand` for every POST. */
function stubApi(c: Case, onCommand: (call: ApiCall) => Response) {
  return fakeApi((call) => {
    if (call.method === 'POST') return onCommand(call);
    if (call.path === `/api/v1/cases/${c.id}`) return jsonResponse(200, c);
    if (call.path.endsWith('/timeline')) {
      return jsonResponse(200, { events: [], verification: { valid: true, algorithm: 'sm3', length: 0, head: '0'.repeat(64) } });
    }
    if (call.path === '/api/v1/me') {
      return jsonResponse(200, { id: 'u1', username: 'investment_leader', display_name: '孙子涵', role: 'investment_leader', tenant: { code: 'example', name: '示例县' } });
    }
    return jsonResponse(200, { items: [], next_cursor: null });
  });
}

const problem = (status: number, code: string, extra: object = {}) =>
  jsonResponse(status, { type: `urn:butler:problem:${code}`, title: '操作未成功', status, code, detail: '详情', ...extra });

describe('case page actions', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  const render = () =>
    renderRoutes(
      [
        {
          path: '/console/cases/:id',
          // As the console's layout sets them up.
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

  it('offers what allowed_actions lists, confirms the acceptance, sends If-Match and asks to reload on 412', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const c = makeCase({ state: 'reviewed', version: 3, allowed_actions: ['accept', 'reject'] });
    const calls = stubApi(c, () => problem(412, 'version_mismatch', { current_version: 4 }));
    await render();

    const actions = (await screen.findByRole('heading', { name: '可办理的操作' })).closest('.ant-card') as HTMLElement;
    const buttons = within(actions).getAllByRole('button').map((b) => b.textContent);
    expect(buttons).toEqual(['签批受理', '不予受理']);

    const user = userEvent.setup();
    await user.click(within(actions).getByRole('button', { name: '签批受理' }));
    // Irreversible: nothing is sent before the confirmation.
    expect((await screen.findAllByText('确认签批受理？')).length).toBeGreaterThan(0);
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    await user.click(screen.getByRole('button', { name: '确定' }));

    const alert = (await screen.findByText('该记录已被他人修改，请刷新后查看最新内容再操作。')).closest('[role="alert"]') as HTMLElement;
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.path).toBe(`/api/v1/cases/${IDS.case}/accept`);
    expect(post?.headers.get('If-Match')).toBe('"3"');

    const reads = calls.filter((call) => call.path === `/api/v1/cases/${IDS.case}`).length;
    await user.click(within(alert).getByRole('button', { name: '刷新' }));
    await waitFor(() => expect(calls.filter((call) => call.path === `/api/v1/cases/${IDS.case}`).length).toBeGreaterThan(reads));
  });

  it('sends the review with its five policy checks and shows field errors next to the field', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const c = makeCase({ state: 'submitted', version: 2, allowed_actions: ['return_for_revision', 'review'] });
    const calls = stubApi(c, () =>
      problem(422, 'validation_failed', { errors: [{ field: 'recommendation', code: 'length', message: '审查意见至少 10 个字' }] }),
    );
    await render();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '审查' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('checkbox', { name: '产业政策' }));
    await user.click(within(dialog).getByRole('checkbox', { name: '节能' }));
    await user.type(within(dialog).getByLabelText(/审查意见/), '建议受理');
    await user.click(within(dialog).getByRole('button', { name: '提交审查意见' }));

    expect(await within(dialog).findByText('审查意见至少 10 个字')).toBeTruthy();
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.path).toBe(`/api/v1/cases/${IDS.case}/review`);
    expect(post?.headers.get('If-Match')).toBe('"2"');
    expect(post?.body).toEqual({
      recommendation: '建议受理',
      policy_checks: { industrial: true, land: false, environmental: false, safety: false, energy: true },
    });
  });
});

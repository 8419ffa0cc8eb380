import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { IDS } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes, type ApiCall } from '@/testing/test-utils';
import { TaskFeesPreReview } from '../mount/task-section';

const TASK = { id: 'sheet-water', department_id: IDS.water };

function stub(me: object, onPost: (call: ApiCall) => Response): ApiCall[] {
  return fakeApi((call) => {
    if (call.method === 'POST') return onPost(call);
    switch (call.path) {
      case '/api/v1/me':
        return jsonResponse(200, me);
      case '/api/v1/tasks/sheet-water/legal-fees':
        return jsonResponse(200, { sheet_id: TASK.id, department_id: IDS.water, item_name: '取水许可', total_fen: 0, fees: [], replaced: [] });
      case '/api/v1/tasks/sheet-water/prereview-gaps':
        return jsonResponse(200, [{ material: '取水许可申请书', problem: '缺法定代表人签字', note: '须原件' }]);
      default:
        return jsonResponse(200, { items: [], next_cursor: null });
    }
  });
}

async function show() {
  await renderRoutes(
    [
      {
        path: '/console/tasks/:id',
        element: (
          <ConfigProvider button={{ autoInsertSpace: false }}>
            <AntApp>
              <TaskFeesPreReview task={TASK} />
            </AntApp>
          </ConfigProvider>
        ),
      },
    ],
    `/console/tasks/${TASK.id}`,
  );
}

const me = (role: string, department: string | null) => ({
  id: 'u1',
  username: role,
  display_name: '测试用户',
  role,
  department: department ? { id: department, name: '水务局' } : null,
  tenant: { code: 'example', name: '示例县' },
});

describe('a task sheet’s pre-review gaps and legal fees', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('shows the gaps the sheet starts from and records a fee in yuan as fen', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    let attempt = 0;
    const calls = stub(me('department_agent', IDS.water), () => {
      attempt += 1;
      if (attempt === 1) {
        return jsonResponse(422, {
          type: 'urn:butler:problem:validation_failed',
          title: '填写内容有误',
          status: 422,
          code: 'validation_failed',
          detail: '请按提示修改标出的字段。',
          errors: [{ field: 'basis', code: 'basis_required_for_free_item', message: '该事项办事指南载明不收费，须填写据以收费的法律依据' }],
        });
      }
      return jsonResponse(201, {});
    });
    await show();
    expect(await screen.findByText('缺法定代表人签字', { exact: false })).toBeTruthy();
    const form = await screen.findByRole('form', { name: '登记法定收费' });
    const user = userEvent.setup();
    await user.type(within(form).getByLabelText('金额（元）'), '32.5');
    await user.type(within(form).getByLabelText('票据号'), 'YN-2026-0002');
    fireEvent.change(within(form).getByLabelText('缴费日期'), { target: { value: '2026-12-03' } });
    await user.click(within(form).getByRole('button', { name: '登记' }));
    expect(await within(form).findByText('该事项办事指南载明不收费，须填写据以收费的法律依据')).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/v1/tasks/sheet-water/legal-fees');
    expect(post?.body).toEqual({ amount_fen: 3250, basis: null, receipt_number: 'YN-2026-0002', paid_on: '2026-12-03' });
    await user.type(within(form).getByLabelText('收费依据'), '《水资源费征收标准》');
    await user.click(within(form).getByRole('button', { name: '登记' }));
    await waitFor(() => expect(within(form).getByText('已登记')).toBeTruthy());
  });

  it('offers no form to another department', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    stub(me('department_agent', IDS.ecology), () => jsonResponse(500, {}));
    await show();
    expect(await screen.findByText('本任务单法定收费合计 0 元')).toBeTruthy();
    expect(screen.queryByRole('form', { name: '登记法定收费' })).toBeNull();
  });
});

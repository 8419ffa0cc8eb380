import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { IDS } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes, type ApiCall } from '@/testing/test-utils';
import { CaseFeesPreReview } from '../mount/case-sections';

const person = (role: string, department: object | null = null) => ({
  id: 'u1',
  username: role,
  display_name: '测试用户',
  role,
  department,
  tenant: { code: 'example', name: '示例县' },
});

const DEPARTMENTS = {
  items: [
    { id: IDS.water, code: 'water', name: '示例县水务局', short_name: '水务局' },
    { id: IDS.ecology, code: 'ecology-environment', name: '楚雄州生态环境局示例分局', short_name: '生态环境局' },
  ],
  next_cursor: null,
};

const FEE = {
  id: 'fee-1',
  case_id: IDS.case,
  sheet_id: 'sheet-water',
  department_id: IDS.water,
  item_name: '取水许可',
  amount_fen: 3200,
  basis: '《水资源费征收标准》（示例）',
  basis_from_catalog: false,
  receipt_number: 'YN-2026-0002',
  paid_on: '2026-12-03',
  recorded_by: 'u1',
  recorded_at: '2026-12-03T02:00:00Z',
  replaces_id: null,
  correction_reason: null,
  superseded_at: null,
};

const FEES = {
  case_id: IDS.case,
  service_fee_fen: 0,
  legal_fees_total_fen: 3200,
  sheets: [{ sheet_id: 'sheet-water', department_id: IDS.water, item_name: '取水许可', total_fen: 3200, fees: [FEE], replaced: [] }],
};

function review(state: 'open' | 'closed', allowed: string[], extra: object = {}) {
  return {
    case_id: IDS.case,
    allowed_actions: allowed,
    current: {
      id: 'review-1',
      state,
      departments: [IDS.water, IDS.ecology],
      opened_by: 'u1',
      opened_at: '2026-12-03T02:00:00Z',
      closed_by: null,
      closed_at: null,
      opinions: [
        { id: 'op-1', department_id: IDS.water, gaps: [{ material: '取水许可申请书', problem: '缺法定代表人签字' }], given_by: 'u2', given_at: '2026-12-03T03:00:00Z', superseded_at: null },
      ],
      replaced: [],
      consolidated: null,
      ...extra,
    },
  };
}

function stub(me: object, prereview: () => object, onWrite: (call: ApiCall) => Response): ApiCall[] {
  return fakeApi((call) => {
    if (call.method !== 'GET') return onWrite(call);
    switch (call.path) {
      case '/api/v1/me':
        return jsonResponse(200, me);
      case `/api/v1/cases/${IDS.case}/prereview`:
        return jsonResponse(200, prereview());
      case `/api/v1/cases/${IDS.case}/legal-fees`:
        return jsonResponse(200, FEES);
      case '/api/v1/departments':
        return jsonResponse(200, DEPARTMENTS);
      default:
        return jsonResponse(200, { items: [], next_cursor: null });
    }
  });
}

function wrap(children: ReactNode) {
  return (
    <ConfigProvider button={{ autoInsertSpace: false }}>
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

async function show() {
  await renderRoutes([{ path: '/console/cases/:id', element: wrap(<CaseFeesPreReview caseId={IDS.case} />) }], `/console/cases/${IDS.case}`);
}

describe('legal fees and the joint pre-review on the case page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('shows that the service charged nothing beside the legal fees and their total', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    stub(person('enterprise'), () => ({ case_id: IDS.case, allowed_actions: [], current: null }), () => jsonResponse(500, {}));
    await show();
    expect((await screen.findByTestId('fees-summary')).textContent).toBe('服务费 0 元 · 法定收费 合计 32 元');
    const table = await screen.findByRole('table', { name: '收费情况' });
    expect(within(table).getByText('YN-2026-0002')).toBeTruthy();
    expect(screen.queryByRole('heading', { name: '联合预审' })).toBeNull();
  });

  it('lets the office open the pre-review, see who answered, and close it', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    let current: object = { case_id: IDS.case, allowed_actions: ['open'], current: null };
    const calls = stub(person('office'), () => current, (call) => {
      current = call.path.endsWith('/close')
        ? review('closed', ['open'], { consolidated: [{ department_id: IDS.water, gaps: [{ material: '取水许可申请书', problem: '缺法定代表人签字' }] }, { department_id: IDS.ecology, gaps: [] }] })
        : review('open', ['close']);
      return jsonResponse(call.path.endsWith('/close') ? 200 : 201, current);
    });
    await show();
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: '发起联合预审' }));
    expect(calls.find((c) => c.method === 'POST')?.path).toBe(`/api/v1/cases/${IDS.case}/prereview`);
    const opinions = await screen.findByRole('table', { name: '各部门预审意见' });
    expect(within(opinions).getByText('缺法定代表人签字', { exact: false })).toBeTruthy();
    expect(within(opinions).getByText('待提出')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: '结束预审并汇总' }));
    expect(await screen.findByText('汇总问题清单（一次性告知）')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toEqual([
      `/api/v1/cases/${IDS.case}/prereview`,
      `/api/v1/cases/${IDS.case}/prereview/close`,
    ]);
  });

  it('shows why closing is refused', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    stub(person('office'), () => review('open', ['close']), () =>
      jsonResponse(422, {
        type: 'urn:butler:problem:preconditions_not_met',
        title: '条件尚未满足',
        status: 422,
        code: 'preconditions_not_met',
        detail: '请先完成 errors 中列出的事项。',
        errors: [{ field: 'prereview', code: 'opinion_missing', message: '部门尚未提出预审意见' }],
      }),
    );
    await show();
    await userEvent.setup().click(await screen.findByRole('button', { name: '结束预审并汇总' }));
    expect(await screen.findByText('部门尚未提出预审意见')).toBeTruthy();
  });

  it('lets a department give its own opinion, gaps or none, and puts the server’s messages on the fields', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    let attempt = 0;
    const calls = stub(person('department_agent', { id: IDS.ecology, name: '生态环境局' }), () => review('open', ['give_opinion']), () => {
      attempt += 1;
      if (attempt === 1) {
        return jsonResponse(422, {
          type: 'urn:butler:problem:validation_failed',
          title: '填写内容有误',
          status: 422,
          code: 'validation_failed',
          detail: '请按提示修改标出的字段。',
          errors: [{ field: 'gaps[0].problem', code: 'too_long', message: '问题说明不能超过 500 字' }],
        });
      }
      return jsonResponse(200, review('open', ['give_opinion']));
    });
    await show();
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: '本部门预审意见' });
    await user.type(within(form).getByLabelText('材料 1'), '环境影响报告表');
    await user.type(within(form).getByLabelText('问题 1'), '缺编制单位盖章');
    await user.click(within(form).getByRole('button', { name: '提交意见' }));
    expect(await within(form).findByText('问题说明不能超过 500 字')).toBeTruthy();
    await user.click(within(form).getByRole('button', { name: '提交意见' }));
    await waitFor(() => expect(within(form).getByText('已提交预审意见')).toBeTruthy());
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts[1]?.path).toBe(`/api/v1/cases/${IDS.case}/prereview/opinion`);
    expect(puts[1]?.body).toEqual({ no_gaps: false, gaps: [{ material: '环境影响报告表', problem: '缺编制单位盖章', note: null }] });

    await user.click(within(form).getByLabelText('材料无问题'));
    await user.click(within(form).getByRole('button', { name: '提交意见' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PUT')).toHaveLength(3));
    expect(calls.filter((c) => c.method === 'PUT')[2]?.body).toEqual({ no_gaps: true, gaps: [] });
  });
});

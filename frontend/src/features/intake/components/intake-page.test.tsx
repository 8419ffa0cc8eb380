import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { IDS, makeCase } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes, type ApiCall } from '@/testing/test-utils';
import { IntakePage } from './intake-page';

const CATALOG_ITEM = {
  id: '01a216a2-0000-7000-8000-0000000000c1',
  code: 'water-1',
  name: '取水许可',
  stage: 'engineering_permit',
  department: { id: IDS.water, name: '示例县水务局', short_name: '水务局' },
  promised_limit: { unit: 'working_days', value: 1, text: '1个工作日' },
};
const ENTERPRISE_ID = '01a216a2-0000-7000-8000-0000000000e9';
/** The county's registered enterprises, as the server lists them. */
const REGISTERED = [
  { id: '01a216a2-0000-7000-8000-0000000000e1', name: '云南示例绿色能源有限公司', credit_code: '91532326MA6K00002P', contact_name: '李文', contact_phone_masked: '139****0007', address: null },
  { id: '01a216a2-0000-7000-8000-0000000000e2', name: '示例新材料有限公司', credit_code: '91532326MA6K00001U', contact_name: '吴嘉怡', contact_phone_masked: '138****0042', address: '金碧镇工业片区' },
];

/** What GET /api/v1/enterprises answers: the server's search, part of the name or the start of the code. */
function listEnterprises(url: URL): Response {
  const q = url.searchParams.get('q');
  const limit = Number(url.searchParams.get('limit') ?? 50);
  const found = q ? REGISTERED.filter((e) => e.name.includes(q) || e.credit_code.startsWith(q.toUpperCase())) : REGISTERED;
  return jsonResponse(200, { items: found.slice(0, limit), next_cursor: null });
}

/** The searches the page sent: GET /api/v1/enterprises's `q` (`null` for none) and `limit`. */
const searches = (calls: ApiCall[]) =>
  calls
    .filter((call) => call.method === 'GET' && call.path === '/api/v1/enterprises')
    .map((call) => ({ q: call.url.searchParams.get('q'), limit: call.url.searchParams.get('limit') }));

/** A fake API: the officer, the county, the catalog, the enterprises; `onPost` answers every POST. */
function stubApi(onPost: (call: ApiCall) => Response) {
  return fakeApi((call) => {
    if (call.method === 'POST') return onPost(call);
    if (call.path === '/api/v1/me') {
      return jsonResponse(200, { id: 'u1', username: 'investment_officer', display_name: '钱雨桐', role: 'investment_officer', tenant: { code: 'example', name: '示例县' } });
    }
    if (call.path === '/api/v1/tenant') {
      return jsonResponse(200, { code: 'example', name: '示例县', investment_threshold_fen: 5_000_000_000, time_zone: 'Asia/Shanghai' });
    }
    if (call.path === '/api/v1/items') return jsonResponse(200, { items: [CATALOG_ITEM], next_cursor: null });
    if (call.path === '/api/v1/enterprises') return listEnterprises(call.url);
    return jsonResponse(200, { items: [], next_cursor: null });
  });
}

const problem = (status: number, code: string, errors?: { field: string; code: string; message: string }[]) =>
  jsonResponse(status, { type: `urn:butler:problem:${code}`, title: '数据冲突', status, code, detail: '与已有数据冲突', ...(errors ? { errors } : {}) });

/** An option as drawn in the pop-up (the `option` roles beside it are for screen readers only). */
const shownOption = (label: string) => {
  const option = [...document.querySelectorAll<HTMLElement>('.ant-select-item-option')].find((el) => el.title === label);
  if (!option) throw new Error(`no option ${label}`);
  return option;
};

/** What the enterprise picker shows as chosen. */
const chosenLabel = () =>
  screen.getByRole('combobox', { name: '已登记企业' }).closest('.ant-select')?.querySelector('[title]')?.getAttribute('title');

describe('an application filled in for an enterprise', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  const render = () =>
    renderRoutes(
      [
        {
          path: '/console/cases/new',
          element: (
            <ConfigProvider button={{ autoInsertSpace: false }}>
              <AntApp>
                <IntakePage />
              </AntApp>
            </ConfigProvider>
          ),
        },
        { path: '/console/cases/:id', element: <p>case page</p> },
      ],
      '/console/cases/new',
    );

  /** Registers a new enterprise, fills the project and ticks the one catalog item. */
  async function fill(user: ReturnType<typeof userEvent.setup>, creditCode: string) {
    await user.click(await screen.findByRole('radio', { name: '登记新企业' }, { timeout: 5000 }));
    await user.type(screen.getByLabelText('企业名称'), '示例新材料有限公司');
    await user.type(screen.getByLabelText('统一社会信用代码'), creditCode);
    await user.type(screen.getByLabelText('企业联络员'), '周晓明');
    await user.type(screen.getByLabelText('联络员电话'), '13800000031');
    await user.type(screen.getByLabelText('项目名称'), ' 年产 5 万吨绿色新材料项目 ');
    await user.type(screen.getByLabelText('总投资（万元）'), '12,000.5');
    await user.type(screen.getByLabelText('行业代码'), 'c2662');
    await user.type(screen.getByLabelText('建设地点'), '金碧镇');
    await user.type(screen.getByLabelText('项目简介'), '新建生产线两条。');
    await user.click(await screen.findByRole('button', { name: /工程建设许可/ }, { timeout: 5000 }));
    await user.click(await screen.findByRole('checkbox', { name: /^取水许可/ }));
  }

  it('registers the enterprise, creates the case in fen and submits it with If-Match', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi((call) => {
      if (call.path === '/api/v1/enterprises') {
        return jsonResponse(201, { id: ENTERPRISE_ID, name: '示例新材料有限公司', credit_code: '91350100M000100Y43', contact_name: '周晓明', contact_phone_masked: '138****0031', address: null });
      }
      if (call.path === '/api/v1/cases') return jsonResponse(201, makeCase({ version: 1, allowed_actions: ['submit'] }));
      return jsonResponse(200, makeCase({ state: 'submitted', version: 2 }));
    });
    const { router } = await render();
    const user = userEvent.setup();
    await fill(user, '91350100m000100y43');
    // The project's contact follows the enterprise's.
    expect((screen.getByLabelText('联络人姓名') as HTMLInputElement).value).toBe('周晓明');
    await user.click(screen.getByRole('button', { name: '保存并提交审查' }));

    // Three requests and a navigation: generous on a busy machine.
    await waitFor(() => expect(router.state.location.pathname).toBe(`/console/cases/${IDS.case}`), { timeout: 5000 });
    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.path)).toEqual(['/api/v1/enterprises', '/api/v1/cases', `/api/v1/cases/${IDS.case}/submit`]);
    expect(posts[0]?.body).toEqual({ name: '示例新材料有限公司', credit_code: '91350100M000100Y43', contact_name: '周晓明', contact_phone: '13800000031' });
    expect(posts[1]?.body).toMatchObject({
      enterprise_id: ENTERPRISE_ID,
      project_name: '年产 5 万吨绿色新材料项目',
      industry_code: 'C2662',
      total_investment_fen: 12_000_500_000,
      contact_name: '周晓明',
      contact_phone: '13800000031',
      items: [{ catalog_item_id: CATALOG_ITEM.id }],
    });
    expect(posts[1]?.headers.get('Idempotency-Key')).toBeTruthy();
    expect(posts[2]?.headers.get('If-Match')).toBe('"1"');
  });

  it('catches a wrong check digit before sending, and puts a taken credit code (409) on its field in the server\'s words', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi(() =>
      problem(409, 'conflict', [{ field: 'credit_code', code: 'taken', message: '该统一社会信用代码的企业已登记' }]),
    );
    await render();
    const user = userEvent.setup();
    await fill(user, '91350100M000100Y44');
    await user.click(screen.getByRole('button', { name: '保存并提交审查' }));
    expect(await screen.findByText('统一社会信用代码校验位错误（按 GB 32100-2015 应为 3），请核对', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByLabelText('统一社会信用代码').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);

    const field = screen.getByLabelText('统一社会信用代码');
    await user.clear(field);
    await user.type(field, '91350100M000100Y43');
    await user.click(screen.getByRole('button', { name: '保存并提交审查' }));
    expect(await screen.findByText('该统一社会信用代码的企业已登记', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByLabelText('统一社会信用代码').getAttribute('aria-invalid')).toBe('true');
    // The server's message, not the one the web app keeps for older servers; no summary above.
    expect(screen.queryByText(/请改为“选择已登记企业”/)).toBeNull();
    expect(screen.queryByText('与已有数据冲突')).toBeNull();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual(['/api/v1/enterprises']);
  });

  it('still puts a taken credit code on its field when the 409 names no field (an older server)', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    stubApi(() => problem(409, 'conflict'));
    await render();
    const user = userEvent.setup();
    await fill(user, '91350100M000100Y43');
    await user.click(screen.getByRole('button', { name: '保存并提交审查' }));
    expect(await screen.findByText(/该统一社会信用代码的企业已登记，请改为“选择已登记企业”/, {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByLabelText('统一社会信用代码').getAttribute('aria-invalid')).toBe('true');
  });

  it('searches the registered enterprises on the server, by the start of the credit code or part of the name', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi(() => jsonResponse(500, {}));
    await render();
    const user = userEvent.setup();
    const picker = await screen.findByRole('combobox', { name: '已登记企业' }, { timeout: 5000 });
    // Nothing typed: the first page.
    await waitFor(() => expect(searches(calls)).toEqual([{ q: null, limit: '20' }]));

    await user.click(picker);
    await user.type(picker, '91532326ma6k00001');
    // One search once typing pauses, not one a keystroke; the whole prefix, 20 at most.
    await waitFor(() => expect(searches(calls).at(-1)).toEqual({ q: '91532326ma6k00001', limit: '20' }));
    expect(searches(calls).length - 1).toBeLessThan('91532326ma6k00001'.length);
    await waitFor(() => expect(screen.queryByRole('option', { name: /云南示例绿色能源/ })).toBeNull());
    expect(screen.getByRole('option', { name: '示例新材料有限公司（91532326MA6K00001U）' })).toBeTruthy();

    await user.click(shownOption('示例新材料有限公司（91532326MA6K00001U）'));
    // The enterprise's contact, and its phone only masked.
    await waitFor(() => expect((screen.getByLabelText('联络人姓名') as HTMLInputElement).value).toBe('吴嘉怡'));
    expect(screen.getByText('金碧镇工业片区')).toBeTruthy();
    expect(screen.getByText(/企业登记的联络电话：138\*\*\*\*0042/)).toBeTruthy();

    // Another search that does not list it: the chosen enterprise stays chosen and named.
    await user.click(picker);
    await user.type(picker, '绿色能源');
    await waitFor(() => expect(searches(calls).at(-1)).toEqual({ q: '绿色能源', limit: '20' }));
    await waitFor(() => expect(screen.queryByRole('option', { name: /示例新材料/ })).toBeNull());
    expect(screen.getByRole('option', { name: '云南示例绿色能源有限公司（91532326MA6K00002P）' })).toBeTruthy();
    await user.keyboard('{Escape}');
    await user.tab();
    expect(chosenLabel()).toBe('示例新材料有限公司（91532326MA6K00001U）');
    expect(screen.getByText('金碧镇工业片区')).toBeTruthy();
  });

  it('chooses the enterprise it registered, so that saving again does not register it twice', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    let casePosts = 0;
    const calls = stubApi((call) => {
      if (call.path === '/api/v1/enterprises') {
        return jsonResponse(201, { id: ENTERPRISE_ID, name: '示例新材料有限公司', credit_code: '91350100M000100Y43', contact_name: '周晓明', contact_phone_masked: '138****0031', address: null });
      }
      if (call.path === '/api/v1/cases') {
        casePosts += 1;
        if (casePosts === 1) {
          return jsonResponse(422, {
            type: 'urn:butler:problem:validation_failed', title: '输入有误', status: 422, code: 'validation_failed',
            errors: [{ field: 'location', code: 'length', message: '建设地点写得太简略' }],
          });
        }
        return jsonResponse(201, makeCase({ version: 1 }));
      }
      return jsonResponse(200, makeCase({ state: 'submitted', version: 2 }));
    });
    const { router } = await render();
    const user = userEvent.setup();
    await fill(user, '91350100M000100Y43');
    await user.click(screen.getByRole('button', { name: '保存并提交审查' }));
    expect(await screen.findByText('建设地点写得太简略', {}, { timeout: 5000 })).toBeTruthy();

    // Registered: the form now points at it, though no search lists it.
    expect((screen.getByRole('radio', { name: '选择已登记企业' }) as HTMLInputElement).checked).toBe(true);
    expect(chosenLabel()).toBe('示例新材料有限公司（91350100M000100Y43）');
    expect(within(document.querySelector('.intake-enterprise') as HTMLElement).getByText('91350100M000100Y43')).toBeTruthy();

    await user.type(screen.getByLabelText('建设地点'), '工业片区 8 号');
    await user.click(screen.getByRole('button', { name: '保存并提交审查' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/console/cases/${IDS.case}`), { timeout: 5000 });
    const posts = calls.filter((call) => call.method === 'POST');
    expect(posts.map((call) => call.path)).toEqual(['/api/v1/enterprises', '/api/v1/cases', '/api/v1/cases', `/api/v1/cases/${IDS.case}/submit`]);
    expect(posts[2]?.body).toMatchObject({ enterprise_id: ENTERPRISE_ID });
  });
});

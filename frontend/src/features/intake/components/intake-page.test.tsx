import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { IDS, makeCase } from '@/testing/fixtures';
import { jsonResponse, renderRoutes } from '@/testing/test-utils';
import { IntakePage } from './intake-page';

interface Call {
  method: string;
  path: string;
  headers: Headers;
  body: unknown;
}

const CATALOG_ITEM = {
  id: '01a216a2-0000-7000-8000-0000000000c1',
  code: 'water-1',
  name: '取水许可',
  stage: 'engineering_permit',
  department: { id: IDS.water, name: '大姚县水务局', short_name: '水务局' },
  promised_limit: { unit: 'working_days', value: 1, text: '1个工作日' },
};
const ENTERPRISE_ID = '01a216a2-0000-7000-8000-0000000000e9';

/** A fake API: the officer, the county, the catalog; `onPost` answers every POST. */
function stubApi(onPost: (call: Call) => Response) {
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const text = request.method === 'GET' ? '' : await request.text();
      const call = { method: request.method, path: url.pathname, headers: request.headers, body: text ? JSON.parse(text) : null };
      calls.push(call);
      if (request.method === 'POST') return onPost(call);
      if (url.pathname === '/api/v1/me') {
        return jsonResponse(200, { id: 'u1', username: 'investment_officer', display_name: '钱雨桐', role: 'investment_officer', tenant: { code: 'dayao', name: '大姚县' } });
      }
      if (url.pathname === '/api/v1/tenant') {
        return jsonResponse(200, { code: 'dayao', name: '大姚县', investment_threshold_fen: 5_000_000_000, time_zone: 'Asia/Shanghai' });
      }
      if (url.pathname === '/api/v1/items') return jsonResponse(200, { items: [CATALOG_ITEM], next_cursor: null });
      return jsonResponse(200, { items: [], next_cursor: null });
    }),
  );
  return calls;
}

const problem = (status: number, code: string) =>
  jsonResponse(status, { type: `urn:butler:problem:${code}`, title: '数据冲突', status, code, detail: '与已有数据冲突' });

describe('an application filled in for an enterprise', () => {
  beforeAll(() => {
    window.matchMedia ??= ((query: string) => ({
      matches: false, media: query, onchange: null,
      addEventListener: () => {}, removeEventListener: () => {},
      addListener: () => {}, removeListener: () => {}, dispatchEvent: () => false,
    })) as typeof window.matchMedia;
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    // Ant Design scrolls to the first error.
    Element.prototype.scrollIntoView ??= () => {};
  });
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
    await user.type(screen.getByLabelText('企业名称'), '大姚示例新材料有限公司');
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
        return jsonResponse(201, { id: ENTERPRISE_ID, name: '大姚示例新材料有限公司', credit_code: '91350100M000100Y43', contact_name: '周晓明', contact_phone_masked: '138****0031', address: null });
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
    expect(posts[0]?.body).toEqual({ name: '大姚示例新材料有限公司', credit_code: '91350100M000100Y43', contact_name: '周晓明', contact_phone: '13800000031' });
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

  it('catches a wrong check digit before sending, and puts a taken credit code (409) on its field', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi(() => problem(409, 'conflict'));
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
    expect(await screen.findByText(/该统一社会信用代码的企业已登记/, {}, { timeout: 5000 })).toBeTruthy();
    expect(calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual(['/api/v1/enterprises']);
  });
});

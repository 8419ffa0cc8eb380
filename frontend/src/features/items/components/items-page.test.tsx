import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import type { Item } from '../api/list-items';
import { ItemsPage } from './items-page';

const item = (overrides: Partial<Item>): Item => ({
  id: 'i1',
  code: 'DY-008',
  version: 1,
  revision: 1,
  status: 'published',
  name: '建设项目环境影响报告书审批',
  department: { id: 'd1', code: 'ecology-environment', name: '示例县生态环境局' },
  stage: 'land_planning_permit',
  legal_limit: { unit: 'calendar_days', value: 60, text: '60日' },
  promised_limit: { unit: 'working_days', value: 10, text: '10个工作日' },
  allows_commitment: false,
  allows_tolerance: true,
  materials: [{ position: 1, name: '环境影响报告书', required: true, may_be_missing: false }],
  ...overrides,
});

const me = (role: string, department?: { id: string; code: string; name: string }) => ({
  id: 'u1',
  username: 'someone',
  display_name: '张三',
  role,
  tenant: { code: 'example', name: '示例县' },
  department: department ?? null,
});

describe('approval-item catalog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('filters by the stage in the URL and shows limits with their units', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = fakeApi((call) => {
      if (call.path === '/api/v1/me') return jsonResponse(200, me('window_agent'));
      return jsonResponse(200, {
        items: [
          item({}),
          item({ id: 'i2', code: 'DY-022', name: '建筑工程施工许可证核发（延期）', legal_limit: null,
            promised_limit: { unit: 'office_minutes', value: 120, text: '2小时' }, materials: [] }),
        ],
        next_cursor: null,
      });
    });
    await renderRoutes([{ path: '/console/items', element: <ItemsPage /> }], '/console/items?stage=land_planning_permit');

    const row = (await screen.findByText('DY-008')).closest('tr');
    expect(row).toBeTruthy();
    const cells = within(row as HTMLElement);
    expect(cells.getByText('60 日')).toBeTruthy();
    expect(cells.getByText('10 个工作日')).toBeTruthy();
    expect(cells.getByText('1 项')).toBeTruthy();
    expect(screen.getByText('2 小时')).toBeTruthy();
    expect(screen.getByText('—')).toBeTruthy();

    const list = calls.find((c) => c.path === '/api/v1/items');
    expect(list?.url.searchParams.get('stage')).toBe('land_planning_permit');
    expect(list?.url.searchParams.get('limit')).toBe('50');
    // A window agent does not edit the catalog.
    expect(screen.queryByRole('button', { name: '新建事项' })).toBeNull();
  });

  it('lets a department agent start a new version of its item and save the draft with its revision', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const department = { id: 'd1', code: 'ecology-environment', name: '示例县生态环境局' };
    const draft = item({ id: 'i9', version: 2, status: 'draft', revision: 3 });
    let drafted = false;
    const calls = fakeApi((call) => {
      if (call.path === '/api/v1/me') return jsonResponse(200, me('department_agent', department));
      if (call.path === '/api/v1/departments') return jsonResponse(200, { items: [{ ...department, short_name: '生态环境局' }], next_cursor: null });
      if (call.path === '/api/v1/items/i1/versions' && call.method === 'POST') {
        drafted = true;
        return jsonResponse(201, draft);
      }
      if (call.path === '/api/v1/items/i1/versions') return jsonResponse(200, drafted ? [draft, item({})] : [item({})]);
      if (call.path === '/api/v1/items/i9' && call.method === 'PUT') return jsonResponse(200, { ...draft, revision: 4 });
      return jsonResponse(200, { items: [item({})], next_cursor: null });
    });
    const user = userEvent.setup();
    await renderRoutes([{ path: '/console/items', element: <ItemsPage /> }], '/console/items');

    await user.click(await screen.findByRole('button', { name: '查看 建设项目环境影响报告书审批' }));
    const versions = await screen.findByRole('table', { name: '版本记录' });
    await within(versions).findByText('第 1 版');
    // A published version is read only: no publish for a department.
    expect(screen.queryByRole('button', { name: '发布' })).toBeNull();
    await user.click(screen.getByRole('button', { name: '新建版本' }));
    await within(versions).findByText('第 2 版');
    // The draft is chosen and editable.
    const save = await screen.findByRole('button', { name: '保存草稿' });
    const name = screen.getByLabelText('事项名称');
    expect(name).toHaveProperty('disabled', false);
    fireEvent.change(name, { target: { value: '环评审批（报告书）' } });
    await user.click(save);

    await waitFor(() => expect(calls.some((c) => c.method === 'PUT')).toBe(true));
    const put = calls.find((c) => c.method === 'PUT');
    expect(put?.path).toBe('/api/v1/items/i9');
    expect(put?.headers.get('If-Match')).toBe('"3"');
    expect(put?.body).toMatchObject({ code: 'DY-008', name: '环评审批（报告书）', department_id: 'd1' });
    expect(screen.queryByRole('button', { name: '发布' })).toBeNull();
  }, 60_000);
});

import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { jsonResponse, renderRoutes } from '@/testing/test-utils';
import type { Item } from '../api/list-items';
import { ItemsPage } from './items-page';

const item = (overrides: Partial<Item>): Item => ({
  id: 'i1',
  code: 'DY-008',
  version: 1,
  status: 'published',
  name: '建设项目环境影响报告书审批',
  department: { id: 'd1', code: 'ecology-environment', name: '大姚县生态环境局' },
  stage: 'land_planning_permit',
  legal_limit: { unit: 'calendar_days', value: 60, text: '60日' },
  promised_limit: { unit: 'working_days', value: 10, text: '10个工作日' },
  allows_commitment: false,
  allows_tolerance: true,
  materials: [{ position: 1, name: '环境影响报告书', required: true, may_be_missing: false }],
  ...overrides,
});

describe('approval-item catalog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('filters by the stage in the URL and shows limits with their units', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const urls: URL[] = [];
    vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
      urls.push(new URL(request.url));
      return jsonResponse(200, {
        items: [
          item({}),
          item({ id: 'i2', code: 'DY-022', name: '建筑工程施工许可证核发（延期）', legal_limit: null,
            promised_limit: { unit: 'office_minutes', value: 120, text: '2小时' }, materials: [] }),
        ],
        next_cursor: null,
      });
    }));
    await renderRoutes([{ path: '/console/items', element: <ItemsPage /> }], '/console/items?stage=land_planning_permit');

    const row = (await screen.findByText('DY-008')).closest('tr');
    expect(row).toBeTruthy();
    const cells = within(row as HTMLElement);
    expect(cells.getByText('60 日')).toBeTruthy();
    expect(cells.getByText('10 个工作日')).toBeTruthy();
    expect(cells.getByText('1 项')).toBeTruthy();
    expect(screen.getByText('2 小时')).toBeTruthy();
    expect(screen.getByText('—')).toBeTruthy();

    expect(urls[0]?.pathname).toBe('/api/v1/items');
    expect(urls[0]?.searchParams.get('stage')).toBe('land_planning_permit');
    expect(urls[0]?.searchParams.get('limit')).toBe('50');
  });
});

import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { IDS } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { LegalFeeFigures } from './supervision-fees';

describe('legal fees on the supervision page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('totals the period’s fees and lists them per department and item', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    fakeApi((call) =>
      call.path === '/api/v1/departments'
        ? jsonResponse(200, { items: [{ id: IDS.water, code: 'water', name: '示例县水务局', short_name: '水务局' }], next_cursor: null })
        : jsonResponse(200, { items: [], next_cursor: null }),
    );
    const totals = {
      fees: 2,
      total_fen: 320_050,
      by_department: [{ department_id: IDS.water, item_name: null, fees: 2, total_fen: 320_050 }],
      by_item: [{ department_id: IDS.water, item_name: '取水许可', fees: 2, total_fen: 320_050 }],
    };
    await renderRoutes([{ path: '/console/supervision', element: <LegalFeeFigures totals={totals} /> }], '/console/supervision');
    expect(await screen.findByText('本期登记法定收费 2 笔，合计 3,200.50 元（服务本身不收费）')).toBeTruthy();
    const table = screen.getByRole('table', { name: '法定收费' });
    expect(within(table).getByText('取水许可')).toBeTruthy();
    expect(await within(table).findByText('水务局')).toBeTruthy();
  });
});

import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { jsonResponse, renderRoutes } from '@/testing/test-utils';
import { CatalogWorkbook } from './catalog-workbook';

describe('catalog workbook import', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('sends the workbook and lists each problem by sheet, row and column', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const requests: Request[] = [];
    vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
      requests.push(request);
      return jsonResponse(422, {
        type: 'urn:butler:problem:validation_failed',
        title: '填写内容有误',
        status: 422,
        detail: '请按提示修改标出的字段。',
        code: 'validation_failed',
        errors: [
          { field: '事项/5/法定时限', code: 'time_limit', message: '「事项」表第 5 行「法定时限」列：「很快」不是时限' },
          { field: '材料/9/事项编码', code: 'unknown_item', message: '「材料」表第 9 行「事项编码」列：事项表中没有编码为「X」的事项' },
        ],
      });
    }));
    await renderRoutes([{ path: '/console/items', element: <CatalogWorkbook /> }], '/console/items');

    fireEvent.click(await screen.findByRole('button', { name: /导入 Excel/ }));
    const file = new File(['PK'], 'catalog.xlsx');
    fireEvent.change(await screen.findByLabelText(/选择工作簿/), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: /^导\s?入$/ }));

    const first = (await screen.findByText('法定时限')).closest('tr') as HTMLElement;
    expect(within(first).getByText('事项')).toBeTruthy();
    expect(within(first).getByText('5')).toBeTruthy();
    expect(screen.getByText('工作簿有 2 处错误，未导入：')).toBeTruthy();
    const sent = requests.find((r) => r.method === 'POST');
    expect(sent).toBeTruthy();
    const url = new URL((sent as Request).url);
    expect(url.pathname).toBe('/api/v1/items/import');
    expect(url.searchParams.get('publish')).toBe('false');
    expect(url.searchParams.get('dry_run')).toBe('false');
    expect((sent as Request).headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
  });
});

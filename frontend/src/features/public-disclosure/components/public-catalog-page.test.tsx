import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import type { PublicItemSummary } from '@/lib/public/api';
import { jsonResponse, renderRoutes } from '@/testing/test-utils';
import { PublicCatalogPage } from './public-catalog-page';

const summary: PublicItemSummary = {
  code: 'DY-021',
  version: 1,
  name: '建筑工程施工许可证核发',
  department: { code: 'housing-construction', name: '示例县住房和城乡建设局' },
  stage: 'construction_permit',
  legal_limit: { unit: 'working_days', value: 7, text: '7个工作日' },
  promised_limit: { unit: 'working_days', value: 3, text: '3个工作日' },
  allows_tolerance: true,
  allows_commitment: false,
  material_count: 5,
};

describe('the public catalog', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('reads the county named in the address without a token, with the filters of the address', async () => {
    // Someone signed in on this device: the public pages still send no token.
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const requests: Request[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (request: Request) => {
        requests.push(request);
        const path = new URL(request.url).pathname;
        if (path.endsWith('/departments')) {
          return jsonResponse(200, [
            { code: 'housing-construction', name: '示例县住房和城乡建设局', short_name: '住房和城乡建设局', phone: null },
          ]);
        }
        return jsonResponse(200, { items: [summary], next_cursor: null });
      }),
    );
    await renderRoutes(
      [{ path: '/public/:tenant/catalog', element: <PublicCatalogPage /> }],
      '/public/example/catalog?stage=construction_permit&q=施工',
    );

    const link = await screen.findByRole('link', { name: /建筑工程施工许可证核发/ });
    expect(link.getAttribute('href')).toBe('/public/example/items/DY-021');
    expect(screen.getByText('可容缺受理')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('已显示 1 项');
    const items = requests.map((r) => new URL(r.url)).find((u) => u.pathname === '/api/v1/public/example/items');
    expect(items?.searchParams.get('stage')).toBe('construction_permit');
    expect(items?.searchParams.get('q')).toBe('施工');
    expect(requests.every((r) => !r.headers.has('Authorization'))).toBe(true);

    // A department chosen: asked for by its code.
    fireEvent.change(await screen.findByLabelText('实施部门'), { target: { value: 'housing-construction' } });
    await vi.waitFor(() =>
      expect(
        requests.some((r) => new URL(r.url).searchParams.get('department') === 'housing-construction'),
      ).toBe(true),
    );
  });
});

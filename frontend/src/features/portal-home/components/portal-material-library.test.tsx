import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { IDS, makeVersion } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { PortalMaterialLibrary } from './portal-material-library';

describe("the enterprise's materials (我的材料)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('lists each material with every version to download, and whether it may still be reused', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = fakeApi(() =>
      jsonResponse(200, {
        items: [
          {
            material_id: 'm1',
            name: '营业执照',
            latest_version: 2,
            valid: true,
            versions: [makeVersion({ version: 2, on_behalf: true }), makeVersion({ version: 1 })],
          },
          { material_id: 'm2', name: '安全评价报告', latest_version: 1, valid: false, versions: [makeVersion({ version: 1, valid_until: '2026-01-31' })] },
        ],
      }),
    );
    await renderRoutes([{ path: '/portal/me', element: <PortalMaterialLibrary enterpriseId={IDS.enterprise} /> }], '/portal/me');
    const licence = (await screen.findByText('营业执照', { exact: false, selector: 'p' })).closest('li') as HTMLElement;
    expect(within(licence).getByText('可复用')).toBeTruthy();
    expect(within(licence).getByText('共 2 版')).toBeTruthy();
    expect(within(licence).getByText(/第 2 版 .* 代办上传/)).toBeTruthy();
    expect(within(licence).getAllByRole('button').map((b) => b.textContent)).toEqual(['下载 申请书-v2.pdf', '下载 申请书-v1.pdf']);
    const report = screen.getByText('安全评价报告', { exact: false, selector: 'p' }).closest('li') as HTMLElement;
    expect(within(report).getByText('已过有效期')).toBeTruthy();
    expect(within(report).getByText(/有效期至 2026-01-31/)).toBeTruthy();
    expect(calls[0]?.path).toBe(`/api/v1/enterprises/${IDS.enterprise}/materials`);
  });
});

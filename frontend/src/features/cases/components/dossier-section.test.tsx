import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import type { Case } from '@/lib/cases/types';
import { IDS, makeCase } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { fileNameOf } from '@/lib/api/download';
import { CasePage } from './case-page';

const ARCHIVE_NAME = `一事一档-EXAMPLE-2026-0101.zip`;

/** The case, its empty history, a complete file and the archive. */
function stubApi(c: Case) {
  return fakeApi((call) => {
    if (call.path === `/api/v1/cases/${c.id}`) return jsonResponse(200, c);
    if (call.path.endsWith('/timeline')) {
      return jsonResponse(200, { events: [], verification: { valid: true, algorithm: 'sm3', length: 0, head: '0'.repeat(64), chain_versions: [] } });
    }
    if (call.path.endsWith('/dossier-check')) return jsonResponse(200, { complete: true, missing: [] });
    if (call.path.endsWith('/dossier')) {
      return new Response(new Uint8Array([0x50, 0x4b, 5, 6]), {
        status: 200,
        headers: {
          'Content-Type': 'application/zip',
          'Content-Disposition': `attachment; filename="_.zip"; filename*=UTF-8''${encodeURIComponent(ARCHIVE_NAME)}`,
        },
      });
    }
    if (call.path === '/api/v1/me') {
      return jsonResponse(200, { id: 'u1', username: 'office', display_name: '陈思远', role: 'office', tenant: { code: 'example', name: '示例县' } });
    }
    return jsonResponse(200, { items: [], next_cursor: null });
  });
}

const render = () =>
  renderRoutes(
    [
      {
        path: '/console/cases/:id',
        element: (
          <ConfigProvider button={{ autoInsertSpace: false }}>
            <AntApp>
              <CasePage />
            </AntApp>
          </ConfigProvider>
        ),
      },
    ],
    `/console/cases/${IDS.case}`,
  );

describe('the dossier download', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
    sessionStore.clear();
  });

  it.each(['completed', 'terminated', 'archived'] as const)('is offered on a %s case and saves the archive under its name', async (state) => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi(makeCase({ state }));
    const created = vi.fn((_: Blob) => 'blob:dossier');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    await render();

    const button = await screen.findByRole('button', { name: /下载一事一档/ });
    await userEvent.setup().click(button);
    await waitFor(() => expect(saved).toEqual([ARCHIVE_NAME]));
    expect(calls.some((call) => call.method === 'GET' && call.path === `/api/v1/cases/${IDS.case}/dossier`)).toBe(true);
    expect(created).toHaveBeenCalledTimes(1);
  });

  it('is not offered on an open case', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi(makeCase({ state: 'in_service' }));
    await render();
    await screen.findByRole('heading', { name: makeCase().project_name });
    expect(screen.queryByRole('button', { name: /下载一事一档/ })).toBeNull();
    expect(calls.some((call) => call.path.endsWith('/dossier'))).toBe(false);
  });

  it('reads the UTF-8 file name first', () => {
    const header = `attachment; filename="_.zip"; filename*=UTF-8''${encodeURIComponent(ARCHIVE_NAME)}`;
    expect(fileNameOf(header, 'x.zip')).toBe(ARCHIVE_NAME);
    expect(fileNameOf('attachment; filename="a.zip"', 'x.zip')).toBe('a.zip');
    expect(fileNameOf(null, 'x.zip')).toBe('x.zip');
  });
});

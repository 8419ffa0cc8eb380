import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { IDS } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { PortalNotificationsPage } from './portal-notifications-page';

const notice = (id: string, fileId: string | null) => ({
  id,
  kind: 'task_result',
  title: '取水许可已办结',
  body: '审批结果：准予许可。',
  case_id: IDS.case,
  sheet_id: 'task-1',
  file_id: fileId,
  read_at: null,
  created_at: '2026-11-24T02:00:00Z',
});

describe('portal notifications', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it("a result notice offers its approval document, fetched with the caller's token", async () => {
    sessionStore.set({ access_token: 'token-1', refresh_token: 'r', expires_in: 900 });
    URL.createObjectURL = vi.fn(() => 'blob:result');
    URL.revokeObjectURL = vi.fn();
    const calls = fakeApi((call) => {
      if (call.path === '/api/v1/files/file-9') {
        return new Response('%PDF-1.4', {
          status: 200,
          headers: { 'Content-Type': 'application/pdf', 'Content-Disposition': "attachment; filename=\"_.pdf\"; filename*=UTF-8''%E6%89%B9%E6%96%87.pdf" },
        });
      }
      return jsonResponse(200, { items: [notice('n1', 'file-9'), notice('n2', null)], next_cursor: null, unread_count: 2 });
    });
    await renderRoutes([{ path: '/portal/notifications', element: <PortalNotificationsPage /> }], '/portal/notifications');
    const items = await screen.findAllByRole('listitem');
    expect(within(items[1] as HTMLElement).queryByRole('button', { name: '下载批文' })).toBeNull();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.click(within(items[0] as HTMLElement).getByRole('button', { name: '下载批文' }));
    await waitFor(() => expect(click).toHaveBeenCalled());
    const saved = click.mock.contexts[0] as HTMLAnchorElement;
    expect(saved.download).toBe('批文.pdf');
    expect(calls.find((c) => c.path === '/api/v1/files/file-9')?.headers.get('Authorization')).toBe('Bearer token-1');
  });
});

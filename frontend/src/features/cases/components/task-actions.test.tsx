import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import type { Task } from '@/lib/cases/types';
import { fakeXhr } from '@/testing/fake-xhr';
import { IDS, makeTask } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes, type ApiCall } from '@/testing/test-utils';
import { TaskActions } from './task-actions';
import { TaskDetails } from './task-details';

const AGENT = {
  id: IDS.agentWater,
  username: 'agent-water',
  display_name: '李水清',
  role: 'department_agent',
  department: { id: IDS.water, name: '示例县水务局', short_name: '水务局' },
  tenant: { code: 'example', name: '示例县' },
};

function stubApi(onPost: (call: ApiCall) => Response) {
  return fakeApi((call) => {
    if (call.method === 'POST') return onPost(call);
    if (call.path === '/api/v1/me') return jsonResponse(200, AGENT);
    return jsonResponse(200, { items: [], next_cursor: null });
  });
}

const render = (element: React.ReactNode) =>
  renderRoutes(
    [{ path: '/console/tasks/:id', element: <ConfigProvider button={{ autoInsertSpace: false }}><AntApp>{element}</AntApp></ConfigProvider> }],
    '/console/tasks/task-1',
  );

describe('the approval document (批文)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('finishing as approved with a document finishes the sheet, then attaches the document to it', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const task = makeTask({ state: 'acknowledged', version: 4, allowed_actions: ['finish'] });
    const finished: Task = { ...task, state: 'finished', outcome: 'approved', document_number: '姚水许〔2026〕3号', version: 5, allowed_actions: [] };
    const calls = stubApi(() => jsonResponse(200, finished));
    const xhr = fakeXhr(() => ({ status: 201, body: { file: {}, task: { ...finished, result_file_id: 'file-9' } } }));
    await render(<TaskActions task={task} />);
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: `办结：${task.item_name}` }));
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('批准文号'), '姚水许〔2026〕3号');
    fireEvent.change(within(dialog).getByLabelText('批文（可稍后上传）'), {
      target: { files: [new File(['%PDF-1.4'], '批文.pdf', { type: 'application/pdf' })] },
    });
    await user.click(within(dialog).getByRole('button', { name: '办结' }));
    await user.click(await screen.findByRole('button', { name: '确定' }));

    await waitFor(() => expect(xhr.sent).toHaveLength(1));
    const finish = calls.find((c) => c.method === 'POST');
    expect(finish?.path).toBe('/api/v1/tasks/task-1/finish');
    expect(finish?.body).toEqual({ outcome: 'approved', document_number: '姚水许〔2026〕3号' });
    expect(xhr.sent[0]?.url.endsWith('/api/v1/tasks/task-1/documents')).toBe(true);
    expect((xhr.sent[0]?.body.get('file') as File).name).toBe('批文.pdf');
  });

  it("offers the sheet's department to attach one later, and everyone to download it", async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    stubApi(() => jsonResponse(500, {}));
    await render(
      <TaskDetails task={makeTask({ state: 'finished', outcome: 'approved', document_number: '3号', result_file_id: 'file-9' })} />,
    );
    expect(await screen.findByRole('button', { name: `下载批文：取水许可` })).toBeTruthy();
    expect(await screen.findByRole('button', { name: '重新上传批文：取水许可' })).toBeTruthy();
  });
});

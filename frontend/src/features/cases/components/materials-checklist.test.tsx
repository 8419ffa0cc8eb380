import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import type { Checklist, ChecklistMaterial } from '@/lib/cases/api/materials';
import { IDS, makeCase, makeChecklist, makeChecklistMaterial, makeVersion } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes, type ApiCall } from '@/testing/test-utils';
import { MaterialsChecklist } from './materials-checklist';

/**
 * A fake API: the checklist, and `onPost` for every decision, reuse or upload, whose answer
 * (the material as it is now) the checklist read afterwards shows.
 */
function stubApi(checklist: Checklist, onPost: (call: ApiCall) => ChecklistMaterial | Response = () => jsonResponse(500, {})) {
  let now = checklist;
  return fakeApi((call) => {
    if (call.method === 'POST') {
      const answer = onPost(call);
      if (answer instanceof Response) return answer;
      now = makeChecklist(now.items[0]?.materials.map((m) => (m.position === answer.position ? answer : m)) ?? []);
      return jsonResponse(200, answer);
    }
    if (call.path === `/api/v1/cases/${IDS.case}/materials`) return jsonResponse(200, now);
    return jsonResponse(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' });
  });
}

const render = (language: 'zh-CN' | 'en' = 'zh-CN') =>
  renderRoutes(
    [
      {
        path: '/console/cases/:id',
        element: (
          <ConfigProvider button={{ autoInsertSpace: false }}>
            <AntApp>
              <MaterialsChecklist case={makeCase({ state: 'in_service' })} />
            </AntApp>
          </ConfigProvider>
        ),
      },
    ],
    `/console/cases/${IDS.case}`,
    language,
  );

/** The row of the material named `name`. */
async function row(name: string) {
  return (await screen.findByText(name, { selector: 'strong' })).closest('li') as HTMLElement;
}

const path = (position: number, what: string) => `/api/v1/cases/${IDS.case}/items/item-1/materials/${position}/${what}`;

describe('materials checklist (console)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('shows each state: nothing given, waiting, accepted, a correction with its reason; versions and 代办', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    stubApi(
      makeChecklist([
        makeChecklistMaterial({ position: 1, name: '申请书', state: 'missing' }),
        makeChecklistMaterial({ position: 2, name: '营业执照', state: 'submitted', current: makeVersion({ version: 2, on_behalf: true }) }),
        makeChecklistMaterial({ position: 3, name: '水资源论证报告', state: 'accepted', current: makeVersion(), decided_at: '2026-11-24T03:00:00Z' }),
        makeChecklistMaterial({
          position: 4,
          name: '取水工程设计',
          state: 'correction_requested',
          reason: '缺少设计单位盖章',
          current: makeVersion(),
        }),
      ]),
    );
    await render();

    const missing = await row('申请书');
    expect(within(missing).getByText('未提交')).toBeTruthy();
    expect(within(missing).queryByRole('button', { name: /下载/ })).toBeNull();

    const waiting = await row('营业执照');
    expect(within(waiting).getByText('已提交，待审核')).toBeTruthy();
    expect(within(waiting).getByText('第 2 版')).toBeTruthy();
    expect(within(waiting).getByText('申请书-v2.pdf')).toBeTruthy();
    expect(within(waiting).getByText('代办上传')).toBeTruthy();
    expect(within(waiting).getByRole('button', { name: '下载 申请书-v2.pdf' })).toBeTruthy();

    const accepted = await row('水资源论证报告');
    expect(within(accepted).getByText('已通过')).toBeTruthy();
    expect(within(accepted).queryByText('代办上传')).toBeNull();

    const correction = await row('取水工程设计');
    expect(within(correction).getByText('需补正')).toBeTruthy();
    expect(within(correction).getByText('补正原因：缺少设计单位盖章')).toBeTruthy();

    expect(screen.getByText('已通过 1 份，共 4 份')).toBeTruthy();
    // Nothing is offered that allowed_actions does not list.
    expect(screen.queryByRole('button', { name: /审核通过|要求补正|代企业上传/ })).toBeNull();
  });

  it('speaks English too', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    stubApi(makeChecklist([makeChecklistMaterial({ name: 'Application', state: 'correction_requested', reason: 'Unsigned' })]));
    await render('en');
    const material = await row('Application');
    expect(within(material).getByText('Correction requested')).toBeTruthy();
    expect(within(material).getByText('Correction needed: Unsigned')).toBeTruthy();
  });

  it('accepts, and asks for a correction only with a reason', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const waiting: ChecklistMaterial = makeChecklistMaterial({
      state: 'submitted',
      current: makeVersion(),
      allowed_actions: ['accept', 'request_correction'],
    });
    // The decision is answered, but the material stays open to both decisions for the next step.
    const calls = stubApi(makeChecklist([waiting]), () => waiting);
    await render();
    const user = userEvent.setup();

    const material = await row('取水许可申请书');
    await user.click(within(material).getByRole('button', { name: '要求补正：取水许可申请书' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '发送' }));
    expect(await within(dialog).findByText('请填写此项')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.type(within(dialog).getByLabelText('需补正的原因'), '请加盖公章');
    await user.click(within(dialog).getByRole('button', { name: '发送' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const sent = calls.find((c) => c.method === 'POST');
    expect(sent?.path).toBe(path(1, 'decision'));
    expect(sent?.body).toEqual({ decision: 'request_correction', reason: '请加盖公章' });

    await user.click(within(await row('取水许可申请书')).getByRole('button', { name: '审核通过：取水许可申请书' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST')[1]?.body).toEqual({ decision: 'accept' });
  });

  it('reuses a version the enterprise gave before', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const earlier = makeVersion({ material_id: 'material-9', version: 3 });
    const calls = stubApi(
      makeChecklist([makeChecklistMaterial({ allowed_actions: ['upload', 'reuse'], candidates: [earlier] })]),
      () => makeChecklistMaterial({ state: 'submitted', current: earlier }),
    );
    await render();
    const user = userEvent.setup();
    const material = await row('取水许可申请书');
    expect(within(material).getByRole('button', { name: '代企业上传：取水许可申请书' })).toBeTruthy();
    await user.click(within(material).getByRole('combobox', { name: '选择之前提交的版本：取水许可申请书' }));
    await user.click(await screen.findByText('申请书-v3.pdf 第 3 版（2026-11-24 提交）'));
    await user.click(within(material).getByRole('button', { name: '使用已交材料' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    const sent = calls.find((c) => c.method === 'POST');
    expect(sent?.path).toBe(path(1, 'reuse'));
    expect(sent?.body).toEqual({ material_id: 'material-9', version: 3 });
    expect(await within(await row('取水许可申请书')).findByText('已提交，待审核')).toBeTruthy();
  });
});

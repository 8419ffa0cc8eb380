// Toast.show needs antd-mobile's React 19 adapter, as the portal's layout installs it.
import '@/app/portal/antd-mobile-react19';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import type { Checklist, ChecklistMaterial } from '@/lib/cases/api/materials';
import { fakeXhr } from '@/testing/fake-xhr';
import { IDS, makeChecklist, makeChecklistMaterial, makeVersion } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { PortalMaterials } from './portal-materials';

/** The checklist the fake API serves; `now` changes what it serves next. */
function stubChecklist(first: Checklist) {
  let now = first;
  const calls = fakeApi((call) => {
    if (call.path === `/api/v1/cases/${IDS.case}/materials`) return jsonResponse(200, now);
    return jsonResponse(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' });
  });
  return { calls, set: (next: Checklist) => (now = next) };
}

const render = () =>
  renderRoutes([{ path: '/portal/cases/:id', element: <PortalMaterials caseId={IDS.case} /> }], `/portal/cases/${IDS.case}`);

/** The card of the material named `name`. */
async function card(name: string) {
  return (await screen.findByText(name, { selector: '.material-card__name' })).closest('li') as HTMLElement;
}

const pdf = () => new File(['%PDF-1.4\n'], '申请书.pdf', { type: 'application/pdf' });

describe('materials checklist (portal)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it("shows each material's state in words, the reason of a correction, and offers camera or file only while it may be given", async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    stubChecklist(
      makeChecklist([
        makeChecklistMaterial({ position: 1, name: '申请书', allowed_actions: ['upload', 'reuse'] }),
        makeChecklistMaterial({ position: 2, name: '营业执照', state: 'submitted', current: makeVersion(), allowed_actions: ['upload', 'reuse'] }),
        makeChecklistMaterial({ position: 3, name: '论证报告', state: 'accepted', current: makeVersion({ on_behalf: true }) }),
        makeChecklistMaterial({
          position: 4,
          name: '设计文件',
          state: 'correction_requested',
          reason: '缺少盖章',
          accepted_types: ['pdf'],
          allowed_actions: ['upload', 'reuse'],
        }),
      ]),
    );
    await render();

    const missing = await card('申请书');
    expect(within(missing).getByText('未提交')).toBeTruthy();
    const camera = within(missing).getByLabelText('拍照上传：申请书');
    expect(camera.getAttribute('capture')).toBe('environment');
    expect(within(missing).getByLabelText('选择文件上传：申请书').getAttribute('accept')).toContain('application/pdf');

    expect(within(await card('营业执照')).getByText('已提交，待审核')).toBeTruthy();
    expect(within(await card('营业执照')).getByRole('button', { name: '下载 申请书-v1.pdf' })).toBeTruthy();

    const accepted = await card('论证报告');
    expect(within(accepted).getByText('已通过')).toBeTruthy();
    expect(within(accepted).getByText(/代办上传/)).toBeTruthy();
    expect(within(accepted).queryByLabelText(/上传/)).toBeNull();

    const correction = await card('设计文件');
    expect(within(correction).getByText('需补正')).toBeTruthy();
    expect(within(correction).getByText('补正原因：缺少盖章')).toBeTruthy();
    // A PDF only: no camera.
    expect(within(correction).queryByLabelText('拍照上传：设计文件')).toBeNull();
    expect(screen.getByText('已通过 1 份，共 4 份')).toBeTruthy();
  });

  it('uploads with progress and shows the material as the server has it now', async () => {
    sessionStore.set({ access_token: 'token-1', refresh_token: 'r', expires_in: 900 });
    const open: ChecklistMaterial = makeChecklistMaterial({ allowed_actions: ['upload', 'reuse'] });
    const given = makeChecklistMaterial({ state: 'submitted', current: makeVersion(), allowed_actions: ['upload', 'reuse'] });
    const api = stubChecklist(makeChecklist([open]));
    const xhr = fakeXhr(() => ({ progress: [[512, 1024]], status: 201, body: given, hold: true }));
    await render();

    fireEvent.change(within(await card('取水许可申请书')).getByLabelText('选择文件上传：取水许可申请书'), {
      target: { files: [pdf()] },
    });
    // The bar shows 0 when the upload starts and 50 once the progress event is read.
    expect(await screen.findByText('正在上传 申请书.pdf：50%')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('value')).toBe('50');

    const [sent] = xhr.sent;
    expect(sent?.url).toBe(`${location.origin}/api/v1/cases/${IDS.case}/items/item-1/materials/1/uploads`);
    expect(sent?.headers.Authorization).toBe('Bearer token-1');
    expect((sent?.body.get('file') as File).name).toBe('申请书.pdf');

    api.set(makeChecklist([given]));
    xhr.release();
    const material = await card('取水许可申请书');
    await waitFor(() => expect(within(material).getByText('已提交，待审核')).toBeTruthy());
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it("says why the server refused a file (415, in the server's words) and keeps the material as it was", async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    stubChecklist(makeChecklist([makeChecklistMaterial({ allowed_actions: ['upload', 'reuse'] })]));
    fakeXhr(() => ({
      status: 415,
      body: {
        type: 'urn:butler:problem:unsupported_file_type',
        title: '文件类型不符',
        status: 415,
        code: 'unsupported_file_type',
        detail: '按文件内容识别的类型不在允许范围内，未保存；见 errors。',
        errors: [{ field: 'file', code: 'file_type', message: '文件类型不符（按内容识别），仅接受：PDF、JPEG、PNG' }],
      },
    }));
    await render();
    fireEvent.change(within(await card('取水许可申请书')).getByLabelText('选择文件上传：取水许可申请书'), {
      target: { files: [new File(['MZ'], 'fake.pdf', { type: 'application/pdf' })] },
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('取水许可申请书 未能上传：');
    // The file's own message, not the summary that points at `errors`.
    expect(alert.textContent).toBe('取水许可申请书 未能上传：文件类型不符（按内容识别），仅接受：PDF、JPEG、PNG');
    expect(within(await card('取水许可申请书')).getByText('未提交')).toBeTruthy();
  });

  it('sends a version given before to be used again (一次提交、多次复用)', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const earlier = makeVersion({ material_id: 'material-7', version: 2 });
    const calls = fakeApi((call) => {
      if (call.method === 'POST') return jsonResponse(200, makeChecklistMaterial({ state: 'submitted', current: earlier }));
      return jsonResponse(200, makeChecklist([makeChecklistMaterial({ allowed_actions: ['upload', 'reuse'], candidates: [earlier] })]));
    });
    await render();
    fireEvent.click(within(await card('取水许可申请书')).getByRole('button', { name: '使用 申请书-v2.pdf 第 2 版' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe(`/api/v1/cases/${IDS.case}/items/item-1/materials/1/reuse`);
    expect(post?.body).toEqual({ material_id: 'material-7', version: 2 });
  });
});

import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi, renderRoutes } from '@/testing/test-utils';
import { FormDownloads } from './form-downloads';

const CASE_ID = '0193a0c2-0000-7000-8000-000000000001';
const NAME = '附件2-申请受理表-EXAMPLE-2026-0002.docx';

describe('FormDownloads', () => {
  // jsdom has no object URLs: stand-ins for the test, put back after it.
  const { createObjectURL, revokeObjectURL } = URL;
  afterEach(() => {
    vi.unstubAllGlobals();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });

  it('downloads the chosen form under the name the server gives it; no task sheet form before there are sheets', async () => {
    const calls = fakeApi(
      () =>
        new Response(new Uint8Array([0x50, 0x4b]), {
          status: 200,
          headers: {
            'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
            'Content-Disposition': `attachment; filename="2--EXAMPLE-2026-0002.docx"; filename*=UTF-8''${encodeURIComponent(NAME)}`,
          },
        }),
    );
    const saved: string[] = [];
    Object.assign(URL, { createObjectURL: () => 'blob:form', revokeObjectURL: () => {} });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    await renderRoutes([{ path: '/', element: <FormDownloads caseId={CASE_ID} hasSheets={false} hasPlan /> }], '/');

    await userEvent.click(await screen.findByRole('button', { name: /下载表单/ }));
    const sheets = await screen.findByRole('menuitem', { name: /附件5 任务分送单及回执/ });
    expect(sheets.getAttribute('aria-disabled')).toBe('true');
    await userEvent.click(screen.getByRole('menuitem', { name: /附件2 申请受理表/ }));

    await waitFor(() => expect(saved).toEqual([NAME]));
    expect(calls.map((c) => c.path)).toEqual([`/api/v1/cases/${CASE_ID}/forms/application`]);
    click.mockRestore();
  });
});

import { fireEvent, render as plainRender, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { initI18n, i18n } from '@/lib/i18n/i18n';
import { AppProvider } from '@/app/provider';
import { jsonResponse, renderRoutes } from '@/testing/test-utils';
import { LocalDaysImport } from './local-days-import';
import { MissingYearBanner } from './missing-year-banner';

/** A button's name; a spinner that just stopped may still lend it its label. */
const RUN = /^(loading\s*)?导\s?入$/;
const CHECK = /^(loading\s*)?预\s?检$/;

describe('the county calendar: missing-year banner and bulk import', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('warns of a missing year and shows nothing when none is missing', async () => {
    await initI18n('zh-CN');
    await i18n.changeLanguage('zh-CN');
    const { rerender } = plainRender(
      <AppProvider>
        <MissingYearBanner years={[2027]} />
      </AppProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('2027 年的国家节假日安排尚未载入');
    expect(alert.textContent).toContain('请联系平台管理员');
    rerender(
      <AppProvider>
        <MissingYearBanner years={[]} />
      </AppProvider>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('checks a sheet, lists its problems by row, and imports it after a clean check', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    let broken = true;
    const calls: Request[] = [];
    vi.stubGlobal('fetch', vi.fn(async (call: Request) => {
      calls.push(call);
      if (broken) {
        return jsonResponse(422, {
          type: 'urn:butler:problem:validation_failed',
          title: '填写内容有误',
          status: 422,
          code: 'validation_failed',
          errors: [{ field: '日历/3/类型', code: 'unknown_kind', message: '类型应为“放假”或“调休上班”' }],
        });
      }
      const dryRun = new URL(call.url).searchParams.get('dry_run') === 'true';
      return jsonResponse(200, { dry_run: dryRun, created: 1, replaced: 1, days: [] });
    }));
    await renderRoutes([{ path: '/console/calendar', element: <LocalDaysImport /> }], '/console/calendar');

    fireEvent.click(await screen.findByRole('button', { name: /批量导入/ }));
    fireEvent.change(await screen.findByLabelText(/选择表格/), { target: { files: [new File(['日期,类型,名称'], '日历.csv')] } });
    fireEvent.click(screen.getByRole('button', { name: CHECK }));
    const problems = await screen.findByRole('table', { name: '文件中的错误' });
    expect(within(problems).getByText('日历/3/类型')).toBeTruthy();
    expect(screen.getByRole('button', { name: RUN }).hasAttribute('disabled')).toBe(true);

    broken = false;
    fireEvent.click(screen.getByRole('button', { name: CHECK }));
    expect(await screen.findByText('预检通过：将新增 1 天、替换 1 天。')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: RUN }));
    expect(await screen.findByText('已导入：新增 1 天、替换 1 天。')).toBeTruthy();
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => new URL(c.url).searchParams.get('dry_run'))).toEqual(['true', 'true', 'false']);
    expect(new URL(posts[0]?.url ?? '').pathname).toBe('/api/v1/calendar/days/import');
    expect(posts[0]?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
  });
});

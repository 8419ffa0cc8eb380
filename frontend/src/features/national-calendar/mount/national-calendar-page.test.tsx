import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { fakeApi, jsonResponse, renderRoutes, type ApiCall } from '@/testing/test-utils';
import { NationalCalendarPage } from './national-calendar-page';

const YEARS = [
  { year: 2025, source: 'https://www.gov.cn/2025.htm', off_days: 28, working_days: 6, loaded_by: null, loaded_at: '2026-12-01T00:00:00Z' },
  { year: 2026, source: 'https://www.gov.cn/2026.htm', off_days: 33, working_days: 6, loaded_by: null, loaded_at: '2026-12-01T00:00:00Z' },
];

const NOTICE = {
  year: 2027,
  papers: ['https://www.gov.cn/2027.htm'],
  days: [
    { name: '春节', date: '2027-02-08', isOffDay: true },
    { name: '春节', date: '2027-02-20', isOffDay: false },
  ],
};

function report(dryRun: boolean) {
  return { dry_run: dryRun, year: 2027, source: 'https://www.gov.cn/2027.htm', days: NOTICE.days, off_days: 1, working_days: 1, replaced_days: 0 };
}

const render = () =>
  renderRoutes(
    [
      {
        path: '/platform/national-calendar',
        element: (
          <AntApp>
            <NationalCalendarPage />
          </AntApp>
        ),
      },
    ],
    '/platform/national-calendar',
  );

/** A button's name; a spinner that just stopped may still lend it its label. */
const RUN = /^(loading\s*)?导\s?入$/;
const CHECK = /^(loading\s*)?预\s?检$/;

describe('国家法定节假日 (platform)', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('flags the missing year, previews a JSON notice, then imports it', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls: ApiCall[] = fakeApi((call) => {
      if (call.method === 'GET') return jsonResponse(200, { years: YEARS, missing_years: [2027], flag_from: '11-01' });
      return jsonResponse(200, report(call.url.searchParams.get('dry_run') === 'true'));
    });
    await render();

    expect(await screen.findByText('2027 年的国家节假日安排尚未载入')).toBeTruthy();
    const table = screen.getByRole('table', { name: '已载入的节假日安排' });
    expect(within(table).getByText('https://www.gov.cn/2026.htm')).toBeTruthy();

    const file = new File([JSON.stringify(NOTICE)], '2027.json', { type: 'application/json' });
    fireEvent.change(screen.getByLabelText(/选择文件/), { target: { files: [file] } });
    await waitFor(() => expect((screen.getByLabelText('年份') as HTMLInputElement).value).toBe('2027'));
    const run = screen.getByRole('button', { name: RUN });
    expect(run.hasAttribute('disabled')).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: CHECK }));
    expect(await screen.findByText(/预检通过：2027 年将有放假 1 天、调休上班 1 天/)).toBeTruthy();
    const preview = screen.getByRole('table', { name: '2027 年的日期' });
    expect(within(preview).getByText('调休上班')).toBeTruthy();
    const dry = calls.find((c) => c.method === 'PUT');
    expect(dry?.path).toBe('/api/v1/platform/national-calendar/2027');
    expect(dry?.url.searchParams.get('dry_run')).toBe('true');
    expect((dry?.body as typeof NOTICE).days).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: RUN }));
    expect(await screen.findByText(/已导入 2027 年的安排/)).toBeTruthy();
    const puts = calls.filter((c) => c.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1]?.url.searchParams.get('dry_run')).toBe('false');
  });

  it('lists a refused file’s problems by field and stores nothing', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls: Request[] = [];
    vi.stubGlobal('fetch', vi.fn(async (call: Request) => {
      calls.push(call);
      if (call.method === 'GET') return jsonResponse(200, { years: YEARS, missing_years: [], flag_from: '11-01' });
      return jsonResponse(422, {
        type: 'urn:butler:problem:validation_failed',
        title: '填写内容有误',
        status: 422,
        code: 'validation_failed',
        errors: [{ field: '3/类型', code: 'working_day_not_on_weekend', message: '调休上班日必须是周六或周日' }],
      });
    }));
    await render();
    await screen.findByText('https://www.gov.cn/2026.htm');
    expect(screen.queryByRole('alert')).toBeNull();

    fireEvent.change(screen.getByLabelText(/选择文件/), { target: { files: [new File(['PK'], '节假日2027.xlsx')] } });
    await waitFor(() => expect((screen.getByLabelText('年份') as HTMLInputElement).value).toBe('2027'));
    fireEvent.click(screen.getByRole('button', { name: CHECK }));
    expect(await screen.findByText('文件有 1 处错误，未保存：')).toBeTruthy();
    const problems = screen.getByRole('table', { name: '文件中的错误' });
    expect(within(problems).getByText('3/类型')).toBeTruthy();
    expect(within(problems).getByText('调休上班日必须是周六或周日')).toBeTruthy();
    const sent = calls.find((c) => c.method === 'POST');
    expect(new URL(sent?.url ?? '').pathname).toBe('/api/v1/platform/national-calendar/2027/import');
    expect(sent?.headers.get('content-type')).toMatch(/^multipart\/form-data; boundary=/);
  });
});

import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import { jsonResponse, renderRoutes } from '@/testing/test-utils';
import { passwordsCsv, type OnboardingReport } from '../api/onboarding';
import { OnboardingPage } from './onboarding-page';

function report(dryRun: boolean): OnboardingReport {
  return {
    dry_run: dryRun,
    code: 'qingwu',
    name: '青梧县',
    settings_version: 1,
    profile: true,
    departments: ['development-reform', 'natural-resources'],
    users: [
      { username: 'admin', display_name: '柳青禾', role: 'admin', department_code: null, initial_password: dryRun ? null : 'Hq7m-Tx4k-9Pcw' },
      { username: 'agent-nr', display_name: '温如玉', role: 'department_agent', department_code: 'natural-resources', initial_password: dryRun ? null : 'Bd3r-Kp8s-Wz2n' },
    ],
    catalog: { dry_run: dryRun, publish: true, created: 2, changed: 0, unchanged: 0, items: [] },
    calendar_days: 1,
  };
}

async function choose() {
  await renderRoutes([{ path: '/platform/onboarding', element: <OnboardingPage /> }], '/platform/onboarding');
  const file = new File(['PK'], 'county.xlsx');
  fireEvent.change(await screen.findByLabelText(/选择开通工作簿/), { target: { files: [file] } });
}

describe('onboarding page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('shows what a dry run would create, without passwords', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const requests: Request[] = [];
    vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
      requests.push(request);
      return jsonResponse(200, report(true));
    }));
    await choose();
    fireEvent.click(screen.getByRole('button', { name: /试导入/ }));

    expect(await screen.findByText(/试导入通过，未写入任何内容。将开通「青梧县」/)).toBeTruthy();
    expect(screen.getByText(/2 个部门、2 个用户/)).toBeTruthy();
    expect(screen.getByText('温如玉')).toBeTruthy();
    expect(screen.queryByText('初始密码')).toBeNull();
    expect(screen.queryByRole('button', { name: /下载初始密码/ })).toBeNull();
    const url = new URL((requests.find((r) => r.method === 'POST') as Request).url);
    expect(url.pathname).toBe('/api/v1/platform/onboarding');
    expect(url.searchParams.get('dry_run')).toBe('true');
  });

  it('shows the initial passwords once after the import, downloadable as CSV', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    vi.stubGlobal('fetch', vi.fn(async () => jsonResponse(200, report(false))));
    await choose();
    fireEvent.click(screen.getByRole('button', { name: /导入并开通/ }));

    const row = (await screen.findByText('温如玉')).closest('tr') as HTMLElement;
    expect(within(row).getByText('Bd3r-Kp8s-Wz2n')).toBeTruthy();
    expect(screen.getByText(/初始密码只显示这一次/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /下载初始密码/ })).toBeTruthy();
    const csv = passwordsCsv(report(false));
    expect(csv.split('\n')[2]).toBe('qingwu,agent-nr,温如玉,department_agent,natural-resources,Bd3r-Kp8s-Wz2n');
  });

  it('lists every problem of a refused workbook by sheet, row and column', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    vi.stubGlobal('fetch', vi.fn(async () =>
      jsonResponse(422, {
        type: 'urn:butler:problem:validation_failed',
        title: '填写内容有误',
        status: 422,
        detail: '请按提示修改标出的字段。',
        code: 'validation_failed',
        errors: [
          { field: '用户/4/角色', code: 'unknown_role', message: '「用户」表第 4 行「角色」列：「门卫」不是县的角色' },
          { field: '设置/3/值', code: 'range', message: '「设置」表第 3 行「值」列：须在 5 到 480 之间' },
        ],
      }),
    ));
    await choose();
    fireEvent.click(screen.getByRole('button', { name: /导入并开通/ }));

    const first = (await screen.findByText('角色')).closest('tr') as HTMLElement;
    expect(within(first).getByText('用户')).toBeTruthy();
    expect(within(first).getByText('4')).toBeTruthy();
    expect(screen.getByText('工作簿有 2 处错误，未导入：')).toBeTruthy();
  });
});

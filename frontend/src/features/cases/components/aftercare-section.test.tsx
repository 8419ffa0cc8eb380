import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App as AntApp, ConfigProvider } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import type { AftercareAction } from '@/lib/cases/types';
import { IDS, makeCase } from '@/testing/fixtures';
import { fakeApi, jsonResponse, renderRoutes, type ApiCall } from '@/testing/test-utils';
import { AftercareSection } from './aftercare-section';

const VISIT = { id: 'visit-1', case_id: IDS.case, scheduled_for: '2099-01-15', method: 'visit', done_at: null, notes: null, allowed_actions: [] as string[] };
const open = (id: string, department: string, allowed: string[]) => ({
  id,
  case_id: IDS.case,
  evaluation_id: `evaluation-${id}`,
  department_id: department,
  due_at: '2099-12-04T10:00:00Z',
  reply: null,
  replied_at: null,
  allowed_actions: allowed,
});

/** What the server lets the caller do: record the visit, answer these rectifications. */
interface Grants {
  record: boolean;
  reply: string[];
}

/**
 * A fake API: who is signed in, the case's visits, rectifications and history with the actions
 * the server grants, `onPost` for sends.
 */
function stubApi(me: object, grants: Grants, onPost: (call: ApiCall) => Response) {
  return fakeApi((call) => {
    if (call.method === 'POST') return onPost(call);
    switch (call.path) {
      case '/api/v1/me':
        return jsonResponse(200, me);
      case `/api/v1/cases/${IDS.case}/follow-ups`:
        return jsonResponse(200, [{ ...VISIT, allowed_actions: grants.record ? ['record'] : [] }]);
      case `/api/v1/cases/${IDS.case}/rectifications`:
        return jsonResponse(
          200,
          ['rect-water', 'rect-ecology'].map((id, i) =>
            open(id, i === 0 ? IDS.water : IDS.ecology, grants.reply.includes(id) ? ['reply'] : []),
          ),
        );
      case `/api/v1/cases/${IDS.case}/timeline`:
        return jsonResponse(200, {
          events: [
            { sequence: 1, occurred_at: '2026-11-13T02:35:00Z', action: 'evaluate', actor_name: '郑晓雯', payload: { declined: false, level: 'satisfied', comment: '全程帮办' }, prev_hash: '', hash: 'a' },
            { sequence: 2, occurred_at: '2026-11-13T02:35:00Z', action: 'rectification_opened', actor_name: '郑晓雯', payload: { rectification_id: 'rect-water', level: 'dissatisfied' }, prev_hash: 'a', hash: 'b' },
          ],
          verification: { valid: true, algorithm: 'sm3', length: 2, head: 'b' },
        });
      case `/api/v1/cases/${IDS.case}/evaluations`:
        return jsonResponse(200, [
          { id: 'evaluation-whole', case_id: IDS.case, department_id: null, level: 'satisfied', comment: '全程帮办', created_at: '2026-11-13T02:35:00Z' },
          { id: 'evaluation-rect-water', case_id: IDS.case, department_id: IDS.water, level: 'very_dissatisfied', comment: '现场核查一再推迟', created_at: '2026-11-13T02:35:00Z' },
          { id: 'evaluation-rect-ecology', case_id: IDS.case, department_id: IDS.ecology, level: 'dissatisfied', comment: null, created_at: '2026-11-13T02:35:00Z' },
        ]);
      case '/api/v1/departments':
        return jsonResponse(200, {
          items: [
            { id: IDS.water, code: 'water', name: '示例县水务局', short_name: '水务局' },
            { id: IDS.ecology, code: 'ecology-environment', name: '楚雄州生态环境局示例分局', short_name: '生态环境局' },
          ],
          next_cursor: null,
        });
      case '/api/v1/calendar/days':
        return jsonResponse(200, { office_hours: [{ start: '09:00', end: '12:00' }, { start: '14:30', end: '18:00' }], days: [] });
      default:
        return jsonResponse(200, { items: [], next_cursor: null });
    }
  });
}

const person = (role: string, department: object | null = null) => ({
  id: 'u1',
  username: role,
  display_name: '王敏',
  role,
  department,
  tenant: { code: 'example', name: '示例县' },
});

describe('aftercare section', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  const render = (aftercareActions: AftercareAction[] = []) =>
    renderRoutes(
      [
        {
          path: '/console/cases/:id',
          element: (
            <ConfigProvider button={{ autoInsertSpace: false }}>
              <AntApp>
                <AftercareSection
                  case={makeCase({ state: 'archived', evaluation_status: 'given', aftercare_actions: aftercareActions })}
                />
              </AntApp>
            </ConfigProvider>
          ),
        },
      ],
      `/console/cases/${IDS.case}`,
    );

  it('offers a department leader the replies the server allows it, and shows field errors', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const leader = person('department_leader', { id: IDS.water, code: 'water', name: '示例县水务局' });
    const calls = stubApi(leader, { record: false, reply: ['rect-water'] }, () =>
      jsonResponse(422, {
        type: 'urn:butler:problem:validation_failed',
        title: '提交的内容有误',
        status: 422,
        code: 'validation_failed',
        errors: [{ field: 'reply', code: 'length', message: '答复不能超过 5000 字' }],
      }),
    );
    await render();

    const reply = await screen.findByRole('button', { name: '书面答复：水务局' }, { timeout: 5000 });
    expect(screen.queryByRole('button', { name: '书面答复：生态环境局' })).toBeNull();
    expect(screen.getByText('有 1 项差评整改待您书面答复，请在整改期限内完成。')).toBeTruthy();
    // Visits are the office's.
    expect(screen.queryByRole('button', { name: '安排回访' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^记录回访/ })).toBeNull();
    // The evaluation, each department's rating, and the rating that opened each rectification.
    expect(await screen.findByText('全程帮办', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('2026-11-13 10:35 · 郑晓雯')).toBeTruthy();
    const rated = screen.getByRole('table', { name: '各部门评价' });
    expect(within(rated).getByText('现场核查一再推迟')).toBeTruthy();
    const rectifications = within(screen.getByRole('table', { name: '差评整改' }));
    expect(rectifications.getAllByText('非常不满意').length).toBe(1);
    expect(rectifications.getAllByText('不满意').length).toBe(1);

    const user = userEvent.setup();
    await user.click(reply);
    const dialog = await screen.findByRole('dialog');
    await user.type(within(dialog).getByLabelText('整改情况及书面答复'), '已整改');
    await user.click(within(dialog).getByRole('button', { name: '提交书面答复' }));
    // Given once: nothing leaves before the confirmation.
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
    await user.click(await screen.findByRole('button', { name: '确定' }));

    expect(await within(dialog).findByText('答复不能超过 5000 字', {}, { timeout: 5000 })).toBeTruthy();
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.path).toBe('/api/v1/rectifications/rect-water/reply');
    expect(post?.body).toEqual({ reply: '已整改' });
  });

  it('lets the office schedule a visit, the day required, and reloads the visits', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const grants = { record: true, reply: ['rect-water', 'rect-ecology'] };
    const calls = stubApi(person('office'), grants, (call) =>
      jsonResponse(201, { ...VISIT, id: 'visit-2', allowed_actions: ['record'], ...(call.body as object) }),
    );
    await render(['schedule_follow_up']);

    expect(await screen.findByRole('button', { name: '书面答复：生态环境局' }, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByRole('button', { name: '记录回访：2099-01-15' })).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '安排回访' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '安排回访' }));
    expect(await within(dialog).findByText('请填写此项')).toBeTruthy();

    fireEvent.change(within(dialog).getByLabelText('计划回访日期'), { target: { value: '2099-02-01' } });
    await user.click(within(dialog).getByRole('radio', { name: '电话回访' }));
    const reads = calls.filter((call) => call.path.endsWith('/follow-ups') && call.method === 'GET').length;
    await user.click(within(dialog).getByRole('button', { name: '安排回访' }));

    await waitFor(() => expect(calls.some((call) => call.method === 'POST')).toBe(true));
    const post = calls.find((call) => call.method === 'POST');
    expect(post?.path).toBe(`/api/v1/cases/${IDS.case}/follow-ups`);
    expect(post?.body).toEqual({ scheduled_for: '2099-02-01', method: 'phone' });
    await waitFor(() =>
      expect(calls.filter((call) => call.path.endsWith('/follow-ups') && call.method === 'GET').length).toBeGreaterThan(reads),
    );
  });
});

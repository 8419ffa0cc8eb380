import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import type { Case, CaseEvent, EventAction, TeamMember } from '@/lib/cases/types';
import { IDS, makeCase, makeItem, makeTask } from '@/testing/fixtures';
import { jsonResponse, renderRoutes } from '@/testing/test-utils';
import { PrintPage } from './print-page';

const at = (hour: number) => `2026-11-12T${String(hour).padStart(2, '0')}:00:00Z`;

function lifecycle(actions: [EventAction, string | null, string | null, object?][]): CaseEvent[] {
  return actions.map(([action, from, to, payload], index) => ({
    sequence: index + 1,
    occurred_at: at(index + 1),
    action,
    from_state: from,
    to_state: to,
    payload: payload ?? {},
    prev_hash: '0',
    chain_version: 2,
    hash: String(index),
    actor_name: '李思远',
  }));
}

const team: TeamMember[] = [
  { user_id: IDS.leader, display_name: '王嘉怡', team_role: 'responsible_leader', department_id: IDS.water },
  { user_id: IDS.window, display_name: '周嘉怡', team_role: 'lead_agent', department_id: null },
  { user_id: IDS.agentWater, display_name: '钱卫东', team_role: 'co_agent', department_id: IDS.water },
];

const archived = makeCase({
  state: 'archived',
  project_name: '光伏组件封装材料扩建项目',
  number: 'EXAMPLE-2026-0001',
  team,
  items: [makeItem({ planned: true, agent_id: IDS.agentWater, name: '企业投资项目备案' })],
  tasks: [
    makeTask({
      state: 'finished',
      item_name: '企业投资项目备案',
      assignee_id: IDS.agentWater,
      acknowledged_at: '2026-11-12T06:10:00Z',
      outcome: 'approved',
      document_number: '姚发改备〔2026〕31号',
      closed_at: '2026-11-12T07:00:00Z',
    }),
  ],
  documents_handed_over_at: at(12),
  enterprise_confirmed_at: at(13),
  evaluation_status: 'given',
});

const archivedEvents = lifecycle([
  ['submit', 'draft', 'submitted'],
  ['review', 'submitted', 'reviewed', { recommendation: '符合产业政策，建议受理。' }],
  ['accept', 'reviewed', 'accepted'],
  ['form_team', 'accepted', 'team_formed'],
  ['propose_plan', 'team_formed', 'plan_proposed'],
  ['agree_plan', 'plan_proposed', 'plan_agreed'],
  ['sign_agreement', 'plan_agreed', 'entrusted'],
  ['start_service', 'entrusted', 'in_service'],
  ['complete', 'in_service', 'completed', { handed_over_documents: ['企业投资项目备案证', '营业执照'] }],
  ['confirm', 'completed', 'completed'],
  ['evaluate', 'completed', 'completed', { declined: false, level: 'very_satisfied', comment: '全程帮办，省心省力。' }],
  ['archive', 'completed', 'archived'],
]);

/** A fake API answering the case, its history and evaluations, the county, the departments and the enterprise. */
function stubApi(c: Case, events: CaseEvent[]) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const path = new URL(request.url).pathname;
      if (path === `/api/v1/cases/${c.id}`) return jsonResponse(200, c);
      if (path === `/api/v1/cases/${c.id}/timeline`) {
        return jsonResponse(200, { events, verification: { valid: true, algorithm: 'sm3', length: events.length, head: '0' } });
      }
      if (path === `/api/v1/cases/${c.id}/evaluations`) {
        const given = c.evaluation_status === 'given';
        return jsonResponse(
          200,
          given
            ? [
                { id: 'e1', case_id: c.id, department_id: null, level: 'very_satisfied', comment: '全程帮办，省心省力。', created_at: at(11) },
                { id: 'e2', case_id: c.id, department_id: IDS.water, level: 'satisfied', comment: null, created_at: at(11) },
              ]
            : [],
        );
      }
      if (path === '/api/v1/tenant') {
        return jsonResponse(200, { code: 'example', name: '示例县', investment_threshold_fen: 5_000_000_000, time_zone: 'Asia/Shanghai' });
      }
      if (path === '/api/v1/departments') {
        return jsonResponse(200, {
          items: [
            { id: IDS.water, code: 'water', name: '示例县水务局', short_name: '水务局' },
            { id: IDS.ecology, code: 'ecology', name: '楚雄州生态环境局示例分局', short_name: '生态环境分局' },
          ],
          next_cursor: null,
        });
      }
      if (path === `/api/v1/enterprises/${IDS.enterprise}`) {
        return jsonResponse(200, { ...c.enterprise, contact_name: '周晓明', contact_phone_masked: '138****0041', address: '滇中新能源产业园 8 号' });
      }
      if (path === '/api/v1/me') {
        return jsonResponse(200, { id: 'u1', username: 'office', display_name: '李思远', role: 'office', tenant: { code: 'example', name: '示例县' } });
      }
      return jsonResponse(404, { type: 'about:blank', title: 'Not found', status: 404, code: 'not_found' });
    }),
  );
}

const routes = [
  { path: '/console/cases/:id/print', element: <PrintPage /> },
  { path: '/console/cases/:id', element: <p>case page</p> },
];

describe('print page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('prints every form of an archived case, titled with the county, with its facts', async () => {
    stubApi(archived, archivedEvents);
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    await renderRoutes(routes, `/console/cases/${archived.id}/print`);

    const application = await screen.findByRole('article', { name: '申请受理表' });
    expect(within(application).getByRole('heading', { level: 1 }).textContent).toContain('示例县招商引资重大项目帮办代办服务申请受理表');
    expect(application.textContent).toContain('91532326MA6K00001U');
    expect(application.textContent).toContain('28,000 万元');
    expect(application.textContent).toContain('138****0041');
    expect(application.textContent).toContain('滇中新能源产业园 8 号');
    expect(application.textContent).toContain('符合产业政策，建议受理。');

    const sheet = screen.getByRole('article', { name: '任务分送单及回执 · 企业投资项目备案' });
    expect(sheet.textContent).toContain('姚发改备〔2026〕31号');
    expect(sheet.textContent).toContain('示例县水务局');
    expect(sheet.textContent).toContain('钱卫东');

    const completion = screen.getByRole('article', { name: '办结单' });
    expect(completion.textContent).toContain('企业投资项目备案证');
    expect(completion.textContent).toContain('营业执照');

    const evaluation = screen.getByRole('article', { name: '满意度评价表' });
    expect(evaluation.textContent).toContain('☑非常满意');
    // The department's own level (satisfied), which the history alone does not hold.
    expect(evaluation.textContent).toContain('☑满意');
    expect(evaluation.textContent).toContain('全程帮办，省心省力。');

    // A completed case has no termination form, and "all" leaves it out.
    expect(screen.queryByRole('article', { name: '终止单' })).toBeNull();
    expect(screen.getByText(/以下表单暂不适用/).textContent).toContain('终止单');
    // Application, agreement, plan, the one sheet, completion and evaluation.
    expect(screen.getAllByRole('article')).toHaveLength(6);
  });

  it('switches forms from the toolbar and says when one is not due yet', async () => {
    const busy = makeCase({ state: 'in_service', items: [makeItem({ planned: true })], tasks: [makeTask()] });
    stubApi(busy, archivedEvents.slice(0, 8));
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const user = userEvent.setup();
    const { router } = await renderRoutes(routes, `/console/cases/${busy.id}/print?form=plan`);

    await screen.findByRole('article', { name: '服务方案' });
    const forms = screen.getByRole('navigation', { name: '选择表单' });
    expect(within(forms).getByRole('link', { name: /服务方案/ }).getAttribute('aria-current')).toBe('page');

    await user.click(within(forms).getByRole('link', { name: /办结单（暂无）/ }));
    expect(router.state.location.search).toBe('?form=completion');
    const completion = await screen.findByRole('article', { name: '办结单' });
    expect(within(completion).getByRole('note').textContent).toContain('项目尚未办结');
    expect(completion.querySelector('table')).toBeNull();

    const print = vi.fn();
    vi.stubGlobal('print', print);
    await user.click(screen.getByRole('button', { name: '打印' }));
    expect(print).toHaveBeenCalledOnce();

    await user.click(screen.getByRole('link', { name: /返回案卷/ }));
    expect(router.state.location.pathname).toBe(`/console/cases/${busy.id}`);
  });

  it('labels follow the UI language; the official title stays Chinese', async () => {
    stubApi(archived, archivedEvents);
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    await renderRoutes(routes, `/console/cases/${archived.id}/print?form=application`, 'en');
    const application = await screen.findByRole('article', { name: 'Application and acceptance form' });
    expect(within(application).getByRole('heading', { level: 1 }).textContent).toContain('示例县招商引资重大项目帮办代办服务申请受理表');
    expect(within(application).getByRole('rowheader', { name: 'Unified social credit code' })).toBeTruthy();
    expect(application.textContent).toContain('Annex 2');
  });
});

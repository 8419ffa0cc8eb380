import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDS, makeCase } from '@/testing/fixtures';
import { fakeApi, jsonResponse, type ApiCall } from '@/testing/test-utils';
import type { CaseIn } from '../types';
import { ApplicationStepError, useApplication } from './apply';

const NEW_ENTERPRISE = '01a216a2-0000-7000-8000-0000000000e9';
const draft = makeCase({ state: 'draft', version: 1 });
const submitted = makeCase({ state: 'submitted', version: 2 });
const body = (enterpriseId: string | undefined): CaseIn =>
  ({ project_name: '测试项目', enterprise_id: enterpriseId }) as unknown as CaseIn;

const problem = (status: number, code: string) =>
  jsonResponse(status, { type: `urn:butler:problem:${code}`, title: '操作未成功', status, code, detail: '详情' });

/** The API: `answers` by "METHOD path", the usual answers otherwise. */
function api(answers: Record<string, () => Response> = {}) {
  return fakeApi((call: ApiCall) => {
    const own = answers[`${call.method} ${call.path}`];
    if (own) return own();
    if (call.method === 'POST' && call.path === '/api/v1/enterprises') {
      return jsonResponse(201, { id: NEW_ENTERPRISE, name: '新企业', credit_code: '91532326MA6K00002U' });
    }
    if (call.method === 'POST' && call.path === '/api/v1/cases') return jsonResponse(201, draft);
    if (call.method === 'PATCH' && call.path === `/api/v1/cases/${IDS.case}`) return jsonResponse(200, { ...draft, version: 2 });
    if (call.method === 'POST' && call.path.endsWith('/submit')) return jsonResponse(200, submitted);
    return jsonResponse(200, { items: [], next_cursor: null });
  });
}

const sent = (calls: ApiCall[]) => calls.filter((c) => c.method !== 'GET').map((c) => `${c.method} ${c.path}`);

function renderApply() {
  const client = new QueryClient({ defaultOptions: { mutations: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return renderHook(() => useApplication(), { wrapper }).result.current;
}

describe('useApplication', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('registers a new enterprise, creates the case for it with an Idempotency-Key, then submits it with If-Match', async () => {
    const calls = api();
    const apply = renderApply();
    const onRegistered = vi.fn();
    const onSaved = vi.fn();
    const result = await apply({ register: { name: '新企业' } as never, draft: body, submit: true }, { onRegistered, onSaved });

    expect(sent(calls)).toEqual(['POST /api/v1/enterprises', 'POST /api/v1/cases', `POST /api/v1/cases/${IDS.case}/submit`]);
    const create = calls.find((c) => c.method === 'POST' && c.path === '/api/v1/cases');
    expect(create?.body).toMatchObject({ enterprise_id: NEW_ENTERPRISE });
    expect(create?.headers.get('Idempotency-Key')).toBeTruthy();
    expect(calls.at(-1)?.headers.get('If-Match')).toBe('"1"');
    expect(onRegistered).toHaveBeenCalledWith(expect.objectContaining({ id: NEW_ENTERPRISE }));
    expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ id: IDS.case, state: 'draft' }));
    expect(result.state).toBe('submitted');
  });

  it('saves a draft only when not submitting, for the enterprise the caller names (or its own)', async () => {
    const calls = api();
    const apply = renderApply();
    const result = await apply({ draft: () => body(IDS.enterprise), submit: false });
    expect(sent(calls)).toEqual(['POST /api/v1/cases']);
    expect(calls[0]?.body).toMatchObject({ enterprise_id: IDS.enterprise });
    expect(result.state).toBe('draft');
  });

  it('a refused registration is the enterprise step, and no case is created', async () => {
    const calls = api({ 'POST /api/v1/enterprises': () => problem(409, 'conflict') });
    const apply = renderApply();
    const failure = await apply({ register: { name: '新企业' } as never, draft: body, submit: true }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationStepError);
    expect((failure as ApplicationStepError).step).toBe('enterprise');
    expect(((failure as ApplicationStepError).cause as { status: number }).status).toBe(409);
    expect(sent(calls)).toEqual(['POST /api/v1/enterprises']);
  });

  it('a refused submission is the application step after the draft is saved; the retry changes that draft', async () => {
    let submits = 0;
    const calls = api({
      [`POST /api/v1/cases/${IDS.case}/submit`]: () => (submits++ === 0 ? problem(409, 'preconditions_not_met') : jsonResponse(200, submitted)),
    });
    const apply = renderApply();
    let saved = null as typeof draft | null;
    const failure = await apply({ draft: body, submit: true }, { onSaved: (c) => (saved = c) }).catch((e: unknown) => e);
    expect((failure as ApplicationStepError).step).toBe('application');
    expect(saved?.id).toBe(IDS.case);

    const result = await apply({ draft: body, saved: { case: saved as typeof draft, patch: { brief: '补充说明' } }, submit: true });
    expect(sent(calls)).toEqual([
      'POST /api/v1/cases',
      `POST /api/v1/cases/${IDS.case}/submit`,
      `PATCH /api/v1/cases/${IDS.case}`,
      `POST /api/v1/cases/${IDS.case}/submit`,
    ]);
    expect(calls.find((c) => c.method === 'PATCH')?.headers.get('If-Match')).toBe('"1"');
    expect(result.state).toBe('submitted');
  });

  it('a retried creation sends the same Idempotency-Key, so the server answers the same case', async () => {
    let creates = 0;
    const calls = api({ 'POST /api/v1/cases': () => (creates++ === 0 ? problem(503, 'unavailable') : jsonResponse(201, draft)) });
    const apply = renderApply();
    await apply({ draft: body, submit: false }).catch(() => undefined);
    await apply({ draft: body, submit: false });
    const keys = calls.filter((c) => c.path === '/api/v1/cases').map((c) => c.headers.get('Idempotency-Key'));
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });
});

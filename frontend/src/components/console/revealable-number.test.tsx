import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '@/lib/auth/session-store';
import type { Role } from '@/lib/auth/roles';
import { fakeApi, jsonResponse, renderRoutes } from '@/testing/test-utils';
import { RevealableNumber } from './revealable-number';

const CASE_ID = '0193a0c2-0000-7000-8000-0000000000c1';

function stubApi(role: Role) {
  return fakeApi((call) => {
    if (call.path === '/api/v1/me') {
      return jsonResponse(200, { id: 'u1', username: role, display_name: '示例', role, tenant: { code: 'example', name: '示例县' } });
    }
    if (call.path === '/api/v1/personal-numbers/reveal') {
      return jsonResponse(200, { number: 'case_contact', record_id: CASE_ID, value: '13800002222' });
    }
    return jsonResponse(404, { code: 'not_found', status: 404, title: 'x', detail: 'x' });
  });
}

const render = () =>
  renderRoutes([{ path: '/', element: <RevealableNumber masked="138****2222" number="case_contact" recordId={CASE_ID} /> }], '/');

describe('RevealableNumber', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStore.clear();
  });

  it('shows the number masked and, to the window, the full number on request (one audited call)', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi('window_agent');
    await render();
    expect(screen.getByText('138****2222')).toBeTruthy();
    const button = await screen.findByRole('button', { name: /显示完整号码/ });
    expect(calls.some((c) => c.path === '/api/v1/personal-numbers/reveal')).toBe(false);
    await userEvent.click(button);
    const link = await screen.findByRole('link', { name: '13800002222' });
    expect(link.getAttribute('href')).toBe('tel:13800002222');
    const reveals = calls.filter((c) => c.path === '/api/v1/personal-numbers/reveal');
    expect(reveals).toHaveLength(1);
    expect(reveals[0]?.method).toBe('POST');
    expect(reveals[0]?.body).toEqual({ number: 'case_contact', record_id: CASE_ID });
    expect(screen.queryByText('138****2222')).toBeNull();
  });

  it('offers nothing to a role whose work does not need the number', async () => {
    sessionStore.set({ access_token: 'a', refresh_token: 'r', expires_in: 900 });
    const calls = stubApi('supervisor');
    await render();
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/me')).toBe(true));
    expect(screen.getByText('138****2222')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /显示完整号码/ })).toBeNull();
  });
});

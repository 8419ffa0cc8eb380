import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { vi } from 'vitest';
import { AppProvider } from '@/app/provider';
import { i18n, initI18n } from '@/lib/i18n/i18n';

/** Renders `routes` at `path` inside the app's providers, in Chinese unless told otherwise. */
export async function renderRoutes(routes: RouteObject[], path: string, language: 'zh-CN' | 'en' = 'zh-CN') {
  await initI18n(language);
  await i18n.changeLanguage(language);
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = render(
    <AppProvider>
      <RouterProvider router={router} />
    </AppProvider>,
  );
  return { router, ...view };
}

/** A request as a fake API saw it: its JSON body parsed (null for a GET or an empty body). */
export interface ApiCall {
  method: string;
  url: URL;
  path: string;
  headers: Headers;
  body: unknown;
}

/**
 * Stubs `fetch` with a fake API: every request is recorded, in order, and answered by
 * `answer`. Returns the record, which grows as the page calls.
 */
export function fakeApi(answer: (call: ApiCall) => Response | Promise<Response>): ApiCall[] {
  const calls: ApiCall[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (request: Request) => {
      const url = new URL(request.url);
      const text = request.method === 'GET' ? '' : await request.text();
      const call: ApiCall = { method: request.method, url, path: url.pathname, headers: request.headers, body: text ? JSON.parse(text) : null };
      calls.push(call);
      return answer(call);
    }),
  );
  return calls;
}

/** A fetch stub answering JSON (or problem+json for errors). */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
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

/** A fetch stub answering JSON (or problem+json for errors). */
export function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  });
}

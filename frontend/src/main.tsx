import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { AppProvider } from '@/app/provider';
import { createRouter } from '@/app/router';
import { initI18n } from '@/lib/i18n/i18n';
// 长者模式 applies from the first paint on every page, not only where its switch is.
import '@/lib/elder-mode';
import '@/app/global.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

const router = createRouter();
void initI18n().finally(() => {
  createRoot(container).render(
    <StrictMode>
      <AppProvider>
        <RouterProvider router={router} />
      </AppProvider>
    </StrictMode>,
  );
});

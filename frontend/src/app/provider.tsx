import { QueryClientProvider } from '@tanstack/react-query';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { RouteFallback } from '@/components/route-fallback';
import { sessionStore } from '@/lib/auth/session-store';
import { i18n } from '@/lib/i18n/i18n';
import { createQueryClient } from '@/lib/query-client';

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);

  useEffect(() => {
    // Whoever ends the session (sign-out, refused refresh), nothing of the old user stays cached.
    const unsubscribe = sessionStore.subscribe(() => {
      if (!sessionStore.get()) queryClient.clear();
    });
    // Server messages follow the UI language: refetch what is shown after a switch.
    const onLanguage = () => void queryClient.invalidateQueries();
    i18n.on('languageChanged', onLanguage);
    return () => {
      unsubscribe();
      i18n.off('languageChanged', onLanguage);
    };
  }, [queryClient]);

  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <Suspense fallback={<RouteFallback />}>{children}</Suspense>
      </QueryClientProvider>
    </I18nextProvider>
  );
}

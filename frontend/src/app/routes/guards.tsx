import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ErrorScreen } from '@/components/error-screen';
import { RouteFallback } from '@/components/route-fallback';
import { ApiError } from '@/lib/api/problem';
import { useMe } from '@/lib/auth/me';
import { homePathFor, shellFor, type Shell } from '@/lib/auth/roles';
import { useSession } from '@/lib/auth/use-session';

function useLoginRedirect() {
  const location = useLocation();
  const next = `${location.pathname}${location.search}`;
  return `/login?next=${encodeURIComponent(next)}`;
}

/** Lets through only a signed-in user whose role belongs to `shell`; sends others home. */
export function RequireShell({ shell, children }: { shell: Shell; children: ReactNode }) {
  const session = useSession();
  const loginPath = useLoginRedirect();
  if (!session) return <Navigate to={loginPath} replace />;
  return <ShellGate shell={shell}>{children}</ShellGate>;
}

function ShellGate({ shell, children }: { shell: Shell; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <RouteFallback />;
  if (me.isError) {
    const message = me.error instanceof ApiError ? undefined : t('errors.network');
    return <ErrorScreen message={message} onRetry={() => void me.refetch()} />;
  }
  if (shellFor(me.data.role) !== shell) return <Navigate to={homePathFor(me.data.role)} replace />;
  return children;
}

/** `/`: the user's home, or the login page. */
export function RootRedirect() {
  const session = useSession();
  if (!session) return <Navigate to="/login" replace />;
  return <HomeRedirect />;
}

function HomeRedirect() {
  const { t } = useTranslation();
  const me = useMe();
  if (me.isPending) return <RouteFallback />;
  if (me.isError) return <ErrorScreen message={t('errors.network')} onRetry={() => void me.refetch()} />;
  return <Navigate to={homePathFor(me.data.role)} replace />;
}

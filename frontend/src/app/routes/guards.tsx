import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { ErrorScreen } from '@/components/error-screen';
import { RouteFallback } from '@/components/route-fallback';
import { ApiError } from '@/lib/api/problem';
import { useMe } from '@/lib/auth/me';
import { homePathFor, shellFor, type Shell } from '@/lib/auth/roles';
import { useSession } from '@/lib/auth/use-session';
import { lazyNamed } from '../lazy';

// An initial password is replaced before anything else (its own chunk: rarely needed).
const FirstPasswordScreen = lazyNamed(
  () => import('@/features/auth/components/change-password-page'),
  'FirstPasswordScreen',
);

function useLoginRedirect() {
  const location = useLocation();
  const next = `${location.pathname}${location.search}`;
  return `/login?next=${encodeURIComponent(next)}`;
}

/**
 * Lets through only a signed-in user whose role belongs to `shell`; sends others home. A user
 * who holds an initial password sees only its change until it is done.
 */
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
  if (me.data.must_change_password) {
    return (
      <Suspense fallback={<RouteFallback />}>
        <FirstPasswordScreen />
      </Suspense>
    );
  }
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

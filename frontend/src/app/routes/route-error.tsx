import { ErrorScreen } from '@/components/error-screen';

/** The router's error element: a render error or a failed chunk load (e.g. after a deploy). */
export function RouteError() {
  return <ErrorScreen onRetry={() => window.location.reload()} />;
}

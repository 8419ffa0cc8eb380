import { Suspense, lazy } from 'react';
import type { AnalyticsSectionProps } from './analytics-section';

const AnalyticsSection = lazy(() => import('./analytics-section'));

/** The analytics on the supervision page, loaded in their own chunk when it shows them. */
export function AnalyticsMount(props: AnalyticsSectionProps) {
  return (
    <Suspense fallback={null}>
      <AnalyticsSection {...props} />
    </Suspense>
  );
}

import { CountyPage } from '@/features/platform/components/county-page';
import { COUNTY_TABS } from './county-tabs';

/** The county page with the tabs other features give it. */
export function PlatformCountyPage() {
  return <CountyPage tabs={COUNTY_TABS} />;
}

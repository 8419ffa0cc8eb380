/**
 * The tabs of the platform's county page after its overview: pages of other features about one
 * county, each given the county's code (`features/<feature>/mount/<name>.tsx`). The app mounts
 * them here, since features do not import one another.
 */
import { useTranslation } from 'react-i18next';

import { CountySettingsForm } from '@/features/county-settings/mount/county-settings-form';
import { CountyWorkbookButton } from '@/features/onboarding/mount/county-workbook-button';
import type { CountyTab } from '@/features/platform/components/county-page';

function TabLabel({ tab }: { tab: 'settings' | 'workbook' }) {
  const { t } = useTranslation('platform');
  return <>{t(`county.tabs.${tab}`)}</>;
}

export const COUNTY_TABS: readonly CountyTab[] = [
  { key: 'settings', label: <TabLabel tab="settings" />, render: (code) => <CountySettingsForm county={code} /> },
  { key: 'workbook', label: <TabLabel tab="workbook" />, render: (code) => <CountyWorkbookButton code={code} /> },
];

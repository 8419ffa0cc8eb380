import { CalendarOutlined, GlobalOutlined, UploadOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '@/lib/auth/me';
import { ConsoleFrame } from '../console/console-frame';
import { PLATFORM_MENU, selectedPlatformKey, type PlatformMenuKey } from './platform-menu';

const ICONS: Record<PlatformMenuKey, ReactNode> = {
  counties: <GlobalOutlined />,
  onboarding: <UploadOutlined />,
  nationalCalendar: <CalendarOutlined />,
};

/** The platform administrator's console: the consoles' frame, the counties and the platform's own pages. */
export function PlatformLayout() {
  const { t } = useTranslation('platform');
  const me = useMe();
  const location = useLocation();
  const user = me.data;
  if (!user) return null; // RequireShell renders this only once the user is known.

  const items = PLATFORM_MENU.map((entry) => ({
    key: entry.key,
    icon: ICONS[entry.key],
    label: <Link to={entry.path}>{t(`menu.${entry.key}`)}</Link>,
  }));

  return (
    <ConsoleFrame
      user={user}
      mainId="platform-main"
      menuLabel={t('menu.label')}
      items={items}
      selected={selectedPlatformKey(location.pathname)}
      owner={t('brand')}
      accountLabel={t('header.account')}
    />
  );
}

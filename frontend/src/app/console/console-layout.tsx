import {
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CommentOutlined,
  FileTextOutlined,
  KeyOutlined,
  LockOutlined,
  GlobalOutlined,
  MessageOutlined,
  ProfileOutlined,
  QuestionCircleOutlined,
  ScheduleOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  SettingOutlined,
  SolutionOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe } from '@/lib/auth/me';
import { ConsoleFrame } from './console-frame';
import { menuFor, selectedMenuKey, type ConsoleMenuKey } from './console-menu';

const ICONS: Record<ConsoleMenuKey, ReactNode> = {
  home: <AppstoreOutlined />,
  cases: <FileTextOutlined />,
  consultations: <QuestionCircleOutlined />,
  tasks: <ScheduleOutlined />,
  supervision: <BarChartOutlined />,
  complaints: <CommentOutlined />,
  conditions: <SafetyCertificateOutlined />,
  meetings: <SolutionOutlined />,
  items: <ProfileOutlined />,
  intermediaries: <ShopOutlined />,
  departments: <ApartmentOutlined />,
  users: <TeamOutlined />,
  calendar: <CalendarOutlined />,
  channels: <SendOutlined />,
  deliveries: <UnorderedListOutlined />,
  webhooks: <ApiOutlined />,
  apiClients: <KeyOutlined />,
  templates: <MessageOutlined />,
  publicProfile: <GlobalOutlined />,
  countySettings: <SettingOutlined />,
  auditLog: <AuditOutlined />,
};

/** The officials' console: the consoles' frame with a role-aware side menu. */
export function ConsoleLayout() {
  const { t } = useTranslation(['console', 'password']);
  const me = useMe();
  const location = useLocation();
  const user = me.data;
  if (!user) return null; // RequireShell renders this only once the user is known.

  const items = menuFor(user.role).map((entry) => ({
    key: entry.key,
    icon: ICONS[entry.key],
    label: <Link to={entry.path}>{t(`console:menu.${entry.key}`)}</Link>,
  }));

  return (
    <ConsoleFrame
      user={user}
      mainId="console-main"
      menuLabel={t('console:menu.label')}
      items={items}
      selected={selectedMenuKey(location.pathname)}
      owner={user.tenant.name}
      accountLabel={t('console:header.account')}
      links={
        <>
          {/* Every official chooses how notifications reach them (通知偏好). */}
          <Link to="/console/preferences" className="console__preferences">
            <BellOutlined aria-hidden /> {t('console:header.preferences')}
          </Link>
          <Link to="/console/password" className="console__preferences">
            <LockOutlined aria-hidden /> {t('password:menu')}
          </Link>
        </>
      }
    />
  );
}

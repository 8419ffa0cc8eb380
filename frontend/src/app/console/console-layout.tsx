import {
  ApartmentOutlined,
  ApiOutlined,
  AppstoreOutlined,
  BarChartOutlined,
  BellOutlined,
  CalendarOutlined,
  CommentOutlined,
  FileTextOutlined,
  KeyOutlined,
  LogoutOutlined,
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
  UserOutlined,
  ShopOutlined,
} from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Select, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '@/lib/auth/logout';
import { useMe } from '@/lib/auth/me';
import { LANGUAGES, isLanguage } from '@/lib/i18n/languages';
import { menuFor, selectedMenuKey, type ConsoleMenuKey } from './console-menu';
import './console-layout.css';

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
};

/** Ant Design's default greys are too light for WCAG AA on its grey page background. */
const THEME = {
  token: {
    colorPrimary: '#1d4fa3',
    colorLink: '#1d4fa3',
    // Hovered and pressed links and buttons go darker, never lighter: a pointer resting on
    // one must not drop its text below AA (Ant Design derives lighter hover shades).
    colorLinkHover: '#163d80',
    colorLinkActive: '#122f63',
    colorPrimaryHover: '#163d80',
    colorPrimaryActive: '#122f63',
    colorPrimaryTextHover: '#163d80',
    colorPrimaryTextActive: '#122f63',
    colorInfo: '#1d4fa3',
    // Status colours dark enough for their text on their light tints (tags, alerts).
    colorError: '#b42318',
    colorSuccess: '#237804',
    colorWarning: '#ad4e00',
    colorSuccessBg: '#f0f9eb',
    colorWarningBg: '#fff7e6',
    colorErrorBg: '#fff1f0',
    colorInfoBg: '#e8eef8',
    colorTextSecondary: '#4e5969',
    colorTextTertiary: '#5c6470',
    colorTextDescription: '#4e5969',
    colorTextPlaceholder: '#6b7280',
    borderRadius: 6,
    fontFamily: 'var(--butler-font)',
  },
} as const;

/** The officials' console: Ant Design, desktop first, with a role-aware side menu. */
export function ConsoleLayout() {
  const { t, i18n } = useTranslation(['console', 'common']);
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const user = me.data;
  if (!user) return null; // RequireShell renders this only once the user is known.

  const selected = selectedMenuKey(location.pathname);
  const items = menuFor(user.role).map((entry) => ({
    key: entry.key,
    icon: ICONS[entry.key],
    label: <Link to={entry.path}>{t(`console:menu.${entry.key}`)}</Link>,
  }));

  const onLogout = async () => {
    await logout();
    void navigate('/login', { replace: true });
  };

  return (
    // No space between two-character labels ("审 查"): screen readers would read it apart.
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <a className="skip-link" href="#console-main">
          {t('common:skipToContent')}
        </a>
        <Layout className="console">
          <Layout.Sider breakpoint="lg" collapsedWidth={64} width={220} className="console__sider">
            <div className="console__brand">{t('common:appName')}</div>
            <nav aria-label={t('console:menu.label')}>
              <Menu
                theme="dark"
                mode="inline"
                selectedKeys={selected ? [selected] : []}
                items={items}
              />
            </nav>
          </Layout.Sider>
          <Layout>
            <Layout.Header className="console__header">
              <Typography.Text className="console__tenant">{user.tenant.name}</Typography.Text>
              <Space size="middle" wrap>
                <span className="console__user">
                  <UserOutlined aria-hidden />{' '}
                  <span className="visually-hidden">{t('console:header.account')}</span>
                  {user.display_name}
                  <span className="console__role">{t(`common:roles.${user.role}`)}</span>
                </span>
                {/* Every official chooses how notifications reach them (通知偏好). */}
                <Link to="/console/preferences" className="console__preferences">
                  <BellOutlined aria-hidden /> {t('console:header.preferences')}
                </Link>
                <Select
                  aria-label={t('common:language.label')}
                  value={i18n.language}
                  onChange={(value: string) => {
                    if (isLanguage(value)) void i18n.changeLanguage(value);
                  }}
                  options={LANGUAGES.map((language) => ({
                    value: language,
                    label: t(`common:language.${language}`),
                  }))}
                  style={{ width: 120 }}
                />
                <Button icon={<LogoutOutlined />} onClick={() => void onLogout()}>
                  {t('common:actions.logout')}
                </Button>
              </Space>
            </Layout.Header>
            <Layout.Content id="console-main" tabIndex={-1} className="console__content">
              <Suspense
                fallback={
                  <div className="console__loading">
                    <Spin />
                  </div>
                }
              >
                <Outlet />
              </Suspense>
            </Layout.Content>
          </Layout>
        </Layout>
      </AntApp>
    </ConfigProvider>
  );
}

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
  LockOutlined,
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
import { THEME } from './console-theme';
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


/** The officials' console: Ant Design, desktop first, with a role-aware side menu. */
export function ConsoleLayout() {
  const { t, i18n } = useTranslation(['console', 'common', 'password']);
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
                <Link to="/console/password" className="console__preferences">
                  <LockOutlined aria-hidden /> {t('password:menu')}
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

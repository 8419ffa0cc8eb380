import { CalendarOutlined, GlobalOutlined, LogoutOutlined, UploadOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Select, Space, Spin, Typography } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { useLogout } from '@/lib/auth/logout';
import { useMe } from '@/lib/auth/me';
import { LANGUAGES, isLanguage } from '@/lib/i18n/languages';
import { THEME } from '../console/console-theme';
import '../console/console-layout.css';
import { PLATFORM_MENU, selectedPlatformKey, type PlatformMenuKey } from './platform-menu';

const ICONS: Record<PlatformMenuKey, ReactNode> = {
  counties: <GlobalOutlined />,
  onboarding: <UploadOutlined />,
  nationalCalendar: <CalendarOutlined />,
};

/** The platform administrator's console: Ant Design, desktop first, the counties and the platform's own pages. */
export function PlatformLayout() {
  const { t, i18n } = useTranslation(['platform', 'common']);
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const user = me.data;
  if (!user) return null; // RequireShell renders this only once the user is known.

  const selected = selectedPlatformKey(location.pathname);
  const items = PLATFORM_MENU.map((entry) => ({
    key: entry.key,
    icon: ICONS[entry.key],
    label: <Link to={entry.path}>{t(`platform:menu.${entry.key}`)}</Link>,
  }));

  const onLogout = async () => {
    await logout();
    void navigate('/login', { replace: true });
  };

  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <a className="skip-link" href="#platform-main">
          {t('common:skipToContent')}
        </a>
        <Layout className="console">
          <Layout.Sider breakpoint="lg" collapsedWidth={64} width={220} className="console__sider">
            <div className="console__brand">{t('common:appName')}</div>
            <nav aria-label={t('platform:menu.label')}>
              <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={items} />
            </nav>
          </Layout.Sider>
          <Layout>
            <Layout.Header className="console__header">
              <Typography.Text className="console__tenant">{t('platform:brand')}</Typography.Text>
              <Space size="middle" wrap>
                <span className="console__user">
                  <UserOutlined aria-hidden />{' '}
                  <span className="visually-hidden">{t('platform:header.account')}</span>
                  {user.display_name}
                  <span className="console__role">{t(`common:roles.${user.role}`)}</span>
                </span>
                <Select
                  aria-label={t('common:language.label')}
                  value={i18n.language}
                  onChange={(value: string) => {
                    if (isLanguage(value)) void i18n.changeLanguage(value);
                  }}
                  options={LANGUAGES.map((language) => ({ value: language, label: t(`common:language.${language}`) }))}
                  style={{ width: 120 }}
                />
                <Button icon={<LogoutOutlined />} onClick={() => void onLogout()}>
                  {t('common:actions.logout')}
                </Button>
              </Space>
            </Layout.Header>
            <Layout.Content id="platform-main" tabIndex={-1} className="console__content">
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

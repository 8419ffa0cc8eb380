import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { App as AntApp, Button, ConfigProvider, Layout, Menu, Select, Space, Spin, Typography } from 'antd';
import type { ItemType } from 'antd/es/menu/interface';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useNavigate } from 'react-router';
import type { JsonOk } from '@/lib/api/types';
import { useLogout } from '@/lib/auth/logout';
import { LANGUAGES, isLanguage } from '@/lib/i18n/languages';
import { THEME } from './console-theme';
import './console-layout.css';

/** What a console (the county's or the platform's) puts in the shared frame. */
export interface ConsoleFrameProps {
  user: JsonOk<'/api/v1/me', 'get'>;
  /** The main region's id, the skip link's target. */
  mainId: string;
  /** The side menu's accessible name. */
  menuLabel: string;
  items: ItemType[];
  selected: string | undefined;
  /** Whose console it is, at the header's start (the county's name, or the platform). */
  owner: string;
  /** The signed-in account's accessible name. */
  accountLabel: string;
  /** Links of the console's own between the account and the language. */
  links?: ReactNode;
}

/**
 * The consoles' frame: Ant Design, desktop first, the skip link, the side menu, the header with
 * the account, the language and signing out, and the page in its own suspense boundary.
 */
export function ConsoleFrame({ user, mainId, menuLabel, items, selected, owner, accountLabel, links }: ConsoleFrameProps) {
  const { t, i18n } = useTranslation('common');
  const navigate = useNavigate();
  const logout = useLogout();

  const onLogout = async () => {
    await logout();
    void navigate('/login', { replace: true });
  };

  return (
    // No space between two-character labels ("审 查"): screen readers would read it apart.
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={THEME} button={{ autoInsertSpace: false }}>
      <AntApp>
        <a className="skip-link" href={`#${mainId}`}>
          {t('skipToContent')}
        </a>
        <Layout className="console">
          <Layout.Sider breakpoint="lg" collapsedWidth={64} width={220} className="console__sider">
            <div className="console__brand">{t('appName')}</div>
            <nav aria-label={menuLabel}>
              <Menu theme="dark" mode="inline" selectedKeys={selected ? [selected] : []} items={items} />
            </nav>
          </Layout.Sider>
          <Layout>
            <Layout.Header className="console__header">
              <Typography.Text className="console__tenant">{owner}</Typography.Text>
              <Space size="middle" wrap>
                <span className="console__user">
                  <UserOutlined aria-hidden /> <span className="visually-hidden">{accountLabel}</span>
                  {user.display_name}
                  <span className="console__role">{t(`roles.${user.role}`)}</span>
                </span>
                {links}
                <Select
                  aria-label={t('language.label')}
                  value={i18n.language}
                  onChange={(value: string) => {
                    if (isLanguage(value)) void i18n.changeLanguage(value);
                  }}
                  options={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
                  style={{ width: 120 }}
                />
                <Button icon={<LogoutOutlined />} onClick={() => void onLogout()}>
                  {t('actions.logout')}
                </Button>
              </Space>
            </Layout.Header>
            <Layout.Content id={mainId} tabIndex={-1} className="console__content">
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

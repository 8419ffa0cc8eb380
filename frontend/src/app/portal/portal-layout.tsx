import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { AddSquareOutline, AppOutline, MessageOutline, UserOutline } from 'antd-mobile-icons';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { RouteFallback } from '@/components/route-fallback';
import { useNotifications } from '@/lib/cases/api/notifications';
import '../mobile-theme.css';
import './antd-mobile-react19';
import './portal-layout.css';

/**
 * The enterprise portal: phone first (375 px), antd-mobile for the content, and its own
 * navigation, which is made of real links so that it works with a keyboard and screen reader
 * (antd-mobile's TabBar is a row of clickable divs). No Ant Design (desktop) code here.
 */
export function PortalLayout() {
  const { t, i18n } = useTranslation(['portal', 'common']);
  const notifications = useNotifications();
  const unread = notifications.data?.pages[0]?.unread_count ?? 0;
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <div className="portal">
        <a className="skip-link" href="#portal-main">
          {t('common:skipToContent')}
        </a>
        <header className="portal__header">
          <span className="portal__title">{t('common:appName')}</span>
        </header>
        <main id="portal-main" tabIndex={-1} className="portal__main">
          <Suspense fallback={<RouteFallback />}>
            <Outlet />
          </Suspense>
        </main>
        <nav className="portal__tabs" aria-label={t('portal:tabs.label')}>
          <NavLink to="/portal" end>
            <AppOutline aria-hidden className="portal__tab-icon" />
            <span>{t('portal:tabs.home')}</span>
          </NavLink>
          <NavLink to="/portal/apply">
            <AddSquareOutline aria-hidden className="portal__tab-icon" />
            <span>{t('portal:tabs.apply')}</span>
          </NavLink>
          <NavLink to="/portal/notifications">
            <span className="portal__tab-icon-wrap">
              <MessageOutline aria-hidden className="portal__tab-icon" />
              {unread > 0 && (
                <span className="portal__badge" aria-hidden>
                  {unread > 99 ? '99+' : unread}
                </span>
              )}
            </span>
            <span>{t('portal:tabs.notifications')}</span>
            {unread > 0 && <span className="visually-hidden">{t('portal:tabs.unread', { count: unread })}</span>}
          </NavLink>
          <NavLink to="/portal/me">
            <UserOutline aria-hidden className="portal__tab-icon" />
            <span>{t('portal:tabs.me')}</span>
          </NavLink>
        </nav>
      </div>
    </ConfigProvider>
  );
}

import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { AppOutline, ExclamationCircleOutline, MessageOutline, TeamOutline, UnorderedListOutline } from 'antd-mobile-icons';
import { Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { ElderModeSwitch } from '@/components/elder-mode-switch';
import { LanguageButtons } from '@/components/language-buttons';
import { RouteFallback } from '@/components/route-fallback';
import { usePublicService } from '@/lib/public/api';
import '../mobile-theme.css';
import '../portal/antd-mobile-react19';
import './public-layout.css';

interface PublicNavEntry {
  /** Relative to `/public/:tenant`; '' is the home page. */
  to: string;
  label: 'nav.home' | 'nav.catalog' | 'nav.roster' | 'nav.consult' | 'nav.complaint';
  icon: ComponentType<{ className?: string; 'aria-hidden'?: boolean }>;
}

/**
 * The public side's navigation, in order. 咨询/预约 and 投诉 are pages of their own frame (a
 * form to fill in, no shell around it) at `/public/:tenant/consult` and `…/complaints`.
 */
export const PUBLIC_NAV: PublicNavEntry[] = [
  { to: '', label: 'nav.home', icon: AppOutline },
  { to: 'catalog', label: 'nav.catalog', icon: UnorderedListOutline },
  { to: 'consult', label: 'nav.consult', icon: MessageOutline },
  { to: 'complaints', label: 'nav.complaint', icon: ExclamationCircleOutline },
  { to: 'roster', label: 'nav.roster', icon: TeamOutline },
];

/**
 * The public shell at `/public/:tenant`: no sign-in, phone first (375 px), antd-mobile for
 * the content, and navigation made of real links. The header carries the language and the
 * 长者模式 switch (remembered on the device). An unknown county, or one that does not
 * publish, says so instead of the pages.
 */
export function PublicLayout() {
  const { t, i18n } = useTranslation(['public', 'common']);
  const tenant = useParams().tenant ?? '';
  const service = usePublicService(tenant);
  const county = service.data?.tenant.name;
  const notFound = service.isError;
  const base = `/public/${tenant}`;
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <div className="public">
        <a className="skip-link" href="#public-main">
          {t('common:skipToContent')}
        </a>
        <header className="public__header">
          <div className="public__brand">
            <span className="public__title">
              {county ? t('public:shell.title', { county }) : t('public:shell.titleFallback')}
            </span>
            <span className="public__subtitle">{t('public:shell.subtitle')}</span>
          </div>
          <div className="public__settings" role="group" aria-label={t('public:shell.settingsLabel')}>
            <LanguageButtons />
            <ElderModeSwitch />
          </div>
        </header>
        <main id="public-main" tabIndex={-1} className="public__main">
          {notFound ? (
            <>
              <title>{`${t('common:notFound.title')} - ${t('common:appName')}`}</title>
              <h1 className="public-page-title">{t('common:notFound.title')}</h1>
              <p role="alert">{t('public:notFound')}</p>
              <Link to="/login">{t('public:shell.signIn')}</Link>
            </>
          ) : (
            <Suspense fallback={<RouteFallback />}>
              <Outlet />
            </Suspense>
          )}
        </main>
        {!notFound && (
          <nav className="public__tabs" aria-label={t('public:shell.navLabel')}>
            {PUBLIC_NAV.map(({ to, label, icon: Icon }) => (
              <NavLink key={label} to={to ? `${base}/${to}` : base} end={!to}>
                <Icon aria-hidden className="public__tab-icon" />
                <span>{t(`public:${label}`)}</span>
              </NavLink>
            ))}
          </nav>
        )}
      </div>
    </ConfigProvider>
  );
}

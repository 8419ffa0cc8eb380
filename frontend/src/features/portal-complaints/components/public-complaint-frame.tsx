import { ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import './public-complaints.css';

/**
 * The frame of a public complaint page until the public shell takes them in: antd-mobile's
 * locale, a heading bar, a skip link and the main landmark. No sign-in, no navigation.
 */
export function PublicComplaintFrame({ title, children }: { title: string; children: ReactNode }) {
  const { t, i18n } = useTranslation(['complaints', 'common']);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <div className="complaint-public">
        <title>{`${title} - ${t('common:appName')}`}</title>
        <a className="skip-link" href="#complaint-main">
          {t('complaints:public.skip')}
        </a>
        <header className="complaint-public__header">{t('complaints:public.heading')}</header>
        <main id="complaint-main" tabIndex={-1} className="complaint-public__main">
          {children}
        </main>
      </div>
    </ConfigProvider>
  );
}

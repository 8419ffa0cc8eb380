import { Alert, Breadcrumb, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/lib/auth/me';
import { mayTakeApplications } from '@/lib/cases/applicants';
import { ApplicationEditor } from './application-editor';

/** A new application filled in by an official for an enterprise (代为填报). */
export function IntakePage() {
  const { t } = useTranslation(['intake', 'console', 'common']);
  const me = useMe();
  const allowed = mayTakeApplications(me.data?.role);

  return (
    <>
      <title>{`${t('intake:new.title')} - ${t('common:appName')}`}</title>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'home', title: <Link to="/console">{t('console:menu.home')}</Link> },
          { key: 'cases', title: <Link to="/console/cases">{t('console:menu.cases')}</Link> },
          { key: 'new', title: t('intake:new.title') },
        ]}
      />
      <Typography.Title level={1} className="page-title">
        {t('intake:new.title')}
      </Typography.Title>
      {allowed ? (
        <>
          <Typography.Paragraph type="secondary">{t('intake:new.intro')}</Typography.Paragraph>
          <ApplicationEditor />
        </>
      ) : (
        <Alert type="warning" showIcon title={t('intake:notAllowed')} />
      )}
    </>
  );
}

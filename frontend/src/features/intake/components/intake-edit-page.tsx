import { Alert, Breadcrumb, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DetailBoundary } from '@/components/console/detail-boundary';
import { mayEditApplication } from '@/lib/cases/applicants';
import { useCase } from '@/lib/cases/api/get-case';
import type { Case } from '@/lib/cases/types';
import { ApplicationEditor } from './application-editor';

/** A draft application, changed by the investment officer (PATCH with If-Match). */
export function IntakeEditPage() {
  const { t } = useTranslation('console');
  const { id } = useParams();
  const query = useCase(id);
  return (
    <DetailBoundary query={query} notFound={t('case.notFound')}>
      {(c) => <IntakeEdit case={c} />}
    </DetailBoundary>
  );
}

function IntakeEdit({ case: c }: { case: Case }) {
  const { t } = useTranslation(['intake', 'console', 'common']);

  return (
    <>
      <title>{`${t('intake:edit.title')} - ${c.project_name} - ${t('common:appName')}`}</title>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'home', title: <Link to="/console">{t('console:menu.home')}</Link> },
          { key: 'cases', title: <Link to="/console/cases">{t('console:menu.cases')}</Link> },
          { key: 'case', title: <Link to={`/console/cases/${c.id}`}>{c.number}</Link> },
          { key: 'edit', title: t('intake:edit.title') },
        ]}
      />
      <Typography.Title level={1} className="page-title">
        {t('intake:edit.heading', { project: c.project_name })}
      </Typography.Title>
      {mayEditApplication(c) ? (
        <>
          <Typography.Paragraph type="secondary">{t('intake:edit.intro')}</Typography.Paragraph>
          <ApplicationEditor key={c.id} existing={c} />
        </>
      ) : (
        <Alert
          type="info"
          showIcon
          title={t('intake:edit.notEditable')}
          action={<Link to={`/console/cases/${c.id}`}>{t('intake:openCase')}</Link>}
        />
      )}
    </>
  );
}

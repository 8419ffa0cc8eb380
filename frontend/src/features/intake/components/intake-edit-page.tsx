import { Alert, Breadcrumb, Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '@/lib/api/problem';
import { mayEditApplication } from '@/lib/cases/applicants';
import { useCase } from '@/lib/cases/api/get-case';
import { ApplicationEditor } from './application-editor';

/** A draft application, changed by the investment officer (PATCH with If-Match). */
export function IntakeEditPage() {
  const { t } = useTranslation(['intake', 'console', 'common']);
  const { id } = useParams();
  const query = useCase(id);
  // Reading the draft again starts the form afresh from it.
  const [generation, setGeneration] = useState(0);

  if (query.isPending) return <Typography.Text>{t('common:status.loading')}</Typography.Text>;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Alert
        type="error"
        showIcon
        title={notFound ? t('console:case.notFound') : t('common:status.loadFailed')}
        description={notFound ? undefined : query.error.message}
        action={<Button onClick={() => void query.refetch()}>{t('common:actions.retry')}</Button>}
      />
    );
  }
  const c = query.data;
  const reload = () => {
    void query.refetch().then(() => setGeneration((n) => n + 1));
  };

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
          <ApplicationEditor key={`${c.id}-${generation}`} existing={c} onReload={reload} />
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

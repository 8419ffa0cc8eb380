import { Alert, Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useDepartments, type Department } from '../api/list-departments';

export function DepartmentsPage() {
  const { t } = useTranslation(['console', 'common']);
  const query = useDepartments();
  const rows = query.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: ColumnsType<Department> = [
    { key: 'code', dataIndex: 'code', title: t('console:departments.columns.code'), width: 200 },
    { key: 'name', dataIndex: 'name', title: t('console:departments.columns.name') },
  ];

  return (
    <>
      <title>{`${t('console:departments.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('console:departments.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('console:departments.intro')}</Typography.Paragraph>
      {query.isError && (
        <Alert
          type="error"
          showIcon
          title={t('common:status.loadFailed')}
          description={query.error.message}
          action={<Button onClick={() => void query.refetch()}>{t('common:actions.retry')}</Button>}
        />
      )}
      <Table<Department>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={query.isPending}
        pagination={false}
        locale={{ emptyText: t('common:status.empty') }}
      />
      {query.hasNextPage && (
        <div className="load-more">
          <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
            {t('common:actions.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth/me';
import { useDepartments, type Department } from '../api/list-departments';
import { DepartmentCreateModal } from './department-create-modal';
import { LoadFailed } from '@/components/console/load-failed';

export function DepartmentsPage() {
  const { t } = useTranslation(['console', 'admin', 'common']);
  const query = useDepartments();
  // Only the administrator adds departments; everyone else reads the list.
  const mayCreate = useMe().data?.role === 'admin';
  const [creating, setCreating] = useState(false);
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
      {mayCreate && (
        <div className="filter-bar">
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
            {t('admin:departments.create.button')}
          </Button>
        </div>
      )}
      {query.isError && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
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
      {mayCreate && <DepartmentCreateModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}

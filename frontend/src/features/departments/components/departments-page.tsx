import { PlusOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '@/components/console/cursor-table';
import { useMe } from '@/lib/auth/me';
import { useDepartments, type Department } from '../api/list-departments';
import { DepartmentCreateModal } from './department-create-modal';

export function DepartmentsPage() {
  const { t } = useTranslation(['console', 'admin', 'common']);
  const query = useDepartments();
  // Only the administrator adds departments; everyone else reads the list.
  const mayCreate = useMe().data?.role === 'admin';
  const [creating, setCreating] = useState(false);

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
      <CursorTable<Department> query={query} columns={columns} />
      {mayCreate && <DepartmentCreateModal open={creating} onClose={() => setCreating(false)} />}
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '@/lib/format/date';
import { useCounties, type County } from '../api/counties';
import { CountyCreateModal } from './county-create-modal';
import { CountyStatusTag } from './county-status-tag';
import { SecretOnceModal, type OneTimeSecret } from '@/components/console/secret-once-modal';
import './platform.css';

/** 区县管理: every county with its standing and size; a new county with its first administrator. */
export function CountiesPage() {
  const { t } = useTranslation(['platform', 'common']);
  const counties = useCounties();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<OneTimeSecret | null>(null);

  const columns: ColumnsType<County> = [
    { key: 'code', title: t('platform:counties.columns.code'), dataIndex: 'code' },
    {
      key: 'name',
      title: t('platform:counties.columns.name'),
      render: (_, c) => <Link to={`/platform/counties/${c.code}`}>{c.name}</Link>,
    },
    { key: 'status', title: t('platform:counties.columns.status'), render: (_, c) => <CountyStatusTag status={c.status} /> },
    { key: 'users', title: t('platform:counties.columns.users'), dataIndex: 'users', align: 'right' },
    { key: 'cases', title: t('platform:counties.columns.cases'), dataIndex: 'cases', align: 'right' },
    { key: 'created', title: t('platform:counties.columns.created'), render: (_, c) => formatDateTime(c.created_at) },
  ];

  return (
    <>
      <title>{`${t('platform:counties.title')} - ${t('common:appName')}`}</title>
      <Space className="platform-page__head" wrap>
        <Typography.Title level={1} className="page-title">
          {t('platform:counties.title')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('platform:counties.create')}
        </Button>
      </Space>
      <Typography.Paragraph>{t('platform:counties.intro')}</Typography.Paragraph>
      {counties.isError ? (
        <Alert
          type="error"
          showIcon
          title={t('platform:counties.loadFailed')}
          action={<Button onClick={() => void counties.refetch()}>{t('common:actions.retry')}</Button>}
        />
      ) : (
        <Table<County>
          rowKey="code"
          columns={columns}
          dataSource={counties.data?.items ?? []}
          loading={counties.isPending}
          pagination={false}
          locale={{ emptyText: t('platform:counties.empty') }}
        />
      )}
      <CountyCreateModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(created) => {
          setCreating(false);
          setSecret({
            title: t('password.title'),
            warning: t('password.warning'),
            detail: t('password.account', { county: created.county.code, username: created.admin.username }),
            label: t('password.label'),
            value: created.initial_password,
            closeLabel: t('password.close'),
          });
        }}
      />
      <SecretOnceModal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}

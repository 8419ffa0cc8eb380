import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '@/components/console/cursor-table';
import { AdminOnly } from '@/components/console/admin-only';
import { mapErrorToForm } from '@/lib/api/problem';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { formatDateTime } from '@/lib/format/date';
import { useApiClientPages, useRevokeApiClient, useRotateApiClient } from '../api/api-clients';
import type { ApiClient } from '../utils/integrations';
import { ApiClientCreateModal } from './api-client-create-modal';
import { SecretOnceModal, type OneTimeSecret } from '@/components/console/secret-once-modal';
import './integrations.css';

/** API 客户端: other systems' keys to this API, each key shown once. */
export function ApiClientsPage() {
  const { t } = useTranslation(['integrations', 'common']);
  return (
    <>
      <title>{`${t('integrations:apiClients.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('integrations:apiClients.title')}
      </Typography.Title>
      <AdminOnly>
        <ApiClientsScreen />
      </AdminOnly>
    </>
  );
}

function ApiClientsScreen() {
  const { t } = useTranslation(['integrations', 'common', 'admin']);
  const { modal, message } = AntApp.useApp();
  const query = useApiClientPages();
  const rotate = useRotateApiClient();
  const revoke = useRevokeApiClient();
  const departmentName = useDepartmentName();
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<OneTimeSecret | null>(null);

  const reveal = (value: string) => setSecret({ title: t('integrations:secretOnce.apiKeyTitle'), label: t('integrations:secretOnce.apiKeyLabel'), value, warning: t('integrations:secretOnce.warning'), closeLabel: t('integrations:secretOnce.close') });

  const attempt = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) void message.success(done);
    } catch (error) {
      const view = mapErrorToForm(error, [], { network: t('common:errors.network'), server: t('common:errors.server') });
      modal.error({ title: t('integrations:apiClients.actionFailed'), content: view.form.join(' '), okText: t('admin:form.close') });
    }
  };

  const confirmRotate = (c: ApiClient) =>
    modal.confirm({
      title: t('integrations:apiClients.rotateConfirm.title', { name: c.name }),
      content: t('integrations:apiClients.rotateConfirm.content'),
      okText: t('integrations:apiClients.rotateConfirm.ok'),
      okButtonProps: { danger: true },
      cancelText: t('admin:form.cancel'),
      onOk: () => attempt(async () => reveal((await rotate.mutateAsync(c.id)).api_key)),
    });

  const confirmRevoke = (c: ApiClient) =>
    modal.confirm({
      title: t('integrations:apiClients.revokeConfirm.title', { name: c.name }),
      content: t('integrations:apiClients.revokeConfirm.content'),
      okText: t('integrations:apiClients.revokeConfirm.ok'),
      okButtonProps: { danger: true },
      cancelText: t('admin:form.cancel'),
      onOk: () => attempt(() => revoke.mutateAsync(c.id), t('integrations:apiClients.revokeConfirm.done')),
    });

  const columns: ColumnsType<ApiClient> = [
    {
      key: 'client',
      title: t('integrations:apiClients.columns.client'),
      width: 220,
      render: (_, c) => (
        <>
          <div>{c.name}</div>
          <Typography.Text type="secondary" className="delivery-answer">
            {c.key_hint}…
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'role',
      title: t('integrations:apiClients.columns.role'),
      width: 160,
      render: (_, c) => (
        <>
          <div>{t(`common:apiClientRoles.${c.role}`)}</div>
          {c.department_id && <Typography.Text type="secondary">{departmentName(c.department_id)}</Typography.Text>}
        </>
      ),
    },
    {
      key: 'scopes',
      title: t('integrations:apiClients.columns.scopes'),
      render: (_, c) => (
        <Space size={[4, 4]} wrap>
          {c.scopes.map((s) => (
            <Tag key={s}>{t(`common:apiScopes.${s}`, { nsSeparator: false })}</Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'rate',
      title: t('integrations:apiClients.columns.rateLimit'),
      width: 110,
      render: (_, c) => t('integrations:apiClients.perMinute', { count: c.rate_limit_per_minute }),
    },
    {
      key: 'lastUsed',
      title: t('integrations:apiClients.columns.lastUsed'),
      width: 150,
      render: (_, c) => (c.last_used_at ? formatDateTime(c.last_used_at) : t('integrations:apiClients.neverUsed')),
    },
    {
      key: 'status',
      title: t('integrations:apiClients.columns.status'),
      width: 170,
      render: (_, c) =>
        c.active ? (
          <Tag color="success">{t('integrations:apiClients.status.active')}</Tag>
        ) : (
          <Tag>{t('integrations:apiClients.status.revoked', { time: c.revoked_at ? formatDateTime(c.revoked_at) : '' })}</Tag>
        ),
    },
    {
      key: 'actions',
      title: t('integrations:apiClients.columns.actions'),
      width: 170,
      fixed: 'right',
      render: (_, c) =>
        c.active && (
          <Space size={[4, 0]} wrap>
            <Button type="link" size="small" aria-label={`${t('integrations:apiClients.actions.rotate')}：${c.name}`} onClick={() => confirmRotate(c)}>
              {t('integrations:apiClients.actions.rotate')}
            </Button>
            <Button type="link" size="small" danger aria-label={`${t('integrations:apiClients.actions.revoke')}：${c.name}`} onClick={() => confirmRevoke(c)}>
              {t('integrations:apiClients.actions.revoke')}
            </Button>
          </Space>
        ),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('integrations:apiClients.intro')}</Typography.Paragraph>
      <div className="admin-toolbar">
        <span />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('integrations:apiClients.create.button')}
        </Button>
      </div>
      <CursorTable<ApiClient> query={query} columns={columns} scroll={{ x: 1100 }} aria-label={t('integrations:apiClients.tableLabel')} />
      <ApiClientCreateModal open={creating} onClose={() => setCreating(false)} onCreated={reveal} />
      <SecretOnceModal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}

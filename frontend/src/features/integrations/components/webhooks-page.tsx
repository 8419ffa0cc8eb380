import { PlusOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Drawer, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/console/load-failed';
import { AdminOnly } from '@/components/console/admin-only';
import { mapErrorToForm } from '@/lib/api/problem';
import { formatDateTime } from '@/lib/format/date';
import { useDeleteWebhook, useRotateWebhookSecret, useUpdateWebhook, useWebhooks } from '../api/webhooks';
import type { WebhookSubscription } from '../utils/integrations';
import { DeliveriesTable } from './deliveries-table';
import { SecretOnceModal, type OneTimeSecret } from '@/components/console/secret-once-modal';
import { WebhookFormModal } from './webhook-form-modal';
import './integrations.css';

type Dialog = { kind: 'create' } | { kind: 'edit'; subscription: WebhookSubscription } | { kind: 'deliveries'; subscription: WebhookSubscription } | null;

const nameOf = (s: WebhookSubscription) => s.description || s.url;

/** Webhook 订阅: where case events are pushed, each signed with a secret shown once. */
export function WebhooksPage() {
  const { t } = useTranslation(['integrations', 'common']);
  return (
    <>
      <title>{`${t('integrations:webhooks.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('integrations:webhooks.title')}
      </Typography.Title>
      <AdminOnly>
        <WebhooksScreen />
      </AdminOnly>
    </>
  );
}

function WebhooksScreen() {
  const { t } = useTranslation(['integrations', 'common', 'admin']);
  const { modal, message } = AntApp.useApp();
  const query = useWebhooks();
  const update = useUpdateWebhook();
  const rotate = useRotateWebhookSecret();
  const remove = useDeleteWebhook();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [secret, setSecret] = useState<OneTimeSecret | null>(null);

  const reveal = (value: string) =>
    setSecret({ title: t('integrations:secretOnce.webhookTitle'), label: t('integrations:secretOnce.webhookLabel'), value, warning: t('integrations:secretOnce.warning'), closeLabel: t('integrations:secretOnce.close') });

  /** Runs an action of a row; the server's words if it refuses. */
  const attempt = async (work: () => Promise<unknown>, done?: string) => {
    try {
      await work();
      if (done) void message.success(done);
    } catch (error) {
      const view = mapErrorToForm(error, [], { network: t('common:errors.network'), server: t('common:errors.server') });
      modal.error({ title: t('integrations:webhooks.actionFailed'), content: view.form.join(' '), okText: t('admin:form.close') });
    }
  };

  const confirmRotate = (s: WebhookSubscription) =>
    modal.confirm({
      title: t('integrations:webhooks.rotateConfirm.title', { name: nameOf(s) }),
      content: t('integrations:webhooks.rotateConfirm.content'),
      okText: t('integrations:webhooks.rotateConfirm.ok'),
      okButtonProps: { danger: true },
      cancelText: t('admin:form.cancel'),
      onOk: () => attempt(async () => reveal((await rotate.mutateAsync(s.id)).secret)),
    });

  const confirmDelete = (s: WebhookSubscription) =>
    modal.confirm({
      title: t('integrations:webhooks.deleteConfirm.title', { name: nameOf(s) }),
      content: t('integrations:webhooks.deleteConfirm.content'),
      okText: t('integrations:webhooks.deleteConfirm.ok'),
      okButtonProps: { danger: true },
      cancelText: t('admin:form.cancel'),
      onOk: () => attempt(() => remove.mutateAsync(s.id), t('integrations:webhooks.deleteConfirm.done')),
    });

  const columns: ColumnsType<WebhookSubscription> = [
    {
      key: 'subscription',
      title: t('integrations:webhooks.columns.subscription'),
      render: (_, s) => (
        <>
          <div>{s.description || '—'}</div>
          <Typography.Text type="secondary" className="delivery-answer">
            {s.url}
          </Typography.Text>
        </>
      ),
    },
    { key: 'kind', title: t('integrations:webhooks.columns.kind'), width: 140, render: (_, s) => t(`integrations:subscriptionKinds.${s.kind}`) },
    {
      key: 'events',
      title: t('integrations:webhooks.columns.events'),
      width: 160,
      render: (_, s) => {
        if (s.kind === 'provincial') return t('integrations:webhooks.milestones');
        if (s.event_types.length === 0) return t('integrations:webhooks.allEvents');
        return (
          <>
            <div>{t('integrations:webhooks.eventCount', { count: s.event_types.length })}</div>
            <Typography.Text type="secondary">{s.event_types.map((type) => t(`integrations:eventTypes.${type}`)).join('、')}</Typography.Text>
          </>
        );
      },
    },
    {
      key: 'status',
      title: t('integrations:webhooks.columns.status'),
      width: 220,
      render: (_, s) => (
        <Space orientation="vertical" size={2}>
          <Tag color={s.active ? 'success' : 'default'}>{t(s.active ? 'integrations:webhooks.status.active' : 'integrations:webhooks.status.off')}</Tag>
          {!s.active && s.disabled_at && (
            <Typography.Text type="secondary">{t('integrations:webhooks.status.disabledAt', { time: formatDateTime(s.disabled_at) })}</Typography.Text>
          )}
          {!s.active && s.disabled_reason && <Typography.Text type="secondary">{s.disabled_reason}</Typography.Text>}
          {s.failing_since && (
            <Typography.Text type="danger">{t('integrations:webhooks.status.failingSince', { time: formatDateTime(s.failing_since) })}</Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'actions',
      title: t('integrations:webhooks.columns.actions'),
      width: 260,
      fixed: 'right',
      render: (_, s) => {
        const named = (action: string) => `${action}：${nameOf(s)}`;
        const button = (label: string, onClick: () => void, danger = false) => (
          <Button type="link" size="small" danger={danger} aria-label={named(label)} onClick={onClick}>
            {label}
          </Button>
        );
        return (
          <Space size={[4, 0]} wrap>
            {button(t('integrations:webhooks.actions.edit'), () => setDialog({ kind: 'edit', subscription: s }))}
            {s.active
              ? button(t('integrations:webhooks.actions.off'), () =>
                  void attempt(() => update.mutateAsync({ id: s.id, patch: { active: false } }), t('integrations:webhooks.offDone')),
                )
              : button(t('integrations:webhooks.actions.on'), () =>
                  void attempt(() => update.mutateAsync({ id: s.id, patch: { active: true } }), t('integrations:webhooks.onDone')),
                )}
            {button(t('integrations:webhooks.actions.rotate'), () => confirmRotate(s))}
            {button(t('integrations:webhooks.actions.deliveries'), () => setDialog({ kind: 'deliveries', subscription: s }))}
            {button(t('integrations:webhooks.actions.delete'), () => confirmDelete(s), true)}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('integrations:webhooks.intro')}</Typography.Paragraph>
      <div className="admin-toolbar">
        <span />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setDialog({ kind: 'create' })}>
          {t('integrations:webhooks.create.button')}
        </Button>
      </div>
      {query.isError && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
      <Table<WebhookSubscription>
        rowKey="id"
        columns={columns}
        dataSource={query.data ?? []}
        loading={query.isPending}
        pagination={false}
        scroll={{ x: 1000 }}
        aria-label={t('integrations:webhooks.tableLabel')}
        locale={{ emptyText: t('common:status.empty') }}
      />
      <WebhookFormModal open={dialog?.kind === 'create'} onClose={() => setDialog(null)} onCreated={reveal} />
      {dialog?.kind === 'edit' && <WebhookFormModal open subscription={dialog.subscription} onClose={() => setDialog(null)} />}
      <Drawer
        open={dialog?.kind === 'deliveries'}
        size="large"
        width={1100}
        title={dialog?.kind === 'deliveries' ? t('integrations:webhooks.deliveriesTitle', { name: nameOf(dialog.subscription) }) : undefined}
        onClose={() => setDialog(null)}
        destroyOnHidden
      >
        {dialog?.kind === 'deliveries' && <DeliveriesTable filters={{ subscription_id: dialog.subscription.id }} subscriptionName={() => nameOf(dialog.subscription)} />}
      </Drawer>
      <SecretOnceModal secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}

import { App as AntApp, Button, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '@/components/console/cursor-table';
import { mapErrorToForm } from '@/lib/api/problem';
import { formatDateTime } from '@/lib/format/date';
import { useDeliveryAction, useDeliveryPages } from '../api/deliveries';
import type { DeliveryFilters } from '../api/query-keys';
import { deliveryButtons, type Delivery } from '../utils/integrations';

type Attempt = Delivery['log'][number];

const STATE_COLOURS = { pending: 'processing', delivered: 'success', dead: 'error' } as const;

/**
 * The delivery log for some filters: each row expands to its attempts, and offers what its
 * `allowed_actions` allow — retry a dead delivery, replay a webhook message.
 */
export function DeliveriesTable({ filters, subscriptionName }: { filters: DeliveryFilters; subscriptionName?: (id: string) => string }) {
  const { t } = useTranslation(['integrations', 'common']);
  const { modal, message } = AntApp.useApp();
  const query = useDeliveryPages(filters);
  const action = useDeliveryAction();

  const run = async (delivery: Delivery, kind: 'retry' | 'replay') => {
    try {
      await action.mutateAsync({ id: delivery.id, action: kind });
      void message.success(t(kind === 'retry' ? 'integrations:deliveries.retryDone' : 'integrations:deliveries.replayDone'));
    } catch (error) {
      const view = mapErrorToForm(error, [], { network: t('common:errors.network'), server: t('common:errors.server') });
      modal.error({ title: t('integrations:deliveries.actionFailed'), content: view.form.join(' ') });
    }
  };

  const columns: ColumnsType<Delivery> = [
    { key: 'created', title: t('integrations:deliveries.columns.created'), width: 150, render: (_, d) => formatDateTime(d.created_at) },
    { key: 'channel', title: t('integrations:deliveries.columns.channel'), width: 110, render: (_, d) => t(`integrations:channelNames.${d.channel}`) },
    {
      key: 'target',
      title: t('integrations:deliveries.columns.target'),
      width: 200,
      render: (_, d) =>
        d.subscription_id
          ? t('integrations:deliveries.subscription', { name: subscriptionName?.(d.subscription_id) ?? d.subscription_id })
          : d.recipient_id
            ? t('integrations:deliveries.recipient')
            : '—',
    },
    {
      key: 'state',
      title: t('integrations:deliveries.columns.state'),
      width: 100,
      render: (_, d) => <Tag color={STATE_COLOURS[d.state]}>{t(`integrations:deliveryStates.${d.state}`)}</Tag>,
    },
    { key: 'attempts', title: t('integrations:deliveries.columns.attempts'), width: 90, render: (_, d) => d.attempts },
    {
      key: 'next',
      title: t('integrations:deliveries.columns.nextAttempt'),
      width: 150,
      render: (_, d) => (d.next_attempt_at ? formatDateTime(d.next_attempt_at) : '—'),
    },
    {
      key: 'error',
      title: t('integrations:deliveries.columns.lastError'),
      render: (_, d) => (d.last_error ? <Typography.Text className="delivery-answer">{d.last_error}</Typography.Text> : '—'),
    },
    {
      key: 'actions',
      title: t('integrations:deliveries.columns.actions'),
      width: 130,
      fixed: 'right',
      render: (_, d) => (
        <Space size={[4, 0]} wrap>
          {deliveryButtons(d).map((kind) => (
            <Button key={kind} type="link" size="small" loading={action.isPending && action.variables.id === d.id} onClick={() => void run(d, kind)}>
              {t(`integrations:deliveries.${kind}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <CursorTable<Delivery>
      query={query}
      columns={columns}
      scroll={{ x: 1100 }}
      aria-label={t('integrations:deliveries.tableLabel')}
      expandable={{ expandedRowRender: (d) => <Attempts attempts={d.log} /> }}
    />
  );
}

function Attempts({ attempts }: { attempts: Attempt[] }) {
  const { t } = useTranslation('integrations');
  const columns: ColumnsType<Attempt> = [
    { key: 'n', title: t('deliveries.attempts.number'), width: 70, render: (_, a) => a.attempt },
    { key: 'time', title: t('deliveries.attempts.time'), width: 150, render: (_, a) => formatDateTime(a.started_at) },
    { key: 'duration', title: t('deliveries.attempts.duration'), width: 100, render: (_, a) => t('channels.test.durationMs', { ms: a.duration_ms }) },
    {
      key: 'outcome',
      title: t('deliveries.attempts.outcome'),
      width: 140,
      render: (_, a) => <Tag color={a.outcome === 'delivered' ? 'success' : 'error'}>{t(`outcomes.${a.outcome}`)}</Tag>,
    },
    { key: 'status', title: t('deliveries.attempts.status'), width: 80, render: (_, a) => a.status_code ?? '—' },
    { key: 'answer', title: t('deliveries.attempts.answer'), render: (_, a) => <span className="delivery-answer">{a.answer ?? '—'}</span> },
  ];
  return (
    <Table<Attempt>
      className="delivery-attempts"
      size="small"
      rowKey={(a) => `${a.attempt}-${a.started_at}`}
      columns={columns}
      dataSource={attempts}
      pagination={false}
      aria-label={t('deliveries.attempts.label')}
      locale={{ emptyText: t('deliveries.attempts.none') }}
    />
  );
}

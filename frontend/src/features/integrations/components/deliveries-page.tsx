import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LabelledSelect } from '@/components/console/labelled-select';
import { AdminOnly } from '@/components/console/admin-only';
import { useWebhooks } from '../api/webhooks';
import type { DeliveryFilters } from '../api/query-keys';
import { CHANNELS, DELIVERY_STATES, type Channel, type DeliveryState } from '../utils/integrations';
import { DeliveriesTable } from './deliveries-table';
import './integrations.css';

const ALL = 'all';
const isState = (v: string | null): v is DeliveryState => DELIVERY_STATES.includes(v as DeliveryState);
const isChannel = (v: string | null): v is Channel => CHANNELS.includes(v as Channel);

/** 投递记录: every delivery, filtered by state, channel and webhook subscription (in the address). */
export function DeliveriesPage() {
  const { t } = useTranslation(['integrations', 'common']);
  return (
    <>
      <title>{`${t('integrations:deliveries.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('integrations:deliveries.title')}
      </Typography.Title>
      <AdminOnly>
        <DeliveriesScreen />
      </AdminOnly>
    </>
  );
}

function DeliveriesScreen() {
  const { t } = useTranslation('integrations');
  const [params, setParams] = useSearchParams();
  const state = params.get('state');
  const channel = params.get('channel');
  const subscription = params.get('subscription') ?? undefined;
  const webhooks = useWebhooks();
  const filters: DeliveryFilters = {
    ...(isState(state) ? { state } : {}),
    ...(isChannel(channel) ? { channel } : {}),
    ...(subscription ? { subscription_id: subscription } : {}),
  };
  const setFilter = (name: 'state' | 'channel' | 'subscription', value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === ALL) next.delete(name);
        else next.set(name, value);
        return next;
      },
      { replace: true },
    );
  const subscriptionName = (id: string) => {
    const found = webhooks.data?.find((w) => w.id === id);
    return found ? found.description || found.url : id;
  };

  return (
    <>
      <Typography.Paragraph type="secondary">{t('deliveries.intro')}</Typography.Paragraph>
      <div className="admin-toolbar">
        <Space wrap className="filter-bar">
          <LabelledSelect<string>
            label={t('deliveries.filters.state')}
            value={isState(state) ? state : ALL}
            onChange={(v) => setFilter('state', v)}
            style={{ minWidth: 160 }}
            options={[{ value: ALL, label: t('deliveries.filters.allStates') }, ...DELIVERY_STATES.map((s) => ({ value: s, label: t(`deliveryStates.${s}`) }))]}
          />
          <LabelledSelect<string>
            label={t('deliveries.filters.channel')}
            value={isChannel(channel) ? channel : ALL}
            onChange={(v) => setFilter('channel', v)}
            style={{ minWidth: 160 }}
            options={[{ value: ALL, label: t('deliveries.filters.allChannels') }, ...CHANNELS.map((c) => ({ value: c, label: t(`channelNames.${c}`) }))]}
          />
          <LabelledSelect<string>
            label={t('deliveries.filters.subscription')}
            value={subscription ?? ALL}
            onChange={(v) => setFilter('subscription', v)}
            style={{ minWidth: 220 }}
            loading={webhooks.isPending}
            options={[
              { value: ALL, label: t('deliveries.filters.allSubscriptions') },
              ...(webhooks.data ?? []).map((w) => ({ value: w.id, label: w.description || w.url })),
            ]}
          />
        </Space>
      </div>
      <DeliveriesTable filters={filters} subscriptionName={subscriptionName} />
    </>
  );
}

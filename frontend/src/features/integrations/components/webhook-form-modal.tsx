import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdminFormModal } from '@/components/console/admin-form-modal';
import { NamedSelect } from '@/components/console/named-select';
import { useCreateWebhook, useUpdateWebhook } from '../api/webhooks';
import {
  EVENT_TYPES,
  SUBSCRIPTION_KINDS,
  type EventType,
  webhookFormToBody,
  webhookFormToPatch,
  type SubscriptionKind,
  type WebhookFormValues,
  type WebhookSubscription,
} from '../utils/integrations';

const FIELDS = ['kind', 'url', 'description', 'event_types'] as const;
const HTTP_URL = /^https?:\/\/\S+$/i;

/**
 * A new subscription (`subscription` absent; resolves with the secret to show once) or changes
 * to one. The provincial kind takes no event types: it receives its own milestones.
 */
export function WebhookFormModal({
  open,
  subscription,
  onClose,
  onCreated,
}: {
  open: boolean;
  subscription?: WebhookSubscription;
  onClose: () => void;
  onCreated?: (secret: string) => void;
}) {
  const { t } = useTranslation(['integrations', 'admin']);
  const [form] = Form.useForm<WebhookFormValues>();
  const kind = Form.useWatch('kind', form) ?? subscription?.kind;
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const editing = subscription !== undefined;

  return (
    <AdminFormModal<WebhookFormValues>
      name={editing ? 'webhook-edit' : 'webhook-create'}
      open={open}
      title={t(editing ? 'integrations:webhooks.edit.title' : 'integrations:webhooks.create.title')}
      okText={t(editing ? 'integrations:webhooks.edit.ok' : 'integrations:webhooks.create.ok')}
      width={640}
      form={form}
      fields={FIELDS}
      initialValues={
        subscription
          ? { kind: subscription.kind, url: subscription.url, description: subscription.description, event_types: subscription.event_types }
          : { kind: 'standard_webhooks', event_types: [] }
      }
      onClose={onClose}
      onSubmit={async (values) => {
        if (subscription) {
          await update.mutateAsync({ id: subscription.id, patch: webhookFormToPatch({ ...values, kind: subscription.kind }) });
          return t('integrations:webhooks.edit.done');
        }
        const created = await create.mutateAsync(webhookFormToBody(values));
        onCreated?.(created.secret);
        return t('integrations:webhooks.create.done');
      }}
    >
      <Form.Item name="kind" label={t('integrations:webhooks.fields.kind')} rules={[{ required: true, message: t('admin:form.required') }]}>
        <NamedSelect<SubscriptionKind>
          listLabel={t('integrations:webhooks.fields.kind')}
          disabled={editing}
          options={SUBSCRIPTION_KINDS.map((k) => ({ value: k, label: t(`integrations:subscriptionKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="url"
        label={t('integrations:webhooks.fields.url')}
        rules={[
          { required: true, whitespace: true, message: t('admin:form.required') },
          { pattern: HTTP_URL, message: t('integrations:webhooks.fields.urlRule') },
        ]}
      >
        <Input type="url" autoComplete="off" maxLength={2000} placeholder="https://" />
      </Form.Item>
      <Form.Item name="description" label={t('integrations:webhooks.fields.description')}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      {kind === 'provincial' ? (
        <Form.Item label={t('integrations:webhooks.fields.eventTypes')}>
          <span>{t('integrations:webhooks.fields.provincialHint')}</span>
        </Form.Item>
      ) : (
        <Form.Item name="event_types" label={t('integrations:webhooks.fields.eventTypes')} extra={t('integrations:webhooks.fields.eventTypesHint')}>
          <NamedSelect<EventType[]>
            mode="multiple"
            allowClear
            listLabel={t('integrations:webhooks.fields.eventTypes')}
            showSearch={{ optionFilterProp: 'label' }}
            options={EVENT_TYPES.map((type) => ({ value: type, label: `${t(`integrations:eventTypes.${type}`)} (${type})` }))}
          />
        </Form.Item>
      )}
    </AdminFormModal>
  );
}

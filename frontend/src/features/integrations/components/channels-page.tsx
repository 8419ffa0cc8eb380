import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AdminOnly } from '@/components/console/admin-only';
import { LoadFailed } from '@/components/console/load-failed';
import { mapErrorToForm } from '@/lib/api/problem';
import { formatDateTime } from '@/lib/format/date';
import { useChannelSettings, useSaveChannel, useTestChannel } from '../api/channels';
import {
  CHANNEL_FIELDS,
  CHANNEL_SECRETS,
  channelFieldAliases,
  channelFormToBody,
  channelFormValues,
  SETTING_CHANNELS,
  SMTP_SECURITIES,
  type ChannelFormValues,
  type ChannelSettings,
  type SettingChannel,
} from '../utils/integrations';
import './integrations.css';

/** 消息通道: one form per external channel, and a test message. */
export function ChannelsPage() {
  const { t } = useTranslation(['integrations', 'common']);
  return (
    <>
      <title>{`${t('integrations:channels.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('integrations:channels.title')}
      </Typography.Title>
      <AdminOnly>
        <Typography.Paragraph type="secondary">{t('integrations:channels.intro')}</Typography.Paragraph>
        <Tabs
          items={SETTING_CHANNELS.map((channel) => ({
            key: channel,
            label: t(`integrations:channelNames.${channel}`),
            children: <ChannelPanel channel={channel} />,
          }))}
        />
      </AdminOnly>
    </>
  );
}

function ChannelPanel({ channel }: { channel: SettingChannel }) {
  const query = useChannelSettings(channel);
  if (query.isError) return <LoadFailed error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return null;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <ChannelForm channel={channel} settings={query.data} />
      <ChannelTest channel={channel} />
    </Space>
  );
}

function ChannelForm({ channel, settings }: { channel: SettingChannel; settings: ChannelSettings }) {
  const { t } = useTranslation(['integrations', 'common']);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<ChannelFormValues>();
  const save = useSaveChannel(channel);
  const [formErrors, setFormErrors] = useState<string[]>([]);

  useEffect(() => {
    form.setFieldsValue(channelFormValues(channel, settings));
  }, [channel, settings, form]);

  const fields = [...CHANNEL_FIELDS[channel], ...CHANNEL_SECRETS[channel].map((s) => `secret_${s}`), 'enabled'];

  const submit = async (values: ChannelFormValues) => {
    setFormErrors([]);
    try {
      await save.mutateAsync(channelFormToBody(channel, values));
      void message.success(t('integrations:channels.saved', { channel: t(`integrations:channelNames.${channel}`) }));
    } catch (error) {
      const view = mapErrorToForm(
        error,
        fields,
        { network: t('common:errors.network'), server: t('common:errors.server') },
        channelFieldAliases(channel),
      );
      form.setFields(Object.entries(view.fields).map(([name, errors]) => ({ name, errors: errors as string[] })));
      setFormErrors(view.form);
    }
  };


  return (
    <Card title={t(`integrations:channelNames.${channel}`)} size="small">
      <Form<ChannelFormValues> form={form} name={`channel-${channel}`} layout="vertical" onFinish={(v) => void submit(v)} className="channel-form">
        {formErrors.length > 0 && <Alert type="error" showIcon title={formErrors.join(' ')} className="action-errors" />}
        <Form.Item name="enabled" label={t('integrations:channels.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {CHANNEL_FIELDS[channel].map((field) => (
          <Form.Item key={field} name={field} label={t(`integrations:channels.fields.${field}`)}>
            {field === 'port' ? (
              <InputNumber min={1} max={65535} style={{ width: 160 }} />
            ) : field === 'security' ? (
              <Select
                aria-label={t('integrations:channels.fields.security')}
                allowClear
                style={{ maxWidth: 240 }}
                options={SMTP_SECURITIES.map((s) => ({ value: s, label: t(`integrations:smtpSecurity.${s}`) }))}
              />
            ) : field === 'provider' ? (
              <Select
                aria-label={t('integrations:channels.fields.provider')}
                allowClear
                style={{ maxWidth: 240 }}
                options={(['aliyun', 'generic'] as const).map((p) => ({ value: p, label: t(`integrations:smsProviders.${p}`) }))}
              />
            ) : (
              <Input autoComplete="off" maxLength={500} type={field === 'from' ? 'email' : undefined} />
            )}
          </Form.Item>
        ))}
        {CHANNEL_SECRETS[channel].map((secret) => {
          const set = settings.secrets_set.includes(secret);
          return (
            <Form.Item
              key={secret}
              name={`secret_${secret}`}
              label={
                <Space size={6}>
                  {t(`integrations:channels.secrets.${secret}`)}
                  <Tag color={set ? 'success' : 'default'}>
                    {set ? t('integrations:channels.secretSet') : t('integrations:channels.secretNotSet')}
                  </Tag>
                </Space>
              }
              extra={set ? t('integrations:channels.secretKeep') : undefined}
            >
              <Input.Password autoComplete="new-password" visibilityToggle={false} />
            </Form.Item>
          );
        })}
        <Space>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('integrations:channels.save')}
          </Button>
          {settings.updated_at && (
            <Typography.Text type="secondary">
              {t('integrations:channels.updatedAt', { time: formatDateTime(settings.updated_at) })}
            </Typography.Text>
          )}
        </Space>
      </Form>
    </Card>
  );
}

interface TestValues {
  email?: string;
  phone?: string;
}

function ChannelTest({ channel }: { channel: SettingChannel }) {
  const { t } = useTranslation(['integrations', 'common']);
  const [form] = Form.useForm<TestValues>();
  const test = useTestChannel(channel);
  const [failure, setFailure] = useState<string[]>([]);
  const send = async (values: TestValues) => {
    setFailure([]);
    try {
      await test.mutateAsync(channel === 'email' ? { email: values.email?.trim() || null } : { phone: values.phone?.trim() || null });
    } catch (error) {
      const view = mapErrorToForm(error, ['email', 'phone'], { network: t('common:errors.network'), server: t('common:errors.server') });
      form.setFields(Object.entries(view.fields).map(([name, errors]) => ({ name: name as keyof TestValues, errors: errors as string[] })));
      setFailure(view.form);
    }
  };
  const result = test.data;
  return (
    <Card title={t('integrations:channels.test.title')} size="small">
      <Form<TestValues> form={form} name={`channel-test-${channel}`} layout="inline" onFinish={(v) => void send(v)}>
        {channel === 'email' ? (
          <Form.Item name="email" label={t('integrations:channels.test.email')}>
            <Input type="email" autoComplete="off" style={{ width: 260 }} />
          </Form.Item>
        ) : (
          <Form.Item name="phone" label={t('integrations:channels.test.phone')}>
            <Input type="tel" autoComplete="off" style={{ width: 200 }} />
          </Form.Item>
        )}
        <Button htmlType="submit" loading={test.isPending}>
          {t('integrations:channels.test.send')}
        </Button>
      </Form>
      {failure.length > 0 && <Alert type="error" showIcon className="channel-test-result" title={t('integrations:channels.test.failed')} description={failure.join(' ')} />}
      {result && (
        <div role="status" className="channel-test-result">
          <Descriptions size="small" column={1} bordered title={t('integrations:channels.test.result')}>
            <Descriptions.Item label={t('integrations:channels.test.outcome')}>
              <Tag color={result.outcome === 'delivered' ? 'success' : 'error'}>{t(`integrations:outcomes.${result.outcome}`)}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('integrations:channels.test.status')}>{result.status_code ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('integrations:channels.test.duration')}>
              {t('integrations:channels.test.durationMs', { ms: result.duration_ms })}
            </Descriptions.Item>
            <Descriptions.Item label={t('integrations:channels.test.answer')}>
              <span className="delivery-answer">{result.answer ?? '—'}</span>
            </Descriptions.Item>
          </Descriptions>
        </div>
      )}
    </Card>
  );
}

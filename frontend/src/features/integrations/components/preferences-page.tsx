import { Alert, App as AntApp, Button, Checkbox, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/console/load-failed';
import { mapErrorToForm } from '@/lib/api/problem';
import { usePreferences, useSavePreferences } from '../api/preferences';
import {
  PERSONAL_CHANNELS,
  preferencesToBody,
  preferenceValues,
  TOPICS,
  type PreferenceValues,
  type Preferences,
  type SettingChannel,
  type Topic,
} from '../utils/integrations';

/** 通知偏好: the signed-in official's external channels per topic; in-app is always on. */
export function PreferencesPage() {
  const { t } = useTranslation(['integrations', 'common']);
  const query = usePreferences();
  return (
    <>
      <title>{`${t('integrations:preferences.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('integrations:preferences.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('integrations:preferences.intro')}</Typography.Paragraph>
      {query.isError && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <PreferencesForm preferences={query.data} />}
    </>
  );
}

function PreferencesForm({ preferences }: { preferences: Preferences }) {
  const { t } = useTranslation(['integrations', 'common']);
  const { message } = AntApp.useApp();
  const save = useSavePreferences();
  const [values, setValues] = useState<PreferenceValues>(() => preferenceValues(preferences));
  const [errors, setErrors] = useState<string[]>([]);

  const isDefault = (topic: Topic) => preferences.preferences.find((p) => p.topic === topic)?.default ?? true;
  const enabled = (channel: SettingChannel) => preferences.enabled_channels.includes(channel);
  const toggle = (topic: Topic, channel: SettingChannel, on: boolean) =>
    setValues((current) => ({
      ...current,
      [topic]: on ? PERSONAL_CHANNELS.filter((c) => c === channel || current[topic].includes(c)) : current[topic].filter((c) => c !== channel),
    }));

  const submit = async () => {
    setErrors([]);
    try {
      await save.mutateAsync(preferencesToBody(values));
      void message.success(t('integrations:preferences.saved'));
    } catch (error) {
      const view = mapErrorToForm(error, [], { network: t('common:errors.network'), server: t('common:errors.server') });
      setErrors(view.form);
    }
  };

  const columns: ColumnsType<{ topic: Topic }> = [
    {
      key: 'topic',
      title: t('integrations:preferences.topic'),
      width: 200,
      render: (_, { topic }) => (
        <>
          <div>{t(`integrations:topics.${topic}`)}</div>
          <Tag color={isDefault(topic) ? 'default' : 'processing'}>
            {isDefault(topic) ? t('integrations:preferences.default') : t('integrations:preferences.chosen')}
          </Tag>
        </>
      ),
    },
    {
      key: 'in_app',
      title: t('integrations:preferences.inApp'),
      width: 120,
      render: (_, { topic }) => (
        <Checkbox checked disabled aria-label={t('integrations:preferences.channelFor', { topic: t(`integrations:topics.${topic}`), channel: t('integrations:preferences.inApp') })}>
          {t('integrations:preferences.alwaysOn')}
        </Checkbox>
      ),
    },
    ...PERSONAL_CHANNELS.map((channel) => ({
      key: channel,
      title: (
        <>
          {t(`integrations:channelNames.${channel}`)}
          {!enabled(channel) && <Typography.Text type="secondary"> {t('integrations:preferences.notEnabled')}</Typography.Text>}
        </>
      ),
      width: 140,
      render: (_: unknown, { topic }: { topic: Topic }) => (
        <Checkbox
          checked={values[topic].includes(channel)}
          onChange={(e) => toggle(topic, channel, e.target.checked)}
          aria-label={t('integrations:preferences.channelFor', { topic: t(`integrations:topics.${topic}`), channel: t(`integrations:channelNames.${channel}`) })}
        />
      ),
    })),
  ];

  return (
    <>
      {PERSONAL_CHANNELS.some((c) => !enabled(c)) && <Alert type="info" showIcon title={t('integrations:preferences.notEnabledHint')} style={{ marginBottom: 16 }} />}
      {errors.length > 0 && <Alert type="error" showIcon className="action-errors" title={t('integrations:preferences.failed')} description={errors.join(' ')} style={{ marginBottom: 16 }} />}
      <Table<{ topic: Topic }>
        rowKey="topic"
        columns={columns}
        dataSource={TOPICS.map((topic) => ({ topic }))}
        pagination={false}
        scroll={{ x: 880 }}
        aria-label={t('integrations:preferences.tableLabel')}
      />
      <div style={{ marginTop: 16 }}>
        <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
          {t('integrations:preferences.save')}
        </Button>
      </div>
    </>
  );
}

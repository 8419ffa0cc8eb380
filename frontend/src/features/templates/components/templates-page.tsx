import { App as AntApp, Button, Card, Descriptions, Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/console/load-failed';
import { mapErrorToForm } from '@/lib/api/problem';
import type { NotificationKind } from '@/lib/api/types';
import { AdminOnly } from '@/components/console/admin-only';
import { usePutTemplate, useResetTemplate, useTemplates, type KindTemplates, type TemplateLanguage } from '../api/templates';

const FIELDS = ['title', 'body'] as const;
type Field = (typeof FIELDS)[number];

/** 消息模板: the county's own wording of each kind of message, per language. */
export function TemplatesPage() {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <>
      <title>{`${t('admin:templates.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('admin:templates.title')}
      </Typography.Title>
      <AdminOnly>
        <TemplatesScreen />
      </AdminOnly>
    </>
  );
}

function TemplatesScreen() {
  const { t } = useTranslation('admin');
  const query = useTemplates();
  const [kind, setKind] = useState<NotificationKind | undefined>();
  const [language, setLanguage] = useState<TemplateLanguage>('zh-CN');
  if (query.isError) return <LoadFailed error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data?.items ?? [];
  const selected = items.find((k) => k.kind === kind) ?? items[0];
  return (
    <Card loading={query.isPending}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          aria-label={t('templates.kind')}
          style={{ minWidth: 240 }}
          value={selected?.kind}
          onChange={setKind}
          options={items.map((k) => ({ value: k.kind, label: t(`templates.kinds.${k.kind}`) }))}
        />
        <Radio.Group
          aria-label={t('templates.language')}
          optionType="button"
          value={language}
          onChange={(e) => setLanguage(e.target.value as TemplateLanguage)}
          options={[
            { value: 'zh-CN', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
        />
      </Space>
      {selected && <TemplateEditor key={`${selected.kind}-${language}`} kind={selected} language={language} />}
    </Card>
  );
}

function TemplateEditor({ kind, language }: { kind: KindTemplates; language: TemplateLanguage }) {
  const { t } = useTranslation(['admin', 'common']);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Record<Field, string>>();
  const put = usePutTemplate();
  const reset = useResetTemplate();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const current = kind.languages.find((l) => l.language === language);
  const custom = current?.custom;
  useEffect(() => {
    form.setFieldsValue({
      title: custom?.title ?? current?.default_title ?? '',
      body: custom?.body ?? current?.default_body ?? '',
    });
  }, [form, custom, current]);
  if (!current) return null;
  const fallback = { network: t('common:errors.network'), server: t('common:errors.server') };

  const save = async (values: Record<Field, string>) => {
    setFormErrors([]);
    try {
      await put.mutateAsync({ kind: kind.kind, language, body: values });
      void message.success(t('admin:templates.saved'));
    } catch (error) {
      const view = mapErrorToForm(error, FIELDS, fallback);
      form.setFields(FIELDS.map((name) => ({ name, errors: view.fields[name] ?? [] })));
      setFormErrors(view.form);
    }
  };

  const restore = async () => {
    setFormErrors([]);
    try {
      await reset.mutateAsync({ kind: kind.kind, language });
      void message.success(t('admin:templates.resetDone'));
    } catch (error) {
      setFormErrors(mapErrorToForm(error, [], fallback).form);
    }
  };

  return (
    <>
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('admin:templates.placeholders')}>
          <Space wrap size={[4, 4]}>
            {kind.placeholders.map((p) => (
              <Tag key={p}>{`{${p}}`}</Tag>
            ))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('admin:templates.defaultTitle')}>{current.default_title}</Descriptions.Item>
        <Descriptions.Item label={t('admin:templates.defaultBody')}>{current.default_body}</Descriptions.Item>
        <Descriptions.Item label={t('admin:templates.state')}>
          {custom ? <Tag color="blue">{t('admin:templates.custom')}</Tag> : <Tag>{t('admin:templates.builtIn')}</Tag>}
        </Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" name="template" onFinish={(v) => void save(v)}>
        <Form.Item name="title" label={t('admin:templates.fields.title')} rules={[{ required: true, message: t('admin:form.required') }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="body" label={t('admin:templates.fields.body')} extra={t('admin:templates.syntax')} rules={[{ required: true, message: t('admin:form.required') }]}>
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
        {formErrors.map((e) => (
          <Typography.Paragraph key={e} type="danger">
            {e}
          </Typography.Paragraph>
        ))}
        <Space>
          <Button type="primary" htmlType="submit" loading={put.isPending}>
            {t('admin:templates.save')}
          </Button>
          <Button disabled={!custom} loading={reset.isPending} onClick={() => void restore()}>
            {t('admin:templates.reset')}
          </Button>
        </Space>
      </Form>
    </>
  );
}

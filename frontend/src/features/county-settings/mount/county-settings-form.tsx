/**
 * 县级配置: a county's settings as one form (office hours with an optional seasonal timetable,
 * the acknowledgement window, both chasing ladders, the rectification period, the target, the
 * threshold in 万元, the case-number prefix, a note) with the history of versions below.
 * Without `county` it edits the caller's own county; with a county's code, that county's
 * through the platform administrator's endpoints.
 */
import { Alert, App as AntApp, Button, Card, Form, Input, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/console/load-failed';
import { ApiError } from '@/lib/api/problem';
import { formatDateTime } from '@/lib/format/date';
import {
  useCountySettings,
  useCountySettingsHistory,
  useSaveCountySettings,
  type SettingsVersion,
} from '../api/county-settings';
import { formPath, toBody, toFormValues, type LadderStep, type SettingsFormValues } from '../utils/settings-form';

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const MONTH_DAY = /^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const KINDS = ['reminder', 'at_deadline', 'escalation'] as const;
const LEVELS = ['agent', 'department_leader', 'office', 'supervisor'] as const;
const UNITS = ['office_minutes', 'working_days'] as const;

export function CountySettingsForm({ county }: { county?: string }) {
  const { t } = useTranslation(['settings', 'common']);
  const query = useCountySettings(county);
  if (query.isError) return <LoadFailed error={query.error} onRetry={() => void query.refetch()} />;
  if (!query.data) return <Card loading />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('settings:intro')}</Typography.Paragraph>
      <Typography.Text strong>
        {query.data.version === 0 ? t('settings:defaults') : t('settings:version', { version: query.data.version })}
      </Typography.Text>
      <SettingsEditor
        key={`${county ?? ''}:${query.data.version}`}
        county={county}
        version={query.data.version}
        initial={toFormValues(query.data.settings)}
      />
      <SettingsHistory county={county} />
    </Space>
  );
}

function SettingsEditor({
  county,
  version,
  initial,
}: {
  county?: string;
  version: number;
  initial: SettingsFormValues;
}) {
  const { t } = useTranslation(['settings', 'common']);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<SettingsFormValues>();
  const save = useSaveCountySettings(county);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const seasonal = Form.useWatch('seasonal_enabled', form);

  const onFinish = (values: SettingsFormValues) => {
    setFormErrors([]);
    const note = values.note.trim();
    save.mutate(
      { version, settings: toBody(values), note: note === '' ? null : note },
      {
        onSuccess: (saved) => void message.success(t('settings:saved', { version: saved.version })),
        onError: (error) => {
          if (!(error instanceof ApiError) || !error.problem || error.status >= 500) {
            setFormErrors([error instanceof ApiError && error.status < 500 ? error.message : t('common:errors.server')]);
            return;
          }
          const placed = (error.problem.errors ?? []).map((e) => ({ name: formPath(e.field), errors: [e.message] }));
          form.setFields(placed as Parameters<typeof form.setFields>[0]);
          const summary = error.problem.detail ?? error.problem.title;
          setFormErrors([
            summary,
            ...(error.problem.errors ?? []).map((e) => `${e.field}: ${e.message}`),
          ]);
        },
      },
    );
  };

  return (
    <Form form={form} layout="vertical" initialValues={initial} onFinish={onFinish}>
      <Card title={t('settings:officeHours.heading')} size="small">
        <Typography.Text>{t('settings:officeHours.standard')}</Typography.Text>
        <SpanList name="standard" />
        <Form.Item name="seasonal_enabled" label={t('settings:officeHours.seasonal')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {seasonal ? (
          <>
            <Space wrap>
              <Form.Item
                name="seasonal_from"
                label={t('settings:officeHours.from')}
                rules={[{ required: true, pattern: MONTH_DAY }]}
              >
                <Input placeholder="05-01" style={{ width: 120 }} />
              </Form.Item>
              <Form.Item
                name="seasonal_until"
                label={t('settings:officeHours.until')}
                rules={[{ required: true, pattern: MONTH_DAY }]}
              >
                <Input placeholder="09-30" style={{ width: 120 }} />
              </Form.Item>
            </Space>
            <SpanList name="seasonal_hours" />
          </>
        ) : null}
      </Card>

      <Card title={t('settings:limits.heading')} size="small" style={{ marginTop: 16 }}>
        <Space wrap size="large">
          <Form.Item name="acknowledge_within_minutes" label={t('settings:limits.acknowledge')} rules={[{ required: true }]}>
            <InputNumber min={5} max={480} precision={0} />
          </Form.Item>
          <Form.Item
            name="rectification_working_days"
            label={t('settings:limits.rectification')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} max={60} precision={0} />
          </Form.Item>
          <Form.Item name="target_working_days" label={t('settings:limits.target')} rules={[{ required: true }]}>
            <InputNumber min={1} max={750} precision={0} />
          </Form.Item>
        </Space>
      </Card>

      <Card title={t('settings:ladders.acknowledgement')} size="small" style={{ marginTop: 16 }}>
        <LadderTable name="acknowledgement_ladder" />
      </Card>
      <Card title={t('settings:ladders.finishing')} size="small" style={{ marginTop: 16 }}>
        <LadderTable name="finishing_ladder" />
      </Card>

      <Card title={t('settings:other.heading')} size="small" style={{ marginTop: 16 }}>
        <Space wrap size="large" align="start">
          <Form.Item name="investment_threshold_wan" label={t('settings:other.threshold')} rules={[{ required: true }]}>
            <InputNumber min={0} max={10_000_000_000} precision={2} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item
            name="case_number_prefix"
            label={t('settings:other.prefix')}
            extra={t('settings:other.prefixHelp')}
            rules={[{ pattern: /^$|^[A-Za-z0-9](?:[A-Za-z0-9-]{0,10}[A-Za-z0-9])?$/ }]}
          >
            <Input maxLength={12} style={{ width: 200 }} />
          </Form.Item>
        </Space>
      </Card>

      <Form.Item name="note" label={t('settings:note')} style={{ marginTop: 16 }}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
      {formErrors.length > 0 ? (
        <Alert
          type="error"
          showIcon
          title={formErrors[0]}
          description={
            formErrors.length > 1 ? (
              <ul>
                {formErrors.slice(1).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Button type="primary" htmlType="submit" loading={save.isPending}>
        {t('settings:save')}
      </Button>
    </Form>
  );
}

/** A list of office intervals (`HH:MM`–`HH:MM`). */
function SpanList({ name }: { name: 'standard' | 'seasonal_hours' }) {
  const { t } = useTranslation('settings');
  return (
    <Form.List name={name}>
      {(fields, { add, remove }, { errors }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" wrap>
              <Form.Item name={[field.name, 'start']} label={t('officeHours.start')} rules={[{ required: true, pattern: TIME }]}>
                <Input placeholder="09:00" style={{ width: 100 }} />
              </Form.Item>
              <Form.Item name={[field.name, 'end']} label={t('officeHours.end')} rules={[{ required: true, pattern: TIME }]}>
                <Input placeholder="12:00" style={{ width: 100 }} />
              </Form.Item>
              <Button onClick={() => remove(field.name)} disabled={fields.length <= 1}>
                {t('officeHours.remove')}
              </Button>
            </Space>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" onClick={() => add({ start: '', end: '' })} style={{ marginBottom: 16 }}>
            {t('officeHours.addSpan')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

/** One chasing ladder as an editable table. */
function LadderTable({ name }: { name: 'acknowledgement_ladder' | 'finishing_ladder' }) {
  const { t } = useTranslation('settings');
  const newStep: LadderStep = { code: '', kind: 'escalation', notify: 'office', offset: 1, unit: 'working_days' };
  const kinds = useMemo(() => KINDS.map((k) => ({ value: k, label: t(`ladders.kinds.${k}`) })), [t]);
  const levels = useMemo(() => LEVELS.map((l) => ({ value: l, label: t(`ladders.levels.${l}`) })), [t]);
  const units = useMemo(() => UNITS.map((u) => ({ value: u, label: t(`ladders.units.${u}`) })), [t]);
  return (
    <Form.List name={name}>
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={fields}
            columns={[
              {
                title: t('ladders.code'),
                render: (_, field) => (
                  <Form.Item name={[field.name, 'code']} rules={[{ required: true }]} style={{ margin: 0 }}>
                    <Input aria-label={t('ladders.code')} />
                  </Form.Item>
                ),
              },
              {
                title: t('ladders.kind'),
                render: (_, field) => (
                  <Form.Item name={[field.name, 'kind']} style={{ margin: 0 }}>
                    <Select aria-label={t('ladders.kind')} options={kinds} style={{ minWidth: 130 }} />
                  </Form.Item>
                ),
              },
              {
                title: t('ladders.notify'),
                render: (_, field) => (
                  <Form.Item name={[field.name, 'notify']} style={{ margin: 0 }}>
                    <Select aria-label={t('ladders.notify')} options={levels} style={{ minWidth: 150 }} />
                  </Form.Item>
                ),
              },
              {
                title: t('ladders.offset'),
                render: (_, field) => (
                  <Form.Item name={[field.name, 'offset']} rules={[{ required: true }]} style={{ margin: 0 }}>
                    <InputNumber aria-label={t('ladders.offset')} min={-5000} max={5000} precision={0} />
                  </Form.Item>
                ),
              },
              {
                title: t('ladders.unit'),
                render: (_, field) => (
                  <Form.Item name={[field.name, 'unit']} style={{ margin: 0 }}>
                    <Select aria-label={t('ladders.unit')} options={units} style={{ minWidth: 120 }} />
                  </Form.Item>
                ),
              },
              {
                title: '',
                render: (_, field) => <Button onClick={() => remove(field.name)}>{t('officeHours.remove')}</Button>,
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          <Button type="dashed" onClick={() => add(newStep)} style={{ marginTop: 8 }}>
            {t('ladders.add')}
          </Button>
        </>
      )}
    </Form.List>
  );
}

function SettingsHistory({ county }: { county?: string }) {
  const { t } = useTranslation('settings');
  const history = useCountySettingsHistory(county);
  if (history.isError) return <LoadFailed error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <Card title={t('history.heading')} size="small" loading={history.isPending}>
      <Table<SettingsVersion>
        size="small"
        rowKey="version"
        pagination={false}
        dataSource={history.data ?? []}
        locale={{ emptyText: t('history.empty') }}
        columns={[
          { title: t('history.version'), dataIndex: 'version' },
          { title: t('history.when'), render: (_, v) => formatDateTime(v.created_at) },
          { title: t('history.who'), render: (_, v) => v.created_by_name ?? '' },
          { title: t('history.note'), render: (_, v) => v.note ?? '' },
          {
            title: t('history.changes'),
            render: (_, v) => (
              <>
                <ul style={{ margin: 0, paddingInlineStart: 16 }}>
                  {v.changes.map((c) => (
                    <li key={c.field}>
                      <code>{c.field}</code>: {JSON.stringify(c.from)} → {JSON.stringify(c.to)}
                    </li>
                  ))}
                </ul>
                <Typography.Text type="secondary">
                  {t('history.applies', { count: v.running_on_earlier_versions })}
                </Typography.Text>
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}

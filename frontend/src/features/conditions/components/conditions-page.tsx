import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Empty, Form, Input, Modal, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mapErrorToForm } from '@/lib/api/problem';
import type { ConditionSeverity, ConditionSource } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format/date';
import { useConditions, useAddCondition, useLiftCondition, type ConditionIn, type ConditionOut } from '../api/conditions';
import type { ConditionFilters } from '../api/query-keys';
import { BlacklistImport } from './blacklist-import';

export const SEVERITIES: readonly ConditionSeverity[] = ['notice', 'hold', 'lock'];
export const SOURCES: readonly ConditionSource[] = ['credit_platform', 'court', 'department', 'office'];
const SEVERITY_COLOR: Record<ConditionSeverity, string> = { notice: 'blue', hold: 'warning', lock: 'error' };

/**
 * 信用与限制: the county's conditions (notice / hold / lock) on enterprises and cases, with
 * filters; the office adds one, lifts one with a reason, or imports the credit platform's list
 * (a dry run first, its problems shown by sheet, row and column).
 */
export function ConditionsPage() {
  const { t } = useTranslation(['conditions', 'common']);
  const [filters, setFilters] = useState<ConditionFilters>({ in_force: true });
  const [adding, setAdding] = useState(false);
  const [lifting, setLifting] = useState<ConditionOut | null>(null);
  const list = useConditions(filters);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <title>{`${t('conditions:title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">{t('conditions:title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }} role="group" aria-label={t('conditions:filters')}>
        <Select<ConditionSeverity | ''>
          aria-label={t('conditions:fields.severity')}
          style={{ minWidth: 140 }}
          value={filters.severity ?? ''}
          onChange={(severity) => setFilters({ ...filters, severity: severity || undefined })}
          options={[
            { value: '', label: t('conditions:allSeverities') },
            ...SEVERITIES.map((s) => ({ value: s, label: t(`conditions:severities.${s}`) })),
          ]}
        />
        <Space>
          <Switch
            aria-label={t('conditions:inForceOnly')}
            checked={filters.in_force === true}
            onChange={(on) => setFilters({ ...filters, in_force: on ? true : undefined })}
          />
          <span aria-hidden>{t('conditions:inForceOnly')}</span>
        </Space>
        <Input.Search
          aria-label={t('conditions:fields.creditCode')}
          placeholder={t('conditions:fields.creditCode')}
          allowClear
          onSearch={(value) => setFilters({ ...filters, credit_code: value.trim() || undefined })}
        />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setAdding(true)}>
          {t('conditions:add')}
        </Button>
        <BlacklistImport />
      </Space>
      <Table<ConditionOut>
        rowKey="id"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('conditions:empty')} /> }}
        columns={[
          {
            title: t('conditions:fields.severity'),
            dataIndex: 'severity',
            render: (s: ConditionSeverity) => <Tag color={SEVERITY_COLOR[s]}>{t(`conditions:severities.${s}`)}</Tag>,
          },
          {
            title: t('conditions:fields.target'),
            key: 'target',
            render: (_, c) =>
              c.credit_code ? (
                <span>
                  {c.enterprise_name ? `${c.enterprise_name} ` : ''}
                  <span className="credit-code">{c.credit_code}</span>
                </span>
              ) : (
                t('conditions:onCase')
              ),
          },
          { title: t('conditions:fields.source'), dataIndex: 'source', render: (s: ConditionSource) => t(`conditions:sources.${s}`) },
          { title: t('conditions:fields.sourceRef'), dataIndex: 'source_ref', render: (r: string | null) => r ?? '—' },
          { title: t('conditions:fields.reason'), dataIndex: 'reason' },
          {
            title: t('conditions:fields.period'),
            key: 'period',
            render: (_, c) => `${c.valid_from} – ${c.valid_until ?? t('conditions:untilLifted')}`,
          },
          {
            title: t('conditions:fields.state'),
            key: 'state',
            render: (_, c) =>
              c.lifted_at ? (
                <span title={c.lift_reason ?? ''}>{t('conditions:liftedAt', { at: formatDateTime(c.lifted_at) })}</span>
              ) : c.in_force ? (
                <Tag color="error">{t('conditions:inForce')}</Tag>
              ) : (
                <Tag>{t('conditions:notInForce')}</Tag>
              ),
          },
          {
            title: t('conditions:actions'),
            key: 'actions',
            render: (_, c) =>
              !c.lifted_at && (
                <Button size="small" onClick={() => setLifting(c)}>
                  {t('conditions:lift')}
                </Button>
              ),
          },
        ]}
      />
      {list.hasNextPage && (
        <Button style={{ marginTop: 16 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('conditions:more')}
        </Button>
      )}
      <AddConditionModal open={adding} onClose={() => setAdding(false)} />
      <LiftConditionModal condition={lifting} onClose={() => setLifting(null)} />
    </>
  );
}

const ADD_FIELDS = ['credit_code', 'case_id', 'enterprise_name', 'severity', 'source', 'source_ref', 'reason', 'valid_from', 'valid_until'] as const;
type AddField = (typeof ADD_FIELDS)[number];

interface AddValues {
  target: 'enterprise' | 'case';
  credit_code?: string;
  case_id?: string;
  enterprise_name?: string;
  severity: ConditionSeverity;
  source: ConditionSource;
  source_ref?: string;
  reason: string;
  valid_from: string;
  valid_until?: string;
}

function AddConditionModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation(['conditions', 'common']);
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const add = useAddCondition();
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const target = Form.useWatch('target', form) ?? 'enterprise';

  const submit = async (values: AddValues) => {
    const body: ConditionIn = {
      severity: values.severity,
      source: values.source,
      reason: values.reason,
      valid_from: values.valid_from,
      valid_until: values.valid_until || null,
      source_ref: values.source_ref || null,
      ...(values.target === 'enterprise'
        ? { credit_code: values.credit_code ?? '', enterprise_name: values.enterprise_name || null }
        : { case_id: values.case_id ?? '' }),
    };
    try {
      await add.mutateAsync(body);
      setFormErrors([]);
      form.resetFields();
      void message.success(t('conditions:added'));
      onClose();
    } catch (error) {
      const mapped = mapErrorToForm<AddField>(error, ADD_FIELDS, {
        network: t('common:status.loadFailed'),
        server: t('common:status.loadFailed'),
      }, { target: 'credit_code' });
      form.setFields(
        ADD_FIELDS.map((name) => ({ name, errors: mapped.fields[name] ?? [] })),
      );
      setFormErrors(mapped.form);
    }
  };

  return (
    <Modal
      open={open}
      title={t('conditions:addTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('conditions:add')}
      confirmLoading={add.isPending}
      destroyOnHidden
      width={640}
    >
      <Form<AddValues>
        form={form}
        layout="vertical"
        initialValues={{ target: 'enterprise', severity: 'hold', source: 'office' }}
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="target" label={t('conditions:fields.target')}>
          <Radio.Group
            options={[
              { value: 'enterprise', label: t('conditions:targets.enterprise') },
              { value: 'case', label: t('conditions:targets.case') },
            ]}
          />
        </Form.Item>
        {target === 'enterprise' ? (
          <>
            <Form.Item name="credit_code" label={t('conditions:fields.creditCode')} rules={[{ required: true, message: t('conditions:problems.creditCode') }]}>
              <Input maxLength={18} className="credit-code" />
            </Form.Item>
            <Form.Item name="enterprise_name" label={t('conditions:fields.enterpriseName')}>
              <Input maxLength={200} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="case_id" label={t('conditions:fields.caseId')} extra={t('conditions:caseIdHint')} rules={[{ required: true, message: t('conditions:problems.caseId') }]}>
            <Input />
          </Form.Item>
        )}
        <Form.Item name="severity" label={t('conditions:fields.severity')} extra={t('conditions:severityHint')}>
          <Radio.Group options={SEVERITIES.map((s) => ({ value: s, label: t(`conditions:severities.${s}`) }))} />
        </Form.Item>
        <Form.Item name="source" label={t('conditions:fields.source')}>
          <Select options={SOURCES.map((s) => ({ value: s, label: t(`conditions:sources.${s}`) }))} />
        </Form.Item>
        <Form.Item name="source_ref" label={t('conditions:fields.sourceRef')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="reason" label={t('conditions:fields.reason')} rules={[{ required: true, whitespace: true, message: t('conditions:problems.reason') }]}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="valid_from" label={t('conditions:fields.validFrom')} rules={[{ required: true, message: t('conditions:problems.validFrom') }]}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="valid_until" label={t('conditions:fields.validUntil')}>
            <Input type="date" />
          </Form.Item>
        </Space>
        {formErrors.map((e) => (
          <Typography.Paragraph key={e} type="danger" role="alert">
            {e}
          </Typography.Paragraph>
        ))}
      </Form>
    </Modal>
  );
}

function LiftConditionModal({ condition, onClose }: { condition: ConditionOut | null; onClose: () => void }) {
  const { t } = useTranslation(['conditions', 'common']);
  const { message } = App.useApp();
  const lift = useLiftCondition();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<string[]>([]);

  const run = async () => {
    if (!condition) return;
    try {
      await lift.mutateAsync({ id: condition.id, reason });
      setReason('');
      setErrors([]);
      void message.success(t('conditions:lifted'));
      onClose();
    } catch (error) {
      const mapped = mapErrorToForm(error, ['reason'] as const, {
        network: t('common:status.loadFailed'),
        server: t('common:status.loadFailed'),
      });
      setErrors([...(mapped.fields.reason ?? []), ...mapped.form]);
    }
  };

  return (
    <Modal
      open={Boolean(condition)}
      title={t('conditions:liftTitle')}
      onCancel={onClose}
      onOk={() => void run()}
      okText={t('conditions:lift')}
      okButtonProps={{ disabled: reason.trim() === '' }}
      confirmLoading={lift.isPending}
      destroyOnHidden
    >
      {condition && <Typography.Paragraph>{condition.reason}</Typography.Paragraph>}
      <Form layout="vertical">
        <Form.Item label={t('conditions:fields.liftReason')} htmlFor={reasonId} required validateStatus={errors.length ? 'error' : undefined} help={errors.join(' ')}>
          <Input.TextArea id={reasonId} rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

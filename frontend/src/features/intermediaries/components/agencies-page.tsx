import { App, Button, Empty, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mapErrorToForm } from '@/lib/api/problem';
import type { AgencyStatus, QualificationKind } from '@/lib/api/types';
import { formatDate } from '@/lib/format/date';
import { useAgencies, useAgencyCommand, type AgencyCommand, type AgencyOut } from '../api/intermediaries';
import { QUALIFICATION_KINDS } from '../utils/codes';

type Dialog = { kind: 'create' } | { kind: 'qualification' | 'service' | 'status'; agency: AgencyOut } | null;

/**
 * 中介超市: the office's and the admin's list of agencies with their qualifications (an expired
 * one marked, as it hides the agency from choice) and services with the items they serve;
 * registering an agency, adding qualifications and services, suspending and reinstating.
 */
export function AgenciesPage() {
  const { t } = useTranslation(['intermediaries', 'common']);
  const agencies = useAgencies();
  const [dialog, setDialog] = useState<Dialog>(null);

  return (
    <>
      <title>{`${t('intermediaries:console.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">{t('intermediaries:console.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intermediaries:console.intro')}</Typography.Paragraph>
      <Button type="primary" style={{ marginBottom: 16 }} onClick={() => setDialog({ kind: 'create' })}>
        {t('intermediaries:console.register')}
      </Button>
      <Table<AgencyOut>
        rowKey="id"
        loading={agencies.isPending}
        dataSource={agencies.data ?? []}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: <Empty description={t('intermediaries:console.empty')} /> }}
        columns={[
          { title: t('intermediaries:console.columns.name'), dataIndex: 'name' },
          { title: t('intermediaries:console.columns.creditCode'), dataIndex: 'credit_code' },
          {
            title: t('intermediaries:console.columns.contact'),
            key: 'contact',
            render: (_: unknown, a) => `${a.contact} ${a.phone}`,
          },
          {
            title: t('intermediaries:console.columns.status'),
            dataIndex: 'status',
            render: (s: AgencyStatus) => <Tag color={s === 'active' ? 'success' : 'default'}>{t(`intermediaries:statuses.${s}`)}</Tag>,
          },
          {
            title: t('intermediaries:console.columns.qualifications'),
            key: 'qualifications',
            render: (_: unknown, a) => (
              <Space orientation="vertical" size={2}>
                {a.qualifications.map((q) => (
                  <span key={q.id} className="agency-qualification">
                    {t(`intermediaries:kinds.${q.kind}`)} {q.level} · {formatDate(q.valid_until)}{' '}
                    {q.expired && <Tag color="error">{t('intermediaries:console.expired')}</Tag>}
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: t('intermediaries:console.columns.services'),
            key: 'services',
            render: (_: unknown, a) => (
              <Space orientation="vertical" size={2}>
                {a.services.map((s) => (
                  <span key={s.id}>
                    {s.name}（{s.item_codes.join('、')}）
                  </span>
                ))}
              </Space>
            ),
          },
          {
            title: t('intermediaries:console.columns.actions'),
            key: 'actions',
            render: (_: unknown, a) => (
              <Space wrap>
                <Button size="small" onClick={() => setDialog({ kind: 'qualification', agency: a })}>
                  {t('intermediaries:console.addQualification')}
                </Button>
                <Button size="small" onClick={() => setDialog({ kind: 'service', agency: a })}>
                  {t('intermediaries:console.addService')}
                </Button>
                <Button size="small" danger={a.status === 'active'} onClick={() => setDialog({ kind: 'status', agency: a })}>
                  {a.status === 'active' ? t('intermediaries:console.suspend') : t('intermediaries:console.reinstate')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {dialog && <AgencyDialog dialog={dialog} onClose={() => setDialog(null)} />}
    </>
  );
}

const FIELDS = [
  'name', 'credit_code', 'contact', 'phone', 'address', 'intro', 'kind', 'level', 'certificate_number',
  'valid_from', 'valid_until', 'fee_note', 'item_codes', 'reason', 'status',
] as const;
type Field = (typeof FIELDS)[number];
type Values = Partial<Record<Field | 'service_name', string>>;

function AgencyDialog({ dialog, onClose }: { dialog: NonNullable<Dialog>; onClose: () => void }) {
  const { t } = useTranslation(['intermediaries', 'common']);
  const { message } = App.useApp();
  const command = useAgencyCommand();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<{ fields: Partial<Record<Field, string[]>>; form: string[] }>({ fields: {}, form: [] });
  const label = (f: string) => t(`intermediaries:console.fields.${f as 'name'}`);

  const toCommand = (v: Values): AgencyCommand => {
    const text = (f: keyof Values) => (v[f] ?? '').trim();
    const optional = (f: keyof Values) => text(f) || null;
    switch (dialog.kind) {
      case 'create':
        return {
          command: 'create',
          body: { name: text('name'), credit_code: text('credit_code'), contact: text('contact'), phone: text('phone'), address: optional('address'), intro: optional('intro') },
        };
      case 'qualification':
        return {
          command: 'qualification',
          id: dialog.agency.id,
          body: {
            kind: (v.kind ?? 'other') as QualificationKind,
            level: text('level'),
            certificate_number: text('certificate_number'),
            valid_from: text('valid_from'),
            valid_until: text('valid_until'),
          },
        };
      case 'service':
        return {
          command: 'service',
          id: dialog.agency.id,
          body: {
            name: text('service_name'),
            kind: (v.kind ?? 'other') as QualificationKind,
            fee_note: optional('fee_note'),
            item_codes: text('item_codes').split(/[,，、\s]+/).filter(Boolean),
          },
        };
      case 'status':
        return {
          command: 'status',
          id: dialog.agency.id,
          version: dialog.agency.version,
          body: { status: dialog.agency.status === 'active' ? 'suspended' : 'active', reason: text('reason') },
        };
    }
  };

  const submit = async (v: Values) => {
    try {
      await command.mutateAsync(toCommand(v));
      void message.success(t('intermediaries:console.done'));
      onClose();
    } catch (error) {
      setErrors(mapErrorToForm(error, FIELDS, { network: t('common:status.loadFailed'), server: t('common:status.loadFailed') }, { name: 'name' }));
    }
  };

  const item = (f: Field | 'service_name', input: React.ReactNode, required = true) => {
    const errorsOf = f === 'service_name' ? errors.fields.name : errors.fields[f];
    return (
      <Form.Item
        name={f}
        label={label(f)}
        htmlFor={`agency-${f}`}
        required={required}
        validateStatus={errorsOf ? 'error' : undefined}
        help={errorsOf?.join(' ')}
      >
        {input}
      </Form.Item>
    );
  };
  const kindSelect = (
    <Select id="agency-kind" options={QUALIFICATION_KINDS.map((k) => ({ value: k, label: t(`intermediaries:kinds.${k}`) }))} />
  );
  const title =
    dialog.kind === 'create'
      ? t('intermediaries:console.register')
      : `${dialog.agency.name} · ${
          dialog.kind === 'qualification'
            ? t('intermediaries:console.addQualification')
            : dialog.kind === 'service'
              ? t('intermediaries:console.addService')
              : dialog.agency.status === 'active'
                ? t('intermediaries:console.suspend')
                : t('intermediaries:console.reinstate')
        }`;

  return (
    <Modal open title={title} onCancel={onClose} footer={null} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        {errors.form.length > 0 && (
          <div role="alert">
            {errors.form.map((e) => (
              <Typography.Paragraph key={e} type="danger">{e}</Typography.Paragraph>
            ))}
          </div>
        )}
        {dialog.kind === 'create' && (
          <>
            {item('name', <Input id="agency-name" maxLength={200} />)}
            {item('credit_code', <Input id="agency-credit_code" maxLength={18} />)}
            {item('contact', <Input id="agency-contact" maxLength={100} />)}
            {item('phone', <Input id="agency-phone" maxLength={20} />)}
            {item('address', <Input id="agency-address" maxLength={500} />, false)}
            {item('intro', <Input.TextArea id="agency-intro" rows={3} maxLength={5000} />, false)}
          </>
        )}
        {dialog.kind === 'qualification' && (
          <>
            {item('kind', kindSelect)}
            {item('level', <Input id="agency-level" maxLength={100} />)}
            {item('certificate_number', <Input id="agency-certificate_number" maxLength={100} />)}
            {item('valid_from', <Input id="agency-valid_from" type="date" />)}
            {item('valid_until', <Input id="agency-valid_until" type="date" />)}
          </>
        )}
        {dialog.kind === 'service' && (
          <>
            {item('service_name', <Input id="agency-service_name" maxLength={200} />)}
            {item('kind', kindSelect)}
            {item('item_codes', <Input id="agency-item_codes" />)}
            {item('fee_note', <Input.TextArea id="agency-fee_note" rows={2} maxLength={2000} />, false)}
          </>
        )}
        {dialog.kind === 'status' && item('reason', <Input.TextArea id="agency-reason" rows={3} maxLength={2000} />)}
        <Space>
          <Button type="primary" htmlType="submit" loading={command.isPending}>{t('intermediaries:console.save')}</Button>
          <Button onClick={onClose}>{t('intermediaries:console.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

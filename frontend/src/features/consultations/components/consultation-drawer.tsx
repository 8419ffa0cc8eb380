import { App as AntApp, Button, Descriptions, Drawer, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EnterprisePicker } from '@/components/console/enterprise-picker';
import { LoadFailed } from '@/components/console/load-failed';
import { NamedSelect } from '@/components/console/named-select';
import { RevealableNumber } from '@/components/console/revealable-number';
import { mapErrorToForm } from '@/lib/api/problem';
import { useTenant } from '@/lib/auth/tenant';
import type { Enterprise } from '@/lib/enterprises/enterprise-search';
import { formatDateTime } from '@/lib/format/date';
import { parseWanToFen } from '@/lib/format/money';
import './consultations.css';
import {
  useConsultation,
  useConsultationCommand,
  useConvertConsultation,
  useOpenSlots,
  type Consultation,
} from '../api/consultations';

/** One consultation in full, with what the window may do now. */
export function ConsultationDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation('consult');
  const query = useConsultation(id);
  const c = query.data;
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      size="large"
      title={c ? t('console.detail.title', { reference: c.reference }) : t('console.title')}
      destroyOnHidden
    >
      {query.isError && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
      {c && <ConsultationDetail key={c.version} consultation={c} />}
    </Drawer>
  );
}

function ConsultationDetail({ consultation: c }: { consultation: Consultation }) {
  const { t } = useTranslation('consult');
  const may = (action: Consultation['allowed_actions'][number]) => c.allowed_actions.includes(action);
  const none = '—';
  return (
    <>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('console.columns.state')}>{t(`states.${c.state}`)}</Descriptions.Item>
        <Descriptions.Item label={t('console.columns.kind')}>{t(`kinds.${c.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('console.columns.name')}>{c.name}</Descriptions.Item>
        <Descriptions.Item label={t('console.detail.mobile')}>
          <RevealableNumber masked={c.mobile_masked} number="consultation_mobile" recordId={c.id} />
        </Descriptions.Item>
        <Descriptions.Item label={t('console.detail.enterprise')}>{c.enterprise_name ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('console.detail.project')}>{c.project_name}</Descriptions.Item>
        <Descriptions.Item label={t('console.detail.description')}>{c.project_description ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('console.detail.itemCode')}>{c.item_code ?? none}</Descriptions.Item>
        <Descriptions.Item label={t('console.detail.question')}>{c.question}</Descriptions.Item>
        {c.kind === 'appointment' && (
          <Descriptions.Item label={t('console.detail.preferredSlot')}>
            {c.preferred_slot ? formatDateTime(c.preferred_slot) : none}
          </Descriptions.Item>
        )}
        {c.confirmed_slot && (
          <Descriptions.Item label={t('console.detail.confirmedSlot')}>{formatDateTime(c.confirmed_slot)}</Descriptions.Item>
        )}
        {c.answer && <Descriptions.Item label={t('console.detail.answer')}>{c.answer}</Descriptions.Item>}
        {c.note && <Descriptions.Item label={t('console.detail.note')}>{c.note}</Descriptions.Item>}
        {c.case_id && (
          <Descriptions.Item label={t('console.detail.case')}>
            <Link to={`/console/cases/${c.case_id}`}>{t('console.detail.openCase')}</Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      {may('answer') && <AnswerForm c={c} />}
      {may('confirm') && <ConfirmForm c={c} />}
      {may('convert') && <ConvertForm c={c} />}
      {may('close') && <CloseForm c={c} />}
    </>
  );
}

/**
 * A failed command's messages: `place` turns the error into messages per field (for the caller
 * to set on its form) and keeps those no field shows, rendered by `errors` above the button.
 */
function useFormFailure<F extends string>(fields: readonly F[], aliases: Readonly<Record<string, F>> = {}) {
  const { t } = useTranslation('common');
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const place = (error: unknown) => {
    const view = mapErrorToForm(error, fields, { network: t('errors.network'), server: t('errors.server') }, aliases);
    setFormErrors(view.form);
    return fields.map((name) => ({ name, errors: view.fields[name] ?? [] }));
  };
  const errors = formErrors.map((e) => (
    <Typography.Paragraph key={e} type="danger" role="alert">
      {e}
    </Typography.Paragraph>
  ));
  return { place, errors, clear: () => setFormErrors([]) };
}

function AnswerForm({ c }: { c: Consultation }) {
  const { t } = useTranslation('consult');
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ answer: string }>();
  const command = useConsultationCommand();
  const failure = useFormFailure(['answer'] as const);
  const send = async ({ answer }: { answer: string }) => {
    failure.clear();
    try {
      await command.mutateAsync({ id: c.id, version: c.version, command: { action: 'answer', body: { answer } } });
      void message.success(t('console.done'));
    } catch (error) {
      form.setFields(failure.place(error));
    }
  };
  return (
    <>
      <Typography.Title level={2} className="consultation-section">{t('actions.answer')}</Typography.Title>
      <Form form={form} layout="vertical" name="consultation-answer" onFinish={(v) => void send(v)}>
        <Form.Item name="answer" label={t('console.answer.label')} rules={[{ required: true, whitespace: true, message: t('console.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        {failure.errors}
        <Button type="primary" htmlType="submit" loading={command.isPending}>
          {t('console.answer.submit')}
        </Button>
      </Form>
    </>
  );
}

function ConfirmForm({ c }: { c: Consultation }) {
  const { t } = useTranslation('consult');
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ slot: string; note?: string }>();
  const tenant = useTenant();
  const slots = useOpenSlots(tenant.data?.code, true);
  const command = useConsultationCommand();
  const failure = useFormFailure(['slot', 'note'] as const);
  const send = async ({ slot, note }: { slot: string; note?: string }) => {
    failure.clear();
    try {
      await command.mutateAsync({
        id: c.id,
        version: c.version,
        command: { action: 'confirm', body: { slot: slot || null, note: note?.trim() ? note : null } },
      });
      void message.success(t('console.done'));
    } catch (error) {
      form.setFields(failure.place(error));
    }
  };
  const keep = c.confirmed_slot ?? c.preferred_slot;
  return (
    <>
      <Typography.Title level={2} className="consultation-section">{t('actions.confirm')}</Typography.Title>
      <Form form={form} layout="vertical" name="consultation-confirm" initialValues={{ slot: '' }} onFinish={(v) => void send(v)}>
        <Form.Item name="slot" label={t('console.confirm.slot')}>
          <NamedSelect<string>
            listLabel={t('console.confirm.slot')}
            loading={slots.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            options={[
              ...(keep ? [{ value: '', label: `${t('console.confirm.keep')}（${formatDateTime(keep)}）` }] : []),
              ...(slots.data?.slots ?? []).map((s) => ({ value: s, label: formatDateTime(s) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="note" label={t('console.confirm.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {failure.errors}
        <Button type="primary" htmlType="submit" loading={command.isPending}>
          {t('console.confirm.submit')}
        </Button>
      </Form>
    </>
  );
}

interface ConvertValues {
  enterprise_id: string;
  industry_code: string;
  investment_wan: string;
  location: string;
}

function ConvertForm({ c }: { c: Consultation }) {
  const { t } = useTranslation('consult');
  const navigate = useNavigate();
  const [form] = Form.useForm<ConvertValues>();
  const [chosen, setChosen] = useState<Enterprise | null>(null);
  const convert = useConvertConsultation();
  const failure = useFormFailure(['enterprise_id', 'industry_code', 'investment_wan', 'location'] as const, {
    total_investment_fen: 'investment_wan',
  });
  const send = async (v: ConvertValues) => {
    failure.clear();
    const fen = parseWanToFen(v.investment_wan);
    if (fen === null) {
      form.setFields([{ name: 'investment_wan', errors: [t('console.required')] }]);
      return;
    }
    try {
      const done = await convert.mutateAsync({
        id: c.id,
        version: c.version,
        body: { enterprise_id: v.enterprise_id, industry_code: v.industry_code, total_investment_fen: fen, location: v.location },
      });
      void navigate(`/console/cases/${done.case_id}`);
    } catch (error) {
      form.setFields(failure.place(error));
    }
  };
  const required = [{ required: true, whitespace: true, message: t('console.required') }];
  return (
    <>
      <Typography.Title level={2} className="consultation-section">{t('actions.convert')}</Typography.Title>
      <Form form={form} layout="vertical" name="consultation-convert" onFinish={(v) => void send(v)}>
        <Form.Item name="enterprise_id" label={t('console.convert.enterprise')} extra={t('console.convert.enterpriseHint')} rules={required}>
          <EnterprisePicker
            listLabel={t('console.convert.enterprise')}
            chosen={chosen}
            onChoose={setChosen}
            noneFound={t('console.convert.enterpriseHint')}
          />
        </Form.Item>
        <Form.Item name="industry_code" label={t('console.convert.industryCode')} rules={required}>
          <Input maxLength={5} placeholder="C2662" />
        </Form.Item>
        <Form.Item name="investment_wan" label={t('console.convert.investment')} rules={required}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="location" label={t('console.convert.location')} rules={required}>
          <Input maxLength={500} />
        </Form.Item>
        {failure.errors}
        <Button type="primary" htmlType="submit" loading={convert.isPending}>
          {t('console.convert.submit')}
        </Button>
      </Form>
    </>
  );
}

function CloseForm({ c }: { c: Consultation }) {
  const { t } = useTranslation('consult');
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const command = useConsultationCommand();
  const failure = useFormFailure(['note'] as const);
  const send = async ({ note }: { note?: string }) => {
    failure.clear();
    try {
      await command.mutateAsync({
        id: c.id,
        version: c.version,
        command: { action: 'close', body: { note: note?.trim() ? note : null } },
      });
      void message.success(t('console.done'));
    } catch (error) {
      form.setFields(failure.place(error));
    }
  };
  return (
    <>
      <Typography.Title level={2} className="consultation-section">{t('actions.close')}</Typography.Title>
      <Form form={form} layout="vertical" name="consultation-close" onFinish={(v) => void send(v)}>
        <Form.Item name="note" label={t('console.close.note')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {failure.errors}
        <Button danger htmlType="submit" loading={command.isPending}>
          {t('console.close.submit')}
        </Button>
      </Form>
    </>
  );
}

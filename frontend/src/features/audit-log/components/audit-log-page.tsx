import { Button, Form, Input, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { AdminOnly } from '@/components/console/admin-only';
import { CursorTable } from '@/components/console/cursor-table';
import { ExportButton } from '@/components/console/export-button';
import { LabelledSelect } from '@/components/console/labelled-select';
import { codeList } from '@/lib/api/codes';
import type { AuditAction, AuditOutcome } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format/date';
import { useUsers } from '@/lib/users/list-users';
import { fetchAuditLogWorkbook, useAuditLogPages, type AuditEntry } from '../api/audit-log';
import { toQuery, type AuditFilterForm } from './audit-filters';

const ALL = 'all';
const ACTIONS = codeList<AuditAction>({
  login: true,
  refresh: true,
  logout: true,
  password_changed: true,
  user_updated: true,
  catalog_item_created: true,
  catalog_item_version_started: true,
  catalog_item_edited: true,
  catalog_item_discarded: true,
  catalog_item_published: true,
  catalog_item_retired: true,
  calendar_day_set: true,
  calendar_day_deleted: true,
  calendar_days_set: true,
  national_calendar_imported: true,
  legal_fee_recorded: true,
  legal_fee_corrected: true,
  message_template_set: true,
  message_template_deleted: true,
  condition_added: true,
  condition_lifted: true,
  conditions_imported: true,
  county_created: true,
  county_renamed: true,
  county_suspended: true,
  county_reinstated: true,
  county_onboarded: true,
  county_settings_changed: true,
  api_client_created: true,
  api_client_rotated: true,
  api_client_revoked: true,
  public_roster_listing_set: true,
  public_profile_set: true,
  consultation_submitted: true,
  consultation_answered: true,
  consultation_confirmed: true,
  consultation_closed: true,
  consultation_converted: true,
  channel_settings_saved: true,
  meeting_convene: true,
  meeting_edit: true,
  meeting_hold: true,
  meeting_close: true,
  meeting_cancel: true,
  meeting_action_complete: true,
  meeting_action_drop: true,
  agency_created: true,
  agency_updated: true,
  agency_status_set: true,
  agency_qualification_added: true,
  agency_qualification_removed: true,
  agency_service_added: true,
  supervision_notice_issued: true,
  clock_advanced: true,
  complaint_lodged: true,
  complaint_rated: true,
  complaint_assign: true,
  complaint_reply: true,
  complaint_close: true,
  complaint_reject: true,
  webhook_subscription_created: true,
  webhook_subscription_changed: true,
  webhook_secret_rotated: true,
  webhook_subscription_deleted: true,
  prereview_opened: true,
  prereview_closed: true,
  audit_log_exported: true,
  personal_number_revealed: true,
});
const OUTCOMES = codeList<AuditOutcome>({ success: true, failure: true, refused: true, reuse_detected: true });
const OUTCOME_COLOURS: Record<AuditOutcome, string> = {
  success: 'success',
  failure: 'warning',
  refused: 'error',
  reuse_detected: 'error',
};
const FIELDS = ['user', 'action', 'outcome', 'from', 'until', 'ip', 'requestId'] as const;

/** 审计日志: who did what, when, from where, with what outcome (the administrator's). */
export function AuditLogPage() {
  const { t } = useTranslation(['audit', 'common']);
  return (
    <>
      <title>{`${t('audit:title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('audit:title')}
      </Typography.Title>
      <AdminOnly>
        <AuditLogScreen />
      </AdminOnly>
    </>
  );
}

function formOf(params: URLSearchParams): AuditFilterForm {
  const form: AuditFilterForm = {};
  for (const name of FIELDS) {
    const value = params.get(name);
    if (value) (form as Record<string, string>)[name] = value;
  }
  if (form.action && !ACTIONS.includes(form.action)) delete form.action;
  if (form.outcome && !OUTCOMES.includes(form.outcome)) delete form.outcome;
  return form;
}

function AuditLogScreen() {
  const { t } = useTranslation(['audit', 'common']);
  const [params, setParams] = useSearchParams();
  const current = formOf(params);
  const filters = toQuery(current);
  const users = useUsers();
  const [form] = Form.useForm<AuditFilterForm>();
  const pages = useAuditLogPages(filters);

  const apply = (values: AuditFilterForm) =>
    setParams(
      () => {
        const next = new URLSearchParams();
        for (const name of FIELDS) {
          const value = values[name]?.trim();
          if (value && value !== ALL) next.set(name, value);
        }
        return next;
      },
      { replace: true },
    );

  const columns: ColumnsType<AuditEntry> = [
    { key: 'at', title: t('audit:columns.at'), width: 150, render: (_, e) => formatDateTime(e.at) },
    {
      key: 'user',
      title: t('audit:columns.user'),
      width: 160,
      render: (_, e) => (
        <>
          <div>{e.user_name ?? (e.user_id ? e.user_id.slice(0, 8) : t('audit:anonymous'))}</div>
          {e.user_role && <Typography.Text type="secondary">{t(`common:roles.${e.user_role}`)}</Typography.Text>}
        </>
      ),
    },
    { key: 'action', title: t('audit:columns.action'), width: 180, render: (_, e) => t(`audit:actions.${e.action}`) },
    {
      key: 'outcome',
      title: t('audit:columns.outcome'),
      width: 110,
      render: (_, e) => <Tag color={OUTCOME_COLOURS[e.outcome]}>{t(`audit:outcomes.${e.outcome}`)}</Tag>,
    },
    { key: 'ip', title: t('audit:columns.ip'), width: 130, render: (_, e) => e.ip ?? '—' },
    {
      key: 'request',
      title: t('audit:columns.requestId'),
      width: 150,
      render: (_, e) => (e.request_id ? <Typography.Text className="audit-request" copyable>{e.request_id}</Typography.Text> : '—'),
    },
    {
      key: 'detail',
      title: t('audit:columns.detail'),
      render: (_, e) => (e.detail ? <code className="audit-detail">{JSON.stringify(e.detail)}</code> : '—'),
    },
  ];

  return (
    <>
      <Typography.Paragraph type="secondary">{t('audit:intro')}</Typography.Paragraph>
      <Form<AuditFilterForm>
        form={form}
        layout="vertical"
        initialValues={{ ...current, user: current.user ?? ALL, action: current.action ?? ALL, outcome: current.outcome ?? ALL }}
        onFinish={apply}
        aria-label={t('audit:filters.label')}
        className="audit-filters"
      >
        <Space wrap align="end">
          <Form.Item name="user" noStyle>
            <LabelledSelect<string>
              label={t('audit:filters.user')}
              style={{ minWidth: 180 }}
              showSearch={{ optionFilterProp: 'label' }}
              loading={users.isPending}
              options={[
                { value: ALL, label: t('audit:filters.allUsers') },
                ...(users.data ?? []).map((u) => ({ value: u.id, label: `${u.display_name}（${u.username}）` })),
              ]}
            />
          </Form.Item>
          <Form.Item name="action" noStyle>
            <LabelledSelect<string>
              label={t('audit:filters.action')}
              style={{ minWidth: 200 }}
              showSearch={{ optionFilterProp: 'label' }}
              options={[{ value: ALL, label: t('audit:filters.allActions') }, ...ACTIONS.map((a) => ({ value: a, label: t(`audit:actions.${a}`) }))]}
            />
          </Form.Item>
          <Form.Item name="outcome" noStyle>
            <LabelledSelect<string>
              label={t('audit:filters.outcome')}
              style={{ minWidth: 140 }}
              options={[{ value: ALL, label: t('audit:filters.allOutcomes') }, ...OUTCOMES.map((o) => ({ value: o, label: t(`audit:outcomes.${o}`) }))]}
            />
          </Form.Item>
          <Form.Item name="from" label={t('audit:filters.from')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="until" label={t('audit:filters.until')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="ip" label={t('audit:filters.ip')}>
            <Input maxLength={64} allowClear />
          </Form.Item>
          <Form.Item name="requestId" label={t('audit:filters.requestId')}>
            <Input maxLength={64} allowClear />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">
                {t('audit:filters.search')}
              </Button>
              <Button
                onClick={() => {
                  form.setFieldsValue({ user: ALL, action: ALL as AuditAction, outcome: ALL as AuditOutcome, from: '', until: '', ip: '', requestId: '' });
                  apply({});
                }}
              >
                {t('audit:filters.reset')}
              </Button>
              <ExportButton fetchFile={() => fetchAuditLogWorkbook(filters)} fallbackName={t('audit:exportName')} />
            </Space>
          </Form.Item>
        </Space>
      </Form>
      <CursorTable<AuditEntry> query={pages} columns={columns} scroll={{ x: 1100 }} aria-label={t('audit:tableLabel')} />
    </>
  );
}

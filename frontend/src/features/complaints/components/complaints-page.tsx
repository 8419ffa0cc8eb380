import { App, Button, Descriptions, Drawer, Empty, Form, Input, Select, Space, Switch, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RevealableNumber } from '@/components/console/revealable-number';
import { mapErrorToForm } from '@/lib/api/problem';
import type { ComplaintState } from '@/lib/api/types';
import { useAllDepartments, useDepartmentName } from '@/lib/cases/api/department-names';
import { formatDateTime } from '@/lib/format/date';
import { useUsers } from '@/lib/users/list-users';
import { useComplaint, useComplaintCommand, useComplaints, type ComplaintCommand, type ComplaintOut } from '../api/complaints';
import type { ComplaintFilters } from '../api/query-keys';
import { COMPLAINT_STATES } from '../utils/codes';

/**
 * 投诉处理: the office's list of complaints (phones masked) with filters, and a drawer with
 * one complaint, its timeline and the actions the caller may take (assign, reply, close,
 * reject). Department roles see and answer those assigned to their department.
 */
export function ComplaintsPage() {
  const { t } = useTranslation(['complaints', 'common']);
  const [filters, setFilters] = useState<ComplaintFilters>({});
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useComplaints(filters);
  const departmentName = useDepartmentName();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <title>{`${t('complaints:console.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">{t('complaints:console.title')}</Typography.Title>
      <Space wrap style={{ marginBottom: 16 }} aria-label={t('complaints:console.filters')} role="group">
        <Select<ComplaintState | ''>
          aria-label={t('complaints:console.columns.state')}
          style={{ minWidth: 160 }}
          value={filters.state ?? ''}
          onChange={(state) => setFilters({ ...filters, state: state || undefined })}
          options={[
            { value: '', label: t('complaints:console.allStates') },
            ...COMPLAINT_STATES.map((s) => ({ value: s, label: t(`complaints:states.${s}`) })),
          ]}
        />
        <Space>
          <Switch
            aria-label={t('complaints:console.overdueOnly')}
            checked={Boolean(filters.overdue)}
            onChange={(overdue) => setFilters({ ...filters, overdue: overdue || undefined })}
          />
          <span aria-hidden>{t('complaints:console.overdueOnly')}</span>
        </Space>
        <Input.Search
          aria-label={t('complaints:console.trackingSearch')}
          placeholder={t('complaints:console.trackingSearch')}
          allowClear
          onSearch={(value) => setFilters({ ...filters, tracking_number: value.trim() || undefined })}
        />
      </Space>
      <Table<ComplaintOut>
        rowKey="id"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('complaints:console.empty')} /> }}
        columns={[
          {
            title: t('complaints:console.columns.trackingNumber'),
            dataIndex: 'tracking_number',
            render: (value: string, row) => (
              <Button type="link" onClick={() => setOpenId(row.id)}>
                {value}
              </Button>
            ),
          },
          { title: t('complaints:console.columns.subject'), dataIndex: 'subject', render: (s: ComplaintOut['subject']) => t(`complaints:subjects.${s}`) },
          { title: t('complaints:console.columns.name'), dataIndex: 'name' },
          { title: t('complaints:console.columns.mobile'), dataIndex: 'mobile' },
          {
            title: t('complaints:console.columns.state'),
            dataIndex: 'state',
            render: (s: ComplaintState, row) => (
              <Space>
                <Tag>{t(`complaints:states.${s}`)}</Tag>
                {row.overdue && <Tag color="error">{t('complaints:console.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('complaints:console.columns.department'), dataIndex: 'department_id', render: (d: string | null) => departmentName(d) },
          { title: t('complaints:console.columns.due'), dataIndex: 'due_at', render: (d: string | null) => (d ? formatDateTime(d) : '—') },
          { title: t('complaints:console.columns.created'), dataIndex: 'created_at', render: (d: string) => formatDateTime(d) },
        ]}
      />
      {list.hasNextPage && (
        <Button style={{ marginTop: 16 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('complaints:console.more')}
        </Button>
      )}
      <ComplaintDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}

function ComplaintDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation(['complaints', 'common']);
  const { message } = App.useApp();
  const query = useComplaint(id);
  const command = useComplaintCommand();
  const departmentName = useDepartmentName();
  const departments = useAllDepartments();
  const [department, setDepartment] = useState<string | undefined>();
  const [assignee, setAssignee] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const people = useUsers({ department_id: department }, Boolean(department));
  const c = query.data;
  const allowed = c?.allowed_actions ?? [];

  const run = async (cmd: ComplaintCommand) => {
    if (!c) return;
    try {
      await command.mutateAsync({ id: c.id, version: c.version, command: cmd });
      setErrors([]);
      setText('');
      void message.success(t('complaints:console.done'));
    } catch (error) {
      const mapped = mapErrorToForm(error, [] as const, { network: t('common:status.loadFailed'), server: t('common:status.loadFailed') });
      setErrors(mapped.form);
    }
  };

  return (
    <Drawer open={Boolean(id)} onClose={onClose} size="large" title={c ? t('complaints:console.detailTitle', { number: c.tracking_number }) : ''}>
      {c && (
        <>
          <Descriptions column={1} bordered size="small">
            <Descriptions.Item label={t('complaints:console.columns.state')}>
              <span data-testid="complaint-state">{t(`complaints:states.${c.state}`)}</span>
              {c.overdue && <Tag color="error" style={{ marginLeft: 8 }}>{t('complaints:console.overdue')}</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints:console.columns.subject')}>{t(`complaints:subjects.${c.subject}`)}</Descriptions.Item>
            {c.case_number && <Descriptions.Item label={t('complaints:console.caseNumber')}>{c.case_number}</Descriptions.Item>}
            <Descriptions.Item label={t('complaints:console.columns.name')}>{c.name}</Descriptions.Item>
            <Descriptions.Item label={t('complaints:console.columns.mobile')}>
              <RevealableNumber masked={c.mobile} number="complaint_mobile" recordId={c.id} />
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints:console.text')}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{c.text}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('complaints:console.columns.department')}>{departmentName(c.department_id)}</Descriptions.Item>
            <Descriptions.Item label={t('complaints:console.columns.due')}>{c.due_at ? formatDateTime(c.due_at) : '—'}</Descriptions.Item>
            {c.reply && <Descriptions.Item label={t('complaints:console.reply')}>{c.reply}</Descriptions.Item>}
            {c.reject_reason && <Descriptions.Item label={t('complaints:console.rejectReason')}>{c.reject_reason}</Descriptions.Item>}
            <Descriptions.Item label={t('complaints:console.satisfaction')}>
              {c.satisfaction ? t(`complaints:satisfaction.${c.satisfaction}`) : t('complaints:console.notRated')}
            </Descriptions.Item>
          </Descriptions>
          {errors.length > 0 && (
            <div role="alert" style={{ marginTop: 16 }}>
              {errors.map((e) => (
                <Typography.Paragraph key={e} type="danger">
                  {e}
                </Typography.Paragraph>
              ))}
            </div>
          )}
          {allowed.includes('assign') && (
            <Form layout="vertical" style={{ marginTop: 16 }} onFinish={() => void run({ command: 'assign', body: { department_id: department ?? null, assignee_id: assignee ?? null } })}>
              <Form.Item label={t('complaints:console.assignDepartment')} htmlFor="complaint-department">
                <Select
                  id="complaint-department"
                  showSearch={{ optionFilterProp: 'label' }}
                  value={department}
                  onChange={(d) => {
                    setDepartment(d);
                    setAssignee(undefined);
                  }}
                  options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.short_name }))}
                />
              </Form.Item>
              <Form.Item label={t('complaints:console.assignAgent')} htmlFor="complaint-assignee">
                <Select
                  id="complaint-assignee"
                  allowClear
                  value={assignee}
                  onChange={setAssignee}
                  options={(people.data ?? []).map((u) => ({ value: u.id, label: u.display_name }))}
                />
              </Form.Item>
              <Button htmlType="submit" type="primary" loading={command.isPending}>
                {t('complaints:console.assign')}
              </Button>
            </Form>
          )}
          {(allowed.includes('reply') || allowed.includes('reject')) && (
            <Form layout="vertical" style={{ marginTop: 16 }}>
              <Form.Item label={allowed.includes('reply') ? t('complaints:console.replyText') : t('complaints:console.rejectReason')} htmlFor="complaint-text">
                <Input.TextArea id="complaint-text" rows={4} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
              </Form.Item>
              <Space>
                {allowed.includes('reply') && (
                  <Button type="primary" loading={command.isPending} onClick={() => void run({ command: 'reply', body: { text } })}>
                    {t('complaints:console.replySubmit')}
                  </Button>
                )}
                {allowed.includes('reject') && (
                  <Button danger loading={command.isPending} onClick={() => void run({ command: 'reject', body: { reason: text } })}>
                    {t('complaints:console.rejectSubmit')}
                  </Button>
                )}
              </Space>
            </Form>
          )}
          {allowed.includes('close') && (
            <Button style={{ marginTop: 16 }} type="primary" loading={command.isPending} onClick={() => void run({ command: 'close' })}>
              {t('complaints:console.close')}
            </Button>
          )}
          <Typography.Title level={4} style={{ marginTop: 24 }}>
            {t('complaints:console.timeline')}
          </Typography.Title>
          <Timeline
            items={c.timeline.map((e) => ({
              key: `${e.at}-${e.action}`,
              content: (
                <>
                  <Typography.Text strong>{t(`complaints:actions.${e.action}`)}</Typography.Text> · {t(`complaints:states.${e.to_state}`)}
                  <br />
                  <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                  {e.note && <Typography.Paragraph style={{ marginBottom: 0 }}>{e.action === 'rate' ? t(`complaints:satisfaction.${e.note as 'satisfied'}`, { defaultValue: e.note }) : e.note}</Typography.Paragraph>}
                </>
              ),
            }))}
          />
        </>
      )}
    </Drawer>
  );
}

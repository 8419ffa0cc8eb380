import { App, Button, Empty, Input, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mapErrorToForm } from '@/lib/api/problem';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { formatDateTime } from '@/lib/format/date';
import { useMeetingActions, useSettleAction, type MeetingActionOut } from '@/lib/meetings/api';

/**
 * The follow-up actions of joint meetings, the earliest decided first, with overdue marks; a
 * department sees its own, and its agents and leaders report them done or drop them with a
 * note (the office may too).
 */
export function MeetingActionsTable({ heading, headingLevel = 2 }: { heading: string; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation(['meetings', 'common']);
  const { message } = App.useApp();
  const [overdue, setOverdue] = useState(false);
  const list = useMeetingActions(overdue ? { overdue: true } : { state: 'open' });
  const settle = useSettleAction();
  const departmentName = useDepartmentName();
  const [open, setOpen] = useState<{ action: MeetingActionOut; drop: boolean } | null>(null);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];

  const submit = async () => {
    if (!open) return;
    try {
      await settle.mutateAsync({ id: open.action.id, version: open.action.version, drop: open.drop, note });
      void message.success(t('meetings:actionList.settled'));
      setOpen(null);
      setNote('');
      setErrors([]);
    } catch (error) {
      const mapped = mapErrorToForm(error, ['note'] as const, { network: t('common:status.loadFailed'), server: t('common:status.loadFailed') });
      setErrors([...(mapped.fields.note ?? []), ...mapped.form]);
    }
  };

  return (
    <section aria-label={heading} style={{ marginTop: 24 }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={headingLevel} className="section-title">
          {heading}
        </Typography.Title>
        <Space>
          <Switch aria-label={t('meetings:actionList.overdueOnly')} checked={overdue} onChange={setOverdue} />
          <span aria-hidden>{t('meetings:actionList.overdueOnly')}</span>
        </Space>
      </Space>
      <Table<MeetingActionOut>
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={t('meetings:actionList.empty')} /> }}
        columns={[
          { title: t('meetings:actionList.what'), dataIndex: 'what' },
          {
            title: t('meetings:actionList.meeting'),
            dataIndex: 'meeting_title',
            render: (title: string | null, row) => <Link to={`/console/meetings?open=${row.meeting_id}`}>{title ?? '—'}</Link>,
          },
          { title: t('meetings:actionList.department'), dataIndex: 'department_id', render: (d: string) => departmentName(d) },
          { title: t('meetings:actionList.due'), dataIndex: 'due_at', render: (d: string) => formatDateTime(d) },
          {
            title: t('meetings:actionList.state'),
            dataIndex: 'state',
            render: (s: MeetingActionOut['state'], row) => (
              <Space>
                <Tag>{t(`meetings:actionStates.${s}`)}</Tag>
                {row.overdue && <Tag color="error">{t('meetings:actionList.overdue')}</Tag>}
              </Space>
            ),
          },
          {
            title: '',
            key: 'settle',
            render: (_: unknown, row) => (
              <Space>
                {row.allowed_actions.map((a) => (
                  <Button key={a} size="small" danger={a === 'drop'} onClick={() => setOpen({ action: row, drop: a === 'drop' })}>
                    {t(`meetings:followUps.${a}`)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
      {list.hasNextPage && (
        <Button style={{ marginTop: 16 }} onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
          {t('meetings:more')}
        </Button>
      )}
      <Modal
        open={Boolean(open)}
        title={open ? `${t(`meetings:followUps.${open.drop ? 'drop' : 'complete'}`)}：${open.action.what}` : ''}
        okText={t('meetings:form.confirm')}
        cancelText={t('meetings:form.cancel')}
        confirmLoading={settle.isPending}
        onOk={() => void submit()}
        onCancel={() => {
          setOpen(null);
          setErrors([]);
        }}
        destroyOnHidden
      >
        <label htmlFor="meeting-action-note">{t('meetings:actionList.note')}</label>
        <Input.TextArea id="meeting-action-note" rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} />
        {errors.length > 0 && (
          <div role="alert" style={{ marginTop: 8 }}>
            {errors.map((e) => (
              <Typography.Paragraph key={e} type="danger" style={{ marginBottom: 0 }}>
                {e}
              </Typography.Paragraph>
            ))}
          </div>
        )}
      </Modal>
    </section>
  );
}

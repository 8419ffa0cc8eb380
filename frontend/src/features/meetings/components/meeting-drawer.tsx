import { App, Button, Descriptions, Drawer, Empty, Input, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { mapErrorToForm } from '@/lib/api/problem';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { formatDateTime } from '@/lib/format/date';
import { useMeeting, useMeetingCommand, type MeetingDetail } from '@/lib/meetings/api';
import { MinutesModal } from './minutes-modal';

/** One meeting: agenda, attendees, cases, minutes, decisions with their actions, and the office's commands. */
export function MeetingDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation(['meetings', 'common']);
  const query = useMeeting(id);
  const m = query.data;
  return (
    <Drawer open={Boolean(id)} onClose={onClose} size="large" title={m?.title ?? ''}>
      {m && <MeetingBody meeting={m} />}
      {query.isError && <Typography.Text type="danger">{t('common:status.loadFailed')}</Typography.Text>}
    </Drawer>
  );
}

function MeetingBody({ meeting: m }: { meeting: MeetingDetail }) {
  const { t } = useTranslation(['meetings', 'common']);
  const { message } = App.useApp();
  const departmentName = useDepartmentName();
  const command = useMeetingCommand();
  const [minutesOpen, setMinutesOpen] = useState(false);
  const [cancelOpen, setCancelOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<string[]>([]);

  const run = async (cmd: 'close' | 'cancel') => {
    try {
      if (cmd === 'close') await command.mutateAsync({ command: 'close', id: m.id, version: m.version });
      else await command.mutateAsync({ command: 'cancel', id: m.id, version: m.version, reason });
      void message.success(t(cmd === 'close' ? 'meetings:detail.closeDone' : 'meetings:detail.cancelDone'));
      setCancelOpen(false);
      setErrors([]);
    } catch (error) {
      const mapped = mapErrorToForm(error, ['reason'] as const, { network: t('common:status.loadFailed'), server: t('common:status.loadFailed') });
      setErrors([...(mapped.fields.reason ?? []), ...mapped.form]);
    }
  };

  return (
    <>
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('meetings:columns.state')}>
          <span data-testid="meeting-state">{t(`meetings:states.${m.state}`)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('meetings:columns.kind')}>{t(`meetings:kinds.${m.kind}`)}</Descriptions.Item>
        <Descriptions.Item label={t('meetings:columns.scheduledAt')}>{formatDateTime(m.scheduled_at)}</Descriptions.Item>
        <Descriptions.Item label={t('meetings:columns.place')}>{m.place}</Descriptions.Item>
        <Descriptions.Item label={t('meetings:detail.attendees')}>
          {m.attendees.map((a) => departmentName(a.department_id)).join('、')}
        </Descriptions.Item>
        {m.case_ids.length > 0 && (
          <Descriptions.Item label={t('meetings:detail.cases')}>
            <Space wrap>
              {m.case_ids.map((c) => (
                <Link key={c} to={`/console/cases/${c}`}>
                  {c.slice(0, 8)}
                </Link>
              ))}
            </Space>
          </Descriptions.Item>
        )}
        {m.cancel_reason && <Descriptions.Item label={t('meetings:detail.cancelReason')}>{m.cancel_reason}</Descriptions.Item>}
      </Descriptions>
      <Typography.Title level={3} style={{ marginTop: 24 }}>
        {t('meetings:detail.agenda')}
      </Typography.Title>
      <ol>
        {m.agenda.map((item, i) => (
          <li key={`${i}-${item}`}>{item}</li>
        ))}
      </ol>
      <Space wrap style={{ marginBottom: 16 }}>
        {m.allowed_actions.includes('hold') && (
          <Button type="primary" onClick={() => setMinutesOpen(true)}>
            {t('meetings:actions.hold')}
          </Button>
        )}
        {m.allowed_actions.includes('close') && (
          <Button type="primary" loading={command.isPending} onClick={() => void run('close')}>
            {t('meetings:actions.close')}
          </Button>
        )}
        {m.allowed_actions.includes('cancel') && (
          <Button danger onClick={() => setCancelOpen(true)}>
            {t('meetings:actions.cancel')}
          </Button>
        )}
      </Space>
      {errors.length > 0 && !cancelOpen && (
        <div role="alert">
          {errors.map((e) => (
            <Typography.Paragraph key={e} type="danger">
              {e}
            </Typography.Paragraph>
          ))}
        </div>
      )}
      {m.minutes && (
        <>
          <Typography.Title level={3}>{t('meetings:detail.minutes')}</Typography.Title>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="meeting-minutes">
            {m.minutes}
          </Typography.Paragraph>
        </>
      )}
      {m.state !== 'scheduled' && m.state !== 'cancelled' && (
        <>
          <Typography.Title level={3}>{t('meetings:detail.decisions')}</Typography.Title>
          {m.decisions.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('meetings:detail.noDecisions')} />
          ) : (
            <List
              dataSource={m.decisions}
              renderItem={(d) => (
                <List.Item key={d.id}>
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <Space wrap>
                      <Tag color="blue">{t(`meetings:decisionKinds.${d.kind}`)}</Tag>
                      <Typography.Text strong>{d.text}</Typography.Text>
                    </Space>
                    {d.actions.map((a) => (
                      <Space key={a.id} wrap data-testid="meeting-action">
                        <span>{a.what}</span>
                        <Typography.Text type="secondary">
                          {departmentName(a.department_id)} · {t('meetings:actionList.due')} {formatDateTime(a.due_at)}
                        </Typography.Text>
                        <Tag>{t(`meetings:actionStates.${a.state}`)}</Tag>
                        {a.overdue && <Tag color="error">{t('meetings:actionList.overdue')}</Tag>}
                      </Space>
                    ))}
                  </Space>
                </List.Item>
              )}
            />
          )}
        </>
      )}
      <MinutesModal meeting={m} open={minutesOpen} onClose={() => setMinutesOpen(false)} />
      <Modal
        open={cancelOpen}
        title={t('meetings:actions.cancel')}
        okText={t('meetings:form.confirm')}
        cancelText={t('meetings:form.cancel')}
        okButtonProps={{ danger: true }}
        confirmLoading={command.isPending}
        onOk={() => void run('cancel')}
        onCancel={() => {
          setCancelOpen(false);
          setErrors([]);
        }}
        destroyOnHidden
      >
        <label htmlFor="meeting-cancel-reason">{t('meetings:detail.cancelPrompt')}</label>
        <Input.TextArea id="meeting-cancel-reason" rows={3} maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} />
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
    </>
  );
}

import { Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useRecordFollowUp, useScheduleFollowUp, type FollowUp } from '@/lib/cases/api/follow-ups';
import { FOLLOW_UP_METHODS } from '@/lib/cases/codes';
import type { FollowUpMethod } from '@/lib/cases/types';
import { ActionModal } from '../action-modal';

interface ScheduleValues {
  scheduled_for: string;
  method: FollowUpMethod;
}

interface FormProps {
  caseId: string;
  open: boolean;
  onClose: () => void;
}

/** The office plans a follow-up visit (回访): the day and how (on site, by phone ...). */
export function ScheduleFollowUpForm({ caseId, open, onClose }: FormProps) {
  const { t } = useTranslation(['aftercare']);
  const [form] = Form.useForm<ScheduleValues>();
  const schedule = useScheduleFollowUp();
  return (
    <ActionModal<ScheduleValues>
      name="schedule-follow-up"
      open={open}
      title={t('aftercare:forms.schedule.title')}
      okText={t('aftercare:forms.schedule.ok')}
      form={form}
      fields={['scheduled_for', 'method']}
      initialValues={{ method: 'visit' }}
      onClose={onClose}
      record={{ caseId }}
      onSubmit={(values) => schedule.mutateAsync({ caseId, body: { scheduled_for: values.scheduled_for, method: values.method } })}
    >
      <Form.Item
        name="scheduled_for"
        label={t('aftercare:forms.schedule.date')}
        rules={[{ required: true, message: t('aftercare:forms.required') }]}
      >
        <Input type="date" style={{ width: 200 }} />
      </Form.Item>
      <Form.Item name="method" label={t('aftercare:forms.schedule.method')} rules={[{ required: true, message: t('aftercare:forms.required') }]}>
        <Radio.Group options={FOLLOW_UP_METHODS.map((method) => ({ value: method, label: t(`aftercare:followUps.methods.${method}`) }))} />
      </Form.Item>
    </ActionModal>
  );
}

/** The office writes down what a visit found; a visit is recorded once. */
export function RecordFollowUpForm({
  caseId,
  visit,
  methodName,
  open,
  onClose,
}: FormProps & { visit: FollowUp; methodName: string }) {
  const { t } = useTranslation(['aftercare']);
  const [form] = Form.useForm<{ notes: string }>();
  const record = useRecordFollowUp();
  return (
    <ActionModal<{ notes: string }>
      name="record-follow-up"
      open={open}
      title={t('aftercare:forms.record.title')}
      okText={t('aftercare:forms.record.ok')}
      form={form}
      fields={['notes']}
      onClose={onClose}
      record={{ caseId }}
      onSubmit={({ notes }) => record.mutateAsync({ caseId, followUpId: visit.id, body: { notes: notes.trim() } })}
    >
      <Typography.Paragraph type="secondary">
        {t('aftercare:forms.record.visit', { date: visit.scheduled_for, method: methodName })}
      </Typography.Paragraph>
      <Form.Item
        name="notes"
        label={t('aftercare:forms.record.notes')}
        rules={[{ required: true, whitespace: true, message: t('aftercare:forms.required') }]}
      >
        <Input.TextArea rows={5} maxLength={5000} placeholder={t('aftercare:forms.record.placeholder')} />
      </Form.Item>
    </ActionModal>
  );
}

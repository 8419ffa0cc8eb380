import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReplyRectification, type Rectification } from '@/lib/cases/api/rectifications';
import { ActionModal } from '../action-modal';

interface ReplyFormProps {
  rectification: Rectification;
  /** The department, the rating and the deadline, as one line above the reply. */
  about: string;
  open: boolean;
  onClose: () => void;
}

/**
 * The written reply (书面答复) to a rectification. It is given once and goes into the case's
 * file, so it is confirmed before it is sent.
 */
export function RectificationReplyForm({ rectification, about, open, onClose }: ReplyFormProps) {
  const { t } = useTranslation(['aftercare']);
  const [form] = Form.useForm<{ reply: string }>();
  const reply = useReplyRectification();
  return (
    <ActionModal<{ reply: string }>
      name="rectification-reply"
      open={open}
      title={t('aftercare:forms.reply.title')}
      okText={t('aftercare:forms.reply.ok')}
      confirm={{ title: t('aftercare:forms.reply.confirmTitle'), content: t('aftercare:forms.reply.confirmContent') }}
      form={form}
      fields={['reply']}
      onClose={onClose}
      record={{ caseId: rectification.case_id }}
      onSubmit={(values) =>
        reply.mutateAsync({ id: rectification.id, caseId: rectification.case_id, body: { reply: values.reply.trim() } })
      }
    >
      <Typography.Paragraph type="secondary">{about}</Typography.Paragraph>
      <Form.Item
        name="reply"
        label={t('aftercare:forms.reply.reply')}
        rules={[{ required: true, whitespace: true, message: t('aftercare:forms.required') }]}
      >
        <Input.TextArea rows={6} maxLength={5000} placeholder={t('aftercare:forms.reply.placeholder')} />
      </Form.Item>
    </ActionModal>
  );
}

import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCaseCommand } from '@/lib/cases/api/case-commands';
import { ActionModal } from '../action-modal';
import type { CaseFormProps } from './case-form-props';

/** The entrustment agreement (委托协议) and the one-time written notification (一次性告知). */
export function AgreementForm({ case: c, open, onClose }: CaseFormProps) {
  const { t } = useTranslation(['console', 'cases']);
  const [form] = Form.useForm<{ notificationText?: string }>();
  const command = useCaseCommand();
  return (
    <ActionModal<{ notificationText?: string }>
      name="sign_agreement"
      open={open}
      title={t('cases:actions.sign_agreement')}
      okText={t('console:forms.agreement.ok')}
      form={form}
      fields={['notificationText']}
      aliases={{ notification_text: 'notificationText' }}
      width={720}
      onClose={onClose}
      record={{ caseId: c.id }}
      onSubmit={({ notificationText }) =>
        command.mutateAsync({
          command: 'sign_agreement',
          id: c.id,
          version: c.version,
          body: notificationText?.trim() ? { notification_text: notificationText.trim() } : {},
        })
      }
    >
      <p>{t('console:forms.agreement.intro')}</p>
      <Form.Item name="notificationText" label={t('console:forms.agreement.notification')} extra={t('console:forms.agreement.notificationHelp')}>
        <Input.TextArea rows={8} maxLength={20000} />
      </Form.Item>
    </ActionModal>
  );
}

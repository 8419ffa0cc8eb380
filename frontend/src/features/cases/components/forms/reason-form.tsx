import { Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCaseCommand } from '@/lib/cases/api/case-commands';
import type { SomeCodes } from '@/lib/api/codes';
import type { CaseAction } from '@/lib/cases/types';
import { ActionModal } from '../action-modal';
import type { CaseFormProps } from './case-form-props';

/** The contract's case actions that take a reason (`ReasonIn`). */
type ReasonAction = SomeCodes<CaseAction, 'return_for_revision' | 'reject' | 'terminate' | 'reopen'>;

/** Actions that need a written reason: return, refusal, termination, reopening. */
export function ReasonForm({ case: c, action, open, confirm, danger, onClose }: CaseFormProps) {
  const { t } = useTranslation(['console', 'cases']);
  const [form] = Form.useForm<{ reason: string }>();
  const command = useCaseCommand();
  const kind = action as ReasonAction;
  const title = t(`cases:actions.${kind}`);
  return (
    <ActionModal<{ reason: string }>
      name={action}
      open={open}
      title={title}
      okText={title}
      danger={danger}
      confirm={confirm ? { title: t(`console:confirm.${kind}.title`), content: t(`console:confirm.${kind}.content`) } : null}
      form={form}
      fields={['reason']}
      onClose={onClose}
      record={{ caseId: c.id }}
      onSubmit={({ reason }) =>
        command.mutateAsync({ command: kind, id: c.id, version: c.version, body: { reason: reason.trim() } })
      }
    >
      <Form.Item
        name="reason"
        label={t(`console:forms.reason.${kind}`)}
        rules={[{ required: true, whitespace: true, message: t('console:forms.required') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} />
      </Form.Item>
    </ActionModal>
  );
}

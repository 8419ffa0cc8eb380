import { Checkbox, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCaseCommand } from '@/lib/cases/api/case-commands';
import { ActionModal } from '../action-modal';
import type { CaseFormProps } from './case-form-props';

const CHECKS = ['industrial', 'land', 'environmental', 'safety', 'energy'] as const;
type Check = (typeof CHECKS)[number];

interface ReviewValues {
  recommendation: string;
  checks: Check[];
}

/** The investment officer's review: the five policy checks and a recommendation to the leader. */
export function ReviewForm({ case: c, open, onClose }: CaseFormProps) {
  const { t } = useTranslation(['console', 'cases']);
  const [form] = Form.useForm<ReviewValues>();
  const command = useCaseCommand();
  return (
    <ActionModal<ReviewValues>
      name="review"
      open={open}
      title={t('cases:actions.review')}
      okText={t('console:forms.review.ok')}
      form={form}
      fields={['recommendation', 'checks']}
      aliases={Object.fromEntries(CHECKS.map((check) => [`policy_checks.${check}`, 'checks']))}
      initialValues={{ checks: [], recommendation: '' }}
      onClose={onClose}
      record={{ caseId: c.id }}
      onSubmit={(values) =>
        command.mutateAsync({
          command: 'review',
          id: c.id,
          version: c.version,
          body: {
            recommendation: values.recommendation.trim(),
            policy_checks: Object.fromEntries(CHECKS.map((check) => [check, values.checks.includes(check)])) as Record<Check, boolean>,
          },
        })
      }
    >
      <Form.Item name="checks" label={t('console:forms.review.checks')} extra={t('console:forms.review.checksHelp')}>
        <Checkbox.Group
          options={CHECKS.map((check) => ({ value: check, label: t(`cases:policyChecks.${check}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="recommendation"
        label={t('console:forms.review.recommendation')}
        rules={[{ required: true, whitespace: true, message: t('console:forms.required') }]}
      >
        <Input.TextArea rows={4} maxLength={2000} placeholder={t('console:forms.review.placeholder')} />
      </Form.Item>
    </ActionModal>
  );
}

import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { NamedSelect } from '@/components/console/named-select';
import { useCaseCommand } from '@/lib/cases/api/case-commands';
import { ActionModal } from '../action-modal';
import type { CaseFormProps } from './case-form-props';

/** Completion (办结单, 附件7): the documents handed over to the enterprise. */
export function CompletionForm({ case: c, open, onClose }: CaseFormProps) {
  const { t } = useTranslation(['console', 'cases']);
  const [form] = Form.useForm<{ documents: string[] }>();
  const command = useCaseCommand();
  // The approvals' documents are what is handed over, first of all.
  const documents = c.tasks
    .filter((task) => task.outcome === 'approved' && task.document_number)
    .map((task) => `${task.item_name}（${task.document_number}）`);
  const label = t('console:forms.completion.documents');
  return (
    <ActionModal<{ documents: string[] }>
      name="complete"
      open={open}
      title={t('cases:actions.complete')}
      okText={t('cases:actions.complete')}
      confirm={{ title: t('console:confirm.complete.title'), content: t('console:confirm.complete.content') }}
      form={form}
      fields={['documents']}
      aliases={{ handed_over_documents: 'documents' }}
      initialValues={{ documents }}
      width={640}
      onClose={onClose}
      record={{ caseId: c.id }}
      onSubmit={(values) =>
        command.mutateAsync({
          command: 'complete',
          id: c.id,
          version: c.version,
          body: { handed_over_documents: values.documents.map((d) => d.trim()).filter(Boolean) },
        })
      }
    >
      <Form.Item
        name="documents"
        label={label}
        extra={t('console:forms.completion.help')}
        rules={[{ required: true, type: 'array', min: 1, message: t('console:forms.completion.required') }]}
      >
        <NamedSelect<string[]> mode="tags" listLabel={label} tokenSeparators={['\n']} open={false} />
      </Form.Item>
    </ActionModal>
  );
}

import { App as AntApp, Button, Checkbox, Form, Input, InputNumber, Radio, Space } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NamedSelect } from '@/components/console/named-select';
import { useMe } from '@/lib/auth/me';
import { useAllDepartments } from '@/lib/cases/api/department-names';
import { useAttachResultDocument } from '@/lib/cases/api/materials';
import { useTaskCommand, type TaskCommand } from '@/lib/cases/api/task-commands';
import { RESULT_NOTICE_CHANNELS, SHEET_OUTCOMES } from '@/lib/cases/codes';
import type { ResultNoticeChannel, SheetOutcome, Task } from '@/lib/cases/types';
import { useUsers } from '@/lib/users/list-users';
import { useActionError } from '../hooks/use-action-error';
import { taskActionButtons, type ActionButton, type TaskActionForm } from '../utils/action-buttons';
import { ActionModal } from './action-modal';
import { ResultDocumentInput } from './result-document';
import { useReloadRecord } from '@/lib/cases/api/reload';

interface TaskActionsProps {
  task: Task;
  /** 告知承诺 allowed for the sheet's item (from the plan). */
  allowsCommitment?: boolean;
  size?: 'small' | 'middle';
}

/** The buttons (and their forms) for what the caller may do with a task sheet now. */
export function TaskActions({ task, allowsCommitment, size = 'middle' }: TaskActionsProps) {
  const { t } = useTranslation(['console', 'cases']);
  const { data: me } = useMe();
  const { modal, message } = AntApp.useApp();
  const describe = useActionError();
  const command = useTaskCommand();
  const reload = useReloadRecord();
  const [openForm, setOpenForm] = useState<ActionButton<TaskCommand, TaskActionForm> | null>(null);
  if (!me) return null;
  const buttons = taskActionButtons(task, me.role, { allowsCommitment });
  if (buttons.length === 0) return null;

  const sendPlain = async (action: TaskCommand) => {
    try {
      await command.mutateAsync({ command: action, id: task.id, version: task.version, body: undefined as never });
      void message.success(t('console:action.done', { action: t(`cases:taskActions.${action}`) }));
    } catch (error) {
      const view = describe(error);
      modal.error({
        title: t('console:action.failed'),
        content: view.form.join(' '),
        okText: view.stale || view.moved ? t('console:action.reload') : t('console:action.close'),
        onOk: view.stale || view.moved ? () => void reload({ caseId: task.case_id, taskId: task.id }) : undefined,
      });
    }
  };

  const onClick = (button: ActionButton<TaskCommand, TaskActionForm>) => {
    if (button.form !== 'none') {
      setOpenForm(button);
      return;
    }
    const label = t(`cases:taskActions.${button.action}`);
    if (button.confirm) {
      modal.confirm({
        title: t('console:confirm.task', { action: label, item: task.item_name }),
        okText: t('console:action.confirmOk'),
        cancelText: t('console:action.cancel'),
        onOk: () => sendPlain(button.action),
      });
    } else {
      void sendPlain(button.action);
    }
  };

  return (
    <>
      <Space wrap size={[8, 8]}>
        {buttons.map((button) => (
          <Button
            key={button.action}
            size={size}
            type={button.primary ? 'primary' : 'default'}
            danger={button.danger}
            loading={command.isPending && command.variables?.command === button.action}
            onClick={() => onClick(button)}
            aria-label={`${t(`cases:taskActions.${button.action}`)}：${task.item_name}`}
          >
            {t(`cases:taskActions.${button.action}`)}
          </Button>
        ))}
      </Space>
      {openForm && (
        <TaskForm
          task={task}
          button={openForm}
          onClose={() => setOpenForm(null)}
        />
      )}
    </>
  );
}

interface TaskFormProps {
  task: Task;
  button: ActionButton<TaskCommand, TaskActionForm>;
  onClose: () => void;
}

type FormValues = {
  reason?: string;
  materials?: string[];
  names?: string[];
  workingDays?: number;
  outcome?: SheetOutcome;
  documentNumber?: string;
  departmentId?: string;
  toUserId?: string;
  channel?: ResultNoticeChannel;
  note?: string;
};

function TaskForm({ task, button, onClose }: TaskFormProps) {
  const { t } = useTranslation(['console', 'cases', 'common']);
  const { modal } = AntApp.useApp();
  const describe = useActionError();
  const [form] = Form.useForm<FormValues>();
  const command = useTaskCommand();
  const attach = useAttachResultDocument();
  const documentInputId = useId();
  const [resultFile, setResultFile] = useState<File | null>(null);
  const { action } = button;
  const label = t(`cases:taskActions.${action}`);
  const outcome = Form.useWatch('outcome', form);
  const departments = useAllDepartments();
  const colleagues = useUsers({ department_id: task.department_id, role: 'department_agent' }, action === 'transfer');
  const required = [{ required: true, whitespace: true, message: t('console:forms.required') }];

  const body = (values: FormValues): unknown => {
    switch (action) {
      case 'request_correction':
        return { reason: values.reason?.trim(), materials: values.materials ?? [] };
      case 'supply_missing_materials':
        return { names: values.names ?? [] };
      case 'extend':
        return { working_days: values.workingDays, reason: values.reason?.trim() };
      case 'finish':
        return {
          outcome: values.outcome,
          ...(values.outcome === 'approved'
            ? { document_number: values.documentNumber?.trim() }
            : { reason: values.reason?.trim() }),
        };
      case 'approve_on_commitment':
        return { outcome: 'approved', document_number: values.documentNumber?.trim() };
      case 'send_back':
        return { reason: values.reason?.trim() };
      case 'redispatch':
        return values.departmentId ? { department_id: values.departmentId } : {};
      case 'transfer':
        return { to_user_id: values.toUserId };
      case 'record_result_notice':
        return { channel: values.channel, ...(values.note?.trim() ? { note: values.note.trim() } : {}) };
      default:
        return undefined;
    }
  };

  const confirmText = button.confirm
    ? { title: t('console:confirm.task', { action: label, item: task.item_name }), content: t(`console:confirm.taskContent.${action}` as never) as string }
    : null;

  return (
    <ActionModal<FormValues>
      name={`task_${action}`}
      open
      title={`${label}：${task.item_name}`}
      okText={label}
      danger={button.danger}
      confirm={confirmText}
      form={form}
      fields={['reason', 'materials', 'names', 'workingDays', 'outcome', 'documentNumber', 'departmentId', 'toUserId', 'channel', 'note']}
      aliases={{
        working_days: 'workingDays',
        document_number: 'documentNumber',
        department_id: 'departmentId',
        to_user_id: 'toUserId',
      }}
      initialValues={{
        outcome: 'approved',
        names: task.missing_materials.filter((m) => !m.supplied_at).map((m) => m.name),
        channel: 'in_app',
        departmentId: task.department_id,
        workingDays: 1,
      }}
      onClose={onClose}
      record={{ caseId: task.case_id, taskId: task.id }}
      onSubmit={async (values) => {
        const finished = await command.mutateAsync({ command: action, id: task.id, version: task.version, body: body(values) as never });
        if (!resultFile || finished.outcome !== 'approved') return finished;
        // The sheet is finished either way; a document that did not go up is attached later
        // from the sheet's details.
        try {
          await attach.mutateAsync({ taskId: task.id, caseId: task.case_id, file: resultFile });
        } catch (error) {
          const view = describe(error, ['file']);
          modal.error({
            title: t('console:action.failed'),
            content: t('console:forms.task.attachFailed', { error: [...(view.fields.file ?? []), ...view.form].join(' ') }),
            okText: t('console:action.close'),
          });
        }
        return finished;
      }}
    >
      {(action === 'request_correction' || action === 'send_back' || action === 'extend') && (
        <Form.Item name="reason" label={t(`console:forms.task.reason.${action}`)} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
      {action === 'request_correction' && (
        <Form.Item
          name="materials"
          label={t('console:forms.task.materials')}
          extra={t('console:forms.task.materialsHelp')}
          rules={[{ required: true, type: 'array', min: 1, message: t('console:forms.required') }]}
        >
          <NamedSelect<string[]> mode="tags" open={false} listLabel={t('console:forms.task.materials')} />
        </Form.Item>
      )}
      {action === 'supply_missing_materials' && (
        <Form.Item
          name="names"
          label={t('console:forms.task.suppliedNames')}
          rules={[{ required: true, type: 'array', min: 1, message: t('console:forms.required') }]}
        >
          <Checkbox.Group
            options={task.missing_materials.filter((m) => !m.supplied_at).map((m) => ({ value: m.name, label: m.name }))}
          />
        </Form.Item>
      )}
      {action === 'extend' && (
        <Form.Item name="workingDays" label={t('console:forms.task.workingDays')} rules={[{ required: true, message: t('console:forms.required') }]}>
          <InputNumber min={1} max={365} />
        </Form.Item>
      )}
      {action === 'finish' && (
        <Form.Item name="outcome" label={t('console:forms.task.outcome')} rules={[{ required: true, message: t('console:forms.required') }]}>
          <Radio.Group
            options={SHEET_OUTCOMES.map((o) => ({ value: o, label: t(`cases:outcomes.${o}`) }))}
          />
        </Form.Item>
      )}
      {(action === 'approve_on_commitment' || (action === 'finish' && outcome === 'approved')) && (
        <Form.Item
          name="documentNumber"
          label={t('console:forms.task.documentNumber')}
          extra={t('console:forms.task.documentNumberHelp')}
          rules={required}
        >
          <Input maxLength={200} />
        </Form.Item>
      )}
      {(action === 'approve_on_commitment' || (action === 'finish' && outcome === 'approved')) && (
        <Form.Item label={t('console:forms.task.resultDocument')} extra={t('console:forms.task.resultDocumentHelp')} htmlFor={documentInputId}>
          <ResultDocumentInput id={documentInputId} onChange={setResultFile} />
        </Form.Item>
      )}
      {action === 'finish' && outcome !== 'approved' && (
        <Form.Item name="reason" label={t('console:forms.task.reason.finish')} rules={required}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
      )}
      {action === 'redispatch' && (
        <Form.Item name="departmentId" label={t('console:forms.task.department')}>
          <NamedSelect<string>
            listLabel={t('console:forms.task.department')}
            showSearch={{ optionFilterProp: 'label' }}
            options={(departments.data ?? []).map((d) => ({ value: d.id, label: d.short_name }))}
          />
        </Form.Item>
      )}
      {action === 'transfer' && (
        <Form.Item
          name="toUserId"
          label={t('console:forms.task.toUser')}
          extra={colleagues.isError ? t('console:forms.task.colleaguesUnavailable') : undefined}
          rules={[{ required: true, message: t('console:forms.required') }]}
        >
          <NamedSelect<string>
            listLabel={t('console:forms.task.toUser')}
            loading={colleagues.isPending}
            options={(colleagues.data ?? [])
              .filter((u) => u.id !== task.assignee_id)
              .map((u) => ({ value: u.id, label: u.display_name }))}
          />
        </Form.Item>
      )}
      {action === 'record_result_notice' && (
        <>
          <Form.Item name="channel" label={t('console:forms.task.channel')} rules={[{ required: true, message: t('console:forms.required') }]}>
            <Radio.Group options={RESULT_NOTICE_CHANNELS.map((c) => ({ value: c, label: t(`cases:channels.${c}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('console:forms.task.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      )}
    </ActionModal>
  );
}

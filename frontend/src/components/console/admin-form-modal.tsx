import { Alert, App as AntApp, Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, mapErrorToForm, type FallbackMessages, type FormErrors } from '@/lib/api/problem';

/** Where a 409 `conflict` that names no field belongs (a user name or a code taken), and what to say. */
export interface ConflictPlacement {
  field: string;
  message: string;
}

/**
 * A failed call as the form shows it: field messages next to their fields, the rest above.
 * The server names the field of a taken user name or code (409 `conflict`, code `taken`); a
 * 409 naming no field (an older server) goes to `conflict.field`, the one value it can be.
 */
export function formErrorsOf(
  error: unknown,
  fields: readonly string[],
  fallback: FallbackMessages,
  conflict?: ConflictPlacement,
): FormErrors<string> {
  const view = mapErrorToForm(error, fields, fallback);
  const unplacedConflict =
    conflict && error instanceof ApiError && error.status === 409 && !(error.problem?.errors ?? []).length;
  if (unplacedConflict) return { fields: { [conflict.field]: [conflict.message] }, form: [] };
  return view;
}

export interface AdminFormModalProps<V> {
  /** The form's name: prefixes its fields' ids. */
  name: string;
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  width?: number;
  form: FormInstance<V>;
  /** The form's field names, as the API names them: server messages go next to them. */
  fields: readonly string[];
  conflict?: ConflictPlacement;
  initialValues?: Partial<V>;
  /** Asks once more, after the form is valid, before sending. */
  confirm?: { title: string; content?: ReactNode } | null;
  /** Sends; resolves with the message to show once done, rejects with the API's error. */
  onSubmit: (values: V) => Promise<string>;
  onClose: () => void;
  /** The form's fields (Form.Item elements) and notes. */
  children?: ReactNode;
}

/**
 * A modal form of the administrator's screens: validates, optionally confirms, sends, and shows
 * the server's answer — problem+json field messages next to their fields (already in the UI's
 * language), the rest above the form in an alert.
 */
export function AdminFormModal<V extends object>({
  name,
  open,
  title,
  okText,
  danger,
  width,
  form,
  fields,
  conflict,
  initialValues,
  confirm,
  onSubmit,
  onClose,
  children,
}: AdminFormModalProps<V>) {
  const { t } = useTranslation(['admin', 'common']);
  const { modal, message } = AntApp.useApp();
  const [sending, setSending] = useState(false);
  const [summary, setSummary] = useState<string[]>([]);

  const close = () => {
    setSummary([]);
    onClose();
  };

  const send = async (values: V) => {
    setSending(true);
    setSummary([]);
    try {
      const done = await onSubmit(values);
      void message.success(done);
      form.resetFields();
      close();
    } catch (error) {
      const view = formErrorsOf(
        error,
        fields,
        { network: t('common:errors.network'), server: t('common:errors.server') },
        conflict,
      );
      form.setFields(
        Object.entries(view.fields).map(([field, messages]) => ({ name: field as never, errors: messages ?? [] })),
      );
      setSummary(view.form);
    } finally {
      setSending(false);
    }
  };

  const onOk = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // The fields say what is missing.
    }
    if (confirm) {
      modal.confirm({
        title: confirm.title,
        content: confirm.content,
        okText: t('admin:form.confirmOk'),
        cancelText: t('admin:form.cancel'),
        okButtonProps: danger ? { danger: true } : {},
        onOk: () => send(values),
      });
    } else {
      await send(values);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {t('admin:form.cancel')}
        </Button>,
        <Button key="ok" type="primary" danger={danger} loading={sending} onClick={() => void onOk()}>
          {okText}
        </Button>,
      ]}
    >
      {summary.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="action-errors"
          title={summary.length === 1 ? summary[0] : t('admin:form.failed')}
          description={
            summary.length > 1 ? (
              <ul>
                {summary.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      <Form<V> name={name} form={form} layout="vertical" initialValues={initialValues} requiredMark>
        {children}
      </Form>
    </Modal>
  );
}

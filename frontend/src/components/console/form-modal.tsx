import { Alert, App as AntApp, Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import type { FormErrors } from '@/lib/api/problem';

/** What a modal form of the console takes from the screen that opens it. */
export interface ModalFormProps<V> {
  /** The form's name: prefixes its fields' ids. */
  name: string;
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  width?: number;
  form: FormInstance<V>;
  initialValues?: Partial<V>;
  /** Asks once more, after the form is valid, before sending. */
  confirm?: { title: string; content?: ReactNode } | null;
  onClose: () => void;
  /** The form's fields (Form.Item elements) and notes. */
  children?: ReactNode;
}

/** The modal's own words, already translated by the caller. */
export interface FormModalTexts {
  cancel: string;
  /** The confirmation's "go ahead" button. */
  confirmOk: string;
  /** The alert's title when it lists more than one message. */
  failed: string;
}

export interface FormModalProps<V, E extends FormErrors<string>> extends ModalFormProps<V> {
  texts: FormModalTexts;
  /** The form's own checks beyond its fields (false: they show why; nothing is sent). */
  validate?: () => boolean;
  /** Sends; resolves with the message to show once done, rejects with the API's error. */
  onSubmit: (values: V) => Promise<string>;
  /** A failed send as the form shows it: messages by field (dotted paths), the rest above. */
  describeError: (error: unknown) => E;
  /** What the alert offers besides its messages (e.g. "reload"); `close` closes the modal. */
  errorAction?: (errors: E, close: () => void) => ReactNode;
  /** Content after the form. */
  extra?: ReactNode;
}

/** A dotted field path as the form names it: `items.0.code` is `['items', 0, 'code']`. */
function namePath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * A modal form: validates, optionally confirms, sends, and shows the server's answer — field
 * messages next to their fields, the rest above the form in an alert (class `action-errors`).
 */
export function FormModal<V extends object, E extends FormErrors<string> = FormErrors<string>>({
  name,
  open,
  title,
  okText,
  danger,
  width,
  form,
  initialValues,
  confirm,
  onClose,
  children,
  texts,
  validate,
  onSubmit,
  describeError,
  errorAction,
  extra,
}: FormModalProps<V, E>) {
  const { modal, message } = AntApp.useApp();
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<E | null>(null);

  const close = () => {
    setErrors(null);
    onClose();
  };

  const send = async (values: V) => {
    setSending(true);
    setErrors(null);
    try {
      const done = await onSubmit(values);
      void message.success(done);
      form.resetFields();
      close();
    } catch (error) {
      const view = describeError(error);
      form.setFields(
        Object.entries(view.fields).map(([field, messages]) => ({
          name: namePath(field) as never,
          errors: (messages as string[] | undefined) ?? [],
        })),
      );
      setErrors(view);
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
    if (validate && !validate()) return;
    if (confirm) {
      modal.confirm({
        title: confirm.title,
        content: confirm.content,
        okText: texts.confirmOk,
        cancelText: texts.cancel,
        okButtonProps: danger ? { danger: true } : {},
        onOk: () => send(values),
      });
    } else {
      await send(values);
    }
  };

  const summary = errors?.form ?? [];
  return (
    <Modal
      open={open}
      title={title}
      width={width}
      onCancel={close}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={close}>
          {texts.cancel}
        </Button>,
        <Button key="ok" type="primary" danger={danger} loading={sending} onClick={() => void onOk()}>
          {okText}
        </Button>,
      ]}
    >
      {errors && summary.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="action-errors"
          title={summary.length === 1 ? summary[0] : texts.failed}
          description={
            summary.length > 1 ? (
              <ul>
                {summary.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            ) : undefined
          }
          action={errorAction?.(errors, close)}
        />
      )}
      <Form<V> name={name} form={form} layout="vertical" initialValues={initialValues} requiredMark>
        {children}
      </Form>
      {extra}
    </Modal>
  );
}

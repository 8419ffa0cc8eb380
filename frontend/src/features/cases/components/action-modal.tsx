import { Alert, App as AntApp, Button, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useActionError } from '../hooks/use-action-error';

export interface ActionModalProps<V> {
  /** The form's name: prefixes its fields' ids. */
  name: string;
  open: boolean;
  title: string;
  okText: string;
  danger?: boolean;
  width?: number;
  /** Irreversible: asks once more, after the form is valid, before sending. */
  confirm?: { title: string; content?: ReactNode } | null;
  form: FormInstance<V>;
  /** The form's field names (dotted), to put server messages next to their fields. */
  fields?: readonly string[];
  /** Server field paths mapped onto the form's own names. */
  aliases?: Readonly<Record<string, string>>;
  initialValues?: Partial<V>;
  /** The form's own checks beyond its fields (false: they show why; nothing is sent). */
  validate?: () => boolean;
  /** Sends the action; rejects with the API's error. */
  onSubmit: (values: V) => Promise<unknown>;
  onClose: () => void;
  /** Reloads what the page shows (after a 412 or 409). */
  onReload: () => void;
  /** The form's fields (Form.Item elements). */
  children?: ReactNode;
  /** Non-form content, when the action needs none of its own (after the form). */
  extra?: ReactNode;
}

/**
 * A modal form for one action: validates, asks for confirmation when irreversible, sends,
 * and shows the server's answer — field messages next to their fields, the rest above, and
 * "reload" when someone else changed the record meanwhile (412).
 */
export function ActionModal<V extends object>({
  name,
  open,
  title,
  okText,
  danger,
  width,
  confirm,
  form,
  fields = [],
  aliases = {},
  initialValues,
  validate,
  onSubmit,
  onClose,
  onReload,
  children,
  extra,
}: ActionModalProps<V>) {
  const { t } = useTranslation(['console', 'common']);
  const { modal, message } = AntApp.useApp();
  const describe = useActionError();
  const [sending, setSending] = useState(false);
  const [errors, setErrors] = useState<{ form: string[]; stale: boolean; moved: boolean } | null>(null);

  const send = async (values: V) => {
    setSending(true);
    setErrors(null);
    try {
      await onSubmit(values);
      void message.success(t('console:action.done', { action: title }));
      form.resetFields();
      onClose();
    } catch (error) {
      const view = describe(error, fields, aliases);
      form.setFields(
        Object.entries(view.fields).map(([name, messages]) => ({
          name: name.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)) as never,
          errors: messages as string[],
        })),
      );
      setErrors({ form: view.form, stale: view.stale, moved: view.moved });
    } finally {
      setSending(false);
    }
  };

  const onOk = async () => {
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return; // The fields show what is missing.
    }
    if (validate && !validate()) return;
    if (confirm) {
      modal.confirm({
        title: confirm.title,
        content: confirm.content,
        okText: t('console:action.confirmOk'),
        cancelText: t('console:action.cancel'),
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
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('console:action.cancel')}
        </Button>,
        <Button key="ok" type="primary" danger={danger} loading={sending} onClick={() => void onOk()}>
          {okText}
        </Button>,
      ]}
    >
      {errors && errors.form.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="action-errors"
          title={errors.form.length === 1 ? errors.form[0] : t('console:action.failed')}
          description={
            errors.form.length > 1 ? (
              <ul>
                {errors.form.map((text) => (
                  <li key={text}>{text}</li>
                ))}
              </ul>
            ) : undefined
          }
          action={
            errors.stale || errors.moved ? (
              <Button
                size="small"
                onClick={() => {
                  onReload();
                  onClose();
                }}
              >
                {t('console:action.reload')}
              </Button>
            ) : undefined
          }
        />
      )}
      <Form<V> name={name} form={form} layout="vertical" initialValues={initialValues} requiredMark>
        {children}
      </Form>
      {extra}
    </Modal>
  );
}

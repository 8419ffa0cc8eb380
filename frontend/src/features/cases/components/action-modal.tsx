import { Button } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { FormModal, type ModalFormProps } from '@/components/console/form-modal';
import { useActionError, type ActionErrorView } from '../hooks/use-action-error';
import { useReloadRecord, type ActionRecord } from '@/lib/cases/api/reload';

export interface ActionModalProps<V> extends ModalFormProps<V> {
  /** Irreversible: asks once more, after the form is valid, before sending. */
  confirm?: { title: string; content?: ReactNode } | null;
  /** The form's field names (dotted), to put server messages next to their fields. */
  fields?: readonly string[];
  /** Server field paths mapped onto the form's own names. */
  aliases?: Readonly<Record<string, string>>;
  /** The form's own checks beyond its fields (false: they show why; nothing is sent). */
  validate?: () => boolean;
  /** Sends the action; rejects with the API's error. */
  onSubmit: (values: V) => Promise<unknown>;
  /** The case (and sheet) the action is on: read again after a 412 or 409. */
  record: ActionRecord;
  /** Non-form content, when the action needs none of its own (after the form). */
  extra?: ReactNode;
}

/**
 * A modal form for one action: validates, asks for confirmation when irreversible, sends,
 * and shows the server's answer — field messages next to their fields, the rest above, and
 * "reload" when someone else changed the record meanwhile (412).
 */
export function ActionModal<V extends object>({
  fields = [],
  aliases = {},
  onSubmit,
  record,
  ...props
}: ActionModalProps<V>) {
  const { t } = useTranslation(['console', 'common']);
  const describe = useActionError();
  const reload = useReloadRecord();
  return (
    <FormModal<V, ActionErrorView<string>>
      {...props}
      texts={{ cancel: t('console:action.cancel'), confirmOk: t('console:action.confirmOk'), failed: t('console:action.failed') }}
      onSubmit={async (values) => {
        await onSubmit(values);
        return t('console:action.done', { action: props.title });
      }}
      describeError={(error) => describe(error, fields, aliases)}
      errorAction={(errors, close) =>
        errors.stale || errors.moved ? (
          <Button
            size="small"
            onClick={() => {
              void reload(record);
              close();
            }}
          >
            {t('console:action.reload')}
          </Button>
        ) : undefined
      }
    />
  );
}

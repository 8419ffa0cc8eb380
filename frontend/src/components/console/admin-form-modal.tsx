import { useTranslation } from 'react-i18next';
import { ApiError, mapErrorToForm, type FallbackMessages, type FormErrors } from '@/lib/api/problem';
import { FormModal, type ModalFormProps } from './form-modal';

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

export interface AdminFormModalProps<V> extends ModalFormProps<V> {
  /** The form's field names, as the API names them: server messages go next to them. */
  fields: readonly string[];
  conflict?: ConflictPlacement;
  /** Sends; resolves with the message to show once done, rejects with the API's error. */
  onSubmit: (values: V) => Promise<string>;
}

/**
 * A modal form of the administrator's screens: validates, optionally confirms, sends, and shows
 * the server's answer — problem+json field messages next to their fields (already in the UI's
 * language), the rest above the form in an alert.
 */
export function AdminFormModal<V extends object>({ fields, conflict, ...props }: AdminFormModalProps<V>) {
  const { t } = useTranslation(['admin', 'common']);
  return (
    <FormModal<V>
      {...props}
      texts={{ cancel: t('admin:form.cancel'), confirmOk: t('admin:form.confirmOk'), failed: t('admin:form.failed') }}
      describeError={(error) =>
        formErrorsOf(error, fields, { network: t('common:errors.network'), server: t('common:errors.server') }, conflict)
      }
    />
  );
}

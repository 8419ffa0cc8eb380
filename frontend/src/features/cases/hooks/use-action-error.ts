import { useTranslation } from 'react-i18next';
import { ApiError, mapErrorToForm, type FormErrors } from '@/lib/api/problem';

export interface ActionErrorView<F extends string> extends FormErrors<F> {
  /** Someone else changed the record since it was read (412): reload before trying again. */
  stale: boolean;
  /**
   * The record has moved on (409 `invalid_transition`, or `case_frozen`: the case closed or was
   * archived meanwhile): reload to see what is possible now.
   */
  moved: boolean;
}

/**
 * Turns a failed action into what the form shows: field messages (422 `validation_failed`,
 * 409 `preconditions_not_met`, already in the UI's language), a summary above the form, and
 * whether the data on screen is stale.
 */
export function useActionError() {
  const { t } = useTranslation(['console', 'common']);
  return function describe<F extends string>(
    error: unknown,
    fields: readonly F[] = [],
    aliases: Readonly<Record<string, F>> = {},
  ): ActionErrorView<F> {
    const view = mapErrorToForm(error, fields, { network: t('common:errors.network'), server: t('common:errors.server') }, aliases);
    const stale = error instanceof ApiError && (error.status === 412 || error.code === 'version_mismatch');
    const moved = error instanceof ApiError && (error.code === 'invalid_transition' || error.code === 'case_frozen');
    if (stale) return { fields: {}, form: [t('console:action.stale')], stale, moved };
    return { ...view, stale, moved };
  };
}

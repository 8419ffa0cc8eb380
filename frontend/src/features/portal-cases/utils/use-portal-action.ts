import { Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, mapErrorToForm } from '@/lib/api/problem';
import { useReloadRecord } from '@/lib/cases/api/reload';

/**
 * Runs one of the enterprise's actions: a toast when done; otherwise the server's message (in
 * the UI language) kept on screen, and "someone changed it meanwhile" (412) / "the case has
 * moved on" (409) followed by reading the case again.
 */
export function usePortalAction(caseId: string) {
  const { t } = useTranslation(['portal', 'common']);
  const reload = useReloadRecord();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const run = async (name: string, action: () => Promise<unknown>, done: string) => {
    setBusy(name);
    setError(null);
    try {
      await action();
      Toast.show({ content: done });
      return true;
    } catch (e) {
      if (e instanceof ApiError && (e.status === 412 || e.code === 'invalid_transition' || e.code === 'case_frozen')) {
        setError(t('portal:case.stale'));
        void reload({ caseId });
      } else {
        const view = mapErrorToForm(e, [], { network: t('common:errors.network'), server: t('common:errors.server') });
        setError(view.form.join(' '));
      }
      return false;
    } finally {
      setBusy(null);
    }
  };
  return { run, error, busy, clearError: () => setError(null) };
}

import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/** A list or page that could not be read: why, and a button to try again. */
export function LoadFailed({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation('common');
  return (
    <Alert
      type="error"
      showIcon
      title={t('status.loadFailed')}
      description={error.message}
      action={<Button onClick={onRetry}>{t('actions.retry')}</Button>}
    />
  );
}

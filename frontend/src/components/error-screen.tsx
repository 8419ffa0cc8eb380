import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** A full-page message for a failure the user can only retry or walk away from. */
export function ErrorScreen({ message, onRetry }: { message?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="full-page-message" role="alert">
      <p>{message ?? t('errors.unexpected')}</p>
      <p>
        {onRetry ? (
          <button type="button" onClick={onRetry}>
            {t('actions.retry')}
          </button>
        ) : (
          <Link to="/">{t('actions.backHome')}</Link>
        )}
      </p>
    </main>
  );
}

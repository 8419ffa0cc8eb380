import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <main className="full-page-message">
      <title>{`${t('notFound.title')} - ${t('appName')}`}</title>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.description')}</p>
      <Link to="/">{t('actions.backHome')}</Link>
    </main>
  );
}

import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The warning that a year has no national holiday notice loaded yet: its holidays and adjusted
 * working days are not counted (plain weeks) until the platform loads it. Nothing when none is
 * missing.
 */
export function MissingYearBanner({ years, forPlatform = false }: { years: readonly number[] | undefined; forPlatform?: boolean }) {
  const { t } = useTranslation('holidays');
  if (!years || years.length === 0) return null;
  const list = years.join(t('separator'));
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      style={{ marginBottom: 16 }}
      message={t('missing.title', { years: list })}
      description={t(forPlatform ? 'missing.platform' : 'missing.county', { years: list })}
    />
  );
}

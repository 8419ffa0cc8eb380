import { useTranslation } from 'react-i18next';
import type { components } from '@/lib/api/schema';

type TimeLimit = components['schemas']['TimeLimitOut'];

/** A time limit with its explicit unit: 20 个工作日, 15 日, 2 小时, 即办; "—" when none. */
export function DurationText({ value }: { value: TimeLimit | null | undefined }) {
  const { t } = useTranslation();
  if (!value) return <>{t('duration.none')}</>;
  const count = value.value;
  if (value.unit === 'immediate') return <>{t('duration.immediate')}</>;
  // Without a count the server's own wording is the best there is.
  if (count === null || count === undefined) return <>{value.text}</>;
  switch (value.unit) {
    case 'working_days':
      return <>{t('duration.working_days', { count })}</>;
    case 'calendar_days':
      return <>{t('duration.calendar_days', { count })}</>;
    case 'office_minutes':
      return count % 60 === 0 ? (
        <>{t('duration.hours', { count: count / 60 })}</>
      ) : (
        <>{t('duration.minutes', { count })}</>
      );
  }
}

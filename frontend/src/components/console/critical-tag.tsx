import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Marks a sheet on its case's critical path (its delay moves the project's end), with how many
 * working days its lateness has already held the project up.
 */
export function CriticalTag({ critical, holdsUp }: { critical: boolean; holdsUp?: number | null }) {
  const { t } = useTranslation('analytics');
  if (!critical) return null;
  const late = holdsUp && holdsUp > 0 ? holdsUp : 0;
  return (
    <Tooltip title={t('critical.hint')}>
      <Tag color="error" className="roadmap-tag">
        {t('critical.tag')}
        {late > 0 ? ` · ${t('critical.holdsUp', { days: late })}` : ''}
      </Tag>
    </Tooltip>
  );
}

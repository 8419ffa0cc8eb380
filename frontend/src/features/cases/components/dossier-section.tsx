import { Alert, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Case } from '@/lib/cases/types';
import { useDossierCheck } from '../api/dossier-check';

/** For a closed case: what the file (一事一档) still lacks before it can be archived. */
export function DossierSection({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console']);
  const closing = c.state === 'completed' || c.state === 'terminated';
  const check = useDossierCheck(c.id, closing);
  if (!closing || !check.data) return null;
  return (
    <section aria-labelledby="case-dossier" className="case-section">
      <Typography.Title level={3} className="subsection-title" id="case-dossier">
        {t('console:case.dossier.heading')}
      </Typography.Title>
      {check.data.complete ? (
        <Alert type="success" showIcon title={t('console:case.dossier.complete')} />
      ) : (
        <Alert
          type="warning"
          showIcon
          title={t('console:case.dossier.incomplete')}
          description={
            <ul className="task-list">
              {check.data.missing.map((gap) => (
                <li key={gap.code}>{gap.message}</li>
              ))}
            </ul>
          }
        />
      )}
    </section>
  );
}

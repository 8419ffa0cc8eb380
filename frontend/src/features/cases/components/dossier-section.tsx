import { DownloadOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Case } from '@/lib/cases/types';
import { useDossierCheck } from '../api/dossier-check';
import { downloadDossier } from '../api/dossier-download';

/** Whether the case is closed: completed, terminated or archived. */
export function isClosedCase(c: Pick<Case, 'state'>): boolean {
  return c.state === 'completed' || c.state === 'terminated' || c.state === 'archived';
}

/**
 * For a closed case: what the file (一事一档) still lacks before it can be archived, and the
 * whole file to download as one archive.
 */
export function DossierSection({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console']);
  const { message } = AntApp.useApp();
  const [downloading, setDownloading] = useState(false);
  const closing = c.state === 'completed' || c.state === 'terminated';
  const check = useDossierCheck(c.id, closing);
  if (!isClosedCase(c)) return null;

  const download = async () => {
    setDownloading(true);
    try {
      await downloadDossier(c.id);
    } catch {
      void message.error(t('console:case.dossier.downloadFailed'));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <section aria-labelledby="case-dossier" className="case-section">
      <Typography.Title level={3} className="subsection-title" id="case-dossier">
        {closing ? t('console:case.dossier.heading') : t('console:case.dossier.archivedHeading')}
      </Typography.Title>
      {closing && check.data ? (
        check.data.complete ? (
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
        )
      ) : null}
      <p>
        <Button icon={<DownloadOutlined />} loading={downloading} onClick={() => void download()}>
          {t('console:case.dossier.download')}
        </Button>
      </p>
      <Typography.Paragraph type="secondary">{t('console:case.dossier.downloadHint')}</Typography.Paragraph>
    </section>
  );
}

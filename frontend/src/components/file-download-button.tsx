import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '@/lib/api/download';
import './file-download-button.css';

/**
 * A plain button that downloads a stored file (a material, an approval document) for the pages
 * that load no Ant Design (the portal); a failure is said beside it.
 */
export function FileDownloadButton({ fileId, fileName, label }: { fileId: string; fileName?: string; label: string }) {
  const { t } = useTranslation(['cases']);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <span className="file-download">
      <button
        type="button"
        aria-busy={busy}
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setFailed(false);
          try {
            await downloadFile(fileId, fileName);
          } catch {
            setFailed(true);
          } finally {
            setBusy(false);
          }
        }}
      >
        {label}
      </button>
      {failed && (
        <span role="alert" className="file-download__error">
          {t('cases:materials.downloadFailed')}
        </span>
      )}
    </span>
  );
}

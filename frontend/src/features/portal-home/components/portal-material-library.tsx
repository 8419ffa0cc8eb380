import { useTranslation } from 'react-i18next';
import { FileDownloadButton } from '@/components/file-download-button';
import { useMaterialLibrary } from '@/lib/cases/api/materials';
import { formatFileSize } from '@/lib/cases/materials';
import { formatDate } from '@/lib/format/date';

/**
 * The enterprise's materials (一次提交、多次复用): every material it gave, newest version first,
 * whether it may still be reused, and each version to download.
 */
export function PortalMaterialLibrary({ enterpriseId }: { enterpriseId: string }) {
  const { t } = useTranslation(['portal', 'cases']);
  const library = useMaterialLibrary(enterpriseId);
  return (
    <section className="portal-section portal-library" aria-labelledby="portal-materials">
      <h2 id="portal-materials" className="portal-library__heading">
        {t('portal:me.materialsHeading')}
      </h2>
      <p className="portal-library__intro">{t('portal:me.materialsIntro')}</p>
      {library.isError && <p>{t('portal:me.materialsLoadFailed')}</p>}
      {library.data && library.data.items.length === 0 && <p>{t('portal:me.materialsEmpty')}</p>}
      {library.data && library.data.items.length > 0 && (
        <ul className="portal-library__list">
          {library.data.items.map((m) => (
            <li key={m.material_id}>
              <p className="portal-library__name">
                {m.name}{' '}
                <span className={m.valid ? 'portal-library__valid' : 'portal-library__expired'}>
                  {m.valid ? t('portal:me.reusable') : t('portal:me.expired')}
                </span>
              </p>
              <p className="portal-library__meta">{t('portal:me.versions', { count: m.versions.length })}</p>
              <ul className="portal-library__versions">
                {m.versions.map((v) => (
                  <li key={v.version}>
                    {t('cases:materials.version', { version: v.version })} · {formatDate(v.created_at)} ·{' '}
                    {formatFileSize(v.file.size_bytes)}
                    {v.on_behalf && ` · ${t('cases:materials.onBehalf')}`}
                    {v.valid_until && ` · ${t('cases:materials.validUntil', { date: formatDate(v.valid_until) })}`}
                    <br />
                    <FileDownloadButton
                      fileId={v.file.id}
                      fileName={v.file.file_name}
                      label={t('cases:materials.downloadNamed', { name: v.file.file_name })}
                    />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

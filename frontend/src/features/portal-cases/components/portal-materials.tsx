import { Button, Toast } from 'antd-mobile';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FileDownloadButton } from '@/components/file-download-button';
import { mapErrorToForm } from '@/lib/api/problem';
import {
  useChecklist,
  useReuseMaterial,
  useUploadMaterial,
  type ChecklistMaterial,
  type MaterialRef,
  type MaterialVersion,
} from '@/lib/cases/api/materials';
import { acceptAttribute, checklistSummary, formatFileSize, percent, takesPhotos } from '@/lib/cases/materials';
import { formatDate } from '@/lib/format/date';
import './portal-materials.css';

/**
 * The enterprise's materials checklist on the phone: per plan item, each material's state
 * (not given, waiting for review, accepted, or a correction asked for with its reason), the
 * version given (downloadable), and — while it may — a photo or a file to upload, with
 * progress, or a version it gave before to use again (一次提交、多次复用).
 */
export function PortalMaterials({ caseId }: { caseId: string }) {
  const { t } = useTranslation(['portal', 'cases']);
  const checklist = useChecklist(caseId);
  if (checklist.isPending) return null;
  if (checklist.isError) {
    return (
      <section className="portal-card" aria-labelledby="case-materials">
        <h2 id="case-materials">{t('portal:case.materialsHeading')}</h2>
        <p className="portal-muted">{t('portal:case.materialsLoadFailed')}</p>
      </section>
    );
  }
  const items = [...checklist.data.items].filter((i) => i.materials.length > 0).sort((a, b) => a.position - b.position);
  if (items.length === 0) return null;
  const summary = checklistSummary(checklist.data);
  return (
    <section className="portal-card" aria-labelledby="case-materials">
      <h2 id="case-materials">{t('portal:case.materialsHeading')}</h2>
      <p className="portal-muted">{t('cases:materials.summary', { accepted: summary.accepted, total: summary.total })}</p>
      <ol className="material-items">
        {items.map((item) => (
          <li key={item.item_id}>
            <h3 className="material-items__name">{item.name}</h3>
            <ul className="material-cards">
              {[...item.materials]
                .sort((a, b) => a.position - b.position)
                .map((m) => (
                  <MaterialCard key={m.position} material={m} at={{ caseId, itemId: item.item_id, position: m.position }} />
                ))}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}

function VersionFacts({ version }: { version: MaterialVersion }) {
  const { t } = useTranslation(['cases']);
  return (
    <div className="material-card__version">
      <p>
        {t('cases:materials.version', { version: version.version })} · {version.file.file_name} ·{' '}
        {formatFileSize(version.file.size_bytes)}
      </p>
      <p className="portal-muted">
        {formatDate(version.created_at)}
        {version.on_behalf && ` · ${t('cases:materials.onBehalf')}`}
        {version.valid_until && ` · ${t('cases:materials.validUntil', { date: formatDate(version.valid_until) })}`}
      </p>
      <FileDownloadButton
        fileId={version.file.id}
        fileName={version.file.file_name}
        label={t('cases:materials.downloadNamed', { name: version.file.file_name })}
      />
    </div>
  );
}

function MaterialCard({ material: m, at }: { material: ChecklistMaterial; at: MaterialRef }) {
  const { t } = useTranslation(['portal', 'cases', 'common']);
  const upload = useUploadMaterial();
  const reuse = useReuseMaterial();
  const [progress, setProgress] = useState<{ name: string; percent: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const mayUpload = m.allowed_actions.includes('upload');
  const mayReuse = m.allowed_actions.includes('reuse') && m.candidates.length > 0;

  const failed = (e: unknown) => {
    // A refused file (413, 415, 422) names why on the `file` field: that is the message to show.
    const view = mapErrorToForm(e, ['file'], { network: t('common:errors.network'), server: t('common:errors.server') });
    setError(`${t('portal:case.uploadFailed', { name: m.name })}${[...(view.fields.file ?? []), ...view.form].join(' ')}`);
  };

  const send = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    input.value = '';
    if (!file) return;
    setError(null);
    setProgress({ name: file.name, percent: 0 });
    try {
      await upload.mutateAsync({ ...at, file, onProgress: (p) => setProgress({ name: file.name, percent: percent(p.loaded, p.total) }) });
      Toast.show({ content: t('cases:materials.uploaded', { name: m.name }) });
    } catch (e) {
      failed(e);
    } finally {
      setProgress(null);
    }
  };

  const use = async (version: MaterialVersion) => {
    setError(null);
    try {
      await reuse.mutateAsync({ ...at, materialId: version.material_id, version: version.version });
      Toast.show({ content: t('cases:materials.reused', { name: m.name }) });
    } catch (e) {
      failed(e);
    }
  };

  return (
    <li className={`material-card material-card--${m.state}`} aria-labelledby={`${id}-name`}>
      <div className="material-card__head">
        <span className="material-card__name" id={`${id}-name`}>
          {m.name}
        </span>
        <span className={`material-chip material-chip--${m.state}`}>{t(`cases:materialStates.${m.state}`)}</span>
      </div>
      <p className="portal-muted">
        {m.required ? t('cases:materials.required') : t('cases:materials.optional')}
        {m.may_be_missing && ` · ${t('cases:materials.mayBeMissing')}`}
        {' · '}
        {t('cases:materials.acceptedTypes', { types: m.accepted_types.map((type) => t(`cases:fileTypes.${type}`)).join(' / ') })}
      </p>
      {m.state === 'correction_requested' && m.reason && (
        <p className="material-card__reason">{t('cases:materials.reason', { reason: m.reason })}</p>
      )}
      {m.current && <VersionFacts version={m.current} />}
      {progress && (
        <div className="material-card__progress" aria-live="polite">
          <label htmlFor={`${id}-progress`}>{t('cases:materials.uploading', { name: progress.name, percent: progress.percent })}</label>
          <progress id={`${id}-progress`} max={100} value={progress.percent} />
        </div>
      )}
      {error && (
        <p className="form-alert material-card__error" role="alert">
          {error}
        </p>
      )}
      {mayUpload && !progress && (
        <div className="material-card__actions">
          {takesPhotos(m.accepted_types) && (
            <label className="material-pick material-pick--primary">
              <input
                type="file"
                className="visually-hidden"
                accept="image/*"
                capture="environment"
                aria-label={t('portal:case.takePhotoFor', { name: m.name })}
                onChange={(e) => void send(e.currentTarget)}
              />
              <span aria-hidden>{t('portal:case.takePhoto')}</span>
            </label>
          )}
          <label className="material-pick">
            <input
              type="file"
              className="visually-hidden"
              accept={acceptAttribute(m.accepted_types)}
              aria-label={t('portal:case.chooseFileFor', { name: m.name })}
              onChange={(e) => void send(e.currentTarget)}
            />
            <span aria-hidden>{t('portal:case.chooseFile')}</span>
          </label>
        </div>
      )}
      {mayReuse && !progress && (
        <div className="material-card__reuse">
          <p className="portal-muted">{t('cases:materials.reuseHeading')}</p>
          {m.candidates.map((c) => (
            <Button
              key={`${c.material_id}:${c.version}`}
              size="small"
              fill="outline"
              loading={reuse.isPending && reuse.variables?.materialId === c.material_id && reuse.variables.version === c.version}
              onClick={() => void use(c)}
            >
              {t('cases:materials.reuseNamed', { name: c.file.file_name, version: c.version })}
            </Button>
          ))}
        </div>
      )}
    </li>
  );
}

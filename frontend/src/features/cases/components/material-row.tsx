import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Form, Input, Progress, Select, Space, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '@/lib/api/download';
import type { MaterialState } from '@/lib/api/types';
import {
  useDecideMaterial,
  useReuseMaterial,
  useUploadMaterial,
  type ChecklistMaterial,
  type MaterialRef,
  type MaterialVersion,
} from '@/lib/cases/api/materials';
import { acceptAttribute, formatFileSize, percent } from '@/lib/cases/materials';
import { formatDate, formatDateTime } from '@/lib/format/date';
import { useActionError } from '../hooks/use-action-error';
import { ActionModal } from './action-modal';

const STATE_COLOR: Record<MaterialState, string> = {
  missing: 'default',
  submitted: 'processing',
  accepted: 'success',
  correction_requested: 'warning',
};

/** A version given: its number, file, size, when, whether by an official (代办), its validity, and a download. */
export function VersionLine({ version }: { version: MaterialVersion }) {
  const { t } = useTranslation(['cases']);
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const { file } = version;
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(file.id, file.file_name);
    } catch {
      void message.error(t('cases:materials.downloadFailed'));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space wrap size={[8, 4]} className="material-version">
      <Typography.Text>{t('cases:materials.version', { version: version.version })}</Typography.Text>
      <Typography.Text>{file.file_name}</Typography.Text>
      <Typography.Text type="secondary">
        {t(`cases:fileTypes.${file.file_type}`)} · {formatFileSize(file.size_bytes)} ·{' '}
        {t('cases:materials.givenAt', { time: formatDateTime(version.created_at) })}
      </Typography.Text>
      {version.on_behalf && <Tag color="purple">{t('cases:materials.onBehalf')}</Tag>}
      {version.valid_until && (
        <Typography.Text type="secondary">{t('cases:materials.validUntil', { date: formatDate(version.valid_until) })}</Typography.Text>
      )}
      <Button
        size="small"
        icon={<DownloadOutlined aria-hidden />}
        loading={busy}
        onClick={() => void download()}
        aria-label={t('cases:materials.downloadNamed', { name: file.file_name })}
      >
        {t('cases:materials.download')}
      </Button>
    </Space>
  );
}

/**
 * One material of one plan item on the console: its state, the version given, a correction's
 * reason, and what the caller may do (`allowed_actions`): upload for the enterprise (代办),
 * reuse a version it gave before, accept, or ask for a correction (补正).
 */
export function MaterialRow({ material: m, at }: { material: ChecklistMaterial; at: MaterialRef }) {
  const { t } = useTranslation(['console', 'cases']);
  const { message, modal } = AntApp.useApp();
  const describe = useActionError();
  const uploadMaterial = useUploadMaterial();
  const reuse = useReuseMaterial();
  const decide = useDecideMaterial();
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const [correcting, setCorrecting] = useState(false);
  const may = (action: ChecklistMaterial['allowed_actions'][number]) => m.allowed_actions.includes(action);

  const failed = (error: unknown) => {
    // A refused file (413, 415, 422) names why on the `file` field.
    const view = describe(error, ['file']);
    modal.error({
      title: t('console:action.failed'),
      content: [...(view.fields.file ?? []), ...view.form].join(' '),
      okText: t('console:action.close'),
    });
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setProgress(0);
    try {
      await uploadMaterial.mutateAsync({ ...at, file, onProgress: (p) => setProgress(percent(p.loaded, p.total)) });
      void message.success(t('cases:materials.uploaded', { name: m.name }));
    } catch (error) {
      failed(error);
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  const onReuse = async () => {
    const candidate = m.candidates.find((c) => `${c.material_id}:${c.version}` === chosen);
    if (!candidate) return;
    try {
      await reuse.mutateAsync({ ...at, materialId: candidate.material_id, version: candidate.version });
      setChosen(undefined);
      void message.success(t('cases:materials.reused', { name: m.name }));
    } catch (error) {
      failed(error);
    }
  };

  const onAccept = async () => {
    try {
      await decide.mutateAsync({ ...at, body: { decision: 'accept' } });
      void message.success(t('console:case.materials.accepted', { name: m.name }));
    } catch (error) {
      failed(error);
    }
  };

  const uploading = progress !== null;
  return (
    <li className="material-row">
      <div className="material-row__head">
        <Typography.Text strong>{m.name}</Typography.Text>
        <Tag color={m.required ? 'blue' : 'default'}>{m.required ? t('cases:materials.required') : t('cases:materials.optional')}</Tag>
        {m.may_be_missing && <Tag color="warning">{t('cases:materials.mayBeMissing')}</Tag>}
        <Tag color={STATE_COLOR[m.state]} className={`material-state material-state--${m.state}`}>
          {t(`cases:materialStates.${m.state}`)}
        </Tag>
      </div>
      {m.current && <VersionLine version={m.current} />}
      {m.state === 'correction_requested' && m.reason && (
        <Typography.Paragraph type="warning" className="material-row__reason">
          {t('cases:materials.reason', { reason: m.reason })}
        </Typography.Paragraph>
      )}
      {m.decided_at && m.state !== 'submitted' && (
        <Typography.Text type="secondary" className="material-row__meta">
          {t('cases:materials.decidedAt', { time: formatDateTime(m.decided_at) })}
        </Typography.Text>
      )}
      <Typography.Text type="secondary" className="material-row__meta">
        {t('cases:materials.acceptedTypes', {
          types: m.accepted_types.map((type) => t(`cases:fileTypes.${type}`)).join(' / '),
        })}
      </Typography.Text>
      {uploading && (
        <Progress
          percent={progress}
          size="small"
          aria-label={t('cases:materials.uploading', { name: m.name, percent: progress })}
        />
      )}
      {(may('upload') || may('reuse') || may('accept') || may('request_correction')) && (
        <Space wrap size={[8, 8]} className="material-row__actions">
          {may('upload') && (
            <>
              <input
                ref={input}
                type="file"
                hidden
                accept={acceptAttribute(m.accepted_types)}
                aria-label={`${t('console:case.materials.uploadOnBehalf')}：${m.name}`}
                onChange={(e) => void onFile(e.target.files?.[0])}
              />
              <Button
                size="small"
                icon={<UploadOutlined aria-hidden />}
                loading={uploading}
                onClick={() => input.current?.click()}
                aria-label={`${t('console:case.materials.uploadOnBehalf')}：${m.name}`}
              >
                {t('console:case.materials.uploadOnBehalf')}
              </Button>
            </>
          )}
          {may('reuse') && m.candidates.length > 0 && (
            <Space.Compact size="small">
              <Select<string>
                size="small"
                className="material-row__reuse"
                placeholder={t('console:case.materials.reuseLabel')}
                aria-label={`${t('console:case.materials.reuseLabel')}：${m.name}`}
                value={chosen}
                onChange={setChosen}
                options={m.candidates.map((c) => ({
                  value: `${c.material_id}:${c.version}`,
                  label: t('cases:materials.reuseOption', { name: c.file.file_name, version: c.version, date: formatDate(c.created_at) }),
                }))}
              />
              <Button size="small" disabled={!chosen} loading={reuse.isPending} onClick={() => void onReuse()}>
                {t('console:case.materials.reuse')}
              </Button>
            </Space.Compact>
          )}
          {may('accept') && (
            <Button size="small" type="primary" loading={decide.isPending} onClick={() => void onAccept()}
              aria-label={`${t('console:case.materials.decideAccept')}：${m.name}`}>
              {t('console:case.materials.decideAccept')}
            </Button>
          )}
          {may('request_correction') && (
            <Button size="small" danger onClick={() => setCorrecting(true)}
              aria-label={`${t('console:case.materials.requestCorrection')}：${m.name}`}>
              {t('console:case.materials.requestCorrection')}
            </Button>
          )}
        </Space>
      )}
      {correcting && <CorrectionModal material={m} at={at} onClose={() => setCorrecting(false)} />}
    </li>
  );
}

/** Asking for a material's correction (补正): the reason the enterprise will read. */
function CorrectionModal({ material, at, onClose }: { material: ChecklistMaterial; at: MaterialRef; onClose: () => void }) {
  const { t } = useTranslation(['console']);
  const [form] = Form.useForm<{ reason?: string }>();
  const decide = useDecideMaterial();
  return (
    <ActionModal<{ reason?: string }>
      name={`material_correction_${at.itemId}_${at.position}`}
      open
      title={t('console:case.materials.correctionTitle', { name: material.name })}
      okText={t('console:case.materials.send')}
      form={form}
      fields={['reason']}
      onClose={onClose}
      record={{ caseId: at.caseId }}
      onSubmit={(values) => decide.mutateAsync({ ...at, body: { decision: 'request_correction', reason: values.reason?.trim() } })}
    >
      <Form.Item
        name="reason"
        label={t('console:case.materials.correctionReason')}
        extra={t('console:case.materials.correctionReasonHelp')}
        rules={[{ required: true, whitespace: true, message: t('console:forms.required') }]}
      >
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </ActionModal>
  );
}

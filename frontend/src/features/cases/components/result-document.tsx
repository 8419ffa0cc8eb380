import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Progress, Space } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '@/lib/api/download';
import { useMe } from '@/lib/auth/me';
import { useAttachResultDocument } from '@/lib/cases/api/materials';
import { acceptAttribute, percent, RESULT_DOCUMENT_TYPES } from '@/lib/cases/materials';
import type { Task } from '@/lib/cases/types';
import { useActionError } from '../hooks/use-action-error';

/** The file input for the approval document (批文) in the finishing form; the file is kept by the caller. */
export function ResultDocumentInput({ id, onChange }: { id: string; onChange: (file: File | null) => void }) {
  return (
    <input
      id={id}
      type="file"
      className="result-document-input"
      accept={acceptAttribute(RESULT_DOCUMENT_TYPES)}
      onChange={(e) => onChange(e.currentTarget.files?.[0] ?? null)}
    />
  );
}

/** Whether the caller is of the sheet's department (who attaches its approval document). */
function useMayAttach(task: Task): boolean {
  const { data: me } = useMe();
  return (
    task.state === 'finished' &&
    task.outcome === 'approved' &&
    (me?.role === 'department_agent' || me?.role === 'department_leader') &&
    me.department?.id === task.department_id
  );
}

/**
 * The approval document of an approved sheet: download it, and — for the sheet's department —
 * attach it (or a newer one; the earlier file is kept), with progress.
 */
export function ResultDocument({ task }: { task: Task }) {
  const { t } = useTranslation(['console', 'cases']);
  const { message, modal } = AntApp.useApp();
  const describe = useActionError();
  const attach = useAttachResultDocument();
  const mayAttach = useMayAttach(task);
  const input = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [downloading, setDownloading] = useState(false);
  if (!task.result_file_id && !mayAttach) return null;

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    setProgress(0);
    try {
      await attach.mutateAsync({
        taskId: task.id,
        caseId: task.case_id,
        file,
        onProgress: (p) => setProgress(percent(p.loaded, p.total)),
      });
      void message.success(t('console:forms.task.attached'));
    } catch (error) {
      const view = describe(error, ['file']);
      modal.error({
        title: t('console:action.failed'),
        content: [...(view.fields.file ?? []), ...view.form].join(' '),
        okText: t('console:action.close'),
      });
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
    }
  };

  const label = task.result_file_id ? t('console:forms.task.replaceResult') : t('console:forms.task.attachResult');
  return (
    <Space wrap size={[8, 4]} className="result-document">
      {task.result_file_id && (
        <Button
          size="small"
          icon={<DownloadOutlined aria-hidden />}
          loading={downloading}
          aria-label={t('cases:materials.downloadResultOf', { item: task.item_name })}
          onClick={async () => {
            setDownloading(true);
            try {
              await downloadFile(task.result_file_id ?? '');
            } catch {
              void message.error(t('cases:materials.downloadFailed'));
            } finally {
              setDownloading(false);
            }
          }}
        >
          {t('cases:materials.downloadResult')}
        </Button>
      )}
      {mayAttach && (
        <>
          <input
            ref={input}
            type="file"
            hidden
            accept={acceptAttribute(RESULT_DOCUMENT_TYPES)}
            aria-label={`${label}：${task.item_name}`}
            onChange={(e) => void onFile(e.target.files?.[0])}
          />
          <Button
            size="small"
            icon={<UploadOutlined aria-hidden />}
            loading={progress !== null}
            onClick={() => input.current?.click()}
            aria-label={`${label}：${task.item_name}`}
          >
            {label}
          </Button>
        </>
      )}
      {progress !== null && <Progress percent={progress} size="small" className="result-document__progress" />}
    </Space>
  );
}

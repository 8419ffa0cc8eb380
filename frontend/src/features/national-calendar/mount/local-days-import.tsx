import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDryRun } from '@/components/console/use-dry-run';
import { calendarKeys } from '@/lib/query-keys';
import { importLocalDays, problemsOf } from '../api';
import { FileProblems } from '../components/file-problems';

/**
 * The county administrator's bulk import of local days: a sheet (.xlsx with a sheet 日历, or
 * CSV) of 日期, 休息日/工作日, 名称; checked first (dry run), then set all at once or not at all.
 */
export function LocalDaysImport() {
  const { t } = useTranslation('holidays');
  const queryClient = useQueryClient();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const { busy, report, problems, failure, reset, run } = useDryRun({
    send: (dryRun) => (file ? importLocalDays(file, dryRun) : null),
    problemsOf,
    failed: t('import.failed'),
    after: () => queryClient.invalidateQueries({ queryKey: calendarKeys.all }),
  });
  const close = () => {
    setOpen(false);
    setFile(null);
    reset();
  };

  return (
    <>
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('local.button')}
      </Button>
      <Modal open={open} title={t('local.title')} onCancel={close} footer={null} width={720} destroyOnHidden>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('local.intro')}</Typography.Paragraph>
          <label htmlFor={inputId}>{t('local.file')}</label>
          <input
            id={inputId}
            type="file"
            accept=".xlsx,.csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
          />
          <Space>
            <Button disabled={!file} loading={busy} onClick={() => void run(true)}>
              {t('import.check')}
            </Button>
            <Button type="primary" disabled={!file || !report?.dry_run} loading={busy} onClick={() => void run(false)}>
              {t('local.run')}
            </Button>
          </Space>
          {report && (
            <Alert
              type={report.dry_run ? 'info' : 'success'}
              showIcon
              message={t(report.dry_run ? 'local.wouldDo' : 'local.done', { created: report.created, replaced: report.replaced })}
            />
          )}
          {failure && <Alert type="error" showIcon message={failure} />}
          <FileProblems problems={problems} />
        </Space>
      </Modal>
    </>
  );
}

import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDryRun } from '@/components/console/use-dry-run';
import { problemsOf, WorkbookProblems } from '@/components/console/workbook-problems';
import { useImportConditions } from '../api/conditions';

/**
 * Import of the credit platform's list (失信名单, .xlsx): a dry run first, then the import; every
 * row is a hold from the credit platform; the file's problems are shown by sheet, row and
 * column, and nothing is imported while there is one.
 */
export function BlacklistImport() {
  const { t } = useTranslation('conditions');
  const inputId = useId();
  const run = useImportConditions();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const { report, problems, failure, reset, run: go } = useDryRun({
    send: (dryRun) => (file ? run.mutateAsync({ file, dryRun }) : null),
    problemsOf,
    failed: t('import.failed'),
  });

  const close = () => {
    setOpen(false);
    setFile(null);
    reset();
  };

  return (
    <>
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('import.open')}
      </Button>
      <Modal open={open} title={t('import.title')} onCancel={close} footer={null} width={760} destroyOnHidden>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
          <label htmlFor={inputId}>
            <FileExcelOutlined aria-hidden /> {t('import.file')}
          </label>
          <input
            id={inputId}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              reset();
            }}
          />
          <Space>
            <Button disabled={!file} loading={run.isPending} onClick={() => void go(true)}>
              {t('import.check')}
            </Button>
            <Button type="primary" disabled={!file} loading={run.isPending} onClick={() => void go(false)}>
              {t('import.run')}
            </Button>
          </Space>
          {report && (
            <Alert
              type="success"
              showIcon
              message={t(report.dry_run ? 'import.wouldDo' : 'import.done', {
                created: report.created,
                changed: report.changed,
                unchanged: report.unchanged,
              })}
            />
          )}
          {failure && <Alert type="error" showIcon message={failure} />}
          <WorkbookProblems
            problems={problems}
            labels={{
              summary: t('import.problems', { count: problems.length }),
              sheet: t('import.columns.sheet'),
              row: t('import.columns.row'),
              column: t('import.columns.column'),
              message: t('import.columns.message'),
            }}
          />
        </Space>
      </Modal>
    </>
  );
}

import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Modal, Space, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '@/components/console/export-button';
import { api } from '@/lib/api/client';
import { useDryRun } from '@/components/console/use-dry-run';
import { problemsOf, WorkbookProblems } from '@/components/console/workbook-problems';
import { unwrap } from '@/lib/api/problem';
import { itemKeys } from '@/lib/query-keys';
import type { Stage } from '../api/list-items';

/** POST /api/v1/items/import — the workbook as `multipart/form-data`. */
function importWorkbook(file: File, publish: boolean, dryRun: boolean) {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/v1/items/import', {
      params: { query: { publish, dry_run: dryRun } },
      body: form as unknown as { file: string },
      bodySerializer: (body) => body as unknown as FormData,
    }),
  );
}

/**
 * The items page's workbook controls: export the catalog in the template, and import a
 * workbook (a dry run first, then drafts or published at once) with its problems shown as a
 * table of sheet, row and column.
 */
export function CatalogWorkbook({ stage }: { stage?: Stage }) {
  const { t } = useTranslation('console');
  const queryClient = useQueryClient();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [publish, setPublish] = useState(false);
  const { busy, report, problems, failure, reset, run } = useDryRun({
    send: (dryRun) => (file ? importWorkbook(file, publish, dryRun) : null),
    problemsOf,
    failed: t('catalogWorkbook.failed'),
    after: () => queryClient.invalidateQueries({ queryKey: itemKeys.all }),
  });

  const close = () => {
    setOpen(false);
    setFile(null);
    reset();
  };

  return (
    <>
      <ExportButton
        fetchFile={() => api.GET('/api/v1/items/export.xlsx', { params: { query: stage ? { stage } : {} }, parseAs: 'blob' })}
        fallbackName={`${t('items.title')}.xlsx`}
      />
      <Button icon={<UploadOutlined aria-hidden />} onClick={() => setOpen(true)}>
        {t('catalogWorkbook.import')}
      </Button>
      <Modal open={open} title={t('catalogWorkbook.title')} onCancel={close} footer={null} width={760} destroyOnHidden>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">{t('catalogWorkbook.intro')}</Typography.Paragraph>
          <label htmlFor={inputId}>
            <FileExcelOutlined aria-hidden /> {t('catalogWorkbook.file')}
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
          <Checkbox checked={publish} onChange={(e) => setPublish(e.target.checked)}>
            {t('catalogWorkbook.publish')}
          </Checkbox>
          <Space>
            <Button disabled={!file} loading={busy} onClick={() => void run(true)}>
              {t('catalogWorkbook.check')}
            </Button>
            <Button type="primary" disabled={!file} loading={busy} onClick={() => void run(false)}>
              {t('catalogWorkbook.run')}
            </Button>
          </Space>
          {report && (
            <Alert
              type="success"
              showIcon
              message={t(report.dry_run ? 'catalogWorkbook.wouldDo' : 'catalogWorkbook.done', {
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
              summary: t('catalogWorkbook.problems', { count: problems.length }),
              sheet: t('catalogWorkbook.columns.sheet'),
              row: t('catalogWorkbook.columns.row'),
              column: t('catalogWorkbook.columns.column'),
              message: t('catalogWorkbook.columns.message'),
            }}
          />
        </Space>
      </Modal>
    </>
  );
}

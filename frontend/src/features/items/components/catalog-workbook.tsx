import { FileExcelOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Modal, Space, Table, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '@/components/console/export-button';
import { api } from '@/lib/api/client';
import { ApiError, unwrap } from '@/lib/api/problem';
import type { components } from '@/lib/api/schema';
import { itemKeys } from '@/lib/query-keys';
import type { Stage } from '../api/list-items';

type Report = components['schemas']['CatalogImportOut'];

/** One problem of a workbook: the server names it `sheet/row/column` (`事项/5/法定时限`). */
export interface WorkbookProblem {
  key: number;
  sheet: string;
  row: string;
  column: string;
  message: string;
}

export function problemsOf(error: unknown): WorkbookProblem[] {
  if (!(error instanceof ApiError)) return [];
  return (error.problem?.errors ?? []).map((e, key) => {
    const [sheet = '', row = '', column = ''] = e.field.split('/');
    return { key, sheet, row, column, message: e.message };
  });
}

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
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<Report | null>(null);
  const [problems, setProblems] = useState<WorkbookProblem[]>([]);
  const [failure, setFailure] = useState<string | null>(null);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setReport(null);
    setProblems([]);
    setFailure(null);
    try {
      const answer = await importWorkbook(file, publish, dryRun);
      setReport(answer);
      if (!dryRun) await queryClient.invalidateQueries({ queryKey: itemKeys.all });
    } catch (error) {
      const found = problemsOf(error);
      setProblems(found);
      if (found.length === 0) setFailure(error instanceof Error ? error.message : t('catalogWorkbook.failed'));
    } finally {
      setBusy(false);
    }
  };

  const close = () => {
    setOpen(false);
    setFile(null);
    setReport(null);
    setProblems([]);
    setFailure(null);
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
              setReport(null);
              setProblems([]);
              setFailure(null);
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
          {problems.length > 0 && (
            <>
              <Alert type="error" showIcon message={t('catalogWorkbook.problems', { count: problems.length })} />
              <Table<WorkbookProblem>
                size="small"
                rowKey="key"
                pagination={false}
                dataSource={problems}
                columns={[
                  { key: 'sheet', dataIndex: 'sheet', title: t('catalogWorkbook.columns.sheet'), width: 80 },
                  { key: 'row', dataIndex: 'row', title: t('catalogWorkbook.columns.row'), width: 60 },
                  { key: 'column', dataIndex: 'column', title: t('catalogWorkbook.columns.column'), width: 140 },
                  { key: 'message', dataIndex: 'message', title: t('catalogWorkbook.columns.message') },
                ]}
              />
            </>
          )}
        </Space>
      </Modal>
    </>
  );
}

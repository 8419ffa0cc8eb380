import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, InputNumber, Space, Table, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadFailed } from '@/components/console/load-failed';
import { useDryRun } from '@/components/console/use-dry-run';
import { calendarKeys } from '@/lib/query-keys';
import {
  importNationalSheet,
  nationalCalendarKeys,
  problemsOf,
  putNationalYear,
  useNationalCalendar,
  type NationalYear,
  type NoticeImport,
} from '../api';
import { FileProblems } from '../components/file-problems';
import { MissingYearBanner } from './missing-year-banner';
import { guessYear, readNoticeFile, type NoticeFile } from '../utils';

/**
 * 国家法定节假日 (platform administrator): the years whose State Council notice is loaded,
 * with their counts and sources; the missing years; and the import of a year's notice (a
 * `holiday-cn` JSON year file, or a sheet of 日期, 名称, 放假/调休上班) with a dry-run preview
 * before it replaces the year for every county.
 */
export function NationalCalendarPage() {
  const { t } = useTranslation('holidays');
  const query = useNationalCalendar();
  const years = query.data?.years ?? [];
  return (
    <section aria-labelledby="national-calendar-title">
      <Typography.Title level={2} id="national-calendar-title">
        {t('page.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('page.intro')}</Typography.Paragraph>
      {query.isError && <LoadFailed error={query.error} onRetry={() => void query.refetch()} />}
      <MissingYearBanner years={query.data?.missing_years} forPlatform />
      <Table<NationalYear>
        rowKey="year"
        size="small"
        loading={query.isPending}
        pagination={false}
        dataSource={[...years].reverse()}
        aria-label={t('years.label')}
        columns={[
          { key: 'year', dataIndex: 'year', title: t('years.year'), width: 80 },
          { key: 'off', dataIndex: 'off_days', title: t('years.offDays'), width: 100 },
          { key: 'working', dataIndex: 'working_days', title: t('years.workingDays'), width: 100 },
          { key: 'source', dataIndex: 'source', title: t('years.source'), ellipsis: true },
          {
            key: 'loaded',
            title: t('years.loadedAt'),
            width: 200,
            render: (_, y) => (y.loaded_by ? y.loaded_at.slice(0, 10) : t('years.seeded')),
          },
        ]}
      />
      <NoticeImportCard />
    </section>
  );
}

function NoticeImportCard() {
  const { t } = useTranslation('holidays');
  const queryClient = useQueryClient();
  const fileId = useId();
  const yearId = useId();
  const sourceId = useId();
  const [chosen, setChosen] = useState<NoticeFile | null>(null);
  const [year, setYear] = useState<number | null>(null);
  const [source, setSource] = useState('');
  const { busy, report, problems, failure, reset, run, fail } = useDryRun({
    send: (dryRun) => {
      if (!chosen || !year) return null;
      const note = source.trim() || undefined;
      return chosen.kind === 'json' ? putNationalYear(year, chosen.file, dryRun, note) : importNationalSheet(year, chosen.file, dryRun, note);
    },
    problemsOf,
    failed: t('import.failed'),
    after: async () => {
      await queryClient.invalidateQueries({ queryKey: nationalCalendarKeys.all });
      await queryClient.invalidateQueries({ queryKey: calendarKeys.all });
    },
  });

  const choose = async (file: File | undefined) => {
    reset();
    setChosen(null);
    if (!file) return;
    try {
      const read = await readNoticeFile(file);
      setChosen(read);
      setYear(guessYear(file, read.kind === 'json' ? read.file : undefined));
    } catch {
      fail(t('import.notJson'));
    }
  };

  return (
    <Card size="small" style={{ marginTop: 16 }} title={<h3 style={{ margin: 0, fontSize: 16 }}>{t('import.title')}</h3>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('import.intro')}</Typography.Paragraph>
        <label htmlFor={fileId}>
          <UploadOutlined aria-hidden /> {t('import.file')}
        </label>
        <input id={fileId} type="file" accept=".json,.xlsx,.csv,application/json" onChange={(e) => void choose(e.target.files?.[0])} />
        <Space wrap>
          <label htmlFor={yearId}>{t('import.year')}</label>
          <InputNumber<number> id={yearId} min={2000} max={2100} value={year} onChange={(v) => setYear(v)} />
          <label htmlFor={sourceId}>{t('import.source')}</label>
          <Input id={sourceId} style={{ minWidth: 320 }} maxLength={500} value={source} placeholder={t('import.sourceHint')} onChange={(e) => setSource(e.target.value)} />
        </Space>
        <Space>
          <Button disabled={!chosen || !year} loading={busy} onClick={() => void run(true)}>
            {t('import.check')}
          </Button>
          <Button type="primary" disabled={!chosen || !year || !report?.dry_run} loading={busy} onClick={() => void run(false)}>
            {t('import.run')}
          </Button>
        </Space>
        {report && (
          <>
            <Alert
              type={report.dry_run ? 'info' : 'success'}
              showIcon
              message={t(report.dry_run ? 'import.wouldDo' : 'import.done', {
                year: report.year,
                off: report.off_days,
                working: report.working_days,
                replaced: report.replaced_days,
              })}
            />
            <Table
              size="small"
              rowKey="date"
              pagination={false}
              dataSource={report.days}
              aria-label={t('import.previewLabel', { year: report.year })}
              columns={[
                { key: 'date', dataIndex: 'date', title: t('import.date'), width: 130 },
                { key: 'name', dataIndex: 'name', title: t('import.name') },
                {
                  key: 'kind',
                  title: t('import.kind'),
                  width: 120,
                  render: (_, d: NoticeImport['days'][number]) => t(d.isOffDay ? 'kind.off' : 'kind.working'),
                },
              ]}
            />
          </>
        )}
        {failure && <Alert type="error" showIcon message={failure} />}
        <FileProblems problems={problems} />
      </Space>
    </Card>
  );
}

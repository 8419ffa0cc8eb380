import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Table, Typography } from 'antd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportButton } from '@/components/console/export-button';
import { useDryRun } from '@/components/console/use-dry-run';
import { problemsOf, WorkbookProblems } from '@/components/console/workbook-problems';
import { saveFile } from '@/lib/api/download';
import { fetchTemplate, onboardCounty, passwordsCsv, type OnboardedUser } from '../api/onboarding';

/**
 * The platform console's onboarding page: the blank template, the workbook's upload, a dry run
 * showing what would be created, the import, every error of a refused workbook by sheet, row
 * and column, and the initial passwords — shown this once and downloadable as CSV.
 */
export function OnboardingPage() {
  const { t } = useTranslation(['onboarding', 'common']);
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const { busy, report, problems, failure, reset, run } = useDryRun({
    send: (dryRun) => (file ? onboardCounty(file, dryRun) : null),
    problemsOf,
    failed: t('failed'),
  });

  const withPasswords = report !== null && !report.dry_run;

  return (
    <section aria-labelledby={`${inputId}-title`}>
      <Typography.Title level={3} id={`${inputId}-title`}>
        {t('title')}
      </Typography.Title>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('intro')}</Typography.Paragraph>
        <ExportButton fetchFile={fetchTemplate} fallbackName="县开通工作簿模板.xlsx" />
        <label htmlFor={inputId}>
          <FileExcelOutlined aria-hidden /> {t('file')}
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
          <Button disabled={!file} loading={busy} onClick={() => void run(true)}>
            {t('check')}
          </Button>
          <Button type="primary" disabled={!file} loading={busy} onClick={() => void run(false)}>
            {t('run')}
          </Button>
        </Space>
        {report && (
          <Alert
            type="success"
            showIcon
            message={t(report.dry_run ? 'wouldDo' : 'done', { name: report.name, code: report.code })}
            description={t('summary', {
              departments: report.departments.length,
              users: report.users.length,
              items: report.catalog.items.length,
              days: report.calendar_days,
              profile: report.profile ? t('withProfile') : '',
            })}
          />
        )}
        {withPasswords && (
          <Space direction="vertical">
            <Alert type="warning" showIcon message={t('passwordsOnce')} />
            <Button
              icon={<DownloadOutlined aria-hidden />}
              onClick={() => saveFile(new Blob([passwordsCsv(report)], { type: 'text/csv;charset=utf-8' }), `${report.code}-initial-passwords.csv`)}
            >
              {t('downloadPasswords')}
            </Button>
          </Space>
        )}
        {report && (
          <Table<OnboardedUser>
            size="small"
            rowKey="username"
            pagination={false}
            dataSource={report.users}
            columns={[
              { key: 'username', dataIndex: 'username', title: t('users.username') },
              { key: 'name', dataIndex: 'display_name', title: t('users.name') },
              { key: 'role', title: t('users.role'), render: (_, u) => t(`common:roles.${u.role}`) },
              { key: 'department', dataIndex: 'department_code', title: t('users.department') },
              ...(withPasswords
                ? [{ key: 'password', title: t('users.password'), render: (_: unknown, u: OnboardedUser) => <code>{u.initial_password}</code> }]
                : []),
            ]}
          />
        )}
        {failure && <Alert type="error" showIcon message={failure} />}
        <WorkbookProblems
          problems={problems}
          labels={{
            summary: t('problems', { count: problems.length }),
            sheet: t('columns.sheet'),
            row: t('columns.row'),
            column: t('columns.column'),
            message: t('columns.message'),
          }}
        />
      </Space>
    </section>
  );
}

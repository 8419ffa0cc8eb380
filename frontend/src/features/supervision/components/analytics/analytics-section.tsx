import { FileExcelOutlined } from '@ant-design/icons';
import { App as AntApp, Button, Col, Row, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { BarChart } from '../bar-chart';
import { api } from '@/lib/api/client';
import { saveAnswer } from '@/lib/api/download';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { formatDate } from '@/lib/format/date';
import { type CaseForecast, type ItemSplit, useCaseForecasts, useTimeSplit } from '../../api/analytics';
import { forecastChart, splitChart } from '../../utils/analytics-chart-data';

export interface AnalyticsSectionProps {
  /** The period, by dispatch day (the supervision page's). */
  range: { from?: string; to?: string };
  /** A department leader's own department; `null` for the county. */
  departmentId: string | null;
  /** Whether the reader sees the county's forecasts (the office and supervisors). */
  forecasts: boolean;
}

const days = (value: number) => value.toFixed(1);

/**
 * Where the time goes (用时分析): each sheet's working time split into department handling,
 * enterprise 补正 and waiting on prerequisites per stage and department, the slowest items, the
 * running cases' forecasts against the county's target with those forecast to miss it, and an
 * Excel export of all of it.
 */
export default function AnalyticsSection({ range, departmentId, forecasts }: AnalyticsSectionProps) {
  const { t } = useTranslation(['analytics', 'common']);
  const { message } = AntApp.useApp();
  const departmentName = useDepartmentName();
  const split = useTimeSplit({ ...range, ...(departmentId ? { department_id: departmentId } : {}) });
  const outlook = useCaseForecasts(false, forecasts);
  const [exporting, setExporting] = useState(false);
  const labels = useMemo(
    () => ({
      handling: t('analytics:parts.handling'),
      correction: t('analytics:parts.correction'),
      waiting: t('analytics:parts.waiting'),
      promised: t('analytics:parts.promised'),
    }),
    [t],
  );
  const stageName = (stage: string | null | undefined) =>
    stage ? t(`common:stages.${stage}` as never) : t('analytics:noStage');

  const data = split.data;
  const stageChart = useMemo(
    () => splitChart(data?.stages ?? [], (s) => stageName(s.stage), (s) => s.figures, labels),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, labels],
  );
  const departmentChart = useMemo(
    () => splitChart(data?.departments ?? [], (d) => departmentName(d.department_id), (d) => d.figures, labels),
    [data, labels, departmentName],
  );
  const target = outlook.data?.target_working_days ?? null;
  const outlookChart = useMemo(
    () =>
      forecastChart(outlook.data?.cases ?? [], target ?? 0, {
        projected: t('analytics:forecast.projected'),
        target: t('analytics:forecast.target'),
      }),
    [outlook.data, target, t],
  );
  const missing = (outlook.data?.cases ?? []).filter((c) => c.misses_target);

  const list = (categories: string[], values: (number | null)[]) =>
    categories.map((c, i) => `${c} ${values[i] ?? '—'}`).join('；');

  const itemColumns: ColumnsType<ItemSplit> = [
    {
      key: 'item',
      title: t('analytics:columns.item'),
      render: (_, i) => (
        <>
          <div>{i.name}</div>
          <Typography.Text type="secondary">
            {i.code ?? '—'} · {stageName(i.stage)}
          </Typography.Text>
        </>
      ),
    },
    { key: 'sheets', title: t('analytics:columns.sheets'), align: 'right', width: 80, render: (_, i) => i.figures.sheets },
    { key: 'handling', title: labels.handling, align: 'right', width: 100, render: (_, i) => days(i.figures.average_handling_days) },
    { key: 'correction', title: labels.correction, align: 'right', width: 100, render: (_, i) => days(i.figures.average_correction_days) },
    { key: 'waiting', title: labels.waiting, align: 'right', width: 100, render: (_, i) => days(i.figures.average_waiting_days) },
    {
      key: 'used',
      title: t('analytics:columns.usedPromised'),
      align: 'right',
      width: 140,
      render: (_, i) => `${days(i.figures.average_used_days)} / ${days(i.figures.average_promised_days)}`,
    },
  ];

  const forecastColumns: ColumnsType<CaseForecast> = [
    {
      key: 'case',
      title: t('analytics:columns.case'),
      render: (_, c) => (
        <>
          <Link to={`/console/cases/${c.case_id}`}>{c.project_name}</Link>
          <br />
          <Typography.Text type="secondary">{c.number}</Typography.Text>
        </>
      ),
    },
    {
      key: 'end',
      title: t('analytics:columns.projectedEnd'),
      width: 130,
      render: (_, c) => (c.projected_end ? formatDate(c.projected_end) : '—'),
    },
    {
      key: 'days',
      title: t('analytics:columns.projectedDays'),
      align: 'right',
      width: 120,
      render: (_, c) => c.projected_working_days ?? '—',
    },
    {
      key: 'over',
      title: t('analytics:columns.over'),
      align: 'right',
      width: 110,
      render: (_, c) => <Tag color="error">+{c.over_target_working_days}</Tag>,
    },
    { key: 'critical', title: t('analytics:columns.critical'), align: 'right', width: 110, render: (_, c) => c.critical_sheets },
  ];

  const exportWorkbook = async () => {
    setExporting(true);
    try {
      const answer = await api.GET('/api/v1/analytics.xlsx', {
        params: { query: { ...range, ...(departmentId ? { department_id: departmentId } : {}) } },
        parseAs: 'blob',
      });
      await saveAnswer(answer, `${t('analytics:title')}.xlsx`);
    } catch {
      void message.error(t('analytics:exportFailed'));
    } finally {
      setExporting(false);
    }
  };

  return (
    <section aria-labelledby="supervision-analytics" className="case-section">
      <Typography.Title level={2} className="section-title" id="supervision-analytics">
        {t('analytics:title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('analytics:intro')}</Typography.Paragraph>
      <Button icon={<FileExcelOutlined />} loading={exporting} onClick={() => void exportWorkbook()}>
        {t('analytics:export')}
      </Button>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Typography.Title level={3} className="subsection-title">
            {t('analytics:byStage')}
          </Typography.Title>
          <BarChart
            categories={stageChart.categories}
            series={stageChart.series}
            description={t('analytics:chartDescription', { list: list(stageChart.categories, stageChart.series[0]?.values ?? []) })}
          />
        </Col>
        <Col xs={24} lg={12}>
          <Typography.Title level={3} className="subsection-title">
            {t('analytics:byDepartment')}
          </Typography.Title>
          <BarChart
            categories={departmentChart.categories}
            series={departmentChart.series}
            description={t('analytics:chartDescription', {
              list: list(departmentChart.categories, departmentChart.series[0]?.values ?? []),
            })}
          />
        </Col>
      </Row>
      <Typography.Title level={3} className="subsection-title">
        {t('analytics:slowest')}
      </Typography.Title>
      <Table<ItemSplit>
        size="small"
        rowKey={(i) => `${i.code ?? ''}:${i.name}`}
        columns={itemColumns}
        dataSource={data?.slowest ?? []}
        loading={split.isPending}
        pagination={false}
        aria-label={t('analytics:slowest')}
        locale={{ emptyText: t('common:status.empty') }}
      />
      {forecasts && (
        <>
          <Typography.Title level={3} className="subsection-title">
            {t('analytics:forecast.heading', { days: target ?? '—' })}
          </Typography.Title>
          <BarChart
            categories={outlookChart.categories}
            series={outlookChart.series}
            description={t('analytics:forecast.chartDescription', {
              days: target ?? '—',
              list: list(outlookChart.categories, outlookChart.series[0]?.values ?? []),
            })}
          />
          <Typography.Title level={3} className="subsection-title">
            {t('analytics:forecast.missing')}
          </Typography.Title>
          <Table<CaseForecast>
            size="small"
            rowKey="case_id"
            columns={forecastColumns}
            dataSource={missing}
            loading={outlook.isPending}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            aria-label={t('analytics:forecast.missing')}
            locale={{ emptyText: t('analytics:forecast.none') }}
          />
        </>
      )}
    </section>
  );
}

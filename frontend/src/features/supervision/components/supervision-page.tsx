import { FileExcelOutlined } from '@ant-design/icons';
import { Alert, App as AntApp, Button, Card, Col, Form, Input, Modal, Row, Segmented, Space, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { KeyboardScrollable } from '@/components/console/keyboard-scrollable';
import { TaskClock } from '@/components/console/task-clock';
import { api } from '@/lib/api/client';
import { saveAnswer } from '@/lib/api/download';
import { mapErrorToForm } from '@/lib/api/problem';
import { useMe } from '@/lib/auth/me';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useTaskQueue } from '@/lib/cases/api/list-tasks';
import { AnalyticsMount } from './analytics/analytics-mount';
import type { Task } from '@/lib/cases/types';
import { formatDateTime } from '@/lib/format/date';
import { useUsers } from '@/lib/users/list-users';
import { useSheetStatistics, type StatisticsRow } from '../api/sheet-statistics';
import { useIssueNotice, useSupervisionNotices } from '../api/supervision-notices';
import { PERIODS, chartPercent, daysUsed, percent, periodRange, type Period } from '../utils/figures';
import { BarChart } from './bar-chart';
import { ComplaintFigures } from './complaint-figures';
import { LegalFeeFigures } from '@/features/fees-prereview/mount/supervision-fees';

/**
 * Supervision at a glance (SPEC §6): the server's figures per department for a period (overdue
 * now, acknowledgement and on-time rates, bad reviews) as charts and a table with an Excel export,
 * each department's agents on a click, the overdue sheets with who holds them, and the
 * supervision notices. A department's leader sees its own department and agents.
 */
export function SupervisionPage() {
  const { t } = useTranslation(['console', 'cases', 'common']);
  const { message } = AntApp.useApp();
  const { data: me } = useMe();
  const [period, setPeriod] = useState<Period>('all');
  const range = useMemo(() => periodRange(period, new Date()), [period]);
  const statistics = useSheetStatistics({ group_by: 'department', ...range });
  const ownDepartment = me?.role === 'department_leader' ? (me.department?.id ?? null) : null;
  const [picked, setPicked] = useState<string | null>(null);
  const drillDepartment = ownDepartment ?? picked;
  const overdue = useTaskQueue({ queue: 'overdue' }, 200);
  const departmentName = useDepartmentName();
  const mayIssue = me?.role === 'office';
  const notices = useSupervisionNotices(me?.role !== 'window_agent' && me?.role !== 'investment_officer' && me?.role !== 'investment_leader');
  const [chasing, setChasing] = useState<Task | null>(null);

  const rows = useMemo(() => statistics.data?.rows ?? [], [statistics.data]);
  const total = statistics.data?.total;
  const names = useMemo(() => rows.map((s) => departmentName(s.department_id ?? '')), [rows, departmentName]);
  const overdueSeries = useMemo(
    () => [{ name: t('console:supervision.overdueNow'), values: rows.map((s) => s.overdue_now), color: '#b42318' }],
    [rows, t],
  );
  const rateSeries = useMemo(
    () => [
      { name: t('console:supervision.acknowledgeRate'), values: rows.map((s) => chartPercent(s.acknowledge_rate)), color: '#1d4fa3' },
      { name: t('console:supervision.onTimeRate'), values: rows.map((s) => chartPercent(s.on_time_rate)), color: '#2b8a3e' },
    ],
    [rows, t],
  );

  const figureColumns: ColumnsType<StatisticsRow> = [
    { key: 'received', title: t('console:supervision.columns.received'), dataIndex: 'received', align: 'right', width: 100 },
    {
      key: 'ack',
      title: t('console:supervision.columns.acknowledgeRate'),
      align: 'right',
      width: 140,
      render: (_, s) => `${percent(s.acknowledge_rate)}（${s.acknowledged_on_time}/${s.acknowledge_due}）`,
    },
    {
      key: 'finished',
      title: t('console:supervision.columns.onTimeRate'),
      align: 'right',
      width: 140,
      render: (_, s) => `${percent(s.on_time_rate)}（${s.finished_on_time}/${s.finish_due}）`,
    },
    {
      key: 'days',
      title: t('console:supervision.columns.workingDays'),
      align: 'right',
      width: 130,
      render: (_, s) => daysUsed(s.average_working_days_used, s.average_working_days_promised),
    },
    { key: 'open', title: t('console:supervision.columns.open'), dataIndex: 'open', align: 'right', width: 90 },
    { key: 'paused', title: t('console:supervision.columns.paused'), dataIndex: 'paused', align: 'right', width: 90 },
    {
      key: 'late',
      title: t('console:supervision.columns.unacknowledgedLate'),
      dataIndex: 'unacknowledged_late',
      align: 'right',
      width: 110,
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
    {
      key: 'overdue',
      title: t('console:supervision.columns.overdueNow'),
      dataIndex: 'overdue_now',
      align: 'right',
      width: 100,
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
  ];
  const departmentColumns: ColumnsType<StatisticsRow> = [
    {
      key: 'department',
      title: t('console:supervision.columns.department'),
      render: (_, s) =>
        ownDepartment ? (
          departmentName(s.department_id ?? '')
        ) : (
          <Button
            type="link"
            className="table-link"
            aria-pressed={picked === s.department_id}
            onClick={() => setPicked(picked === s.department_id ? null : (s.department_id ?? null))}
          >
            {departmentName(s.department_id ?? '')}
          </Button>
        ),
    },
    ...figureColumns,
    {
      key: 'dissatisfied',
      title: t('console:supervision.columns.dissatisfied'),
      align: 'right',
      width: 110,
      render: (_, s) => `${s.dissatisfied ?? 0}/${s.evaluations ?? 0}`,
    },
  ];

  // The same figures as a workbook, made by the server for the same period (numbers as
  // numbers, rates as percentages, the header frozen).
  const [exporting, setExporting] = useState(false);
  const exportWorkbook = async () => {
    setExporting(true);
    try {
      const answer = await api.GET('/api/v1/supervision/statistics.xlsx', {
        params: { query: { group_by: 'department', ...range } },
        parseAs: 'blob',
      });
      await saveAnswer(answer, `${t('console:supervision.tableHeading')}.xlsx`);
    } catch {
      void message.error(t('console:supervision.exportFailed'));
    } finally {
      setExporting(false);
    }
  };

  const overdueColumns: ColumnsType<Task> = [
    {
      key: 'item',
      title: t('console:queues.columns.sheet'),
      render: (_, task) => (
        <>
          <Link to={`/console/tasks/${task.id}`}>{task.item_name}</Link>
          <br />
          <Link to={`/console/cases/${task.case_id}`} className="secondary-link">
            {task.project_name} · {task.case_number}
          </Link>
        </>
      ),
    },
    { key: 'department', title: t('console:queues.columns.department'), width: 130, render: (_, task) => departmentName(task.department_id) },
    { key: 'clock', title: t('console:queues.columns.clock'), width: 260, render: (_, task) => <TaskClock task={task} /> },
    ...(mayIssue
      ? [
          {
            key: 'chase',
            title: t('console:supervision.columns.chase'),
            width: 110,
            render: (_: unknown, task: Task) => (
              <Button size="small" onClick={() => setChasing(task)} aria-label={`${t('console:supervision.chase')}：${task.item_name}`}>
                {t('console:supervision.chase')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const loading = statistics.isPending;

  return (
    <>
      <title>{`${t('console:supervision.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('console:supervision.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('console:supervision.intro')}</Typography.Paragraph>
      <Space wrap className="supervision-period">
        <span id="supervision-period-label">{t('console:supervision.period')}</span>
        <Segmented<Period>
          aria-labelledby="supervision-period-label"
          value={period}
          onChange={setPeriod}
          options={PERIODS.map((p) => ({ value: p, label: t(`console:supervision.periods.${p}`) }))}
        />
        {range.from && (
          <Typography.Text type="secondary">
            {range.from} — {range.to}
          </Typography.Text>
        )}
      </Space>
      {statistics.error && <Alert type="error" showIcon title={t('common:status.loadFailed')} description={statistics.error.message} />}

      <Row gutter={[16, 16]} className="supervision-totals">
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('console:supervision.received')} value={total?.received ?? 0} loading={loading} /></Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('console:supervision.overdueNow')} value={total?.overdue_now ?? 0} loading={loading} styles={{ content: { color: total?.overdue_now ? '#b42318' : undefined } }} /></Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('console:supervision.acknowledgeRate')} value={percent(total?.acknowledge_rate)} loading={loading} /></Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('console:supervision.onTimeRate')} value={percent(total?.on_time_rate)} loading={loading} /></Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<Typography.Title level={2} className="section-title">{t('console:supervision.overdueChart')}</Typography.Title>}>
            {rows.length > 0 ? (
              <BarChart
                categories={names}
                series={overdueSeries}
                description={t('console:supervision.overdueChartDescription', {
                  list: rows.map((s, i) => `${names[i]} ${s.overdue_now}`).join('，'),
                })}
              />
            ) : (
              <Typography.Text type="secondary">{loading ? t('common:status.loading') : t('common:status.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<Typography.Title level={2} className="section-title">{t('console:supervision.rateChart')}</Typography.Title>}>
            {rows.length > 0 ? (
              <BarChart
                categories={names}
                series={rateSeries}
                percent
                description={t('console:supervision.rateChartDescription', {
                  list: rows.map((s, i) => `${names[i]} ${percent(s.acknowledge_rate)} / ${percent(s.on_time_rate)}`).join('，'),
                })}
              />
            ) : (
              <Typography.Text type="secondary">{loading ? t('common:status.loading') : t('common:status.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>

      <section aria-labelledby="supervision-table" className="case-section">
        <Space className="section-heading-row" wrap>
          <Typography.Title level={2} className="section-title" id="supervision-table">
            {t('console:supervision.tableHeading')}
          </Typography.Title>
          <Button icon={<FileExcelOutlined aria-hidden />} onClick={() => void exportWorkbook()} loading={exporting} disabled={rows.length === 0}>
            {t('console:supervision.export')}
          </Button>
        </Space>
        {!ownDepartment && <Typography.Paragraph type="secondary">{t('console:supervision.drillHint')}</Typography.Paragraph>}
        <KeyboardScrollable label={t('console:supervision.tableHeading')}>
          <Table<StatisticsRow>
            size="small"
            rowKey={(s) => s.department_id ?? 'none'}
            columns={departmentColumns}
            dataSource={rows}
            loading={loading}
            pagination={false}
            scroll={{ x: 1230 }}
            aria-label={t('console:supervision.tableHeading')}
            locale={{ emptyText: t('common:status.empty') }}
            summary={() =>
              total && rows.length > 1 ? (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}>{t('console:supervision.totalRow')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{total.received}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">{percent(total.acknowledge_rate)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{percent(total.on_time_rate)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={4} align="right">{daysUsed(total.average_working_days_used, total.average_working_days_promised)}</Table.Summary.Cell>
                  <Table.Summary.Cell index={5} align="right">{total.open}</Table.Summary.Cell>
                  <Table.Summary.Cell index={6} align="right">{total.paused}</Table.Summary.Cell>
                  <Table.Summary.Cell index={7} align="right">{total.unacknowledged_late}</Table.Summary.Cell>
                  <Table.Summary.Cell index={8} align="right">{total.overdue_now}</Table.Summary.Cell>
                  <Table.Summary.Cell index={9} align="right">{`${total.dissatisfied ?? 0}/${total.evaluations ?? 0}`}</Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
        </KeyboardScrollable>
      </section>

      {drillDepartment && (
        <AgentFigures departmentId={drillDepartment} range={range} columns={figureColumns} />
      )}

      <section aria-labelledby="supervision-overdue" className="case-section">
        <Typography.Title level={2} className="section-title" id="supervision-overdue">
          {t('console:supervision.overdueHeading')}
        </Typography.Title>
        <Table<Task>
          size="small"
          rowKey="id"
          columns={overdueColumns}
          dataSource={overdue.data?.items ?? []}
          loading={overdue.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          aria-label={t('console:supervision.overdueHeading')}
          locale={{ emptyText: t('console:queues.empty') }}
        />
      </section>

      <ComplaintFigures range={range} departmentId={ownDepartment} />
      <AnalyticsMount range={range} departmentId={ownDepartment} forecasts={me?.role === 'office' || me?.role === 'supervisor'} />
      <LegalFeeFigures totals={statistics.data?.legal_fees} />

      {notices.data && (
        <section aria-labelledby="supervision-notices" className="case-section">
          <Typography.Title level={2} className="section-title" id="supervision-notices">
            {t('console:supervision.noticesHeading')}
          </Typography.Title>
          {notices.data.items.length === 0 ? (
            <Typography.Text type="secondary">{t('common:status.empty')}</Typography.Text>
          ) : (
            <ul className="task-list">
              {notices.data.items.map((n) => (
                <li key={n.id}>
                  <Typography.Text type="secondary">{formatDateTime(n.created_at)}</Typography.Text>{' '}
                  {n.department_id ? `${departmentName(n.department_id)}：` : ''}
                  {n.content}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {chasing && <ChaseModal task={chasing} onClose={() => setChasing(null)} />}
    </>
  );
}

/** One department's figures per agent (代办员), for the same period. */
function AgentFigures({
  departmentId,
  range,
  columns,
}: {
  departmentId: string;
  range: { from?: string; to?: string };
  columns: ColumnsType<StatisticsRow>;
}) {
  const { t } = useTranslation(['console', 'common']);
  const departmentName = useDepartmentName();
  const statistics = useSheetStatistics({ group_by: 'agent', department_id: departmentId, ...range });
  const people = useUsers({ department_id: departmentId });
  const nameOf = (id: string | null | undefined) =>
    id ? (people.data?.find((u) => u.id === id)?.display_name ?? t('console:supervision.unknownAgent')) : t('console:supervision.unassigned');
  const heading = t('console:supervision.agentsHeading', { department: departmentName(departmentId) });
  return (
    <section aria-labelledby="supervision-agents" className="case-section">
      <Typography.Title level={2} className="section-title" id="supervision-agents">
        {heading}
      </Typography.Title>
      {statistics.error && <Alert type="error" showIcon title={t('common:status.loadFailed')} description={statistics.error.message} />}
      <KeyboardScrollable label={heading}>
        <Table<StatisticsRow>
          size="small"
          rowKey={(s) => s.agent_id ?? 'unassigned'}
          columns={[{ key: 'agent', title: t('console:supervision.columns.agent'), render: (_, s) => nameOf(s.agent_id) }, ...columns]}
          dataSource={statistics.data?.rows ?? []}
          loading={statistics.isPending}
          pagination={false}
          scroll={{ x: 1000 }}
          aria-label={heading}
          locale={{ emptyText: t('common:status.empty') }}
        />
      </KeyboardScrollable>
    </section>
  );
}

/** A supervision notice (督办通知) naming one overdue sheet. */
function ChaseModal({ task, onClose }: { task: Task; onClose: () => void }) {
  const { t } = useTranslation(['console', 'common']);
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ content: string }>();
  const issue = useIssueNotice();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const { content } = await form.validateFields();
    try {
      await issue.mutateAsync({ sheet_id: task.id, content: content.trim() });
      void message.success(t('console:supervision.issued'));
      onClose();
    } catch (e) {
      const view = mapErrorToForm(e, ['content'], { network: t('common:errors.network'), server: t('common:errors.server') });
      setError([...view.form, ...(view.fields.content ?? [])].join(' '));
    }
  };
  return (
    <Modal
      open
      title={`${t('console:supervision.chase')}：${task.item_name}`}
      okText={t('console:supervision.issue')}
      cancelText={t('console:action.cancel')}
      confirmLoading={issue.isPending}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} />}
      <Form form={form} name="chase" layout="vertical" initialValues={{ content: t('console:supervision.defaultContent', { item: task.item_name }) }}>
        <Form.Item name="content" label={t('console:supervision.content')} rules={[{ required: true, whitespace: true, message: t('console:forms.required') }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

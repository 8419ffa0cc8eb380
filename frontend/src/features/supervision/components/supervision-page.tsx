import { Alert, App as AntApp, Button, Card, Col, Form, Input, Modal, Row, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TaskClock } from '@/components/console/task-clock';
import { mapErrorToForm } from '@/lib/api/problem';
import { useMe } from '@/lib/auth/me';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useAllTasks } from '@/lib/cases/api/list-tasks';
import type { Task } from '@/lib/cases/types';
import { formatDateTime } from '@/lib/format/date';
import { useIssueNotice, useSupervisionNotices } from '../api/supervision-notices';
import { departmentStats, percent, totals, type DepartmentStats } from '../utils/department-stats';
import { BarChart } from './bar-chart';

/**
 * Supervision at a glance (SPEC §6): overdue sheets by department, on-time rates, the overdue
 * list with who holds each sheet, and supervision notices. Figures are computed here from the
 * task queues (all, overdue) until the server offers statistics.
 */
export function SupervisionPage() {
  const { t } = useTranslation(['console', 'cases', 'common']);
  const { data: me } = useMe();
  const all = useAllTasks('all');
  const overdue = useAllTasks('overdue');
  const departmentName = useDepartmentName();
  const mayIssue = me?.role === 'office';
  const notices = useSupervisionNotices(me?.role !== 'window_agent' && me?.role !== 'investment_officer' && me?.role !== 'investment_leader');
  const [chasing, setChasing] = useState<Task | null>(null);

  const stats = useMemo(
    () => (all.data && overdue.data ? departmentStats(all.data.tasks, overdue.data.tasks) : []),
    [all.data, overdue.data],
  );
  const sum = totals(stats);
  const names = useMemo(() => stats.map((s) => departmentName(s.departmentId)), [stats, departmentName]);
  const overdueSeries = useMemo(
    () => [{ name: t('console:supervision.overdueNow'), values: stats.map((s) => s.overdueNow), color: '#b42318' }],
    [stats, t],
  );
  const rateSeries = useMemo(
    () => [
      { name: t('console:supervision.acknowledgeRate'), values: stats.map((s) => (s.acknowledgeRate === null ? null : Math.round(s.acknowledgeRate * 100))), color: '#1d4fa3' },
      { name: t('console:supervision.onTimeRate'), values: stats.map((s) => (s.onTimeRate === null ? null : Math.round(s.onTimeRate * 100))), color: '#2b8a3e' },
    ],
    [stats, t],
  );

  const statColumns: ColumnsType<DepartmentStats> = [
    { key: 'department', title: t('console:supervision.columns.department'), render: (_, s) => departmentName(s.departmentId) },
    { key: 'received', title: t('console:supervision.columns.received'), dataIndex: 'received', align: 'right', width: 110 },
    {
      key: 'ack',
      title: t('console:supervision.columns.acknowledgeRate'),
      align: 'right',
      width: 150,
      render: (_, s) => `${percent(s.acknowledgeRate)}（${s.acknowledgedOnTime}/${s.acknowledged}）`,
    },
    {
      key: 'finished',
      title: t('console:supervision.columns.onTimeRate'),
      align: 'right',
      width: 150,
      render: (_, s) => `${percent(s.onTimeRate)}（${s.finishedOnTime}/${s.finished}）`,
    },
    {
      key: 'overdue',
      title: t('console:supervision.columns.overdueNow'),
      dataIndex: 'overdueNow',
      align: 'right',
      width: 110,
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : n),
    },
  ];

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

  const failed = all.error ?? overdue.error;
  const loading = all.isPending || overdue.isPending;

  return (
    <>
      <title>{`${t('console:supervision.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('console:supervision.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('console:supervision.intro')}</Typography.Paragraph>
      {failed && <Alert type="error" showIcon title={t('common:status.loadFailed')} description={failed.message} />}
      {all.data && !all.data.complete && <Alert type="warning" showIcon title={t('console:supervision.partial')} />}

      <Row gutter={[16, 16]} className="supervision-totals">
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('console:supervision.received')} value={sum.received} loading={loading} /></Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('console:supervision.overdueNow')} value={sum.overdueNow} loading={loading} styles={{ content: { color: sum.overdueNow ? '#b42318' : undefined } }} /></Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('console:supervision.acknowledgeRate')} value={percent(sum.acknowledgeRate)} loading={loading} /></Card>
        </Col>
        <Col xs={12} lg={6}>
          <Card><Statistic title={t('console:supervision.onTimeRate')} value={percent(sum.onTimeRate)} loading={loading} /></Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={<Typography.Title level={2} className="section-title">{t('console:supervision.overdueChart')}</Typography.Title>}>
            {stats.length > 0 ? (
              <BarChart
                categories={names}
                series={overdueSeries}
                description={t('console:supervision.overdueChartDescription', {
                  list: stats.map((s, i) => `${names[i]} ${s.overdueNow}`).join('，'),
                })}
              />
            ) : (
              <Typography.Text type="secondary">{loading ? t('common:status.loading') : t('common:status.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={<Typography.Title level={2} className="section-title">{t('console:supervision.rateChart')}</Typography.Title>}>
            {stats.length > 0 ? (
              <BarChart
                categories={names}
                series={rateSeries}
                percent
                description={t('console:supervision.rateChartDescription', {
                  list: stats.map((s, i) => `${names[i]} ${percent(s.acknowledgeRate)} / ${percent(s.onTimeRate)}`).join('，'),
                })}
              />
            ) : (
              <Typography.Text type="secondary">{loading ? t('common:status.loading') : t('common:status.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>

      <section aria-labelledby="supervision-table" className="case-section">
        <Typography.Title level={2} className="section-title" id="supervision-table">
          {t('console:supervision.tableHeading')}
        </Typography.Title>
        <Table<DepartmentStats>
          size="small"
          rowKey="departmentId"
          columns={statColumns}
          dataSource={stats}
          loading={loading}
          pagination={false}
          aria-label={t('console:supervision.tableHeading')}
          locale={{ emptyText: t('common:status.empty') }}
        />
      </section>

      <section aria-labelledby="supervision-overdue" className="case-section">
        <Typography.Title level={2} className="section-title" id="supervision-overdue">
          {t('console:supervision.overdueHeading')}
        </Typography.Title>
        <Table<Task>
          size="small"
          rowKey="id"
          columns={overdueColumns}
          dataSource={overdue.data?.tasks ?? []}
          loading={overdue.isPending}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          aria-label={t('console:supervision.overdueHeading')}
          locale={{ emptyText: t('console:queues.empty') }}
        />
      </section>

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

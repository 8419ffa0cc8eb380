import { Alert, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { TaskClock } from '@/components/console/task-clock';
import { useMe } from '@/lib/auth/me';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useTaskQueue } from '@/lib/cases/api/list-tasks';
import type { QueueName, Task } from '@/lib/cases/types';

const DEPARTMENT_QUEUES: QueueName[] = ['mine', 'department', 'overdue', 'due_soon', 'all'];
const OTHER_QUEUES: QueueName[] = ['all', 'overdue', 'due_soon', 'results_to_notify', 'sent_back'];

/**
 * Task sheets by queue, ordered by deadline: a department's (mine, my department's, overdue, due
 * soon, all) or the window's and the office's (all, overdue, due soon, results to pass on to the
 * enterprise, sheets sent back).
 */
export function TasksPage() {
  const { t } = useTranslation(['console', 'cases', 'common']);
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const departmentRole = me?.role === 'department_agent' || me?.role === 'department_leader';
  const queues = departmentRole ? DEPARTMENT_QUEUES : OTHER_QUEUES;
  const requested = params.get('queue') as QueueName | null;
  const queue: QueueName = requested && queues.includes(requested) ? requested : (queues[0] as QueueName);
  const query = useTaskQueue({ queue }, 200);
  const departmentName = useDepartmentName();
  const rows = query.data?.items ?? [];

  const columns: ColumnsType<Task> = [
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
    { key: 'department', title: t('console:queues.columns.department'), width: 140, render: (_, task) => departmentName(task.department_id) },
    {
      key: 'state',
      title: t('console:queues.columns.state'),
      width: 170,
      render: (_, task) => (
        <>
          <Tag>{t(`cases:taskStates.${task.state}`)}</Tag>
          {task.outcome && <div>{t(`cases:outcomes.${task.outcome}`)}</div>}
        </>
      ),
    },
    { key: 'clock', title: t('console:queues.columns.clock'), width: 280, render: (_, task) => <TaskClock task={task} /> },
  ];

  return (
    <>
      <title>{`${t('console:tasks.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('console:tasks.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('console:tasks.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={queue}
        onChange={(key) => setParams({ queue: key }, { replace: true })}
        items={queues.map((q) => ({ key: q, label: t(`console:tasks.queues.${q}`) }))}
      />
      {query.isError && <Alert type="error" showIcon title={t('common:status.loadFailed')} description={query.error.message} />}
      <Table<Task>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={query.isPending}
        pagination={false}
        aria-label={t(`console:tasks.queues.${queue}`)}
        locale={{ emptyText: t('console:queues.empty') }}
      />
      {query.data?.next_cursor && <Typography.Paragraph type="secondary">{t('console:tasks.truncated')}</Typography.Paragraph>}
    </>
  );
}

import { Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TaskClock } from '@/components/console/task-clock';
import { CriticalTag } from '@/components/console/critical-tag';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useTaskQueue } from '@/lib/cases/api/list-tasks';
import type { Task } from '@/lib/cases/types';
import type { QueueSource } from '../utils/queues-for-role';
import { QueueRows } from './queue-rows';

const ROWS = 20;

/** One task-sheet queue, by deadline, with each sheet's clock. */
export function TaskQueueTable({ source, label }: { source: Extract<QueueSource, { kind: 'tasks' }>; label: string }) {
  const { t } = useTranslation(['console', 'cases', 'common']);
  const departmentName = useDepartmentName();
  const query = useTaskQueue({ queue: source.queue }, ROWS);
  const rows = query.data?.items ?? [];
  const more = Boolean(query.data?.next_cursor);

  const columns: ColumnsType<Task> = [
    {
      key: 'item',
      title: t('console:queues.columns.sheet'),
      render: (_, task) => (
        <>
          <Link to={`/console/tasks/${task.id}`}>{task.item_name}</Link>
          <br />
          <Typography.Text type="secondary">
            {task.project_name} · {task.case_number}
          </Typography.Text>
        </>
      ),
    },
    {
      key: 'department',
      title: t('console:queues.columns.department'),
      width: 120,
      render: (_, task) => departmentName(task.department_id),
    },
    {
      key: 'state',
      title: t('console:queues.columns.state'),
      width: 120,
      render: (_, task) => (
        <>
          <Tag>{t(`cases:taskStates.${task.state}`)}</Tag>
          <CriticalTag critical={task.critical} holdsUp={task.holds_up_working_days} />
        </>
      ),
    },
    {
      key: 'clock',
      title: t('console:queues.columns.clock'),
      width: 260,
      render: (_, task) => <TaskClock task={task} />,
    },
  ];

  return (
    <QueueRows<Task>
      label={label}
      rows={rows}
      columns={columns}
      loading={query.isPending}
      error={query.error}
      more={more}
      viewAll={`/console/tasks?queue=${source.queue}`}
    />
  );
}

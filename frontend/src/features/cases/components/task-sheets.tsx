import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TaskClock } from '@/components/console/task-clock';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import type { Case, Task } from '@/lib/cases/types';
import { TaskActions } from './task-actions';
import { TaskDetails } from './task-details';

/** The case's task sheets (任务分送单) with their clocks and the caller's actions on each. */
export function TaskSheets({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console', 'cases']);
  const departmentName = useDepartmentName();
  const holder = (task: Task) => task.assignee_name ?? undefined;
  const allowsCommitment = (task: Task) => c.items.find((i) => i.id === task.case_item_id)?.allows_commitment ?? false;
  const tasks = [...c.tasks].sort((a, b) => a.dispatched_at.localeCompare(b.dispatched_at));

  const columns: ColumnsType<Task> = [
    {
      key: 'item',
      title: t('console:case.tasks.item'),
      render: (_, task) => (
        <>
          <Link to={`/console/tasks/${task.id}`}>{task.item_name}</Link>
          {task.kind === 'verification' && <Tag className="roadmap-tag">{t('cases:taskKinds.verification')}</Tag>}
          <div>
            <Typography.Text type="secondary">{departmentName(task.department_id)}</Typography.Text>
          </div>
        </>
      ),
    },
    {
      key: 'state',
      title: t('console:case.tasks.state'),
      width: 150,
      render: (_, task) => (
        <>
          <Tag color={task.state === 'finished' ? 'success' : task.state === 'paused' ? 'warning' : 'processing'}>
            {t(`cases:taskStates.${task.state}`)}
          </Tag>
          {task.outcome && <div>{t(`cases:outcomes.${task.outcome}`)}</div>}
        </>
      ),
    },
    { key: 'clock', title: t('console:case.tasks.clock'), width: 250, render: (_, task) => <TaskClock task={task} /> },
    {
      key: 'actions',
      title: t('console:case.tasks.actions'),
      width: 300,
      render: (_, task) => (
        <TaskActions task={task} allowsCommitment={allowsCommitment(task)} size="small" />
      ),
    },
  ];

  return (
    <section aria-labelledby="case-tasks" className="case-section">
      <Typography.Title level={3} className="subsection-title" id="case-tasks">
        {t('console:case.tasks.heading')}
      </Typography.Title>
      <Table<Task>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={tasks}
        pagination={false}
        aria-label={t('console:case.tasks.heading')}
        locale={{ emptyText: t('console:case.tasks.none') }}
        expandable={{
          expandedRowRender: (task) => <TaskDetails task={task} holder={holder(task)} />,
          expandRowByClick: false,
        }}
      />
    </section>
  );
}

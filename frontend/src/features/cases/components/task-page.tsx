import { ReloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Card, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { CriticalTag } from '@/components/console/critical-tag';
import { DetailBoundary } from '@/components/console/detail-boundary';
import { TaskClock } from '@/components/console/task-clock';
import { useMe } from '@/lib/auth/me';
import { useCase } from '@/lib/cases/api/get-case';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useTask } from '@/lib/cases/api/get-task';
import { useReloadRecord } from '@/lib/cases/api/reload';
import type { Task } from '@/lib/cases/types';
import { taskActionButtons } from '../utils/action-buttons';
import { TaskActions } from './task-actions';
import { TaskDetails } from './task-details';
import { TaskFeesPreReview } from '@/features/fees-prereview/mount/task-section';

/**
 * One task sheet (任务分送单及回执), for the department that handles it: the clock (receipt in
 * 30 office minutes, the promised limit), the item's materials, and the actions on it.
 */
export function TaskPage() {
  const { t } = useTranslation('console');
  const { id } = useParams();
  const query = useTask(id);
  return (
    <DetailBoundary query={query} notFound={t('task.notFound')}>
      {(task) => <TaskView task={task} fetching={query.isFetching} />}
    </DetailBoundary>
  );
}

function TaskView({ task, fetching }: { task: Task; fetching: boolean }) {
  const { t } = useTranslation(['console', 'cases', 'common']);
  const caseQuery = useCase(task.case_id);
  const departmentName = useDepartmentName();
  const reload = useReloadRecord();
  const { data: me } = useMe();
  const c = caseQuery.data;
  const item = c?.items.find((i) => i.id === task.case_item_id);
  const holder = task.assignee_name ?? undefined;

  return (
    <>
      <title>{`${task.item_name} - ${t('common:appName')}`}</title>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'home', title: <Link to="/console">{t('console:menu.home')}</Link> },
          { key: 'tasks', title: <Link to="/console/tasks">{t('console:menu.tasks')}</Link> },
          { key: 'task', title: task.item_name },
        ]}
      />
      <div className="case-header">
        <div>
          <Typography.Title level={1} className="page-title">
            {task.item_name}
          </Typography.Title>
          <Space wrap size="middle">
            <Tag color={task.state === 'finished' ? 'success' : 'processing'}>{t(`cases:taskStates.${task.state}`)}</Tag>
            <CriticalTag critical={task.critical} holdsUp={task.holds_up_working_days} />
            <Typography.Text>{departmentName(task.department_id)}</Typography.Text>
            <Link to={`/console/cases/${task.case_id}`}>
              {task.project_name} · {task.case_number}
            </Link>
            <TaskClock task={task} />
          </Space>
        </div>
        <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void reload({ caseId: task.case_id, taskId: task.id })} loading={fetching}>
          {t('console:case.reload')}
        </Button>
      </div>
      <Card
        className="case-actions"
        title={<Typography.Title level={2} className="section-title">{t('console:case.actionsHeading')}</Typography.Title>}
      >
        <TaskActions task={task} allowsCommitment={item?.allows_commitment ?? false} />
        {me && taskActionButtons(task, me.role, { allowsCommitment: item?.allows_commitment ?? false }).length === 0 && (
          <Typography.Text type="secondary">{t('console:case.noActions')}</Typography.Text>
        )}
      </Card>
      <section aria-labelledby="task-record" className="case-section">
        <Typography.Title level={2} className="section-title" id="task-record">
          {t('console:task.record')}
        </Typography.Title>
        <TaskDetails task={task} holder={holder} />
      </section>
      <TaskFeesPreReview task={task} />
      {item && (
        <section aria-labelledby="task-materials" className="case-section">
          <Typography.Title level={2} className="section-title" id="task-materials">
            {t('console:task.materials')}
          </Typography.Title>
          <ul className="materials">
            {item.materials.map((m) => (
              <li key={m.name}>
                {m.name}{' '}
                <Tag color={m.required ? 'blue' : 'default'}>
                  {m.required ? t('console:items.material.required') : t('console:items.material.optional')}
                </Tag>
                {m.may_be_missing && <Tag color="warning">{t('console:items.material.mayBeMissing')}</Tag>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineTag } from '@/components/console/task-clock';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useOpenRectifications, type OpenRectification } from '../api/open-rectifications';
import { QueueRows } from './queue-rows';

const ROWS = 20;

/** Rectifications waiting for a written reply, each with its 15-working-day deadline. */
export function RectificationQueueTable({ label }: { label: string }) {
  const { t } = useTranslation(['console', 'common']);
  const departmentName = useDepartmentName();
  const query = useOpenRectifications(ROWS);
  const rows = query.data?.items ?? [];

  const columns: ColumnsType<OpenRectification> = [
    {
      key: 'case',
      title: t('console:queues.columns.case'),
      render: (_, r) => (
        <>
          <Link to={`/console/cases/${r.case_id}?tab=aftercare`}>{r.project_name}</Link>
          <br />
          <Typography.Text type="secondary">{r.case_number}</Typography.Text>
        </>
      ),
    },
    {
      key: 'department',
      title: t('console:queues.columns.department'),
      width: 140,
      render: (_, r) => (r.department_id ? departmentName(r.department_id) : t('console:queues.wholeCase')),
    },
    {
      key: 'due',
      title: t('console:queues.columns.clock'),
      width: 230,
      render: (_, r) => <DeadlineTag label={t('console:queues.replyDue')} deadline={r.due_at} />,
    },
  ];

  return (
    <QueueRows<OpenRectification>
      label={label}
      rows={rows}
      columns={columns}
      loading={query.isPending}
      error={query.error}
      more={Boolean(query.data?.next_cursor)}
    />
  );
}

import { Alert, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineTag } from '@/components/console/task-clock';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useOpenRectifications, type OpenRectification } from '../api/open-rectifications';

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
    <>
      {query.isError && <Alert type="error" showIcon title={t('common:status.loadFailed')} description={query.error.message} />}
      <Typography.Paragraph className="queue-count">
        {query.isPending
          ? t('common:status.loading')
          : rows.length === 0
            ? t('console:queues.empty')
            : t('console:queues.count', { count: rows.length })}
        {query.data?.next_cursor && ` ${t('console:queues.more')}`}
      </Typography.Paragraph>
      {rows.length > 0 && (
        <Table<OpenRectification>
          size="small"
          rowKey="id"
          aria-label={label}
          columns={columns}
          dataSource={rows}
          pagination={false}
          locale={{ emptyText: t('console:queues.empty') }}
        />
      )}
    </>
  );
}

import { useQueries } from '@tanstack/react-query';
import { Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DeadlineTag } from '@/components/console/task-clock';
import { caseQueueQueryOptions } from '@/lib/cases/api/list-cases';
import type { CaseSummary } from '@/lib/cases/types';
import { formatDateTime } from '@/lib/format/date';
import { useWanYuan } from '@/lib/format/use-wan-yuan';
import type { QueueSource } from '../utils/queues-for-role';
import { QueueRows } from './queue-rows';

const ROWS = 20;

/** Cases waiting in some states, oldest first, with the step's deadline where it has one (`step_due_at`). */
export function CaseQueueTable({ source, label }: { source: Extract<QueueSource, { kind: 'cases' }>; label: string }) {
  const { t } = useTranslation(['console', 'cases', 'common']);
  const wanYuan = useWanYuan();
  const results = useQueries({ queries: source.states.map((state) => caseQueueQueryOptions(state, ROWS)) });
  const failed = results.find((r) => r.isError);
  const rows = results
    .flatMap((r) => r.data?.items ?? [])
    .sort((a, b) => a.updated_at.localeCompare(b.updated_at));
  const more = results.some((r) => Boolean(r.data?.next_cursor));

  // The server's deadline of the step (it knows the calendar and when the step began).
  const dueOf = (row: CaseSummary) => row.step_due_at ?? null;

  const columns: ColumnsType<CaseSummary> = [
    {
      key: 'project',
      title: t('console:queues.columns.case'),
      render: (_, row) => (
        <>
          <Link to={`/console/cases/${row.id}`}>{row.project_name}</Link>
          <br />
          <Typography.Text type="secondary">{row.number}</Typography.Text>
        </>
      ),
    },
    {
      key: 'investment',
      title: t('console:queues.columns.investment'),
      width: 140,
      render: (_, row) => wanYuan(row.total_investment_fen, { trimZeros: true }),
    },
    {
      key: 'state',
      title: t('console:queues.columns.since'),
      width: 230,
      render: (_, row) => {
        const due = dueOf(row);
        return (
          <>
            {source.states.length > 1 && <div>{t(`cases:states.${row.state}`)}</div>}
            {due ? (
              <DeadlineTag label={t('console:queues.stepDue')} deadline={due} />
            ) : (
              <Typography.Text type="secondary">{formatDateTime(row.updated_at)}</Typography.Text>
            )}
          </>
        );
      },
    },
  ];

  return (
    <QueueRows<CaseSummary>
      label={label}
      rows={rows}
      columns={columns}
      loading={results.some((r) => r.isPending)}
      error={failed?.error}
      more={more}
      viewAll={`/console/cases?state=${source.states[0] ?? ''}`}
    />
  );
}

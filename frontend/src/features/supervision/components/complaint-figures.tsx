import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useComplaintStatistics, type ComplaintStatisticsRow } from '../api/complaint-statistics';
import { percent } from '../utils/figures';

type StatisticsWord =
  | 'department'
  | 'unassigned'
  | 'received'
  | 'open'
  | 'overdue'
  | 'replied'
  | 'onTime'
  | 'satisfied'
  | 'basically'
  | 'dissatisfied'
  | 'total';

/** The complaints per department for the period (SPEC §6, §7): received, open, overdue, replied on time, satisfaction. */
export function ComplaintFigures({ range, departmentId }: { range: { from?: string; to?: string }; departmentId: string | null }) {
  const { t } = useTranslation(['complaints', 'console']);
  const departmentName = useDepartmentName();
  const statistics = useComplaintStatistics({ group_by: 'department', ...range, ...(departmentId ? { department_id: departmentId } : {}) });
  const s = (key: StatisticsWord) => t(`complaints:console.statistics.${key}`);
  const columns: ColumnsType<ComplaintStatisticsRow> = [
    {
      title: s('department'),
      dataIndex: 'department_id',
      render: (d: string | null) => (d ? departmentName(d) : s('unassigned')),
    },
    { title: s('received'), dataIndex: 'received' },
    { title: s('open'), dataIndex: 'open' },
    { title: s('overdue'), dataIndex: 'overdue' },
    { title: s('replied'), dataIndex: 'replied' },
    { title: s('onTime'), dataIndex: 'on_time_rate', render: (r: number | null) => percent(r) },
    { title: s('satisfied'), dataIndex: 'satisfied' },
    { title: s('basically'), dataIndex: 'basically_satisfied' },
    { title: s('dissatisfied'), dataIndex: 'dissatisfied' },
  ];
  const total = statistics.data?.total;
  return (
    <section aria-labelledby="supervision-complaints" className="case-section">
      <Typography.Title level={2} className="section-title" id="supervision-complaints">
        {t('complaints:console.statisticsTitle')}
      </Typography.Title>
      <Table<ComplaintStatisticsRow>
        size="small"
        rowKey={(r) => r.department_id ?? 'unassigned'}
        columns={columns}
        dataSource={statistics.data?.rows ?? []}
        loading={statistics.isPending}
        pagination={false}
        aria-label={t('complaints:console.statisticsTitle')}
        summary={() =>
          total ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{s('total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1}>{total.received}</Table.Summary.Cell>
              <Table.Summary.Cell index={2}>{total.open}</Table.Summary.Cell>
              <Table.Summary.Cell index={3}>{total.overdue}</Table.Summary.Cell>
              <Table.Summary.Cell index={4}>{total.replied}</Table.Summary.Cell>
              <Table.Summary.Cell index={5}>{percent(total.on_time_rate)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6}>{total.satisfied}</Table.Summary.Cell>
              <Table.Summary.Cell index={7}>{total.basically_satisfied}</Table.Summary.Cell>
              <Table.Summary.Cell index={8}>{total.dissatisfied}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </section>
  );
}

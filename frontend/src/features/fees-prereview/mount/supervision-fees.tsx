import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { JsonOk } from '@/lib/api/types';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { formatYuan } from '../utils/money';

type Totals = JsonOk<'/api/v1/statistics/sheets', 'get'>['legal_fees'];
type Row = Totals['by_item'][number];

/**
 * The legal fees (法定收费) paid in the supervision page's period, per department and item,
 * from the statistics the page already reads (mounted there with one line).
 */
export function LegalFeeFigures({ totals }: { totals: Totals | undefined }) {
  const { t } = useTranslation('fees');
  const departmentName = useDepartmentName();
  if (!totals || !Array.isArray(totals.by_item)) return null;
  return (
    <section aria-labelledby="supervision-fees" className="case-section">
      <Typography.Title level={2} className="section-title" id="supervision-fees">
        {t('supervision.heading')}
      </Typography.Title>
      <Typography.Paragraph>{t('supervision.total', { count: totals.fees, total: formatYuan(totals.total_fen) })}</Typography.Paragraph>
      {totals.by_item.length > 0 && (
        <Table<Row>
          size="small"
          pagination={false}
          rowKey={(r) => `${r.department_id}:${r.item_name ?? ''}`}
          aria-label={t('supervision.heading')}
          dataSource={totals.by_item}
          columns={[
            { key: 'department', title: t('columns.department'), render: (_, r) => departmentName(r.department_id) },
            { key: 'item', title: t('columns.item'), dataIndex: 'item_name' },
            { key: 'fees', title: t('supervision.fees'), dataIndex: 'fees', align: 'right' },
            { key: 'total', title: t('columns.amount'), align: 'right', render: (_, r) => formatYuan(r.total_fen) },
          ]}
        />
      )}
    </section>
  );
}

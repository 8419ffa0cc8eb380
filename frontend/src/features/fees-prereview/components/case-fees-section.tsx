import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { formatDate } from '@/lib/format/date';
import { useCaseFees, type CaseFees } from '../api/legal-fees';
import { formatYuan } from '../utils/money';

type Row = CaseFees['sheets'][number]['fees'][number];

/**
 * What the enterprise paid for the case: the service itself nothing (无偿服务), and the legal
 * fees the law made it pay, per sheet, with their total.
 */
export function CaseFeesSection({ caseId }: { caseId: string }) {
  const { t } = useTranslation('fees');
  const departmentName = useDepartmentName();
  const fees = useCaseFees(caseId);
  const data = fees.data;
  // Read defensively: a page must not fail on an answer of another shape.
  const rows: Row[] = data?.sheets?.flatMap((s) => s.fees) ?? [];
  return (
    <section aria-labelledby="case-fees" className="case-section">
      <Typography.Title level={2} className="section-title" id="case-fees">
        {t('case.heading')}
      </Typography.Title>
      {data && typeof data.legal_fees_total_fen === 'number' && (
        <Typography.Paragraph data-testid="fees-summary">
          {t('case.summary', { service: formatYuan(data.service_fee_fen), total: formatYuan(data.legal_fees_total_fen) })}
        </Typography.Paragraph>
      )}
      {rows.length > 0 && (
        <Table<Row>
          size="small"
          rowKey="id"
          pagination={false}
          aria-label={t('case.heading')}
          dataSource={rows}
          columns={[
            { key: 'item', title: t('columns.item'), dataIndex: 'item_name' },
            { key: 'department', title: t('columns.department'), render: (_, r) => departmentName(r.department_id) },
            { key: 'amount', title: t('columns.amount'), align: 'right', render: (_, r) => formatYuan(r.amount_fen) },
            { key: 'basis', title: t('columns.basis'), dataIndex: 'basis' },
            { key: 'receipt', title: t('columns.receipt'), dataIndex: 'receipt_number' },
            { key: 'paid', title: t('columns.paidOn'), render: (_, r) => formatDate(r.paid_on) },
          ]}
        />
      )}
    </section>
  );
}

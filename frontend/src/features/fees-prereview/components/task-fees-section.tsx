import { Alert, Button, Form, Input, List, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth/me';
import { formatDate } from '@/lib/format/date';
import { useRecordFee, useTaskFees, type SheetFees } from '../api/legal-fees';
import { useTaskGaps } from '../api/prereview';
import { formatYuan, parseYuanToFen } from '../utils/money';
import { showErrors } from '../utils/form-errors';
import { mayRecordFee } from '../utils/rules';

type Fee = SheetFees['fees'][number];

interface Values {
  amount: string;
  basis?: string;
  receipt_number: string;
  /** `YYYY-MM-DD`. */
  paid_on: string;
}

const FIELDS = ['amount', 'basis', 'receipt_number', 'paid_on'] as const;
/** The amount is typed in yuan: the server's `amount_fen` shows on it. */
const ALIASES = { amount_fen: 'amount' } as const;

/**
 * On a task sheet: the gaps the joint pre-review found for this department (what the sheet
 * starts from), the legal fees recorded on it, and, for the sheet's department, the window and
 * the office while the case is in service, the form that records one.
 */
export function TaskFeesSection({ task }: { task: { id: string; department_id: string } }) {
  const { t } = useTranslation('fees');
  const me = useMe();
  const fees = useTaskFees(task.id);
  const gaps = useTaskGaps(task.id);
  const may = mayRecordFee(me.data, task.department_id);
  return (
    <>
      {Array.isArray(gaps.data) && gaps.data.length > 0 && (
        <section aria-labelledby="task-gaps" className="case-section">
          <Typography.Title level={2} className="section-title" id="task-gaps">
            {t('prereview.sheetGaps')}
          </Typography.Title>
          <List
            size="small"
            dataSource={gaps.data ?? []}
            renderItem={(g) => (
              <List.Item>
                <Typography.Text strong>{g.material}</Typography.Text>：{g.problem}
                {g.note ? <Typography.Text type="secondary">（{g.note}）</Typography.Text> : null}
              </List.Item>
            )}
          />
        </section>
      )}
      <section aria-labelledby="task-fees" className="case-section">
        <Typography.Title level={2} className="section-title" id="task-fees">
          {t('task.heading')}
        </Typography.Title>
        <Typography.Paragraph>
          {t('task.total', { total: formatYuan(fees.data?.total_fen ?? 0) })}
        </Typography.Paragraph>
        {(fees.data?.fees?.length ?? 0) > 0 && (
          <Table<Fee>
            size="small"
            rowKey="id"
            pagination={false}
            aria-label={t('task.heading')}
            dataSource={fees.data?.fees ?? []}
            columns={[
              { key: 'amount', title: t('columns.amount'), align: 'right', render: (_, r) => formatYuan(r.amount_fen) },
              { key: 'basis', title: t('columns.basis'), dataIndex: 'basis' },
              { key: 'receipt', title: t('columns.receipt'), dataIndex: 'receipt_number' },
              { key: 'paid', title: t('columns.paidOn'), render: (_, r) => formatDate(r.paid_on) },
            ]}
          />
        )}
        {may && <RecordFeeForm taskId={task.id} />}
      </section>
    </>
  );
}

function RecordFeeForm({ taskId }: { taskId: string }) {
  const { t } = useTranslation(['fees', 'common']);
  const [form] = Form.useForm<Values>();
  const record = useRecordFee(taskId);
  const [problems, setProblems] = useState<string[]>([]);
  const [done, setDone] = useState(false);
  const submit = async (values: Values) => {
    setProblems([]);
    setDone(false);
    const fen = parseYuanToFen(values.amount);
    if (fen === null) {
      form.setFields([{ name: 'amount', errors: [t('fees:form.amountInvalid')] }]);
      return;
    }
    try {
      await record.mutateAsync({
        amount_fen: fen,
        basis: values.basis?.trim() ? values.basis.trim() : null,
        receipt_number: values.receipt_number,
        paid_on: values.paid_on,
      });
      form.resetFields();
      setDone(true);
    } catch (error) {
      const fallback = { network: t('common:errors.network'), server: t('common:errors.server') };
      setProblems(showErrors(form, error, FIELDS, fallback, ALIASES));
    }
  };
  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} aria-label={t('fees:form.heading')}>
      <Typography.Title level={3} className="section-title">
        {t('fees:form.heading')}
      </Typography.Title>
      {problems.map((p) => (
        <Alert key={p} type="error" title={p} showIcon />
      ))}
      {done && <Alert type="success" title={t('fees:form.done')} showIcon />}
      <Form.Item name="amount" label={t('fees:form.amount')} rules={[{ required: true, message: t('fees:form.required') }]}>
        <Input inputMode="decimal" suffix="元" autoComplete="off" />
      </Form.Item>
      <Form.Item name="basis" label={t('fees:form.basis')} extra={t('fees:form.basisHint')}>
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Form.Item name="receipt_number" label={t('fees:form.receipt')} rules={[{ required: true, whitespace: true, message: t('fees:form.required') }]}>
        <Input maxLength={64} autoComplete="off" />
      </Form.Item>
      <Form.Item name="paid_on" label={t('fees:form.paidOn')} rules={[{ required: true, message: t('fees:form.required') }]}>
        <Input type="date" style={{ width: 200 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={record.isPending}>
        {t('fees:form.submit')}
      </Button>
    </Form>
  );
}

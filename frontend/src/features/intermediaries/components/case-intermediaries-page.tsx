import { App, Button, Descriptions, Empty, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '@/lib/api/client';
import { saveAnswer } from '@/lib/api/download';
import { mapErrorToForm } from '@/lib/api/problem';
import type { EngagementState } from '@/lib/api/types';
import { useCase } from '@/lib/cases/api/get-case';
import { formatDate, formatDateTime } from '@/lib/format/date';
import { useCaseEngagements, useRecordDelivery, type EngagementOut } from '../api/intermediaries';

/**
 * A case's intermediary services: each plan item's chosen agency (and the choices it replaced),
 * who chose and how (the enterprise, or an official with the on-behalf note), the promised and
 * actual delivery with the result, and the enterprise's rating. The office or the case's lead
 * agent records a delivery here.
 */
export function CaseIntermediariesPage() {
  const { t } = useTranslation(['intermediaries', 'common']);
  const { id } = useParams();
  const c = useCase(id);
  const engagements = useCaseEngagements(id);
  const [delivering, setDelivering] = useState<EngagementOut | null>(null);
  const project = c.data?.project_name ?? '';
  const { message } = App.useApp();
  const [downloading, setDownloading] = useState(false);
  const downloadForm = async () => {
    setDownloading(true);
    try {
      const answer = await api.GET('/api/v1/cases/{case_id}/intermediaries/form.docx', {
        params: { path: { case_id: id ?? '' } },
        parseAs: 'blob',
      });
      await saveAnswer(answer, 'intermediaries.docx');
    } catch {
      void message.error(t('common:status.loadFailed'));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <title>{`${t('intermediaries:case.title', { project })} - ${t('common:appName')}`}</title>
      <p>
        <Link to={`/console/cases/${id ?? ''}`}>{t('intermediaries:case.back')}</Link>
      </p>
      <Typography.Title level={1} className="page-title">{t('intermediaries:case.title', { project })}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('intermediaries:console.intro')}</Typography.Paragraph>
      <Button style={{ marginBottom: 16 }} loading={downloading} onClick={() => void downloadForm()}>
        {t('intermediaries:case.downloadForm')}
      </Button>
      <Table<EngagementOut>
        rowKey="id"
        loading={engagements.isPending}
        dataSource={engagements.data ?? []}
        pagination={false}
        scroll={{ x: 1000 }}
        locale={{ emptyText: <Empty description={t('intermediaries:case.empty')} /> }}
        expandable={{ expandedRowRender: (e) => <EngagementDetails e={e} /> }}
        columns={[
          { title: t('intermediaries:case.item'), dataIndex: 'item_name' },
          { title: t('intermediaries:case.agency'), key: 'agency', render: (_: unknown, e) => `${e.agency_name}（${e.service_name}）` },
          {
            title: t('intermediaries:case.state'),
            dataIndex: 'state',
            render: (s: EngagementState) => (
              <Tag color={s === 'replaced' ? 'default' : 'processing'} data-testid="engagement-state">{t(`intermediaries:states.${s}`)}</Tag>
            ),
          },
          { title: t('intermediaries:case.chosenAt'), dataIndex: 'chosen_at', render: (d: string) => formatDateTime(d) },
          { title: t('intermediaries:case.promised'), dataIndex: 'promised_delivery', render: (d: string | null) => (d ? formatDate(d) : '—') },
          { title: t('intermediaries:case.actual'), dataIndex: 'actual_delivery', render: (d: string | null) => (d ? formatDate(d) : '—') },
          {
            title: t('intermediaries:case.rating'),
            dataIndex: 'rating',
            render: (r: EngagementOut['rating']) => (r ? t(`intermediaries:levels.${r}`) : '—'),
          },
          {
            key: 'actions',
            render: (_: unknown, e) =>
              e.state === 'chosen' && (
                <Button size="small" onClick={() => setDelivering(e)}>{t('intermediaries:case.recordDelivery')}</Button>
              ),
          },
        ]}
      />
      {delivering && id && <DeliveryDialog caseId={id} engagement={delivering} onClose={() => setDelivering(null)} />}
    </>
  );
}

function EngagementDetails({ e }: { e: EngagementOut }) {
  const { t } = useTranslation(['intermediaries']);
  return (
    <Descriptions column={1} size="small">
      {e.on_behalf_note && <Descriptions.Item label={t('intermediaries:case.onBehalf')}>{e.on_behalf_note}</Descriptions.Item>}
      {e.change_reason && <Descriptions.Item label={t('intermediaries:case.changeReason')}>{e.change_reason}</Descriptions.Item>}
      {e.report_name && (
        <Descriptions.Item label={t('intermediaries:case.result')}>
          {e.report_name}（{e.report_number}）：{e.conclusion}
        </Descriptions.Item>
      )}
      {e.rating_comment && <Descriptions.Item label={t('intermediaries:case.rating')}>{e.rating_comment}</Descriptions.Item>}
    </Descriptions>
  );
}

const FIELDS = ['actual_delivery', 'promised_delivery', 'report_name', 'report_number', 'conclusion'] as const;
type Field = (typeof FIELDS)[number];

function DeliveryDialog({ caseId, engagement, onClose }: { caseId: string; engagement: EngagementOut; onClose: () => void }) {
  const { t } = useTranslation(['intermediaries', 'common']);
  const { message } = App.useApp();
  const record = useRecordDelivery(caseId);
  const [errors, setErrors] = useState<{ fields: Partial<Record<Field, string[]>>; form: string[] }>({ fields: {}, form: [] });

  const submit = async (v: Partial<Record<Field, string>>) => {
    try {
      await record.mutateAsync({
        id: engagement.id,
        version: engagement.version,
        body: {
          actual_delivery: v.actual_delivery ?? '',
          promised_delivery: v.promised_delivery || null,
          report_name: v.report_name ?? '',
          report_number: v.report_number ?? '',
          conclusion: v.conclusion ?? '',
        },
      });
      void message.success(t('intermediaries:console.done'));
      onClose();
    } catch (error) {
      setErrors(mapErrorToForm(error, FIELDS, { network: t('common:status.loadFailed'), server: t('common:status.loadFailed') }));
    }
  };
  const item = (f: Field, input: React.ReactNode, required = true) => (
    <Form.Item
      name={f}
      label={t(`intermediaries:case.fields.${f}`)}
      htmlFor={`delivery-${f}`}
      required={required}
      validateStatus={errors.fields[f] ? 'error' : undefined}
      help={errors.fields[f]?.join(' ')}
    >
      {input}
    </Form.Item>
  );

  return (
    <Modal open title={t('intermediaries:case.deliveryTitle', { agency: engagement.agency_name })} onCancel={onClose} footer={null} destroyOnHidden>
      <Form layout="vertical" onFinish={(v: Partial<Record<Field, string>>) => void submit(v)} initialValues={{ promised_delivery: engagement.promised_delivery ?? '' }}>
        {errors.form.length > 0 && (
          <div role="alert">
            {errors.form.map((e) => (
              <Typography.Paragraph key={e} type="danger">{e}</Typography.Paragraph>
            ))}
          </div>
        )}
        {item('actual_delivery', <Input id="delivery-actual_delivery" type="date" />)}
        {item('promised_delivery', <Input id="delivery-promised_delivery" type="date" />, false)}
        {item('report_name', <Input id="delivery-report_name" maxLength={200} />)}
        {item('report_number', <Input id="delivery-report_number" maxLength={100} />)}
        {item('conclusion', <Input.TextArea id="delivery-conclusion" rows={3} maxLength={5000} />)}
        <Space>
          <Button type="primary" htmlType="submit" loading={record.isPending}>{t('intermediaries:console.save')}</Button>
          <Button onClick={onClose}>{t('intermediaries:console.cancel')}</Button>
        </Space>
      </Form>
    </Modal>
  );
}

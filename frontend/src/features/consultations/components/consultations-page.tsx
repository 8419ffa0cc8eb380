import { Button, Card, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorTable } from '@/components/console/cursor-table';
import { LabelledSelect } from '@/components/console/labelled-select';
import { codeList } from '@/lib/api/codes';
import type { ConsultationKind, ConsultationState } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format/date';
import { useConsultationPages, type ConsultationSummary } from '../api/consultations';
import { ConsultationDrawer } from './consultation-drawer';

export const CONSULTATION_STATES = codeList<ConsultationState>({
  submitted: true,
  answered: true,
  confirmed: true,
  converted: true,
  closed: true,
});
export const CONSULTATION_KINDS = codeList<ConsultationKind>({ question: true, appointment: true });

const STATE_COLOURS: Record<ConsultationState, string> = {
  submitted: 'warning',
  answered: 'success',
  confirmed: 'processing',
  converted: 'success',
  closed: 'default',
};

/** 咨询与预约: what the public asked the window, and the times it asked for. */
export function ConsultationsPage() {
  const { t } = useTranslation(['consult', 'common']);
  const [state, setState] = useState<ConsultationState | undefined>('submitted');
  const [kind, setKind] = useState<ConsultationKind | undefined>();
  const [open, setOpen] = useState<string | null>(null);
  const query = useConsultationPages({ ...(state ? { state } : {}), ...(kind ? { kind } : {}) });

  const columns: ColumnsType<ConsultationSummary> = [
    { title: t('consult:console.columns.reference'), dataIndex: 'reference', key: 'reference', width: 170 },
    {
      title: t('consult:console.columns.kind'),
      key: 'kind',
      width: 90,
      render: (_, c) => t(`consult:kinds.${c.kind}`),
    },
    { title: t('consult:console.columns.name'), dataIndex: 'name', key: 'name', width: 110 },
    { title: t('consult:console.columns.mobile'), dataIndex: 'mobile_masked', key: 'mobile', width: 130 },
    { title: t('consult:console.columns.project'), dataIndex: 'project_name', key: 'project' },
    {
      title: t('consult:console.columns.slot'),
      key: 'slot',
      width: 150,
      render: (_, c) => {
        const at = c.confirmed_slot ?? c.preferred_slot;
        return at ? formatDateTime(at) : '—';
      },
    },
    {
      title: t('consult:console.columns.state'),
      key: 'state',
      width: 120,
      render: (_, c) => <Tag color={STATE_COLOURS[c.state]}>{t(`consult:states.${c.state}`)}</Tag>,
    },
    {
      title: t('consult:console.columns.createdAt'),
      key: 'created',
      width: 150,
      render: (_, c) => formatDateTime(c.created_at),
    },
    {
      title: '',
      key: 'open',
      width: 80,
      render: (_, c) => (
        <Button type="link" onClick={() => setOpen(c.id)} aria-label={`${t('consult:console.open')} ${c.reference}`}>
          {t('consult:console.open')}
        </Button>
      ),
    },
  ];

  return (
    <>
      <title>{`${t('consult:console.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('consult:console.title')}
      </Typography.Title>
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <LabelledSelect<ConsultationState | ''>
            label={t('consult:console.filters.state')}
            style={{ minWidth: 160 }}
            value={state ?? ''}
            onChange={(v) => setState(v || undefined)}
            options={[
              { value: '', label: t('consult:console.filters.all') },
              ...CONSULTATION_STATES.map((s) => ({ value: s, label: t(`consult:states.${s}`) })),
            ]}
          />
          <LabelledSelect<ConsultationKind | ''>
            label={t('consult:console.filters.kind')}
            style={{ minWidth: 140 }}
            value={kind ?? ''}
            onChange={(v) => setKind(v || undefined)}
            options={[
              { value: '', label: t('consult:console.filters.all') },
              ...CONSULTATION_KINDS.map((k) => ({ value: k, label: t(`consult:kinds.${k}`) })),
            ]}
          />
        </Space>
        <CursorTable<ConsultationSummary>
          query={query}
          columns={columns}
          scroll={{ x: 1100 }}
          locale={{ emptyText: t('consult:console.empty') }}
          aria-label={t('consult:console.title')}
        />
      </Card>
      <ConsultationDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

import { PlusOutlined } from '@ant-design/icons';
import { Button, Input, Space, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { CursorTable } from '@/components/console/cursor-table';
import { ExportButton } from '@/components/console/export-button';
import { LabelledSelect } from '@/components/console/labelled-select';
import { api } from '@/lib/api/client';
import { useMe } from '@/lib/auth/me';
import { mayTakeApplications } from '@/lib/cases/applicants';
import { useCases } from '@/lib/cases/api/list-cases';
import { CASE_STATES, isCaseState } from '@/lib/cases/lifecycle';
import type { CaseSummary } from '@/lib/cases/types';
import { formatDateTime } from '@/lib/format/date';
import { useWanYuan } from '@/lib/format/use-wan-yuan';
import { useDebouncedValue } from '@/lib/use-debounced-value';

/** Every case the caller may see, filtered by state and searched by number, name or project code. */
export function CasesPage() {
  const { t } = useTranslation(['console', 'cases', 'common', 'intake']);
  const wanYuan = useWanYuan();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const stateParam = params.get('state');
  const state = isCaseState(stateParam) ? stateParam : undefined;
  const typed = params.get('q') ?? '';
  const search = useDebouncedValue(typed.trim(), 300);
  const filters = { ...(state ? { state } : {}), ...(search ? { q: search } : {}) };
  const query = useCases(filters);

  const columns: ColumnsType<CaseSummary> = [
    { key: 'number', dataIndex: 'number', title: t('console:cases.columns.number'), width: 170 },
    {
      key: 'project',
      title: t('console:cases.columns.project'),
      render: (_, row) => <Link to={`/console/cases/${row.id}`}>{row.project_name}</Link>,
    },
    {
      key: 'projectCode',
      title: t('console:cases.columns.projectCode'),
      width: 230,
      render: (_, row) => (row.project_code ? <span className="credit-code">{row.project_code}</span> : '—'),
    },
    {
      key: 'investment',
      title: t('console:cases.columns.investment'),
      width: 150,
      align: 'right',
      render: (_, row) => wanYuan(row.total_investment_fen, { trimZeros: true }),
    },
    {
      key: 'state',
      title: t('console:cases.columns.state'),
      width: 160,
      render: (_, row) => <Tag>{t(`cases:states.${row.state}`)}</Tag>,
    },
    {
      key: 'updated',
      title: t('console:cases.columns.updated'),
      width: 170,
      render: (_, row) => formatDateTime(row.updated_at),
    },
  ];

  return (
    <>
      <title>{`${t('console:cases.title')} - ${t('common:appName')}`}</title>
      <Typography.Title level={1} className="page-title">
        {t('console:cases.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('console:cases.intro')}</Typography.Paragraph>
      <Space className="filter-bar">
        <LabelledSelect<string>
          label={t('console:cases.stateFilter')}
          value={state ?? 'all'}
          onChange={(value) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                if (value === 'all') next.delete('state');
                else next.set('state', value);
                return next;
              },
              { replace: true },
            )
          }
          style={{ minWidth: 200 }}
          options={[
            { value: 'all', label: t('console:cases.allStates') },
            ...CASE_STATES.map((s) => ({ value: s, label: t(`cases:states.${s}`) })),
          ]}
        />
        <Input.Search
          aria-label={t('console:cases.search')}
          placeholder={t('console:cases.search')}
          allowClear
          value={typed}
          maxLength={100}
          onChange={(ev) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                if (ev.target.value) next.set('q', ev.target.value);
                else next.delete('q');
                return next;
              },
              { replace: true },
            )
          }
          style={{ width: 320 }}
        />
        <ExportButton
          fetchFile={() => api.GET('/api/v1/cases/export.xlsx', { params: { query: filters }, parseAs: 'blob' })}
          fallbackName={`${t('console:cases.title')}.xlsx`}
        />
        {mayTakeApplications(me.data?.role) && (
          <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => void navigate('/console/cases/new')}>
            {t('intake:entry.button')}
          </Button>
        )}
      </Space>
      <CursorTable<CaseSummary> query={query} columns={columns} aria-label={t('console:cases.title')} />
    </>
  );
}

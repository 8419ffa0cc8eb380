import { Progress, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { DurationText } from '@/components/duration-text';
import { CriticalTag } from '@/components/console/critical-tag';
import { useTenant } from '@/lib/auth/tenant';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import type { Case, CaseItem } from '@/lib/cases/types';
import { formatDate, formatDateTime } from '@/lib/format/date';

/**
 * The service plan as a roadmap: each item's forecast start and end (from its prerequisites
 * and promised limit), drawn as bars on one time axis, the items whose open sheet is on the
 * critical path marked, and the forecast end against the county's target in working days
 * (the tenant setting, 120 unless the county set another).
 */
export function PlanRoadmap({ case: c }: { case: Case }) {
  const { t } = useTranslation(['console', 'cases', 'common']);
  const departmentName = useDepartmentName();
  const target = useTenant().data?.target_working_days ?? null;
  const onPath = new Map(c.critical_path.sheets.map((s) => [s.item_id, s]));
  const items = [...c.items].sort((a, b) => a.position - b.position);
  const byId = new Map(items.map((item) => [item.id, item]));
  const agentName = (id: string | null | undefined) => c.team.find((m) => m.user_id === id)?.display_name ?? '—';

  const starts = items.flatMap((i) => (i.forecast_start ? [Date.parse(i.forecast_start)] : []));
  const ends = items.flatMap((i) => (i.forecast_end ? [Date.parse(i.forecast_end)] : []));
  const min = Math.min(...starts);
  const max = Math.max(...ends);
  const span = Number.isFinite(min) && Number.isFinite(max) && max > min ? max - min : null;
  const planned = items.some((i) => i.planned);

  const bar = (item: CaseItem) => {
    if (!span || !item.forecast_start || !item.forecast_end) return null;
    const left = ((Date.parse(item.forecast_start) - min) / span) * 100;
    const width = Math.max(1.5, ((Date.parse(item.forecast_end) - Date.parse(item.forecast_start)) / span) * 100);
    return (
      <div className="roadmap-track" aria-hidden>
        <div className="roadmap-bar" style={{ left: `${left}%`, width: `${Math.min(width, 100 - left)}%` }} />
      </div>
    );
  };

  const columns: ColumnsType<CaseItem> = [
    { key: 'position', title: t('console:case.plan.position'), width: 56, render: (_, item) => item.position },
    {
      key: 'name',
      title: t('console:case.plan.item'),
      render: (_, item) => (
        <>
          <div>{item.name}</div>
          <Typography.Text type="secondary">
            {departmentName(item.department_id)}
            {item.stage ? ` · ${t(`common:stages.${item.stage}` as never)}` : ''}
          </Typography.Text>
          {!item.planned && planned && <Tag className="roadmap-tag">{t('console:case.plan.notPlanned')}</Tag>}
          {item.allows_commitment && <Tag color="purple" className="roadmap-tag">{t('console:case.plan.commitment')}</Tag>}
          <CriticalTag critical={onPath.get(item.id)?.critical ?? false} holdsUp={onPath.get(item.id)?.holds_up_working_days} />
        </>
      ),
    },
    {
      key: 'limit',
      title: t('console:case.plan.limit'),
      width: 130,
      render: (_, item) => (
        <>
          <DurationText value={item.promised_limit} />
          {item.legal_limit && (
            <div>
              <Typography.Text type="secondary">
                {t('console:case.plan.legal')} <DurationText value={item.legal_limit} />
              </Typography.Text>
            </div>
          )}
        </>
      ),
    },
    { key: 'agent', title: t('console:case.plan.agent'), width: 100, render: (_, item) => agentName(item.agent_id) },
    {
      key: 'prerequisites',
      title: t('console:case.plan.prerequisites'),
      width: 150,
      render: (_, item) =>
        item.prerequisites.length === 0
          ? t('console:case.plan.parallel')
          : item.prerequisites.map((id) => {
              const pre = byId.get(id);
              return <div key={id}>{pre ? `${pre.position}. ${pre.name}` : id}</div>;
            }),
    },
    {
      key: 'forecast',
      title: t('console:case.plan.forecast'),
      width: 320,
      render: (_, item) => (
        <>
          <div>
            {item.forecast_start ? formatDate(item.forecast_start) : '—'} → {item.forecast_end ? formatDate(item.forecast_end) : '—'}
          </div>
          {bar(item)}
        </>
      ),
    },
  ];

  const days = c.critical_path.projected_working_days ?? c.forecast_working_days ?? null;
  const end = c.critical_path.projected_end ?? c.forecast_end;
  const within = days !== null && target !== null && days <= target;
  return (
    <section aria-labelledby="case-plan" className="case-section">
      <Typography.Title level={3} className="subsection-title" id="case-plan">
        {planned ? t('console:case.plan.heading') : t('console:case.plan.requestedHeading')}
      </Typography.Title>
      {end && days !== null && target !== null ? (
        <div className="roadmap-summary">
          <Typography.Paragraph>
            {t('cases:roadmap.forecast', { date: formatDateTime(end), days })}{' '}
            <Tag color={within ? 'success' : 'error'}>{within ? t('cases:roadmap.withinTarget') : t('cases:roadmap.overTarget')}</Tag>
          </Typography.Paragraph>
          <Progress
            percent={Math.min(100, Math.round((days / target) * 100))}
            status={within ? 'normal' : 'exception'}
            format={() => `${days} / ${target}`}
            aria-label={t('cases:roadmap.target', { days: target })}
          />
          <Typography.Text type="secondary">{t('cases:roadmap.target', { days: target })}</Typography.Text>
        </div>
      ) : (
        <Typography.Paragraph type="secondary">{t('console:case.plan.noForecast')}</Typography.Paragraph>
      )}
      <Table<CaseItem>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={items}
        pagination={false}
        aria-label={t('console:case.plan.heading')}
        scroll={{ x: 900 }}
      />
    </section>
  );
}

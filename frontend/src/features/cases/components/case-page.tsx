import { ReloadOutlined } from '@ant-design/icons';
import { Breadcrumb, Button, Col, Row, Space, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ConditionBanner } from '@/components/console/condition-banner';
import { DetailBoundary } from '@/components/console/detail-boundary';
import { FormDownloads } from '@/components/console/form-downloads';
import { CaseMeetings } from '@/components/console/meetings/case-meetings';
import { PrintFormsLink } from '@/components/console/print-forms-link';
import { mayEditApplication } from '@/lib/cases/applicants';
import { useCase } from '@/lib/cases/api/get-case';
import { useTimeline } from '@/lib/cases/api/get-timeline';
import { useReloadRecord } from '@/lib/cases/api/reload';
import { caseProgress } from '@/lib/cases/progress';
import type { Case } from '@/lib/cases/types';
import { useWanYuan } from '@/lib/format/use-wan-yuan';
import { CaseFeesPreReview } from '@/features/fees-prereview/mount/case-sections';
import { hasAftercare } from '../utils/aftercare';
import { AftercareSection } from './aftercare-section';
import { CaseActions } from './case-actions';
import { CaseFacts } from './case-facts';
import { CaseHistory } from './case-history';
import { CaseNotifications } from './case-notifications';
import { CaseSteps } from './case-steps';
import { DossierSection } from './dossier-section';
import { EditApplicationLink } from './edit-application-link';
import { MaterialsChecklist } from './materials-checklist';
import { PlanRoadmap } from './plan-roadmap';
import { TaskSheets } from './task-sheets';
import { TeamSection } from './team-section';

const TABS = ['overview', 'plan', 'tasks', 'notifications', 'aftercare', 'history'] as const;
type TabKey = (typeof TABS)[number];

/**
 * A case (一个项目、一个方案、一事一档): where it stands in the lifecycle, what the caller may
 * do now, the facts, team, plan (roadmap), task sheets, what the enterprise was told, and the
 * tamper-evident history.
 */
export function CasePage() {
  const { t } = useTranslation('console');
  const { id } = useParams();
  const query = useCase(id);
  return (
    <DetailBoundary query={query} notFound={t('case.notFound')}>
      {(c) => <CaseView case={c} fetching={query.isFetching} />}
    </DetailBoundary>
  );
}

function CaseView({ case: c, fetching }: { case: Case; fetching: boolean }) {
  const { t } = useTranslation(['console', 'cases', 'common', 'aftercare']);
  const [params, setParams] = useSearchParams();
  const timeline = useTimeline(c.id);
  const reload = useReloadRecord();
  const wanYuan = useWanYuan();
  const tabParam = params.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '') ? (tabParam as TabKey) : 'overview';
  const progress = caseProgress(c);
  // Follow-up visits and rectifications exist once the case is closed.
  const aftercare = hasAftercare(c.state);
  const activeTab: TabKey = tab === 'aftercare' && !aftercare ? 'overview' : tab;

  return (
    <>
      <title>{`${c.project_name} - ${t('common:appName')}`}</title>
      <Breadcrumb
        className="page-breadcrumb"
        items={[
          { key: 'home', title: <Link to="/console">{t('console:menu.home')}</Link> },
          { key: 'cases', title: <Link to="/console/cases">{t('console:menu.cases')}</Link> },
          { key: 'case', title: c.number },
        ]}
      />
      <div className="case-header">
        <div>
          <Typography.Title level={1} className="page-title">
            {c.project_name}
          </Typography.Title>
          <Space wrap size="middle">
            <Tag color={c.state === 'rejected' || c.state === 'terminated' ? 'error' : 'blue'} className="case-state">
              {t(`cases:states.${c.state}`)}
            </Tag>
            <Typography.Text>{c.number}</Typography.Text>
            <Typography.Text>{c.enterprise.name}</Typography.Text>
            <Typography.Text>{wanYuan(c.total_investment_fen, { trimZeros: true })}</Typography.Text>
            {c.tasks.length > 0 && (
              <Typography.Text type="secondary">
                {t('console:case.sheetsLine', { handling: progress.handling, finished: progress.finished, total: progress.total })}
              </Typography.Text>
            )}
          </Space>
        </div>
        <Space>
          {mayEditApplication(c) && <EditApplicationLink caseId={c.id} />}
          <PrintFormsLink caseId={c.id} />
          <FormDownloads caseId={c.id} hasSheets={c.tasks.length > 0} hasPlan={c.items.some((i) => i.planned)} />
          <Button icon={<ReloadOutlined aria-hidden />} onClick={() => void reload({ caseId: c.id })} loading={fetching}>
            {t('console:case.reload')}
          </Button>
        </Space>
      </div>
      <ConditionBanner conditions={c.conditions} />
      <CaseSteps state={c.state} events={timeline.data?.events} />
      <CaseActions case={c} />
      <Tabs
        className="case-tabs"
        activeKey={activeTab}
        onChange={(key) =>
          setParams(
            (current) => {
              const next = new URLSearchParams(current);
              next.set('tab', key);
              return next;
            },
            { replace: true },
          )
        }
        items={[
          {
            key: 'overview',
            label: t('console:case.tabs.overview'),
            children: (
              <Row gutter={[24, 24]}>
                <Col xs={24} xl={16}>
                  <CaseFacts case={c} />
                  <DossierSection case={c} />
                  <CaseFeesPreReview caseId={c.id} />
                </Col>
                <Col xs={24} xl={8}>
                  <TeamSection case={c} />
                  <CaseMeetings caseId={c.id} />
                </Col>
              </Row>
            ),
          },
          {
            key: 'plan',
            label: t('console:case.tabs.plan'),
            children: (
              <>
                <PlanRoadmap case={c} />
                <MaterialsChecklist case={c} />
                <Link to={`/console/cases/${c.id}/intermediaries`} className="case-intermediaries-link">{t('console:case.intermediariesLink')}</Link>
              </>
            ),
          },
          {
            key: 'tasks',
            label: t('console:case.tabs.tasks', { count: c.tasks.length }),
            children: <TaskSheets case={c} />,
          },
          {
            key: 'notifications',
            label: t('console:case.tabs.notifications'),
            children: <CaseNotifications case={c} />,
          },
          ...(aftercare
            ? [{ key: 'aftercare', label: t('aftercare:tab'), children: <AftercareSection case={c} /> }]
            : []),
          {
            key: 'history',
            label: t('console:case.tabs.history'),
            children: <CaseHistory caseId={c.id} />,
          },
        ]}
      />
    </>
  );
}

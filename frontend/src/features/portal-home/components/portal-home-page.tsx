import { useQueries } from '@tanstack/react-query';
import { Card, List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '@/lib/auth/me';
import { useTenant } from '@/lib/auth/tenant';
import { caseQueryOptions } from '@/lib/cases/api/get-case';
import { useCases } from '@/lib/cases/api/list-cases';
import { nextSteps, type NextStep } from '@/lib/cases/next-steps';
import { progressWords } from '@/lib/cases/progress';
import type { CaseSummary } from '@/lib/cases/types';
import { useWanYuan } from '@/lib/format/use-wan-yuan';
import { plainTranslate } from '@/lib/i18n/plain-translate';
import { useEnterprise } from '../api/get-enterprise';
import './portal-home.css';

/** Closed for good: nothing to do, no detail needed. */
const SETTLED = new Set(['archived', 'rejected']);

/**
 * The enterprise contact's home: what is needed from them now, their projects with progress in
 * plain words, their enterprise and the service.
 */
export function PortalHomePage() {
  const { t } = useTranslation(['portal', 'cases', 'common']);
  const { data: me } = useMe();
  const enterprise = useEnterprise(me?.enterprise?.id);
  const tenant = useTenant();
  const wanYuan = useWanYuan();
  const cases = useCases({});
  const summaries = cases.data?.pages.flatMap((p) => p.items) ?? [];
  const details = useQueries({
    queries: summaries.filter((s) => !SETTLED.has(s.state)).map((s) => caseQueryOptions(s.id)),
  });
  const detailOf = new Map(details.flatMap((d) => (d.data ? [[d.data.id, d.data] as const] : [])));
  // The screen is drawn once what decides its layout has arrived (the projects, the steps
  // asked of the contact above them): sections appearing one by one would push each other down
  // the phone's screen while it is read.
  const settling = cases.isPending || details.some((d) => d.isPending);
  if (!me) return null;
  const name = enterprise.data?.name ?? me.enterprise?.name;
  const creditCode = enterprise.data?.credit_code ?? me.enterprise?.credit_code;
  const translate = plainTranslate(t);
  const todo = summaries.flatMap((s) => {
    const c = detailOf.get(s.id);
    return c ? nextSteps(c).map((step) => ({ c, step })) : [];
  });

  const stepText = (step: NextStep) => {
    switch (step.kind) {
      case 'supply_correction':
      case 'supply_missing_materials':
        return t(`cases:nextSteps.${step.kind}`, { item: step.task.item_name });
      default:
        return t(`cases:nextSteps.${step.kind}`);
    }
  };
  const words = (s: CaseSummary) => {
    const c = detailOf.get(s.id);
    return c ? progressWords(translate, c) : t(`cases:progress.state.${s.state}` as never);
  };

  return (
    <>
      <title>{`${t('portal:tabs.home')} - ${t('common:appName')}`}</title>
      <h1 className="portal-page-title">{t('portal:home.greeting', { name: me.display_name })}</h1>
      {settling && <p role="status">{t('common:status.loading')}</p>}
      {!settling && (
        <>

          {todo.length > 0 && (
            <section className="portal-section home-todo" aria-labelledby="portal-todo">
              <h2 id="portal-todo" className="home-heading">
                {t('portal:home.todoHeading', { count: todo.length })}
              </h2>
              <ul className="home-links">
                {todo.map(({ c, step }, index) => (
                  <li key={`${c.id}-${step.kind}-${index}`}>
                    <Link to={`/portal/cases/${c.id}`}>
                      <span className="home-links__title">{stepText(step)}</span>
                      <span className="home-links__meta">{c.project_name}</span>
                    </Link>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section className="portal-section" aria-labelledby="portal-projects">
            <div className="home-heading-row">
              <h2 id="portal-projects" className="home-heading">
                {t('portal:home.projectsHeading')}
              </h2>
              <Link to="/portal/apply" className="home-apply">
                {t('portal:home.apply')}
              </Link>
            </div>
            {cases.isError && <p role="alert">{t('common:status.loadFailed')}</p>}
            {cases.isSuccess && summaries.length === 0 && (
              <Card>
                <p>{t('portal:home.projectsEmpty')}</p>
              </Card>
            )}
            <ul className="home-links">
              {summaries.map((s) => (
                <li key={s.id}>
                  <Link to={`/portal/cases/${s.id}`}>
                    <span className="home-links__title">{s.project_name}</span>
                    <span className="home-links__meta">
                      <span className={`home-state home-state--${s.state}`}>{t(`cases:states.${s.state}`)}</span>{' '}
                      {s.number} · {wanYuan(s.total_investment_fen, { trimZeros: true })}
                    </span>
                    <span className="home-links__progress">{words(s)}</span>
                  </Link>
                </li>
              ))}
            </ul>
            {cases.hasNextPage && (
              <button type="button" className="home-more" onClick={() => void cases.fetchNextPage()}>
                {t('common:actions.loadMore')}
              </button>
            )}
          </section>

          {name && (
            <section className="portal-section" aria-labelledby="portal-enterprise">
              <List header={<h2 id="portal-enterprise">{t('portal:home.enterpriseHeading')}</h2>}>
                <List.Item>{name}</List.Item>
                {creditCode && (
                  <List.Item description={t('portal:home.creditCode')}>
                    <span className="credit-code">{creditCode}</span>
                  </List.Item>
                )}
              </List>
            </section>
          )}

          <section className="portal-section" aria-labelledby="portal-service">
            <Card title={<h2 id="portal-service">{t('portal:home.serviceHeading')}</h2>}>
              <p>{t('portal:home.serviceFree')}</p>
              {tenant.data && (
                <p>
                  {t('portal:home.serviceScope', {
                    threshold: wanYuan(tenant.data.investment_threshold_fen, { trimZeros: true }),
                  })}
                </p>
              )}
              {tenant.data && (
                <p>
                  <Link to={`/public/${tenant.data.code}`} className="home-public-link">
                    {t('portal:home.publicLink')}
                  </Link>
                </p>
              )}
            </Card>
          </section>
        </>
      )}
    </>
  );
}

import { Tag } from 'antd-mobile';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { DurationText } from '@/components/duration-text';
import { STAGES, isStage } from '@/lib/cases/stages';
import { usePublicDepartments, usePublicItems, type PublicItemQuery } from '@/lib/public/api';
import './public-pages.css';

/**
 * The catalog in force, by stage and department, with a search on the item's name. The
 * filters live in the address, so the back button and a shared link keep them.
 */
export function PublicCatalogPage() {
  const { t } = useTranslation(['public', 'common']);
  const tenant = useParams().tenant ?? '';
  const [params, setParams] = useSearchParams();
  const stageParam = params.get('stage');
  const stage = isStage(stageParam) ? stageParam : undefined;
  const department = params.get('department') ?? undefined;
  const q = params.get('q') ?? undefined;
  const [text, setText] = useState(q ?? '');
  const filters: PublicItemQuery = { stage, department, q };
  const items = usePublicItems(tenant, filters);
  const departments = usePublicDepartments(tenant);
  const rows = items.data?.pages.flatMap((p) => p.items) ?? [];

  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const search = (event: FormEvent) => {
    event.preventDefault();
    set('q', text.trim() || undefined);
  };

  return (
    <>
      <title>{`${t('public:catalog.heading')} - ${t('common:appName')}`}</title>
      <h1 className="public-page-title">{t('public:catalog.heading')}</h1>

      <form role="search" className="public-search" onSubmit={search}>
        <label htmlFor="public-q" className="public-label">
          {t('public:catalog.searchLabel')}
        </label>
        <div className="public-search__row">
          <input
            id="public-q"
            type="search"
            value={text}
            placeholder={t('public:catalog.searchPlaceholder')}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit" className="public-button">
            {t('public:catalog.search')}
          </button>
        </div>
      </form>

      <div className="public-filters">
        <div>
          <label htmlFor="public-stage" className="public-label">
            {t('public:catalog.stageLabel')}
          </label>
          <select id="public-stage" value={stage ?? ''} onChange={(e) => set('stage', e.target.value || undefined)}>
            <option value="">{t('public:catalog.allStages')}</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {t(`common:stages.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="public-department" className="public-label">
            {t('public:catalog.departmentLabel')}
          </label>
          <select
            id="public-department"
            value={department ?? ''}
            onChange={(e) => set('department', e.target.value || undefined)}
          >
            <option value="">{t('public:catalog.allDepartments')}</option>
            {departments.data?.map((d) => (
              <option key={d.code} value={d.code}>
                {d.short_name}
              </option>
            ))}
          </select>
        </div>
      </div>

      <section aria-labelledby="public-results" aria-busy={items.isPending || items.isFetchingNextPage}>
        <h2 id="public-results" className="visually-hidden">
          {t('public:catalog.heading')}
        </h2>
        {items.isPending && <p>{t('common:status.loading')}</p>}
        {items.isError && <p role="alert">{t('common:status.loadFailed')}</p>}
        {items.isSuccess && (
          <p className="public-count" role="status">
            {rows.length === 0 ? t('public:catalog.empty') : t('public:catalog.count', { count: rows.length })}
          </p>
        )}
        <ul className="public-links">
          {rows.map((item) => (
            <li key={item.code}>
              <Link to={`/public/${tenant}/items/${encodeURIComponent(item.code)}`}>
                <span className="public-links__title">{item.name}</span>
                <span className="public-links__meta">
                  {item.department.name} · {t(`common:stages.${item.stage}`)}
                </span>
                <span className="public-links__meta">
                  {t('public:catalog.promised')}：<DurationText value={item.promised_limit} /> ·{' '}
                  {t('public:catalog.materials', { count: item.material_count })}
                </span>
                {(item.allows_tolerance || item.allows_commitment) && (
                  <span className="public-tags">
                    {item.allows_tolerance && <Tag color="primary">{t('public:catalog.tolerance')}</Tag>}
                    {item.allows_commitment && <Tag color="primary">{t('public:catalog.commitment')}</Tag>}
                  </span>
                )}
              </Link>
            </li>
          ))}
        </ul>
        {items.hasNextPage && (
          <button type="button" className="public-button public-more" onClick={() => void items.fetchNextPage()}>
            {t('common:actions.loadMore')}
          </button>
        )}
      </section>
    </>
  );
}

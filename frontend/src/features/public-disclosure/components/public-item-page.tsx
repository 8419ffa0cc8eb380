import { Card } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DurationText } from '@/components/duration-text';
import { ApiError } from '@/lib/api/problem';
import { usePublicItem } from '@/lib/public/api';
import { ContactList } from './contact-list';
import './public-pages.css';

/** Text as the guide gives it: paragraphs kept, "not published" when absent. */
function Paragraphs({ text, empty }: { text: string | null | undefined; empty: string }) {
  const parts = text?.split(/\n+/).filter((p) => p.trim()) ?? [];
  if (parts.length === 0) return <p>{empty}</p>;
  return (
    <>
      {parts.map((p, i) => (
        <p key={i} className="public-paragraph">
          {p}
        </p>
      ))}
    </>
  );
}

/** An item's service guide (办事指南): the version in force. */
export function PublicItemPage() {
  const { t } = useTranslation(['public', 'common']);
  const { tenant = '', code = '' } = useParams();
  const item = usePublicItem(tenant, code);
  const back = (
    <Link to={`/public/${tenant}/catalog`} className="public-back">
      {t('public:item.back')}
    </Link>
  );
  if (item.isPending) return <p>{t('common:status.loading')}</p>;
  if (item.isError) {
    const missing = item.error instanceof ApiError && item.error.status === 404;
    return (
      <>
        {back}
        <p role="alert">{missing ? t('public:item.notFound') : t('common:status.loadFailed')}</p>
      </>
    );
  }
  const g = item.data;
  const notGiven = t('public:item.notGiven');
  const tel = (v: string | null | undefined) => (v ? `tel:${v}` : undefined);
  return (
    <>
      <title>{`${g.name} - ${t('public:catalog.heading')}`}</title>
      {back}
      <h1 className="public-page-title">{g.name}</h1>
      <p className="public-lead">
        {g.department.name} · {t(`common:stages.${g.stage}`)} · {t('public:item.version', { version: g.version })}
      </p>

      <section className="public-section" aria-labelledby="guide-limits">
        <Card>
          <h2 id="guide-limits" className="public-heading">
            {t('public:item.limitsHeading')}
          </h2>
          <dl className="public-facts">
            <div className="public-facts__row">
              <dt>{t('public:item.legalLimit')}</dt>
              <dd>
                <DurationText value={g.legal_limit} />
              </dd>
            </div>
            <div className="public-facts__row">
              <dt>{t('public:item.promisedLimit')}</dt>
              <dd>
                <DurationText value={g.promised_limit} />
              </dd>
            </div>
            <div className="public-facts__row">
              <dt>{t('public:item.maxExtension')}</dt>
              <dd>
                {g.max_extension_days
                  ? t('public:item.maxExtensionDays', { count: g.max_extension_days })
                  : t('public:item.noExtension')}
              </dd>
            </div>
            <div className="public-facts__row">
              <dt>{t('public:item.tolerance')}</dt>
              <dd>{g.allows_tolerance ? t('public:item.allowed') : t('public:item.notAllowed')}</dd>
            </div>
            <div className="public-facts__row">
              <dt>{t('public:item.commitment')}</dt>
              <dd>{g.allows_commitment ? t('public:item.allowed') : t('public:item.notAllowed')}</dd>
            </div>
          </dl>
        </Card>
      </section>

      <section className="public-section" aria-labelledby="guide-materials">
        <Card>
          <h2 id="guide-materials" className="public-heading">
            {t('public:item.materialsHeading')}
          </h2>
          {g.materials.length === 0 ? (
            <p>{t('public:item.materialsEmpty')}</p>
          ) : (
            <ol className="public-materials">
              {g.materials.map((m) => (
                <li key={m.position}>
                  <span>{m.name}</span>
                  <span className="public-materials__flags">
                    {m.required ? t('public:item.required') : t('public:item.optional')}
                    {m.may_be_missing && ` · ${t('public:item.mayBeMissing')}`}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </section>

      <section className="public-section" aria-labelledby="guide-basis">
        <Card>
          <h2 id="guide-basis" className="public-heading">
            {t('public:item.basisHeading')}
          </h2>
          <Paragraphs text={g.legal_basis} empty={notGiven} />
        </Card>
      </section>

      <section className="public-section" aria-labelledby="guide-process">
        <Card>
          <h2 id="guide-process" className="public-heading">
            {t('public:item.processHeading')}
          </h2>
          <Paragraphs text={g.process} empty={notGiven} />
        </Card>
      </section>

      <section className="public-section" aria-labelledby="guide-fees">
        <Card>
          <h2 id="guide-fees" className="public-heading">
            {t('public:item.feesHeading')}
          </h2>
          <Paragraphs text={g.legal_fees} empty={t('public:item.free')} />
          <h2 className="public-heading">{t('public:item.intermediaryHeading')}</h2>
          <Paragraphs text={g.intermediary_services} empty={t('public:item.noIntermediary')} />
        </Card>
      </section>

      <section className="public-section" aria-labelledby="guide-contacts">
        <Card>
          <h2 id="guide-contacts" className="public-heading">
            {t('public:item.contactsHeading')}
          </h2>
          <ContactList
            rows={[
              {
                label: t('public:item.consultation'),
                value: g.contacts.consultation_phone ?? notGiven,
                href: tel(g.contacts.consultation_phone),
              },
              {
                label: t('public:item.complaint'),
                value: g.contacts.complaint_phone ?? notGiven,
                href: tel(g.contacts.complaint_phone),
              },
              {
                label: t('public:item.supervision'),
                value: g.contacts.supervision_phone ?? notGiven,
                href: tel(g.contacts.supervision_phone),
              },
              ...(g.contacts.address ? [{ label: t('public:item.address'), value: g.contacts.address }] : []),
              ...(g.contacts.office_hours ? [{ label: t('public:item.hours'), value: g.contacts.office_hours }] : []),
            ]}
          />
          {g.source && (
            <p className="public-source">
              {t('public:item.source')}：
              {/^https?:\/\//.test(g.source) ? (
                <a href={g.source} rel="noreferrer noopener" target="_blank">
                  {g.source}
                </a>
              ) : (
                g.source
              )}
            </p>
          )}
        </Card>
      </section>
    </>
  );
}

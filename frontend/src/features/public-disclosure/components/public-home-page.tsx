import { Card } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePublicService, type PublicService } from '@/lib/public/api';
import { ContactList } from './contact-list';
import './public-pages.css';

/** The service's contacts worth listing, in the order people look for them. */
function contacts(s: PublicService) {
  return [
    { key: 'office', value: s.office_name },
    { key: 'address', value: s.address },
    { key: 'hours', value: s.office_hours },
    { key: 'phone', value: s.phone, tel: true },
    { key: 'consultation', value: s.consultation_phone, tel: true },
    { key: 'complaint', value: s.complaint_phone, tel: true },
    { key: 'supervision', value: s.supervision_phone, tel: true },
    { key: 'email', value: s.email, mail: true },
  ] as const;
}

/** The public home: what the service is, its rules, its contacts, and where to go next. */
export function PublicHomePage() {
  const { t } = useTranslation(['public', 'common']);
  const tenant = useParams().tenant ?? '';
  const service = usePublicService(tenant);
  const base = `/public/${tenant}`;
  if (service.isPending) return <p>{t('common:status.loading')}</p>;
  if (service.isError) return null;
  const s = service.data;
  const rules = s.service_rules?.split(/\n\s*\n/).filter((p) => p.trim()) ?? [];
  const listed = contacts(s).filter((c) => c.value);
  return (
    <>
      <title>{`${t('public:nav.home')} - ${t('public:shell.title', { county: s.tenant.name })}`}</title>
      <h1 className="public-page-title">{t('public:home.heading')}</h1>
      <p className="public-lead">{t('public:home.intro')}</p>

      <section className="public-section" aria-labelledby="public-entries">
        <h2 id="public-entries" className="public-heading">
          {t('public:home.entriesHeading')}
        </h2>
        <ul className="public-links">
          <li>
            <Link to={`${base}/catalog`}>
              <span className="public-links__title">{t('public:home.entryCatalog')}</span>
              <span className="public-links__meta">{t('public:home.entryCatalogHint')}</span>
            </Link>
          </li>
          <li>
            <Link to={`${base}/roster`}>
              <span className="public-links__title">{t('public:home.entryRoster')}</span>
              <span className="public-links__meta">{t('public:home.entryRosterHint')}</span>
            </Link>
          </li>
          <li>
            <Link to={`${base}/consult`}>
              <span className="public-links__title">{t('public:home.entryConsult')}</span>
              <span className="public-links__meta">{t('public:home.entryConsultHint')}</span>
            </Link>
          </li>
          <li>
            <Link to={`${base}/complaints`}>
              <span className="public-links__title">{t('public:home.entryComplaint')}</span>
              <span className="public-links__meta">{t('public:home.entryComplaintHint')}</span>
            </Link>
          </li>
          <li>
            <Link to={`${base}/complaints/track`}>
              <span className="public-links__title">{t('public:home.entryTrack')}</span>
              <span className="public-links__meta">{t('public:home.entryTrackHint')}</span>
            </Link>
          </li>
          <li>
            <Link to="/login">
              <span className="public-links__title">{t('public:home.entryApply')}</span>
              <span className="public-links__meta">{t('public:home.entryApplyHint')}</span>
            </Link>
          </li>
        </ul>
      </section>

      <section className="public-section" aria-labelledby="public-rules">
        <Card>
          <h2 id="public-rules" className="public-heading">
            {t('public:home.rulesHeading')}
          </h2>
          {rules.length === 0 ? (
            <p>{t('public:home.rulesEmpty')}</p>
          ) : (
            rules.map((paragraph, index) => (
              <p key={index} className="public-paragraph">
                {paragraph}
              </p>
            ))
          )}
        </Card>
      </section>

      <section className="public-section" aria-labelledby="public-contacts">
        <Card>
          <h2 id="public-contacts" className="public-heading">
            {t('public:home.contactsHeading')}
          </h2>
          {listed.length === 0 ? (
            <p>{t('public:home.contactsEmpty')}</p>
          ) : (
            <ContactList
              rows={listed.map((c) => ({
                label: t(`public:home.${c.key}`),
                value: c.value ?? '',
                href: 'tel' in c ? `tel:${c.value}` : 'mail' in c ? `mailto:${c.value}` : undefined,
              }))}
            />
          )}
        </Card>
      </section>
    </>
  );
}

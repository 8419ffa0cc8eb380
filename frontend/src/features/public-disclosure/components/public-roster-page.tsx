import { Card } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { usePublicRoster, type PublicRoster } from '@/lib/public/api';
import './public-pages.css';

type Member = PublicRoster['members'][number];

/** Members grouped by department, in the order the server gives them. */
function groups(members: Member[]) {
  const out: { key: string; name: string | null; members: Member[] }[] = [];
  for (const m of members) {
    const key = m.department?.code ?? '';
    let group = out.find((g) => g.key === key);
    if (!group) {
      group = { key, name: m.department?.name ?? null, members: [] };
      out.push(group);
    }
    group.members.push(m);
  }
  return out;
}

/** The butler roster, as much as the county publishes (names, departments, phones). */
export function PublicRosterPage() {
  const { t } = useTranslation(['public', 'common']);
  const tenant = useParams().tenant ?? '';
  const roster = usePublicRoster(tenant);
  return (
    <>
      <title>{`${t('public:roster.heading')} - ${t('common:appName')}`}</title>
      <h1 className="public-page-title">{t('public:roster.heading')}</h1>
      {roster.isPending && <p>{t('common:status.loading')}</p>}
      {roster.isError && <p role="alert">{t('common:status.loadFailed')}</p>}
      {roster.isSuccess && roster.data.disclosure === 'none' && <p>{t('public:roster.hidden')}</p>}
      {roster.isSuccess && roster.data.disclosure !== 'none' && (
        <>
          <p className="public-lead">{t('public:roster.intro')}</p>
          {roster.data.members.length === 0 && <p>{t('public:roster.empty')}</p>}
          {groups(roster.data.members).map((group) => (
            <section key={group.key} className="public-section" aria-labelledby={`roster-${group.key || 'general'}`}>
              <Card>
                <h2 id={`roster-${group.key || 'general'}`} className="public-heading">
                  {group.name ?? t('public:roster.noDepartment')}
                </h2>
                <ul className="public-roster">
                  {group.members.map((m, i) => (
                    <li key={`${m.name}-${i}`}>
                      <span className="public-roster__name">{m.name}</span>
                      <span className="public-roster__role">{t(`common:roles.${m.role}`)}</span>
                      {m.phone && (
                        <a href={`tel:${m.phone}`} aria-label={t('public:roster.call', { name: m.name, phone: m.phone })}>
                          {m.phone}
                        </a>
                      )}
                    </li>
                  ))}
                </ul>
              </Card>
            </section>
          ))}
        </>
      )}
    </>
  );
}

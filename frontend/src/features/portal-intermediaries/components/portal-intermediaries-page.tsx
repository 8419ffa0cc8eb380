import { Button, Dialog, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { mapErrorToForm } from '@/lib/api/problem';
import type { EvaluationLevel } from '@/lib/api/types';
import { EVALUATION_LEVELS } from '@/lib/cases/codes';
import { useCase } from '@/lib/cases/api/get-case';
import { formatDate } from '@/lib/format/date';
import {
  useChoose,
  useEligibleAgencies,
  useEngagements,
  useRate,
  type EligibleAgencyOut,
  type EngagementOut,
} from '../api/portal-intermediaries';
import './portal-intermediaries.css';

/**
 * 选择中介机构 on the enterprise's phone: for each plan item, the agency it chose (with the
 * delivery and its rating once delivered), or the agencies offered for the item to choose from
 * freely. Before delivery it may change its choice, saying why.
 */
export function PortalIntermediariesPage() {
  const { t } = useTranslation(['intermediaries', 'common']);
  const { id } = useParams();
  const c = useCase(id);
  const engagements = useEngagements(id);

  if (c.isPending || engagements.isPending) return <p>{t('common:status.loading')}</p>;
  if (c.isError || engagements.isError) {
    return (
      <div className="form-alert" role="alert">
        <p>{t('common:status.loadFailed')}</p>
      </div>
    );
  }
  const items = c.data.items.filter((i) => i.planned).sort((a, b) => a.position - b.position);
  return (
    <>
      <title>{`${t('intermediaries:portal.title')} - ${t('common:appName')}`}</title>
      <p className="portal-back">
        <Link to={`/portal/cases/${c.data.id}`}>{t('intermediaries:portal.back')}</Link>
      </p>
      <h1 className="portal-page-title">{t('intermediaries:portal.title')}</h1>
      <p className="intermediary-muted">{t('intermediaries:portal.intro')}</p>
      {items.length === 0 && <p>{t('intermediaries:portal.noItems')}</p>}
      {items.map((item) => (
        <ItemSection
          key={item.id}
          caseId={c.data.id}
          itemId={item.id}
          itemName={item.name}
          engagements={engagements.data.filter((e) => e.case_item_id === item.id && e.state !== 'replaced')}
        />
      ))}
    </>
  );
}

function errorText(e: unknown, fallback: string): string {
  return mapErrorToForm(e, [], { network: fallback, server: fallback }).form.join(' ');
}

function ItemSection(props: { caseId: string; itemId: string; itemName: string; engagements: EngagementOut[] }) {
  const { t } = useTranslation(['intermediaries', 'common']);
  const [open, setOpen] = useState(false);
  const headingId = `item-${props.itemId}`;
  const current = props.engagements.at(-1);
  return (
    <section className="intermediary-item" aria-labelledby={headingId}>
      <h2 id={headingId}>{props.itemName}</h2>
      {props.engagements.map((e) => (
        <EngagementView key={e.id} caseId={props.caseId} e={e} />
      ))}
      {(!current || current.state === 'chosen') && (
        <Button block fill={current ? 'outline' : 'solid'} color="primary" aria-expanded={open} onClick={() => setOpen(!open)}>
          {open ? t('intermediaries:portal.hide') : t('intermediaries:portal.choose')}
        </Button>
      )}
      {open && <Offers caseId={props.caseId} itemId={props.itemId} current={current} onChosen={() => setOpen(false)} />}
    </section>
  );
}

function EngagementView({ caseId, e }: { caseId: string; e: EngagementOut }) {
  const { t } = useTranslation(['intermediaries', 'common']);
  return (
    <div data-testid="engagement">
      <p>
        <strong>{t('intermediaries:portal.chosen', { agency: e.agency_name })}</strong>（{e.service_name}）·{' '}
        <span data-testid="engagement-state">{t(`intermediaries:states.${e.state}`)}</span>
      </p>
      {e.promised_delivery && <p className="intermediary-muted">{t('intermediaries:portal.promised', { date: formatDate(e.promised_delivery) })}</p>}
      {e.actual_delivery && (
        <>
          <p>{t('intermediaries:portal.delivered', { date: formatDate(e.actual_delivery), report: e.report_name ?? '', number: e.report_number ?? '' })}</p>
          <p className="intermediary-muted">{t('intermediaries:portal.conclusion', { conclusion: e.conclusion ?? '' })}</p>
        </>
      )}
      {e.rating && <p>{t('intermediaries:portal.rated', { level: t(`intermediaries:levels.${e.rating}`) })}</p>}
      {e.state === 'delivered' && <RatingForm caseId={caseId} e={e} />}
    </div>
  );
}

function Offers(props: { caseId: string; itemId: string; current: EngagementOut | undefined; onChosen: () => void }) {
  const { t } = useTranslation(['intermediaries', 'common']);
  const offers = useEligibleAgencies(props.caseId, props.itemId, true);
  const choose = useChoose(props.caseId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const reasonId = `reason-${props.itemId}`;

  const pick = async (offer: EligibleAgencyOut, serviceId: string, serviceName: string) => {
    const ok = await Dialog.confirm({
      title: t('intermediaries:portal.confirmTitle'),
      content: t('intermediaries:portal.confirmContent', { agency: offer.agency.name, service: serviceName }),
      confirmText: t('intermediaries:portal.confirmOk'),
      cancelText: t('intermediaries:portal.cancel'),
    });
    if (!ok) return;
    try {
      await choose.mutateAsync({
        itemId: props.itemId,
        body: { service_id: serviceId, reason: props.current ? reason.trim() || null : null },
      });
      setError(null);
      Toast.show({ content: t('intermediaries:portal.doneChosen') });
      props.onChosen();
    } catch (e) {
      setError(errorText(e, t('common:status.loadFailed')));
    }
  };

  if (offers.isPending) return <p>{t('common:status.loading')}</p>;
  if (offers.isError) return <p role="alert">{t('common:status.loadFailed')}</p>;
  return (
    <>
      {error && (
        <div className="form-alert" role="alert">
          <p>{error}</p>
        </div>
      )}
      {props.current && (
        <label className="intermediary-field" htmlFor={reasonId}>
          {t('intermediaries:portal.changeReason')}
          <span className="intermediary-muted"> {t('intermediaries:portal.changeHint')}</span>
          <textarea id={reasonId} value={reason} maxLength={2000} rows={2} onChange={(e) => setReason(e.target.value)} />
        </label>
      )}
      {offers.data.length === 0 && <p>{t('intermediaries:portal.noneOffered')}</p>}
      <ul className="agency-offer">
        {offers.data.map((offer) => (
          <li key={offer.agency.id}>
            <p className="agency-offer__name">{offer.agency.name}</p>
            <p className="intermediary-muted">
              {offer.agency.contact} {offer.agency.phone}
            </p>
            {offer.agency.qualifications
              .filter((q) => !q.expired)
              .map((q) => (
                <p key={q.id} className="intermediary-muted">
                  {t('intermediaries:portal.validUntil', { kind: t(`intermediaries:kinds.${q.kind}`), date: formatDate(q.valid_until) })}
                </p>
              ))}
            {offer.agency.services
              .filter((s) => offer.service_ids.includes(s.id))
              .map((s) => (
                <div key={s.id}>
                  <p>{s.name}</p>
                  {s.fee_note && <p className="intermediary-muted">{t('intermediaries:portal.fee', { fee: s.fee_note })}</p>}
                  <Button
                    block
                    color="primary"
                    fill="outline"
                    loading={choose.isPending}
                    disabled={props.current?.service_id === s.id}
                    aria-label={`${t('intermediaries:portal.chooseThis')}：${offer.agency.name}`}
                    onClick={() => void pick(offer, s.id, s.name)}
                  >
                    {t('intermediaries:portal.chooseThis')}
                  </Button>
                </div>
              ))}
          </li>
        ))}
      </ul>
    </>
  );
}

function RatingForm({ caseId, e }: { caseId: string; e: EngagementOut }) {
  const { t } = useTranslation(['intermediaries', 'common']);
  const rate = useRate(caseId);
  const [level, setLevel] = useState<EvaluationLevel | ''>('');
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const levelId = `level-${e.id}`;
  const commentId = `comment-${e.id}`;

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!level) return;
    try {
      await rate.mutateAsync({ id: e.id, version: e.version, body: { level, comment: comment.trim() || null } });
      Toast.show({ content: t('intermediaries:portal.doneRated') });
    } catch (err) {
      setError(errorText(err, t('common:status.loadFailed')));
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t('intermediaries:portal.rate')}>
      {error && (
        <div className="form-alert" role="alert">
          <p>{error}</p>
        </div>
      )}
      <label className="intermediary-field" htmlFor={levelId}>
        {t('intermediaries:portal.level')}
        <select id={levelId} value={level} required onChange={(ev) => setLevel(ev.target.value as EvaluationLevel | '')}>
          <option value="">—</option>
          {EVALUATION_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t(`intermediaries:levels.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="intermediary-field" htmlFor={commentId}>
        {t('intermediaries:portal.comment')}
        <textarea id={commentId} value={comment} maxLength={2000} rows={2} onChange={(ev) => setComment(ev.target.value)} />
      </label>
      <Button block color="primary" type="submit" loading={rate.isPending} disabled={!level}>
        {t('intermediaries:portal.submitRating')}
      </Button>
    </form>
  );
}

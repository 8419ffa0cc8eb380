import { Button } from 'antd-mobile';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { FormField } from '@/components/form-field';
import { ApiError } from '@/lib/api/problem';
import type { Satisfaction } from '@/lib/api/types';
import { formatDateTime } from '@/lib/format/date';
import { useFollowComplaint, useRateComplaint, type FollowKey, type PublicComplaint } from '../api/public-complaints';
import { SATISFACTIONS } from '../utils/codes';
import { PublicComplaintFrame } from './public-complaint-frame';

/**
 * Follow a complaint by its tracking number and the mobile's last four digits
 * (`/public/:tenant/complaints/track`), read the reply and rate it.
 */
export function ComplaintTrackPage() {
  const { t } = useTranslation(['complaints', 'common']);
  const { tenant = '' } = useParams();
  const [search] = useSearchParams();
  const [tracking, setTracking] = useState(search.get('number') ?? '');
  const [last4, setLast4] = useState('');
  const [key, setKey] = useState<FollowKey | null>(null);
  const [complaint, setComplaint] = useState<PublicComplaint | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const follow = useFollowComplaint();
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  const onFind = async (event: FormEvent) => {
    event.preventDefault();
    const next = { tenant, tracking: tracking.trim(), last4: last4.trim() };
    try {
      setComplaint(await follow.mutateAsync(next));
      setKey(next);
      setFailure(null);
    } catch (error) {
      setComplaint(null);
      setFailure(error instanceof ApiError && error.status === 404 ? t('complaints:public.notFound') : t('complaints:public.failed'));
    }
  };

  return (
    <PublicComplaintFrame title={t('complaints:public.trackTitle')}>
      <h1>{t('complaints:public.trackTitle')}</h1>
      <p className="complaint-public__lead">{t('complaints:public.trackIntro')}</p>
      <form onSubmit={(e) => void onFind(e)} noValidate>
        {failure && (
          <div className="complaint-alert" role="alert" tabIndex={-1} ref={alertRef}>
            <p>{failure}</p>
          </div>
        )}
        <section className="complaint-card">
          <FormField label={t('complaints:public.trackingNumber')} required>
            {(p) => <input {...p} type="text" autoCapitalize="characters" spellCheck={false} maxLength={40} value={tracking} onChange={(e) => setTracking(e.target.value)} />}
          </FormField>
          <FormField label={t('complaints:public.last4')} required>
            {(p) => (
              <input {...p} type="text" inputMode="numeric" pattern="[0-9]*" maxLength={4} autoComplete="off" value={last4} onChange={(e) => setLast4(e.target.value)} />
            )}
          </FormField>
        </section>
        <div className="complaint-actions">
          <Button block color="primary" size="large" type="submit" loading={follow.isPending}>
            {t('complaints:public.find')}
          </Button>
          <Link to={`/public/${tenant}/complaints`}>{t('complaints:public.lodgeTitle')}</Link>
        </div>
      </form>
      {complaint && key && <FollowedComplaint complaint={complaint} followKey={key} onRated={setComplaint} />}
    </PublicComplaintFrame>
  );
}

function FollowedComplaint({
  complaint: c,
  followKey,
  onRated,
}: {
  complaint: PublicComplaint;
  followKey: FollowKey;
  onRated: (c: PublicComplaint) => void;
}) {
  const { t } = useTranslation('complaints');
  return (
    <>
      <section className="complaint-card" aria-labelledby="followed-heading">
        <h2 id="followed-heading">{c.tracking_number}</h2>
        <dl className="complaint-facts">
          <dt>{t('public.state')}</dt>
          <dd data-testid="complaint-state">
            {t(`states.${c.state}`)}
            {c.overdue && <span className="complaint-overdue">（{t('public.overdue')}）</span>}
          </dd>
          <dt>{t('public.subject')}</dt>
          <dd>{t(`subjects.${c.subject}`)}</dd>
          {c.department_name && (
            <>
              <dt>{t('public.department')}</dt>
              <dd>{c.department_name}</dd>
            </>
          )}
          {c.due_at && c.state === 'assigned' && (
            <>
              <dt>{t('public.due')}</dt>
              <dd>{formatDateTime(c.due_at)}</dd>
            </>
          )}
          <dt>{t('public.text')}</dt>
          <dd>{c.text}</dd>
          {c.reply && (
            <>
              <dt>{t('public.reply')}</dt>
              <dd data-testid="complaint-reply">{c.reply}</dd>
            </>
          )}
          {c.reject_reason && (
            <>
              <dt>{t('public.rejectReason')}</dt>
              <dd>{c.reject_reason}</dd>
            </>
          )}
          {c.satisfaction && (
            <>
              <dt>{t('public.yourRating')}</dt>
              <dd>{t(`satisfaction.${c.satisfaction}`)}</dd>
            </>
          )}
        </dl>
      </section>
      {c.allowed_actions.includes('rate') && <RateForm followKey={followKey} onRated={onRated} />}
      <section className="complaint-card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('public.timeline')}</h2>
        <ol className="complaint-timeline">
          {c.timeline.map((e) => (
            <li key={`${e.at}-${e.action}`}>
              <time dateTime={e.at}>{formatDateTime(e.at)}</time>
              {t(`actions.${e.action}`)} · {t(`states.${e.to_state}`)}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

function RateForm({ followKey, onRated }: { followKey: FollowKey; onRated: (c: PublicComplaint) => void }) {
  const { t } = useTranslation('complaints');
  const rate = useRateComplaint();
  const [satisfaction, setSatisfaction] = useState<Satisfaction | null>(null);
  const [reopen, setReopen] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!satisfaction) {
      setMessage(t('public.chooseRating'));
      return;
    }
    try {
      const rated = await rate.mutateAsync({ key: followKey, body: { satisfaction, reopen: satisfaction === 'dissatisfied' && reopen } });
      setMessage(t('public.rated'));
      onRated(rated);
    } catch (error) {
      setMessage(error instanceof ApiError && error.problem?.detail ? error.problem.detail : t('public.failed'));
    }
  };

  return (
    <section className="complaint-card" aria-labelledby="rate-heading">
      <h2 id="rate-heading">{t('public.rateTitle')}</h2>
      <p>{t('public.rateIntro')}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset className="complaint-choices">
          <legend>{t('public.yourRating')}</legend>
          {SATISFACTIONS.map((s) => (
            <label key={s} className="complaint-choice">
              <input type="radio" name="satisfaction" value={s} checked={satisfaction === s} onChange={() => setSatisfaction(s)} />
              <span>{t(`satisfaction.${s}`)}</span>
            </label>
          ))}
        </fieldset>
        {satisfaction === 'dissatisfied' && (
          <label className="complaint-choice">
            <input type="checkbox" checked={reopen} onChange={(e) => setReopen(e.target.checked)} />
            <span>{t('public.reopen')}</span>
          </label>
        )}
        <p role="status">{message ?? ''}</p>
        <div className="complaint-actions">
          <Button block color="primary" size="large" type="submit" loading={rate.isPending}>
            {t('public.rateSubmit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

import { Button } from 'antd-mobile';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { FormField } from '@/components/form-field';
import { mapErrorToForm } from '@/lib/api/problem';
import type { ComplaintSubject } from '@/lib/api/types';
import { useLodgeComplaint, type LodgedComplaint } from '../api/public-complaints';
import { LODGE_FIELDS, PUBLIC_SUBJECTS, type LodgeField, lodgeRequest, subjectFromSearch } from '../utils/lodge-form';
import { PublicComplaintFrame } from './public-complaint-frame';

/**
 * Lodge a complaint, without an account (`/public/:tenant/complaints`). A page that names a
 * department or an official links here with `?department=<id>` or `?agent=<id>`; otherwise the
 * complaint is about a case (by its number) or the service. The tracking number is shown
 * large and can be copied.
 */
export function ComplaintLodgePage() {
  const { t } = useTranslation(['complaints', 'common']);
  const { tenant = '' } = useParams();
  const [search] = useSearchParams();
  const preset = subjectFromSearch(search);
  const lodge = useLodgeComplaint(tenant);
  const [subject, setSubject] = useState<ComplaintSubject>(preset?.subject ?? 'service');
  const [values, setValues] = useState<Record<'case_number' | 'name' | 'mobile' | 'text', string>>({
    case_number: '',
    name: '',
    mobile: '',
    text: '',
  });
  const [errors, setErrors] = useState<{ fields: Partial<Record<LodgeField, string[]>>; form: string[] }>({ fields: {}, form: [] });
  const [lodged, setLodged] = useState<LodgedComplaint | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors.form.length || Object.keys(errors.fields).length) alertRef.current?.focus();
  }, [errors]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const result = await lodge.mutateAsync(lodgeRequest(subject, preset, values));
      setErrors({ fields: {}, form: [] });
      setLodged(result);
    } catch (error) {
      setErrors(mapErrorToForm(error, LODGE_FIELDS, { network: t('complaints:public.failed'), server: t('complaints:public.failed') }));
    }
  };

  if (lodged) {
    return (
      <PublicComplaintFrame title={t('complaints:public.lodgedTitle')}>
        <LodgedNotice tenant={tenant} lodged={lodged} onAnother={() => setLodged(null)} />
      </PublicComplaintFrame>
    );
  }

  const field = (name: LodgeField) => errors.fields[name] ?? [];
  const hasErrors = errors.form.length > 0 || Object.keys(errors.fields).length > 0;
  return (
    <PublicComplaintFrame title={t('complaints:public.lodgeTitle')}>
      <h1>{t('complaints:public.lodgeTitle')}</h1>
      <p className="complaint-public__lead">{t('complaints:public.lodgeIntro')}</p>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        {hasErrors && (
          <div className="complaint-alert" role="alert" tabIndex={-1} ref={alertRef}>
            {errors.form.length ? errors.form.map((m) => <p key={m}>{m}</p>) : <p>{t('complaints:public.fixFields')}</p>}
          </div>
        )}
        <section className="complaint-card">
          {preset ? (
            <p>
              <strong>{t('complaints:public.subject')}：</strong>
              {preset.subject === 'department' ? t('complaints:public.chosenDepartment') : t('complaints:public.chosenAgent')}
            </p>
          ) : (
            <fieldset className="complaint-choices" aria-invalid={field('subject').length > 0 || undefined}>
              <legend>{t('complaints:public.subject')}</legend>
              {PUBLIC_SUBJECTS.map((s) => (
                <label key={s} className="complaint-choice">
                  <input type="radio" name="subject" value={s} checked={subject === s} onChange={() => setSubject(s)} />
                  <span>{t(`complaints:subjects.${s}`)}</span>
                </label>
              ))}
            </fieldset>
          )}
          {field('subject_id').length > 0 && <p className="form-field__error">{field('subject_id').join(' ')}</p>}
          <FormField
            label={t('complaints:public.caseNumber')}
            hint={t('complaints:public.caseNumberHint')}
            required={subject === 'case'}
            errors={field('case_number')}
          >
            {(p) => (
              <input {...p} type="text" maxLength={32} value={values.case_number} onChange={(e) => setValues({ ...values, case_number: e.target.value })} />
            )}
          </FormField>
          <FormField label={t('complaints:public.name')} required errors={field('name')}>
            {(p) => <input {...p} type="text" autoComplete="name" maxLength={50} value={values.name} onChange={(e) => setValues({ ...values, name: e.target.value })} />}
          </FormField>
          <FormField label={t('complaints:public.mobile')} hint={t('complaints:public.mobileHint')} required errors={field('mobile')}>
            {(p) => (
              <input {...p} type="tel" inputMode="tel" autoComplete="tel" maxLength={20} value={values.mobile} onChange={(e) => setValues({ ...values, mobile: e.target.value })} />
            )}
          </FormField>
          <FormField label={t('complaints:public.text')} hint={t('complaints:public.textHint')} required errors={field('text')}>
            {(p) => <textarea {...p} maxLength={2000} value={values.text} onChange={(e) => setValues({ ...values, text: e.target.value })} />}
          </FormField>
        </section>
        <div className="complaint-actions">
          <Button block color="primary" size="large" type="submit" loading={lodge.isPending}>
            {t('complaints:public.submit')}
          </Button>
          <Link to={`/public/${tenant}/complaints/track`}>{t('complaints:public.trackTitle')}</Link>
        </div>
      </form>
    </PublicComplaintFrame>
  );
}

function LodgedNotice({ tenant, lodged, onAnother }: { tenant: string; lodged: LodgedComplaint; onAnother: () => void }) {
  const { t } = useTranslation('complaints');
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(lodged.tracking_number);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <>
      <h1 tabIndex={-1} ref={headingRef}>
        {t('public.lodgedTitle')}
      </h1>
      <section className="complaint-card" aria-labelledby="tracking-heading">
        <h2 id="tracking-heading">{t('public.trackingNumber')}</h2>
        <p className="complaint-tracking" data-testid="tracking-number">
          {lodged.tracking_number}
        </p>
        <p>{t('public.keepNumber')}</p>
        <div className="complaint-actions">
          <Button block color="primary" size="large" onClick={() => void copy()}>
            {t('public.copy')}
          </Button>
          <p role="status">{copied === 'yes' ? t('public.copied') : copied === 'failed' ? t('public.copyFailed') : ''}</p>
          <Link to={`/public/${tenant}/complaints/track?number=${encodeURIComponent(lodged.tracking_number)}`}>{t('public.trackLink')}</Link>
          <Button block fill="none" onClick={onAnother}>
            {t('public.another')}
          </Button>
        </div>
      </section>
    </>
  );
}

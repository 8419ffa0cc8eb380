import { Button, ConfigProvider } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FormField } from '@/components/form-field';
import { ApiError, mapErrorToForm } from '@/lib/api/problem';
import { formatDateTime } from '@/lib/format/date';
import { useConsultationSlots, useSubmitConsultation, type ConsultationReceipt } from '../api/public-consultations';
import { groupSlotsByDay } from '../utils/slots';
import './public-consult.css';

const FIELDS = [
  'name',
  'mobile',
  'enterprise_name',
  'project_name',
  'project_description',
  'item_code',
  'question',
  'preferred_slot',
] as const;
type Field = (typeof FIELDS)[number];
type Kind = 'question' | 'appointment';

interface Values {
  name: string;
  mobile: string;
  enterprise_name: string;
  project_name: string;
  project_description: string;
  item_code: string;
  question: string;
}

const EMPTY: Values = {
  name: '',
  mobile: '',
  enterprise_name: '',
  project_name: '',
  project_description: '',
  item_code: '',
  question: '',
};

/**
 * 咨询与预约 for anyone, without an account: ask the window a question or book a half-hour of
 * its office hours; the answer is a reference to quote. Phone first, plain labelled fields.
 */
export function PublicConsultPage() {
  const { t, i18n } = useTranslation(['consult', 'common']);
  const tenant = useParams().tenant ?? '';
  const [receipt, setReceipt] = useState<ConsultationReceipt | null>(null);
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <div className="public-consult">
        <a className="skip-link" href="#consult-main">
          {t('common:skipToContent')}
        </a>
        <header className="public-consult__header">
          <span className="public-consult__brand">{t('common:appName')}</span>
        </header>
        <main id="consult-main" tabIndex={-1} className="public-consult__main">
          <title>{`${t('consult:public.title')} - ${t('common:appName')}`}</title>
          {receipt ? (
            <Receipt receipt={receipt} onAgain={() => setReceipt(null)} />
          ) : (
            <ConsultForm tenant={tenant} onDone={setReceipt} />
          )}
        </main>
      </div>
    </ConfigProvider>
  );
}

function Receipt({ receipt, onAgain }: { receipt: ConsultationReceipt; onAgain: () => void }) {
  const { t } = useTranslation('consult');
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="public-consult__card" aria-labelledby="consult-done">
      <h1 id="consult-done" tabIndex={-1} ref={headingRef} className="public-consult__title">
        {t('public.doneTitle')}
      </h1>
      <p>{t('public.doneLead')}</p>
      <p className="public-consult__reference">
        <span className="visually-hidden">{t('public.doneReference')}: </span>
        <strong data-testid="consult-reference">{receipt.reference}</strong>
      </p>
      {receipt.preferred_slot && <p>{t('public.doneSlot', { slot: formatDateTime(receipt.preferred_slot) })}</p>}
      <p>{t('public.doneNext')}</p>
      <Button block size="large" onClick={onAgain}>
        {t('public.again')}
      </Button>
    </section>
  );
}

function ConsultForm({ tenant, onDone }: { tenant: string; onDone: (r: ConsultationReceipt) => void }) {
  const { t } = useTranslation(['consult', 'common']);
  const [kind, setKind] = useState<Kind>('question');
  const [values, setValues] = useState<Values>(EMPTY);
  const [day, setDay] = useState('');
  const [slot, setSlot] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string[]>>>({});
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const alertRef = useRef<HTMLDivElement>(null);
  const slots = useConsultationSlots(tenant, kind === 'appointment');
  const submit = useSubmitConsultation(tenant);
  const days = groupSlotsByDay(slots.data?.slots ?? []);
  const chosenDay = days.find((d) => d.day === day) ?? days[0];

  useEffect(() => {
    if (formErrors.length || Object.keys(errors).length) alertRef.current?.focus();
  }, [errors, formErrors]);

  const set = (field: keyof Values) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const required: Field[] = ['name', 'mobile', 'project_name', 'question'];
    const missing = required.filter((f) => !values[f as keyof Values].trim());
    const chosenSlot = kind === 'appointment' ? slot || chosenDay?.slots[0]?.at || '' : '';
    if (kind === 'appointment' && !chosenSlot) missing.push('preferred_slot');
    if (missing.length) {
      setErrors(Object.fromEntries(missing.map((f) => [f, [t('consult:public.required')]])));
      setFormErrors([t('consult:public.invalid')]);
      return;
    }
    setErrors({});
    setFormErrors([]);
    const optional = (v: string) => (v.trim() ? v.trim() : null);
    try {
      const receipt = await submit.mutateAsync({
        kind,
        name: values.name,
        mobile: values.mobile,
        enterprise_name: optional(values.enterprise_name),
        project_name: values.project_name,
        project_description: optional(values.project_description),
        item_code: optional(values.item_code),
        question: values.question,
        preferred_slot: kind === 'appointment' ? chosenSlot : null,
      });
      onDone(receipt);
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) {
        setFormErrors([t('consult:public.tooMany', { seconds: 60 })]);
        return;
      }
      if (error instanceof ApiError && error.status === 404) {
        setFormErrors([t('consult:public.unknownTenant')]);
        return;
      }
      const view = mapErrorToForm(error, FIELDS, { network: t('common:errors.network'), server: t('common:errors.server') });
      setErrors(view.fields);
      setFormErrors(view.form.length ? view.form : [t('consult:public.invalid')]);
    }
  };

  const text = (field: keyof Values, label: string, options: { required?: boolean; type?: string; hint?: string; max?: number } = {}) => (
    <FormField label={label} required={options.required} hint={options.hint} errors={errors[field]}>
      {(p) => (
        <input
          {...p}
          type={options.type ?? 'text'}
          name={field}
          value={values[field]}
          maxLength={options.max ?? 200}
          autoComplete={field === 'name' ? 'name' : field === 'mobile' ? 'tel' : field === 'enterprise_name' ? 'organization' : 'off'}
          inputMode={field === 'mobile' ? 'tel' : undefined}
          onChange={(e) => set(field)(e.target.value)}
        />
      )}
    </FormField>
  );

  return (
    <>
      <h1 className="public-consult__title">{t('consult:public.title')}</h1>
      <p className="public-consult__lead">{t('consult:public.lead')}</p>
      <form className="public-consult__card" onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('consult:public.title')}>
        {formErrors.length > 0 && (
          <div className="form-alert" role="alert" tabIndex={-1} ref={alertRef}>
            {formErrors.map((m) => (
              <p key={m}>{m}</p>
            ))}
          </div>
        )}
        <fieldset className="public-consult__kinds">
          <legend>{t('consult:public.kindLegend')}</legend>
          {(['question', 'appointment'] as const).map((k) => (
            <label key={k} className="public-consult__kind">
              <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{k === 'question' ? t('consult:public.kindQuestion') : t('consult:public.kindAppointment')}</span>
            </label>
          ))}
        </fieldset>
        {text('name', t('consult:public.name'), { required: true })}
        {text('mobile', t('consult:public.mobile'), { required: true, type: 'tel', hint: t('consult:public.mobileHint'), max: 20 })}
        {text('enterprise_name', t('consult:public.enterpriseName'))}
        {text('project_name', t('consult:public.projectName'), { required: true })}
        <FormField label={t('consult:public.projectDescription')} errors={errors.project_description}>
          {(p) => (
            <textarea
              {...p}
              name="project_description"
              rows={3}
              maxLength={2000}
              value={values.project_description}
              onChange={(e) => set('project_description')(e.target.value)}
            />
          )}
        </FormField>
        {text('item_code', t('consult:public.itemCode'), { max: 64 })}
        <FormField
          label={kind === 'appointment' ? t('consult:public.questionAppointment') : t('consult:public.question')}
          required
          errors={errors.question}
        >
          {(p) => (
            <textarea
              {...p}
              name="question"
              rows={4}
              maxLength={2000}
              value={values.question}
              onChange={(e) => set('question')(e.target.value)}
            />
          )}
        </FormField>
        {kind === 'appointment' && (
          <fieldset className="public-consult__slot" aria-describedby="consult-slot-hint">
            <legend>
              {t('consult:public.slot')}
              <span className="form-field__required"> *</span>
            </legend>
            <p id="consult-slot-hint" className="form-field__hint">
              {t('consult:public.slotHint')}
            </p>
            {slots.isPending && <p>{t('consult:public.slotsLoading')}</p>}
            {slots.isError && <p className="form-field__error">{t('common:status.loadFailed')}</p>}
            {slots.isSuccess && days.length === 0 && <p>{t('consult:public.slotNone')}</p>}
            {chosenDay && (
              <>
                <FormField label={t('consult:public.slotDay')}>
                  {(p) => (
                    <select
                      {...p}
                      name="slot_day"
                      value={chosenDay.day}
                      onChange={(e) => {
                        setDay(e.target.value);
                        setSlot('');
                      }}
                    >
                      {days.map((d) => (
                        <option key={d.day} value={d.day}>
                          {d.day}
                        </option>
                      ))}
                    </select>
                  )}
                </FormField>
                <FormField label={t('consult:public.slot')} errors={errors.preferred_slot}>
                  {(p) => (
                    <select
                      {...p}
                      name="preferred_slot"
                      value={slot && chosenDay.slots.some((s) => s.at === slot) ? slot : chosenDay.slots[0]?.at}
                      onChange={(e) => {
                        setSlot(e.target.value);
                        setErrors((x) => ({ ...x, preferred_slot: undefined }));
                      }}
                    >
                      {chosenDay.slots.map((s) => (
                        <option key={s.at} value={s.at}>
                          {s.time}
                        </option>
                      ))}
                    </select>
                  )}
                </FormField>
              </>
            )}
          </fieldset>
        )}
        <div className="public-consult__actions">
          <Button block color="primary" size="large" type="submit" loading={submit.isPending}>
            {t('consult:public.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}

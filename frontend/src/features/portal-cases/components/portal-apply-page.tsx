import { Button, Toast } from 'antd-mobile';
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormField } from '@/components/form-field';
import { ApiError, mapErrorToForm, type FormErrors } from '@/lib/api/problem';
import { useMe } from '@/lib/auth/me';
import { useTenant } from '@/lib/auth/tenant';
import { ApplicationStepError, useApplication } from '@/lib/cases/api/apply';
import { useAllDepartments } from '@/lib/cases/api/department-names';
import { useCatalog, type CatalogItem } from '@/lib/cases/api/list-catalog';
import { STAGES } from '@/lib/cases/stages';
import {
  APPLICATION_ALIASES,
  APPLICATION_FIELDS,
  applicationToRequest,
  checkApplication,
  type ApplicationField,
  type ApplicationValues,
} from '@/lib/cases/application-form';
import { useWanYuan } from '@/lib/format/use-wan-yuan';
import './portal-cases.css';

const EMPTY: Omit<ApplicationValues, 'contactName'> = {
  projectName: '',
  industryCode: '',
  investmentWan: '',
  location: '',
  projectCode: '',
  agreementSignedOn: '',
  brief: '',
  contactPhone: '',
  catalogItemIds: [],
  offCatalog: [],
};

/**
 * The application (申请受理表, 附件2) on a phone: the project, the contact, and the items wanted,
 * chosen from the catalog grouped by stage (others may be added). Saved as a draft or
 * submitted at once; a retried submission answers the same case (Idempotency-Key).
 */
export function PortalApplyPage() {
  const { t } = useTranslation(['portal', 'cases', 'common']);
  const { data: me } = useMe();
  const tenant = useTenant();
  const wanYuan = useWanYuan();
  const catalog = useCatalog();
  const departments = useAllDepartments();
  const apply = useApplication();
  const navigate = useNavigate();
  const [values, setValues] = useState<ApplicationValues>(() => ({ ...EMPTY, contactName: me?.display_name ?? '' }));
  const [errors, setErrors] = useState<FormErrors<ApplicationField>>({ fields: {}, form: [] });
  const [sending, setSending] = useState<'draft' | 'submit' | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors.form.length || Object.keys(errors.fields).length) alertRef.current?.focus();
  }, [errors]);

  const byStage = useMemo(() => {
    const groups = new Map<string, CatalogItem[]>();
    for (const item of catalog.data ?? []) groups.set(item.stage, [...(groups.get(item.stage) ?? []), item]);
    return STAGES.filter((stage) => groups.has(stage)).map((stage) => ({ stage, items: groups.get(stage) ?? [] }));
  }, [catalog.data]);

  const set = <K extends keyof ApplicationValues>(field: K, value: ApplicationValues[K]) =>
    setValues((current) => ({ ...current, [field]: value }));
  const toggle = (id: string, on: boolean) =>
    set('catalogItemIds', on ? [...values.catalogItemIds, id] : values.catalogItemIds.filter((x) => x !== id));

  const send = async (mode: 'draft' | 'submit') => {
    const problems = checkApplication(values);
    if (Object.keys(problems).length) {
      const fields: FormErrors<ApplicationField>['fields'] = {};
      for (const [field, problem] of Object.entries(problems) as [ApplicationField, string][]) {
        fields[field] = [t(`portal:apply.problems.${field}.${problem}` as never)];
      }
      setErrors({ fields, form: [t('portal:apply.checkFields')] });
      return;
    }
    setSending(mode);
    setErrors({ fields: {}, form: [] });
    try {
      // The enterprise is the caller's own: nothing to register.
      const created = await apply({ draft: () => applicationToRequest(values), submit: mode === 'submit' });
      Toast.show({ content: mode === 'submit' ? t('portal:apply.submitted') : t('portal:apply.saved') });
      void navigate(`/portal/cases/${created.id}`);
    } catch (failure) {
      const error = failure instanceof ApplicationStepError ? failure.cause : failure;
      const view = mapErrorToForm(
        error,
        APPLICATION_FIELDS,
        { network: t('common:errors.network'), server: t('common:errors.server') },
        APPLICATION_ALIASES,
      );
      // Item errors (items[2].name) belong to the items section.
      if (error instanceof ApiError) {
        for (const fieldError of error.problem?.errors ?? []) {
          if (/^items/.test(fieldError.field)) (view.fields.items ??= []).push(fieldError.message);
        }
        view.form = view.form.filter((m) => !(view.fields.items ?? []).includes(m));
      }
      setErrors(view);
    } finally {
      setSending(null);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void send('submit');
  };
  const e = (field: ApplicationField) => errors.fields[field] ?? [];
  const selected = new Set(values.catalogItemIds);

  return (
    <>
      <title>{`${t('portal:apply.title')} - ${t('common:appName')}`}</title>
      <h1 className="portal-page-title">{t('portal:apply.title')}</h1>
      <p className="portal-lead">{t('portal:apply.intro')}</p>
      <form className="portal-form" onSubmit={onSubmit} noValidate>
        {(errors.form.length > 0 || Object.keys(errors.fields).length > 0) && (
          <div className="form-alert" role="alert" tabIndex={-1} ref={alertRef}>
            <p>{errors.form[0] ?? t('portal:apply.checkFields')}</p>
            {errors.form.length > 1 && (
              <ul>
                {errors.form.slice(1).map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <section className="portal-card" aria-labelledby="apply-project">
          <h2 id="apply-project">{t('portal:apply.projectHeading')}</h2>
          {me?.enterprise && <p className="portal-muted">{t('portal:apply.enterprise', { name: me.enterprise.name })}</p>}
          <FormField label={t('portal:apply.projectName')} required errors={e('projectName')}>
            {(p) => <input {...p} type="text" value={values.projectName} onChange={(ev) => set('projectName', ev.target.value)} maxLength={200} />}
          </FormField>
          <FormField label={t('portal:apply.investment')} required errors={e('investmentWan')}
            hint={tenant.data ? t('portal:apply.investmentHint', { threshold: wanYuan(tenant.data.investment_threshold_fen, { trimZeros: true }) }) : undefined}>
            {(p) => (
              <input {...p} type="text" inputMode="decimal" value={values.investmentWan} onChange={(ev) => set('investmentWan', ev.target.value)} />
            )}
          </FormField>
          <FormField label={t('portal:apply.industryCode')} required errors={e('industryCode')} hint={t('portal:apply.industryHint')}>
            {(p) => <input {...p} type="text" autoCapitalize="characters" value={values.industryCode} onChange={(ev) => set('industryCode', ev.target.value)} maxLength={5} />}
          </FormField>
          <FormField label={t('portal:apply.location')} required errors={e('location')}>
            {(p) => <input {...p} type="text" value={values.location} onChange={(ev) => set('location', ev.target.value)} maxLength={200} />}
          </FormField>
          <FormField label={t('portal:apply.projectCode')} errors={e('projectCode')} hint={t('portal:apply.projectCodeHint')}>
            {(p) => (
              <input {...p} type="text" inputMode="numeric" autoComplete="off" spellCheck={false} value={values.projectCode}
                onChange={(ev) => set('projectCode', ev.target.value)} maxLength={30} />
            )}
          </FormField>
          <FormField label={t('portal:apply.agreementSignedOn')} errors={e('agreementSignedOn')}>
            {(p) => <input {...p} type="date" value={values.agreementSignedOn} onChange={(ev) => set('agreementSignedOn', ev.target.value)} />}
          </FormField>
          <FormField label={t('portal:apply.brief')} required errors={e('brief')}>
            {(p) => <textarea {...p} value={values.brief} onChange={(ev) => set('brief', ev.target.value)} maxLength={2000} />}
          </FormField>
        </section>

        <section className="portal-card" aria-labelledby="apply-contact">
          <h2 id="apply-contact">{t('portal:apply.contactHeading')}</h2>
          <FormField label={t('portal:apply.contactName')} required errors={e('contactName')}>
            {(p) => <input {...p} type="text" autoComplete="name" value={values.contactName} onChange={(ev) => set('contactName', ev.target.value)} maxLength={50} />}
          </FormField>
          <FormField label={t('portal:apply.contactPhone')} required errors={e('contactPhone')}>
            {(p) => <input {...p} type="tel" autoComplete="tel" value={values.contactPhone} onChange={(ev) => set('contactPhone', ev.target.value)} maxLength={20} />}
          </FormField>
        </section>

        <section className="portal-card" aria-labelledby="apply-items">
          <h2 id="apply-items">{t('portal:apply.itemsHeading')}</h2>
          <p className="portal-muted" id="apply-items-hint">
            {t('portal:apply.itemsHint', { count: values.catalogItemIds.length })}
          </p>
          {e('items').length > 0 && <p className="form-field__error">{e('items').join(' ')}</p>}
          {catalog.isPending && <p>{t('common:status.loading')}</p>}
          {catalog.isError && <p className="form-field__error">{t('common:status.loadFailed')}</p>}
          {byStage.map(({ stage, items }) => {
            const chosen = items.filter((i) => selected.has(i.id)).length;
            return (
              <details key={stage} className="stage-group">
                <summary>
                  {t(`common:stages.${stage}`)}
                  {chosen > 0 && <span className="stage-group__count">{t('portal:apply.chosen', { count: chosen })}</span>}
                </summary>
                <fieldset>
                  <legend className="visually-hidden">{t(`common:stages.${stage}`)}</legend>
                  {items.map((item) => (
                    <label key={item.id} className="choice">
                      <input type="checkbox" checked={selected.has(item.id)} onChange={(ev) => toggle(item.id, ev.target.checked)} />
                      <span className="choice__text">
                        {item.name}
                        <span className="choice__meta">
                          {item.department.name}
                          {item.promised_limit ? ` · ${t('portal:apply.promised', { limit: item.promised_limit.text })}` : ''}
                        </span>
                      </span>
                    </label>
                  ))}
                </fieldset>
              </details>
            );
          })}
          <h3 className="portal-subheading">{t('portal:apply.offCatalogHeading')}</h3>
          {values.offCatalog.map((row, index) => (
            <div key={index} className="off-catalog-row">
              <FormField label={t('portal:apply.offCatalogName', { n: index + 1 })}>
                {(p) => (
                  <input {...p} type="text" value={row.name} maxLength={200}
                    onChange={(ev) => set('offCatalog', values.offCatalog.map((r, i) => (i === index ? { ...r, name: ev.target.value } : r)))} />
                )}
              </FormField>
              <FormField label={t('portal:apply.offCatalogDepartment', { n: index + 1 })}>
                {(p) => (
                  <select {...p} value={row.departmentId}
                    onChange={(ev) => set('offCatalog', values.offCatalog.map((r, i) => (i === index ? { ...r, departmentId: ev.target.value } : r)))}>
                    <option value="">{t('portal:apply.chooseDepartment')}</option>
                    {(departments.data ?? []).map((d) => (
                      <option key={d.id} value={d.id}>{d.name}</option>
                    ))}
                  </select>
                )}
              </FormField>
              <button type="button" className="plain-button" onClick={() => set('offCatalog', values.offCatalog.filter((_, i) => i !== index))}>
                {t('portal:apply.removeOffCatalog', { n: index + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="plain-button" onClick={() => set('offCatalog', [...values.offCatalog, { name: '', departmentId: '' }])}>
            {t('portal:apply.addOffCatalog')}
          </button>
        </section>

        <div className="portal-actions">
          <Button block color="primary" size="large" type="submit" loading={sending === 'submit'} disabled={sending !== null}>
            {t('portal:apply.submit')}
          </Button>
          <Button block size="large" onClick={() => void send('draft')} loading={sending === 'draft'} disabled={sending !== null}>
            {t('portal:apply.saveDraft')}
          </Button>
        </div>
      </form>
    </>
  );
}

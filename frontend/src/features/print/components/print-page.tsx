import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { RouteFallback } from '@/components/route-fallback';
import { ApiError } from '@/lib/api/problem';
import { usePrintData, type PrintData } from '../hooks/use-print-data';
import { FORM_KEYS, formAvailability, parseFormChoice, ANNEX, type FormChoice, type FormKey } from '../utils/print-forms';
import { AgreementForm } from './agreement-form';
import { ApplicationForm } from './application-form';
import { CompletionForm, TerminationForm } from './closing-forms';
import { EvaluationForm } from './evaluation-form';
import { FormSheet, FormUnavailable } from './form-parts';
import { PlanForm } from './plan-form';
import { SheetForms } from './sheet-forms';
import './print-page.css';

const FORMS: Record<FormKey, (props: { data: PrintData }) => ReactNode> = {
  application: ApplicationForm,
  agreement: AgreementForm,
  plan: PlanForm,
  sheets: SheetForms,
  completion: CompletionForm,
  termination: TerminationForm,
  evaluation: EvaluationForm,
};

/**
 * A case's forms (附件2–9) laid out like the county's paper templates, to print and sign:
 * outside the console's layout so that no menu prints, with a small toolbar that does not print.
 * `?form=` picks one form; without it every form that applies prints, each on its own page.
 */
export function PrintPage() {
  const { t } = useTranslation(['print', 'common']);
  const { id } = useParams();
  const [params] = useSearchParams();
  const choice = parseFormChoice(params.get('form'));
  const { data, error, caseError, refetch } = usePrintData(id);

  if (error) {
    const notFound = caseError instanceof ApiError && caseError.status === 404;
    return (
      <main className="full-page-message" role="alert">
        <p>{notFound ? t('notFound') : t('common:status.loadFailed')}</p>
        <p>
          {!notFound && (
            <button type="button" onClick={refetch}>
              {t('common:actions.retry')}
            </button>
          )}{' '}
          <Link to={id ? `/console/cases/${id}` : '/console/cases'}>{t('toolbar.back')}</Link>
        </p>
      </main>
    );
  }
  if (!data) return <RouteFallback />;

  const { c, m } = data;
  const availability = (form: FormKey) => formAvailability(form, c, m);
  const shown: FormKey[] = choice === 'all' ? FORM_KEYS.filter((f) => availability(f).status === 'ready') : [choice];
  const skipped = choice === 'all' ? FORM_KEYS.filter((f) => availability(f).status !== 'ready') : [];
  const formName = (form: FormChoice) => (form === 'all' ? t('toolbar.all') : t(`formNames.${form}`));

  return (
    <div className="print-page">
      <title>{`${c.project_name} - ${formName(choice)} - ${t('common:appName')}`}</title>
      <header className="print-toolbar" aria-label={t('toolbar.label')}>
        <div className="print-toolbar__row">
          <Link to={`/console/cases/${c.id}`} className="print-toolbar__back">
            <span aria-hidden>← </span>
            {t('toolbar.back')}
          </Link>
          <span className="print-toolbar__case">
            {c.number} · {c.project_name}
          </span>
          <button type="button" className="print-toolbar__print" onClick={() => window.print()}>
            {t('toolbar.print')}
          </button>
        </div>
        <nav aria-label={t('toolbar.forms')}>
          <ul className="print-toolbar__forms">
            {(['all', ...FORM_KEYS] as const).map((form) => {
              const unavailable = form !== 'all' && availability(form).status !== 'ready';
              return (
                <li key={form}>
                  <Link
                    to={{ search: form === 'all' ? '' : `?form=${form}` }}
                    replace
                    aria-current={form === choice ? 'page' : undefined}
                    className={unavailable ? 'print-toolbar__form print-toolbar__form--unavailable' : 'print-toolbar__form'}
                  >
                    {form !== 'all' && <span className="print-toolbar__annex">{t('annex', { n: ANNEX[form] })}</span>}
                    {formName(form)}
                    {unavailable && <span className="print-toolbar__badge">（{t('toolbar.unavailable')}）</span>}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <p className="print-toolbar__hint">
          {t('toolbar.hint')}
          {skipped.length > 0 && ` ${t('toolbar.skipped', { forms: skipped.map((f) => t(`formNames.${f}`)).join('、') })}`}
        </p>
      </header>
      <main className="print-forms">
        {shown.map((form) => {
          const a = availability(form);
          if (a.status === 'ready') {
            const Form = FORMS[form];
            return <Form key={form} data={data} />;
          }
          return (
            <FormSheet
              key={form}
              annex={ANNEX[form]}
              title={t(`titles.${form === 'sheets' ? 'sheet' : form}`, { county: data.county })}
              name={t(`formNames.${form}`)}
              number={c.number}
            >
              <FormUnavailable availability={a} />
            </FormSheet>
          );
        })}
      </main>
    </div>
  );
}

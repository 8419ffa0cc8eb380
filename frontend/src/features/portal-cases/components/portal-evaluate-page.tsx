import { Button } from 'antd-mobile';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { FormField } from '@/components/form-field';
import { useCaseCommand } from '@/lib/cases/api/case-commands';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useCase } from '@/lib/cases/api/get-case';
import { possibleActions } from '@/lib/cases/guards';
import type { EvaluationLevel } from '@/lib/cases/types';
import { EVALUATION_LEVELS } from '@/lib/cases/codes';
import { departmentsToEvaluate, evaluationToRequest, missingLevels, type EvaluationValues } from '../utils/evaluation-form';
import { usePortalAction } from '../utils/use-portal-action';
import './portal-cases.css';

/** The satisfaction evaluation (满意度评价表, 附件9): five levels for the case and each department. */
export function PortalEvaluatePage() {
  const { t } = useTranslation(['portal', 'cases', 'common']);
  const { id } = useParams();
  const query = useCase(id);
  const command = useCaseCommand();
  const navigate = useNavigate();
  const departmentName = useDepartmentName();
  const { run, error, busy } = usePortalAction(id ?? '');
  const [values, setValues] = useState<EvaluationValues>({ level: null, comment: '', departments: {} });
  const [missing, setMissing] = useState<string[]>([]);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (missing.length) alertRef.current?.focus();
  }, [missing]);

  if (query.isPending) return <p>{t('common:status.loading')}</p>;
  if (query.isError) return <div className="form-alert" role="alert"><p>{t('common:status.loadFailed')}</p></div>;
  const c = query.data;
  const departments = departmentsToEvaluate(c);
  const allowed = possibleActions(c).includes('evaluate');

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const gaps = missingLevels(values, departments);
    setMissing(gaps);
    if (gaps.length) return;
    const ok = await run(
      'evaluate',
      () => command.mutateAsync({ command: 'evaluate', id: c.id, version: c.version, body: evaluationToRequest(values, departments) }),
      t('portal:evaluate.done'),
    );
    if (ok) void navigate(`/portal/cases/${c.id}`);
  };

  const levelChoices = (name: string, value: EvaluationLevel | null, onChange: (level: EvaluationLevel) => void, legend: string, invalid: boolean) => (
    <fieldset className="level-choices" aria-invalid={invalid || undefined}>
      <legend>{legend}</legend>
      {EVALUATION_LEVELS.map((level) => (
        <label key={level} className="level-choice">
          <input type="radio" name={name} value={level} checked={value === level} onChange={() => onChange(level)} />
          <span>{t(`cases:evaluationLevels.${level}`)}</span>
        </label>
      ))}
      {invalid && <p className="form-field__error">{t('portal:evaluate.levelRequired')}</p>}
    </fieldset>
  );

  return (
    <>
      <title>{`${t('portal:evaluate.title')} - ${t('common:appName')}`}</title>
      <p className="portal-back">
        <Link to={`/portal/cases/${c.id}`}>{t('portal:evaluate.back')}</Link>
      </p>
      <h1 className="portal-page-title">{t('portal:evaluate.title')}</h1>
      <p className="portal-lead">{t('portal:evaluate.intro', { project: c.project_name })}</p>
      {!allowed && (
        <div className="form-alert" role="alert">
          <p>{t('portal:evaluate.notNow')}</p>
        </div>
      )}
      <form className="portal-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {(missing.length > 0 || error) && (
          <div className="form-alert" role="alert" tabIndex={-1} ref={alertRef}>
            <p>{error ?? t('portal:evaluate.missing')}</p>
          </div>
        )}
        <section className="portal-card" aria-labelledby="evaluate-case">
          <h2 id="evaluate-case">{t('portal:evaluate.caseHeading')}</h2>
          {levelChoices('case', values.level, (level) => {
            setValues({ ...values, level });
            setMissing((m) => m.filter((x) => x !== 'case'));
          }, t('portal:evaluate.caseLevel'), missing.includes('case'))}
          <FormField label={t('portal:evaluate.comment')}>
            {(p) => <textarea {...p} value={values.comment} maxLength={2000} onChange={(e) => setValues({ ...values, comment: e.target.value })} />}
          </FormField>
        </section>
        {departments.map((department) => {
          const name = departmentName(department);
          const current = values.departments[department] ?? { level: null, comment: '' };
          const update = (patch: Partial<typeof current>) =>
            setValues({ ...values, departments: { ...values.departments, [department]: { ...current, ...patch } } });
          return (
            <section key={department} className="portal-card" aria-labelledby={`evaluate-${department}`}>
              <h2 id={`evaluate-${department}`}>{name}</h2>
              {levelChoices(`d-${department}`, current.level, (level) => {
                update({ level });
                setMissing((m) => m.filter((x) => x !== department));
              }, t('portal:evaluate.departmentLevel', { department: name }), missing.includes(department))}
              <FormField label={t('portal:evaluate.departmentComment', { department: name })}>
                {(p) => <textarea {...p} value={current.comment} maxLength={2000} onChange={(e) => update({ comment: e.target.value })} />}
              </FormField>
            </section>
          );
        })}
        <div className="portal-actions">
          <Button block color="primary" size="large" type="submit" disabled={!allowed} loading={busy === 'evaluate'}>
            {t('portal:evaluate.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}

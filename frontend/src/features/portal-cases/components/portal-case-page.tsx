import { Button, Dialog, List } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FileDownloadButton } from '@/components/file-download-button';
import { FormField } from '@/components/form-field';
import { ApiError } from '@/lib/api/problem';
import { useCaseCommand } from '@/lib/cases/api/case-commands';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useCase } from '@/lib/cases/api/get-case';
import { useTaskCommand } from '@/lib/cases/api/task-commands';
import { nextSteps, type NextStep } from '@/lib/cases/next-steps';
import { itemStatus, progressWords } from '@/lib/cases/progress';
import type { Case } from '@/lib/cases/types';
import { formatDate, formatDateTime } from '@/lib/format/date';
import { useWanYuan } from '@/lib/format/use-wan-yuan';
import { plainTranslate } from '@/lib/i18n/plain-translate';
import { usePortalAction } from '../utils/use-portal-action';
import { PortalMaterials } from './portal-materials';
import './portal-cases.css';

/**
 * One project for the enterprise: where it stands in plain words, what is needed from it now
 * (agree the plan, corrections, 容缺 materials, confirm, evaluate), each item's progress with its
 * approval document, the materials checklist, and the one-time notification.
 */
export function PortalCasePage() {
  const { t } = useTranslation(['portal', 'cases', 'common']);
  const { id } = useParams();
  const query = useCase(id);
  const wanYuan = useWanYuan();

  if (query.isPending) return <p>{t('common:status.loading')}</p>;
  if (query.isError) {
    const notFound = query.error instanceof ApiError && query.error.status === 404;
    return (
      <div className="form-alert" role="alert">
        <p>{notFound ? t('portal:case.notFound') : t('common:status.loadFailed')}</p>
      </div>
    );
  }
  const c = query.data;
  const steps = nextSteps(c);
  return (
    <>
      <title>{`${c.project_name} - ${t('common:appName')}`}</title>
      <p className="portal-back">
        <Link to="/portal">{t('portal:case.back')}</Link>
      </p>
      <h1 className="portal-page-title">{c.project_name}</h1>
      <p className="portal-state">
        <span className={`state-chip state-chip--${c.state}`}>{t(`cases:states.${c.state}`)}</span>
        <span className="portal-muted">{c.number}</span>
      </p>
      <p className="portal-progress" aria-live="polite">
        {progressWords(plainTranslate(t), c)}
      </p>

      {steps.length > 0 && (
        <section className="portal-card portal-card--todo" aria-labelledby="case-todo">
          <h2 id="case-todo">{t('portal:case.todoHeading')}</h2>
          <NextStepsPanel case={c} steps={steps} />
        </section>
      )}

      <section className="portal-card" aria-labelledby="case-items">
        <h2 id="case-items">{c.items.some((i) => i.planned) ? t('portal:case.itemsHeading') : t('portal:case.requestedHeading')}</h2>
        <ItemsProgress case={c} />
        {c.forecast_end && (
          <p className="portal-muted">
            {t('cases:roadmap.forecast', { date: formatDate(c.forecast_end), days: c.forecast_working_days ?? '—' })}
          </p>
        )}
      </section>

      <PortalMaterials caseId={c.id} />
      {c.items.some((i) => i.planned) && <p className="portal-card"><Link to={`/portal/cases/${c.id}/intermediaries`}>{t('portal:case.intermediariesLink')}</Link></p>}

      {c.notification_text && (
        <section className="portal-card" aria-labelledby="case-notification">
          <h2 id="case-notification">{t('portal:case.notificationHeading')}</h2>
          <details>
            <summary>{t('portal:case.showNotification')}</summary>
            <pre className="notification-text">{c.notification_text}</pre>
          </details>
        </section>
      )}

      <section className="portal-section" aria-labelledby="case-facts">
        <List header={<h2 id="case-facts">{t('portal:case.factsHeading')}</h2>}>
          <List.Item extra={wanYuan(c.total_investment_fen, { trimZeros: true })}>{t('portal:case.investment')}</List.Item>
          <List.Item extra={c.location}>{t('portal:case.location')}</List.Item>
          <List.Item extra={c.project_code ?? t('portal:case.noProjectCode')}>{t('portal:case.projectCode')}</List.Item>
          <List.Item extra={formatDateTime(c.created_at)}>{t('portal:case.created')}</List.Item>
          <List.Item extra={c.contact_name}>{t('portal:case.contact')}</List.Item>
          {c.closing_reason && <List.Item description={c.closing_reason}>{t('portal:case.closingReason')}</List.Item>}
        </List>
      </section>
    </>
  );
}

/** Each item in plain words: who has it, what it waits for, the result. */
function ItemsProgress({ case: c }: { case: Case }) {
  const { t } = useTranslation(['portal', 'cases']);
  const departmentName = useDepartmentName();
  const items = [...c.items].filter((i) => i.planned || !c.items.some((x) => x.planned)).sort((a, b) => a.position - b.position);
  return (
    <ol className="item-progress">
      {items.map((item) => {
        const status = itemStatus(c, item.id);
        const department = departmentName(item.department_id);
        let words: string;
        switch (status.kind) {
          case 'waiting':
            words = t('portal:case.item.waiting');
            break;
          case 'after_prerequisites':
            words = t('portal:case.item.afterPrerequisites');
            break;
          case 'dispatched':
            words = t('portal:case.item.dispatched', { department });
            break;
          case 'handling':
            words = t('portal:case.item.handling', { department, date: formatDate(status.task.finish_by) });
            break;
          case 'corrections':
            words = t('portal:case.item.corrections');
            break;
          case 'sent_back':
            words = t('portal:case.item.sentBack');
            break;
          case 'cancelled':
            words = t('portal:case.item.cancelled');
            break;
          case 'finished':
            words = status.task.document_number
              ? t('portal:case.item.finishedWithNumber', {
                  outcome: t(`cases:outcomes.${status.task.outcome ?? 'approved'}`),
                  number: status.task.document_number,
                })
              : t('portal:case.item.finished', { outcome: t(`cases:outcomes.${status.task.outcome ?? 'approved'}`) });
            break;
        }
        return (
          <li key={item.id} className={`item-progress__item item-progress__item--${status.kind}`}>
            <span className="item-progress__name">{item.name}</span>
            <span className="item-progress__dept">{department}</span>
            <span className="item-progress__words">{words}</span>
            {status.kind === 'finished' && status.task.result_file_id && (
              <FileDownloadButton
                fileId={status.task.result_file_id}
                label={t('cases:materials.downloadResultOf', { item: item.name })}
              />
            )}
          </li>
        );
      })}
    </ol>
  );
}

function NextStepsPanel({ case: c, steps }: { case: Case; steps: NextStep[] }) {
  const { t } = useTranslation(['portal', 'cases']);
  const caseCommand = useCaseCommand();
  const taskCommand = useTaskCommand();
  const { run, error, busy } = usePortalAction(c.id);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string[]>([]);
  const [supplied, setSupplied] = useState<Record<string, string[]>>({});

  const caseAction = (command: 'submit' | 'agree_plan' | 'confirm' | 'decline_evaluation' | 'return_for_revision', body?: { reason: string }) =>
    caseCommand.mutateAsync({ command, id: c.id, version: c.version, body: body as never });

  const confirmThen = async (title: string, content: string, action: () => Promise<unknown>) => {
    const ok = await Dialog.confirm({ title, content, confirmText: t('portal:case.confirmOk'), cancelText: t('portal:case.cancel') });
    if (ok) await action();
  };

  return (
    <>
      {error && (
        <div className="form-alert" role="alert">
          <p>{error}</p>
        </div>
      )}
      <ul className="next-steps">
        {steps.map((step) => {
          switch (step.kind) {
            case 'submit':
              return (
                <li key="submit">
                  <p>{t('portal:case.steps.submit')}</p>
                  <Button color="primary" block loading={busy === 'submit'}
                    onClick={() => void run('submit', () => caseAction('submit'), t('portal:case.done.submit'))}>
                    {t('cases:actions.submit')}
                  </Button>
                </li>
              );
            case 'agree_plan':
              return (
                <li key="agree">
                  <p>{t('portal:case.steps.agreePlan')}</p>
                  <Button color="primary" block loading={busy === 'agree'}
                    onClick={() => void confirmThen(t('portal:case.confirm.agreeTitle'), t('portal:case.confirm.agreeContent'),
                      () => run('agree', () => caseAction('agree_plan'), t('portal:case.done.agree')))}>
                    {t('cases:actions.agree_plan')}
                  </Button>
                  {!returning ? (
                    <Button block fill="outline" className="portal-secondary-button" onClick={() => setReturning(true)}>
                      {t('portal:case.returnPlan')}
                    </Button>
                  ) : (
                    <form className="return-form" onSubmit={(e) => {
                      e.preventDefault();
                      if (!reason.trim()) {
                        setReasonError([t('portal:case.reasonRequired')]);
                        return;
                      }
                      setReasonError([]);
                      void run('return', () => caseAction('return_for_revision', { reason: reason.trim() }), t('portal:case.done.returned'));
                    }}>
                      <FormField label={t('portal:case.returnReason')} required errors={reasonError}>
                        {(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} />}
                      </FormField>
                      <Button type="submit" block loading={busy === 'return'}>{t('portal:case.sendReturn')}</Button>
                    </form>
                  )}
                </li>
              );
            case 'supply_correction': {
              const pause = step.task.pauses.find((p) => !p.end);
              return (
                <li key={`c-${step.task.id}`}>
                  <p>{t('cases:nextSteps.supply_correction', { item: step.task.item_name })}</p>
                  {pause && <p className="portal-muted">{t('portal:case.correctionReason', { reason: pause.reason })}</p>}
                  <Button color="primary" block loading={busy === `c-${step.task.id}`}
                    onClick={() => void confirmThen(t('portal:case.confirm.correctionTitle'), t('portal:case.confirm.correctionContent'),
                      () => run(`c-${step.task.id}`, () => taskCommand.mutateAsync({ command: 'supply_correction', id: step.task.id, version: step.task.version, body: undefined }), t('portal:case.done.correction')))}>
                    {t('portal:case.correctionSupplied')}
                  </Button>
                </li>
              );
            }
            case 'supply_missing_materials': {
              const chosen = supplied[step.task.id] ?? [];
              return (
                <li key={`m-${step.task.id}`}>
                  <fieldset className="missing-materials">
                    <legend>{t('cases:nextSteps.supply_missing_materials', { item: step.task.item_name })}</legend>
                    {step.task.missing_materials.filter((m) => !m.supplied_at).map((m) => (
                      <label key={m.name} className="choice">
                        <input type="checkbox" checked={chosen.includes(m.name)}
                          onChange={(e) => setSupplied({ ...supplied, [step.task.id]: e.target.checked ? [...chosen, m.name] : chosen.filter((n) => n !== m.name) })} />
                        <span className="choice__text">
                          {m.name}
                          <span className="choice__meta">{t('portal:case.committedBy', { date: formatDate(m.committed_by) })}</span>
                        </span>
                      </label>
                    ))}
                  </fieldset>
                  <Button color="primary" block disabled={chosen.length === 0} loading={busy === `m-${step.task.id}`}
                    onClick={() => void run(`m-${step.task.id}`, () => taskCommand.mutateAsync({ command: 'supply_missing_materials', id: step.task.id, version: step.task.version, body: { names: chosen } }), t('portal:case.done.missing'))}>
                    {t('portal:case.missingSupplied')}
                  </Button>
                </li>
              );
            }
            case 'confirm':
              return (
                <li key="confirm">
                  <p>{c.state === 'terminated' ? t('portal:case.steps.confirmTermination', { reason: c.closing_reason ?? '—' }) : t('portal:case.steps.confirmCompletion')}</p>
                  <Button color="primary" block loading={busy === 'confirm'}
                    onClick={() => void confirmThen(
                      c.state === 'terminated' ? t('portal:case.confirm.terminationTitle') : t('portal:case.confirm.completionTitle'),
                      t('portal:case.confirm.confirmContent'),
                      () => run('confirm', () => caseAction('confirm'), t('portal:case.done.confirmed')))}>
                    {c.state === 'terminated' ? t('portal:case.confirmTermination') : t('portal:case.confirmCompletion')}
                  </Button>
                </li>
              );
            case 'evaluate':
              return (
                <li key="evaluate">
                  <p>{t('portal:case.steps.evaluate')}</p>
                  <Link to={`/portal/cases/${c.id}/evaluate`} className="portal-link-button">
                    {t('portal:case.evaluate')}
                  </Link>
                  {c.allowed_actions.includes('decline_evaluation') && (
                    <Button block fill="none" className="portal-secondary-button" loading={busy === 'decline'}
                      onClick={() => void confirmThen(t('portal:case.confirm.declineTitle'), t('portal:case.confirm.declineContent'),
                        () => run('decline', () => caseAction('decline_evaluation'), t('portal:case.done.declined')))}>
                      {t('portal:case.decline')}
                    </Button>
                  )}
                </li>
              );
          }
        })}
      </ul>
    </>
  );
}

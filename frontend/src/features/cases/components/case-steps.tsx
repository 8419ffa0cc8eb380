import { Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { lifecycleSteps } from '@/lib/cases/lifecycle';
import type { CaseEvent } from '@/lib/cases/types';

/** The lifecycle as steps: done, current, coming; a refusal or termination in red where it happened. */
export function CaseSteps({ state, events }: { state: string; events: readonly CaseEvent[] | undefined }) {
  const { t } = useTranslation(['cases', 'console']);
  const last = (action: string) => [...(events ?? [])].reverse().find((e) => e.action === action)?.from_state;
  const steps = lifecycleSteps(state, { terminatedFrom: last('terminate'), archivedFrom: last('archive') });
  const current = Math.max(0, steps.findIndex((s) => s.status === 'process' || s.status === 'error'));
  return (
    <section aria-label={t('console:case.progressLabel')} className="case-steps">
      <Steps
        size="small"
        titlePlacement="vertical"
        current={current}
        responsive={false}
        items={steps.map((step) => ({
          key: step.state,
          status: step.status,
          title: t(`stateSteps.${step.state}`),
        }))}
      />
      <ol className="visually-hidden">
        {steps.map((step) => (
          <li key={step.state}>
            {t(`stateSteps.${step.state}`)}：{t(`console:case.stepStatus.${step.status}` as never)}
          </li>
        ))}
      </ol>
    </section>
  );
}

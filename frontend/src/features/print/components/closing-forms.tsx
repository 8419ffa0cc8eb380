import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '@/lib/format/date';
import type { PrintData } from '../hooks/use-print-data';
import { itemResults, teamByRole } from '../utils/print-forms';
import { BlankLines, CellList, FieldTable, FormSheet, Signatures } from './form-parts';

/** Each item with how it ended: the body of both the completion and the termination form. */
function ResultsTable({ data }: { data: PrintData }) {
  const { t } = useTranslation(['print', 'cases']);
  const rows = itemResults(data.c);
  return (
    <table className="form-table form-table--list">
      <caption className="form-caption">{t('fields.results')}</caption>
      <colgroup>
        <col className="form-col-position" />
        <col />
        <col className="form-col-department" />
        <col className="form-col-outcome" />
        <col className="form-col-document" />
        <col className="form-col-date" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col">{t('fields.position')}</th>
          <th scope="col">{t('fields.itemName')}</th>
          <th scope="col">{t('fields.department')}</th>
          <th scope="col">{t('fields.outcome')}</th>
          <th scope="col">{t('fields.documentNumber')}</th>
          <th scope="col">{t('fields.closedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(({ item, task }) => (
          <tr key={item.id}>
            <td className="form-center">{item.position}</td>
            <td>{item.name}</td>
            <td>{data.department(item.department_id)}</td>
            <td className="form-center">
              {!task
                ? t('fields.notDispatched')
                : task.outcome
                  ? t(`cases:outcomes.${task.outcome}`)
                  : t(`cases:taskStates.${task.state}`)}
            </td>
            <td className="form-center">{task?.document_number ?? ''}</td>
            <td className="form-center">{task?.closed_at ? formatDate(task.closed_at) : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function useHeaderRows(data: PrintData) {
  const { t } = useTranslation('print');
  const { c, m } = data;
  const team = teamByRole(c);
  const butler = [...team.leader, ...team.lead].map((p) => p.display_name).join('、');
  return [
    [
      [t('fields.project'), c.project_name],
      [t('fields.projectCode'), c.project_code ?? ''],
    ],
    [[t('fields.enterprise'), c.enterprise.name, 'wide']],
    [
      [t('fields.creditCode'), <span className="form-code">{c.enterprise.credit_code}</span>],
      [t('fields.contact'), `${c.contact_name} ${c.contact_phone_masked}`],
    ],
    [
      [t('fields.serviceFrom'), m.accepted ? formatDate(m.accepted.at) : ''],
      [t('fields.team'), butler],
    ],
  ] as const;
}

/** Whether the enterprise has confirmed this completion or termination in the app. */
function Confirmation({ data }: { data: PrintData }) {
  const { t } = useTranslation('print');
  const confirmed = data.m.confirmed;
  return <>{confirmed ? t('fields.confirmedAt', { time: formatDateTime(confirmed.at) }) : t('fields.notConfirmed')}</>;
}

/** 附件7 办结单: every item finished, the documents handed over, for the enterprise to sign. */
export function CompletionForm({ data }: { data: PrintData }) {
  const { t } = useTranslation('print');
  const { c, m, county } = data;
  const header = useHeaderRows(data);
  const handedOverAt = c.documents_handed_over_at ?? m.completed?.at;
  return (
    <FormSheet annex={7} title={t('titles.completion', { county })} name={t('formNames.completion')} number={c.number}>
      <FieldTable
        rows={[
          ...header,
          [
            [t('fields.completedAt'), m.completed ? formatDate(m.completed.at) : ''],
            [t('fields.handedOverAt'), handedOverAt ? formatDateTime(handedOverAt) : ''],
          ],
        ]}
      />
      <ResultsTable data={data} />
      <FieldTable
        className="form-table--after"
        rows={[
          [[t('fields.handedOver'), <CellList items={m.completed?.documents ?? []} />, 'wide']],
          [[t('fields.confirmation'), <Confirmation data={data} />, 'wide']],
        ]}
      />
      <Signatures labels={[t('sign.butler'), t('sign.enterprise'), t('sign.enterprisePerson')]} />
    </FormSheet>
  );
}

/** 附件8 终止单: why the service stopped, where each item stood, for the enterprise to sign. */
export function TerminationForm({ data }: { data: PrintData }) {
  const { t } = useTranslation(['print', 'cases']);
  const { c, m, county } = data;
  const header = useHeaderRows(data);
  const from = m.terminated?.from;
  return (
    <FormSheet annex={8} title={t('titles.termination', { county })} name={t('formNames.termination')} number={c.number}>
      <FieldTable
        rows={[
          ...header,
          [
            [t('fields.terminatedAt'), m.terminated ? formatDate(m.terminated.at) : ''],
            [t('fields.terminatedFrom'), from ? t(`cases:stateSteps.${from}` as never) : ''],
          ],
          [[t('fields.terminationReason'), m.terminated?.reason ?? c.closing_reason ?? '', 'wide']],
        ]}
      />
      <ResultsTable data={data} />
      <FieldTable
        className="form-table--after"
        rows={[
          // The history records no documents handed over on termination: lines to write them in.
          [[t('fields.handedOver'), <BlankLines count={3} />, 'wide']],
          [[t('fields.confirmation'), <Confirmation data={data} />, 'wide']],
        ]}
      />
      <Signatures labels={[t('sign.butler'), t('sign.enterprise'), t('sign.enterprisePerson')]} />
    </FormSheet>
  );
}

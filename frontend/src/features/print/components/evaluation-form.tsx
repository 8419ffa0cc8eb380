import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime } from '@/lib/format/date';
import type { EvaluationLevel } from '@/lib/cases/types';
import type { PrintData } from '../hooks/use-print-data';
import { EVALUATION_LEVELS } from '@/lib/cases/codes';
import { evaluationDepartments, teamByRole } from '../utils/print-forms';
import { BlankLines, FieldTable, FormSheet, Signatures, TickBox } from './form-parts';

/** The five levels of the national 好差评 system as tick boxes, `level` ticked. */
function Levels({ level }: { level: EvaluationLevel | null }) {
  const { t } = useTranslation('cases');
  return (
    <span className="form-levels">
      {EVALUATION_LEVELS.map((l) => (
        <TickBox key={l} checked={l === level} label={t(`evaluationLevels.${l}`)} />
      ))}
    </span>
  );
}

/**
 * 附件9 满意度评价表: the enterprise's level for the service and for each department. Before the
 * enterprise has evaluated in the app it prints blank, to be filled in on paper.
 */
export function EvaluationForm({ data }: { data: PrintData }) {
  const { t } = useTranslation(['print', 'cases']);
  const { c, m, county, department } = data;
  const evaluation = m.evaluation;
  const given = evaluation && !evaluation.declined ? evaluation : undefined;
  const departments = evaluationDepartments(c, m);
  const end = m.closing === 'terminate' ? m.terminated : m.completed;
  const team = teamByRole(c);
  const butler = [...team.leader, ...team.lead].map((p) => p.display_name).join('、');
  const unrecorded = given !== undefined && departments.some((d) => d.level === null);

  return (
    <FormSheet annex={9} title={t('titles.evaluation', { county })} name={t('formNames.evaluation')} number={c.number}>
      <FieldTable
        rows={[
          [
            [t('fields.project'), c.project_name],
            [t('fields.projectCode'), c.project_code ?? ''],
          ],
          [
            [t('fields.enterprise'), c.enterprise.name],
            [t('fields.contact'), `${c.contact_name} ${c.contact_phone_masked}`],
          ],
          [
            [
              t('fields.servicePeriod'),
              t('fields.periodLine', {
                from: m.accepted ? formatDate(m.accepted.at) : '',
                to: end ? formatDate(end.at) : '',
              }),
            ],
            [t('fields.team'), butler],
          ],
        ]}
      />
      {evaluation?.declined ? (
        <p className="form-declined">{t('fields.declined', { time: formatDateTime(evaluation.at) })}</p>
      ) : (
        <>
          <table className="form-table form-table--list">
            <colgroup>
              <col className="form-col-label" />
              <col />
            </colgroup>
            <tbody>
              <tr>
                <th scope="row">{t('fields.overall')}</th>
                <td>
                  <Levels level={given?.level ?? null} />
                </td>
              </tr>
              {departments.map((d, index) => (
                <tr key={d.departmentId}>
                  {index === 0 && (
                    <th scope="rowgroup" rowSpan={departments.length} className="form-rowgroup">
                      {t('fields.departments')}
                    </th>
                  )}
                  <td>
                    <div className="form-department">{department(d.departmentId)}</div>
                    <Levels level={d.level} />
                  </td>
                </tr>
              ))}
              <tr>
                <th scope="row">{t('fields.comment')}</th>
                <td>{given?.comment ?? <BlankLines count={3} />}</td>
              </tr>
              <tr>
                <th scope="row">{t('fields.evaluatedAt')}</th>
                <td>{given ? t('fields.evaluatedLine', { time: formatDateTime(given.at), name: given.by ?? '' }) : ''}</td>
              </tr>
            </tbody>
          </table>
          {unrecorded && <p className="form-footnote">{t('fields.levelUnrecorded')}</p>}
        </>
      )}
      <Signatures labels={[t('sign.enterprise'), t('sign.evaluator')]} />
    </FormSheet>
  );
}

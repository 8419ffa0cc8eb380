import { useTranslation } from 'react-i18next';
import { DurationText } from '@/components/duration-text';
import { formatDate } from '@/lib/format/date';
import type { PrintData } from '../hooks/use-print-data';
import { planRows, teamByRole, type PlanRow } from '../utils/print-forms';
import { CellList, FieldTable, FormSheet, Signatures } from './form-parts';

/**
 * 附件4 服务方案: per planned item its department, the one-time material list, the promised
 * limit, the agent and the prerequisites, with the forecast; the butler team above. The county
 * keeps it as a spreadsheet, so it prints on a landscape page.
 */
export function PlanForm({ data }: { data: PrintData }) {
  const { t } = useTranslation(['print', 'common', 'cases']);
  const { c, m, county, department } = data;
  const rows = planRows(c);
  const team = teamByRole(c);
  const names = (people: readonly { display_name: string; department_id?: string | null }[], withDepartment = false) =>
    people.length === 0
      ? '—'
      : people
          .map((p) => (withDepartment && p.department_id ? `${p.display_name}（${department(p.department_id)}）` : p.display_name))
          .join('、');
  const forecast =
    c.forecast_end && c.forecast_working_days != null
      ? t('fields.forecastLine', { date: formatDate(c.forecast_end), days: c.forecast_working_days })
      : t('fields.noForecast');

  const materials = (row: PlanRow) => {
    const listed = row.materials.map((material) => {
      const notes = [
        !material.required ? t('fields.optional') : null,
        material.may_be_missing ? t('fields.mayBeMissing') : null,
      ].filter(Boolean);
      return notes.length ? `${material.name}（${notes.join('，')}）` : material.name;
    });
    const missing = row.missing.map((x) =>
      `${x.name}（${
        x.supplied_at
          ? t('fields.missingSupplied', { date: formatDate(x.supplied_at) })
          : t('fields.missingCommitted', { date: formatDate(x.committed_by) })
      }）`,
    );
    const all = [...listed, ...missing];
    return all.length === 0 ? t('fields.noMaterials') : <CellList items={all} />;
  };

  return (
    <FormSheet annex={4} title={t('titles.plan', { county })} name={t('formNames.plan')} number={c.number} landscape>
      <FieldTable
        rows={[
          [
            [t('fields.project'), c.project_name],
            [t('fields.projectCode'), c.project_code ?? ''],
          ],
          [[t('fields.enterprise'), c.enterprise.name, 'wide']],
          [
            [t('fields.leader'), names(team.leader, true)],
            [t('fields.leadAgent'), names(team.lead)],
          ],
          [[t('fields.coAgents'), names(team.co, true), 'wide']],
          [
            [t('fields.forecastEnd'), forecast],
            [t('fields.planAgreedAt'), m.planAgreed ? formatDate(m.planAgreed.at) : ''],
          ],
        ]}
      />
      <table className="form-table form-table--list form-table--plan">
        <caption className="form-caption">{t('formNames.plan')}</caption>
        <colgroup>
          <col className="form-col-position" />
          <col className="form-col-item" />
          <col className="form-col-department" />
          <col />
          <col className="form-col-limit" />
          <col className="form-col-agent" />
          <col className="form-col-prerequisites" />
          <col className="form-col-forecast" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('fields.position')}</th>
            <th scope="col">{t('fields.itemName')}</th>
            <th scope="col">{t('fields.department')}</th>
            <th scope="col">{t('fields.materials')}</th>
            <th scope="col">{t('fields.promised')}</th>
            <th scope="col">{t('fields.agent')}</th>
            <th scope="col">{t('fields.prerequisites')}</th>
            <th scope="col">{t('fields.forecast')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.item.id}>
              <td className="form-center">{row.item.position}</td>
              <td>
                {row.item.name}
                {row.item.allows_commitment && <div className="form-note">{t('fields.commitment')}</div>}
              </td>
              <td>{department(row.item.department_id)}</td>
              <td>{materials(row)}</td>
              <td className="form-center">
                <DurationText value={row.promised} />
                {row.legal && (
                  <div className="form-note">
                    {t('fields.legal')}{' '}
                    <DurationText value={row.legal} />
                  </div>
                )}
              </td>
              <td className="form-center">{row.agent ?? '—'}</td>
              <td>
                {row.prerequisites.length === 0
                  ? t('fields.parallel')
                  : row.prerequisites.map((p) => <div key={p.position}>{`${p.position}. ${p.name}`}</div>)}
              </td>
              <td className="form-center">
                {row.item.forecast_start ? formatDate(row.item.forecast_start) : '—'}
                <br />
                {row.item.forecast_end ? formatDate(row.item.forecast_end) : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Signatures labels={[t('sign.butler'), t('sign.enterpriseConfirm')]} />
    </FormSheet>
  );
}

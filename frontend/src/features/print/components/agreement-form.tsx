import { useTranslation } from 'react-i18next';
import { DurationText } from '@/components/duration-text';
import { formatDate } from '@/lib/format/date';
import type { PrintData } from '../hooks/use-print-data';
import { byPosition, teamByRole } from '../utils/print-forms';
import { FieldTable, FormSheet, Signatures } from './form-parts';

const TERMS = ['voluntary', 'partyA', 'partyB', 'closing', 'copies'] as const;

/**
 * 附件3 委托协议: the enterprise entrusts the service window with the planned items, signed at
 * the window. Printed for signing once the plan is agreed; the date once the history has it.
 */
export function AgreementForm({ data }: { data: PrintData }) {
  const { t } = useTranslation(['print', 'common']);
  const { c, m, county, department } = data;
  const planned = byPosition(c.items).filter((i) => i.planned);
  const items = planned.length > 0 ? planned : byPosition(c.items);
  const lead = teamByRole(c).lead.map((p) => p.display_name).join('、');

  return (
    <FormSheet annex={3} title={t('titles.agreement', { county })} name={t('formNames.agreement')} number={c.number}>
      <FieldTable
        rows={[
          [[t('fields.partyA'), c.enterprise.name, 'wide']],
          [
            [t('fields.creditCode'), <span className="form-code">{c.enterprise.credit_code}</span>],
            [t('fields.contact'), `${c.contact_name} ${c.contact_phone_masked}`],
          ],
          [[t('fields.partyB'), t('fields.partyBName', { county }), 'wide']],
          [
            [t('fields.leadAgent'), lead],
            [t('fields.signedOn'), m.agreementSigned ? formatDate(m.agreementSigned.at) : ''],
          ],
          [
            [t('fields.project'), c.project_name],
            [t('fields.projectCode'), c.project_code ?? ''],
          ],
        ]}
      />
      <table className="form-table form-table--list">
        <caption className="form-caption">{t('fields.agreementItems')}</caption>
        <colgroup>
          <col className="form-col-position" />
          <col />
          <col className="form-col-department" />
          <col className="form-col-limit" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('fields.position')}</th>
            <th scope="col">{t('fields.itemName')}</th>
            <th scope="col">{t('fields.department')}</th>
            <th scope="col">{t('fields.promised')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td className="form-center">{item.position}</td>
              <td>{item.name}</td>
              <td>{department(item.department_id)}</td>
              <td className="form-center">
                <DurationText value={item.promised_limit} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <section className="form-terms" aria-label={t('fields.terms')}>
        <ol>
          {TERMS.map((term) => (
            <li key={term}>{t(`terms.${term}`)}</li>
          ))}
        </ol>
      </section>
      <div className="form-parties">
        <Signatures labels={[t('sign.partyA'), t('sign.partyAPerson')]} />
        <Signatures labels={[t('sign.partyB'), t('sign.partyBPerson')]} />
      </div>
    </FormSheet>
  );
}

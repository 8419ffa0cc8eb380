import { useTranslation } from 'react-i18next';
import { formatDate } from '@/lib/format/date';
import { useWanYuan } from '@/lib/format/use-wan-yuan';
import type { PrintData } from '../hooks/use-print-data';
import { byPosition } from '../utils/print-forms';
import { BlankLines, FieldTable, FormSheet, Signatures } from './form-parts';

/**
 * 附件2 申请受理表: the enterprise and the project as applied for, the items wanted, and the
 * investment promotion bureau's review and the leader's sign-off that make it accepted.
 */
export function ApplicationForm({ data }: { data: PrintData }) {
  const { t } = useTranslation(['print', 'common']);
  const wanYuan = useWanYuan();
  const { c, m, county, enterprise, department } = data;
  const items = byPosition(c.items);
  const date = (done: { at: string } | undefined) => (done ? formatDate(done.at) : null);

  return (
    <FormSheet annex={2} title={t('titles.application', { county })} name={t('formNames.application')} number={c.number}>
      <FieldTable
        rows={[
          [[t('fields.enterprise'), c.enterprise.name, 'wide']],
          [
            [t('fields.creditCode'), <span className="form-code">{c.enterprise.credit_code}</span>],
            [t('fields.address'), enterprise?.address ?? ''],
          ],
          [
            [t('fields.project'), c.project_name],
            [t('fields.projectCode'), c.project_code ?? ''],
          ],
          [
            [t('fields.industry'), c.industry_code],
            [t('fields.investment'), wanYuan(c.total_investment_fen, { trimZeros: true })],
          ],
          [
            [t('fields.location'), c.location],
            [t('fields.agreementSignedOn'), c.agreement_signed_on ? formatDate(c.agreement_signed_on) : ''],
          ],
          [
            [t('fields.contact'), c.contact_name],
            [t('fields.phone'), c.contact_phone_masked],
          ],
          [[t('fields.brief'), <p className="form-paragraph">{c.brief}</p>, 'wide']],
          [
            [t('fields.submittedAt'), date(m.submitted) ?? ''],
            [t('fields.number'), c.number],
          ],
        ]}
      />
      <table className="form-table form-table--list">
        <caption className="form-caption">{t('fields.items')}</caption>
        <colgroup>
          <col className="form-col-position" />
          <col />
          <col className="form-col-department" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{t('fields.position')}</th>
            <th scope="col">{t('fields.itemName')}</th>
            <th scope="col">{t('fields.department')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td className="form-center">{item.position}</td>
              <td>
                {item.name}
                {!item.catalog_item_id && t('fields.offCatalog')}
              </td>
              <td>{department(item.department_id)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Signatures labels={[t('sign.applicant'), t('sign.applicantPerson')]} />
      <FieldTable
        className="form-table--after"
        rows={[
          [[t('fields.review'), m.reviewed?.recommendation ?? c.review_note ?? <BlankLines />, 'wide']],
          [
            [t('fields.reviewer'), m.reviewed?.by ?? ''],
            [t('fields.reviewedAt'), date(m.reviewed) ?? ''],
          ],
          [
            [t('fields.accepter'), m.accepted?.by ?? ''],
            [t('fields.acceptedAt'), date(m.accepted) ?? ''],
          ],
        ]}
      />
      <Signatures labels={[t('sign.reviewer'), t('sign.leader')]} />
    </FormSheet>
  );
}

import { useTranslation } from 'react-i18next';
import { DurationText } from '@/components/duration-text';
import { formatDate, formatDateTime } from '@/lib/format/date';
import type { PrintData } from '../hooks/use-print-data';
import { sheetRows, type SheetRow } from '../utils/print-forms';
import { CellList, FieldTable, FormSheet, Signatures } from './form-parts';

/** 附件5 任务分送单及回执: one sheet of paper per task sheet, the receipt below a cut line. */
export function SheetForms({ data }: { data: PrintData }) {
  const rows = sheetRows(data.c, data.m);
  return (
    <>
      {rows.map((row, index) => (
        <SheetForm key={row.task.id} data={data} row={row} index={index + 1} total={rows.length} />
      ))}
    </>
  );
}

function SheetForm({ data, row, index, total }: { data: PrintData; row: SheetRow; index: number; total: number }) {
  const { t } = useTranslation(['print', 'cases', 'common']);
  const { c, county, department } = data;
  const { task, item, people } = row;
  const materials = (item?.materials ?? []).map((m) => (m.may_be_missing ? `${m.name}（${t('fields.mayBeMissing')}）` : m.name));
  const missing = task.missing_materials.map((x) =>
    `${x.name}（${
      x.supplied_at
        ? t('fields.missingSupplied', { date: formatDate(x.supplied_at) })
        : t('fields.missingCommitted', { date: formatDate(x.committed_by) })
    }）`,
  );
  const finishBy = (
    <>
      {formatDateTime(task.finish_by)}
      {task.extension_working_days ? t('fields.extended', { days: task.extension_working_days }) : ''}
      {task.state === 'paused' ? t('fields.pausedNow') : task.paused_office_minutes > 0 ? t('fields.pausedShifted') : ''}
    </>
  );
  const outcome = task.outcome ? (
    <>
      {t(`cases:outcomes.${task.outcome}`)}
      {task.approved_on_commitment && t('fields.onCommitment')}
      {task.outcome_reason && <div className="form-note">{task.outcome_reason}</div>}
    </>
  ) : (
    ''
  );
  const notice =
    task.result_notice_channel && task.result_noticed_at
      ? t('fields.resultNoticeLine', {
          channel: t(`cases:channels.${task.result_notice_channel}`),
          time: formatDateTime(task.result_noticed_at),
        })
      : '';

  return (
    <FormSheet
      annex={5}
      title={t('titles.sheet', { county })}
      name={`${t('formNames.sheets')} · ${task.item_name}`}
      number={c.number}
      extra={t('meta.sheetNumber', { index, total })}
    >
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
          [[t('fields.departmentFull'), department(task.department_id), 'wide']],
          [
            [
              t('fields.itemName'),
              <>
                {task.item_name}
                {task.kind === 'verification' && t('fields.kindVerification')}
              </>,
              'wide',
            ],
          ],
          [
            [t('fields.promised'), <DurationText value={item?.promised_limit} />],
            [t('fields.agent'), row.agent ?? ''],
          ],
          [
            [t('fields.dispatchedAt'), formatDateTime(task.dispatched_at)],
            [t('fields.dispatcher'), people.dispatched ? (people.dispatched.by ?? t('fields.systemDispatch')) : ''],
          ],
          [
            [t('fields.acknowledgeBy'), formatDateTime(task.acknowledge_by)],
            [t('fields.finishBy'), finishBy],
          ],
          [[t('fields.materials'), materials.length ? <CellList items={materials} /> : t('fields.noMaterials'), 'wide']],
          ...(missing.length ? [[[t('fields.missingMaterials'), <CellList items={missing} />, 'wide'] as const]] : []),
        ]}
      />
      <Signatures labels={[t('sign.window')]} />
      <p className="form-cut">
        <span>✂ {t('meta.cut')}</span>
      </p>
      <h2 className="form-subheading">{t('titles.receipt')}</h2>
      <FieldTable
        rows={[
          // The receipt travels back alone: it names the case again.
          [[t('fields.project'), `${c.project_name}（${c.number}）`, 'wide']],
          [
            [t('fields.departmentFull'), department(task.department_id)],
            [t('fields.itemName'), task.item_name],
          ],
          [
            [t('fields.acknowledgedAt'), task.acknowledged_at ? formatDateTime(task.acknowledged_at) : ''],
            [t('fields.acknowledger'), people.acknowledged?.by ?? ''],
          ],
          [
            [t('fields.sheetState'), t(`cases:taskStates.${task.state}`)],
            [t('fields.outcome'), outcome],
          ],
          [
            [t('fields.documentNumber'), task.document_number ?? ''],
            [t('fields.closedAt'), task.closed_at ? formatDateTime(task.closed_at) : ''],
          ],
          [[t('fields.resultNotice'), notice, 'wide']],
        ]}
      />
      <Signatures labels={[t('sign.departmentAgent'), t('sign.departmentSeal')]} />
    </FormSheet>
  );
}

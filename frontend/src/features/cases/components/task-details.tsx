import { Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Task } from '@/lib/cases/types';
import { formatDate, formatDateTime } from '@/lib/format/date';
import { ResultDocument } from './result-document';

/**
 * A sheet's clock and record: dispatch, receipt, pauses (补正), extension, 容缺, outcome with its
 * approval document (批文), notice.
 */
export function TaskDetails({ task, holder }: { task: Task; holder?: string }) {
  const { t } = useTranslation(['console', 'cases']);
  const time = (value: string | null | undefined) => (value ? formatDateTime(value) : '—');
  const ackLate = task.acknowledged_at ? task.acknowledged_at > task.acknowledge_by : false;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, xl: 2 }}
      items={[
        { key: 'kind', label: t('console:task.kind'), children: t(`cases:taskKinds.${task.kind}`) },
        { key: 'holder', label: t('console:task.holder'), children: holder ?? '—' },
        { key: 'dispatched', label: t('console:task.dispatchedAt'), children: time(task.dispatched_at) },
        { key: 'ackBy', label: t('console:task.acknowledgeBy'), children: time(task.acknowledge_by) },
        {
          key: 'ackAt',
          label: t('console:task.acknowledgedAt'),
          children: (
            <>
              {time(task.acknowledged_at)}{' '}
              {task.acknowledged_at && (
                <Tag color={ackLate ? 'error' : 'success'}>{ackLate ? t('console:task.late') : t('console:task.onTime')}</Tag>
              )}
            </>
          ),
        },
        { key: 'finishBy', label: t('console:task.finishBy'), children: time(task.finish_by) },
        {
          key: 'pauses',
          label: t('console:task.pauses'),
          span: 'filled',
          children:
            task.pauses.length === 0 ? (
              t('console:task.noPauses')
            ) : (
              <>
                <ul className="task-list">
                  {task.pauses.map((p) => (
                    <li key={p.start}>
                      {formatDateTime(p.start)} → {p.end ? formatDateTime(p.end) : t('console:task.pauseOpen')}：{p.reason}
                    </li>
                  ))}
                </ul>
                <Typography.Text type="secondary">
                  {t('console:task.pausedMinutes', { count: task.paused_office_minutes })}
                </Typography.Text>
              </>
            ),
        },
        {
          key: 'extension',
          label: t('console:task.extension'),
          children: task.extension_working_days
            ? t('console:task.extensionDays', { count: task.extension_working_days })
            : t('console:task.noExtension'),
        },
        {
          key: 'missing',
          label: t('console:task.missing'),
          children:
            task.missing_materials.length === 0 ? (
              '—'
            ) : (
              <ul className="task-list">
                {task.missing_materials.map((m) => (
                  <li key={m.name}>
                    {m.name}（{t('console:case.materials.committedBy', { date: formatDate(m.committed_by) })}）{' '}
                    <Tag color={m.supplied_at ? 'success' : 'warning'}>
                      {m.supplied_at
                        ? t('console:case.materials.suppliedAt', { time: formatDateTime(m.supplied_at) })
                        : t('console:case.materials.outstanding')}
                    </Tag>
                  </li>
                ))}
              </ul>
            ),
        },
        {
          key: 'outcome',
          label: t('console:task.outcome'),
          span: 'filled',
          children: task.outcome ? (
            <>
              <Tag color={task.outcome === 'approved' ? 'success' : 'error'}>{t(`cases:outcomes.${task.outcome}`)}</Tag>
              {task.document_number && <span>{t('console:task.documentNumber', { number: task.document_number })}</span>}
              {task.approved_on_commitment && <Tag color="purple">{t('console:case.plan.commitment')}</Tag>}
              {task.outcome_reason && <div>{task.outcome_reason}</div>}
              {task.closed_at && <div>{t('console:task.closedAt', { time: formatDateTime(task.closed_at) })}</div>}
              {task.outcome === 'approved' && <ResultDocument task={task} />}
            </>
          ) : (
            '—'
          ),
        },
        {
          key: 'notice',
          label: t('console:task.resultNotice'),
          span: 'filled',
          children: task.result_noticed_at
            ? t('console:task.noticed', {
                channel: t(`cases:channels.${task.result_notice_channel ?? 'in_app'}`),
                time: formatDateTime(task.result_noticed_at),
              })
            : '—',
        },
      ]}
    />
  );
}

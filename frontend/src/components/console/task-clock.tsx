import { Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Task } from '@/lib/cases/types';
import { useCountdown } from '@/lib/cases/use-countdown';
import { formatDateTime } from '@/lib/format/date';

interface DeadlineProps {
  label: string;
  deadline: string;
  /** The server's own verdict (its clock decides). */
  overdue?: boolean;
}

/** One deadline: its label, the time left in working time (red when overdue), the due time. */
export function DeadlineTag({ label, deadline, overdue }: DeadlineProps) {
  const { t } = useTranslation('cases');
  const countdown = useCountdown()(deadline);
  const late = Boolean(overdue) || Boolean(countdown?.overdue);
  const due = t('countdown.due', { time: formatDateTime(deadline) });
  return (
    <Tooltip title={due}>
      <Tag color={late ? 'error' : countdown && countdown.minutes < 60 ? 'warning' : 'processing'} className="deadline-tag">
        {t('countdown.labelled', { label, text: countdown ? countdown.text : due })}
        {countdown && <span className="visually-hidden">{`（${due}）`}</span>}
      </Tag>
    </Tooltip>
  );
}

/**
 * A task sheet's clock: the acknowledgement (回执, 30 office minutes) while it waits for it,
 * then the finishing deadline; stopped while the enterprise corrects (补正); done when finished.
 */
export function TaskClock({ task }: { task: Task }) {
  const { t } = useTranslation('cases');
  if (task.state === 'finished' || task.state === 'cancelled') {
    return (
      <Tag color={task.closed_at && task.closed_at > task.finish_by ? 'error' : 'success'}>
        {t('countdown.done')}
        {task.closed_at ? ` ${formatDateTime(task.closed_at)}` : ''}
      </Tag>
    );
  }
  if (task.state === 'paused') {
    return <Tag color="default">{t('countdown.paused')}</Tag>;
  }
  return (
    <Space size={4} wrap>
      {task.state === 'dispatched' && (
        <DeadlineTag label={t('countdown.acknowledgeBy')} deadline={task.acknowledge_by} />
      )}
      <DeadlineTag label={t('countdown.finishBy')} deadline={task.finish_by} overdue={task.overdue} />
    </Space>
  );
}

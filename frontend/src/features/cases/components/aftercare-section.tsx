import { Alert, Button, Descriptions, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DeadlineTag } from '@/components/console/task-clock';
import { useDepartmentName } from '@/lib/cases/api/department-names';
import { useEvaluations, type Evaluation } from '@/lib/cases/api/evaluations';
import { useFollowUps, type FollowUp } from '@/lib/cases/api/follow-ups';
import { useTimeline } from '@/lib/cases/api/get-timeline';
import { useRectifications, type Rectification } from '@/lib/cases/api/rectifications';
import type { Case, EvaluationLevel } from '@/lib/cases/types';
import { useNow } from '@/lib/use-now';
import { formatDate, formatDateTime } from '@/lib/format/date';
import {
  followUpStatus,
  isBadLevel,
  isFollowUpMethod,
  mayRecordFollowUp,
  mayReplyRectification,
  mayScheduleFollowUp,
  readAftercareHistory,
  rectificationStatus,
  type AftercareHistory,
  type FollowUpStatus,
  type RectificationStatus,
} from '../utils/aftercare';
import { RecordFollowUpForm, ScheduleFollowUpForm } from './forms/follow-up-forms';
import { RectificationReplyForm } from './forms/rectification-reply-form';
import './aftercare-section.css';

const FOLLOW_UP_COLORS: Record<FollowUpStatus, string> = { planned: 'processing', due: 'warning', recorded: 'success' };
const RECTIFICATION_COLORS: Record<RectificationStatus, string> = {
  open: 'processing',
  overdue: 'error',
  answered: 'success',
  answered_late: 'warning',
};

/** The method's name, or the code as the server wrote it when it is not one we know. */
function useMethodName() {
  const { t } = useTranslation('aftercare');
  return (method: string) => (isFollowUpMethod(method) ? t(`followUps.methods.${method}`) : method);
}

function LevelTag({ level }: { level: EvaluationLevel }) {
  const { t } = useTranslation('cases');
  return <Tag color={isBadLevel(level) ? 'error' : 'success'}>{t(`evaluationLevels.${level}`)}</Tag>;
}

/**
 * Aftercare of a closed case (回访与整改): the enterprise's evaluation, the follow-up visits the
 * office plans and records, and the rectifications (整改) that bad reviews opened, each answered
 * in writing by the office or the department reviewed within its 15 working days.
 */
export function AftercareSection({ case: c }: { case: Case }) {
  const timeline = useTimeline(c.id);
  const history = useMemo(() => readAftercareHistory(timeline.data?.events ?? []), [timeline.data]);
  return (
    <>
      <EvaluationSummary case={c} history={history} />
      <FollowUps case={c} history={history} />
      <Rectifications case={c} history={history} />
    </>
  );
}

function EvaluationSummary({ case: c, history }: { case: Case; history: AftercareHistory }) {
  const { t } = useTranslation(['aftercare', 'cases', 'common']);
  const departmentName = useDepartmentName();
  const given = c.evaluation_status === 'given';
  const evaluations = useEvaluations(given ? c.id : undefined);
  const whole = evaluations.data?.find((e) => !e.department_id);
  const departments = (evaluations.data ?? []).filter((e) => e.department_id);
  const by = history.evaluation?.by;

  let body: ReactNode;
  if (!given) {
    body = (
      <Typography.Paragraph>
        <Tag>{t(`cases:evaluationStatus.${c.evaluation_status}`) as string}</Tag>
        {c.evaluation_status === 'declined' ? t('aftercare:evaluation.declined') : t('aftercare:evaluation.pending')}
      </Typography.Paragraph>
    );
  } else if (evaluations.isError) {
    body = <Alert type="error" showIcon title={t('common:status.loadFailed')} description={evaluations.error.message} />;
  } else if (evaluations.isPending) {
    body = <Typography.Text>{t('common:status.loading')}</Typography.Text>;
  } else {
    body = (
      <>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, lg: 2 }}
          items={[
            { key: 'level', label: t('aftercare:evaluation.level'), children: whole ? <LevelTag level={whole.level} /> : '—' },
            {
              key: 'at',
              label: t('aftercare:evaluation.at'),
              children: whole ? `${formatDateTime(whole.created_at)}${by ? ` · ${by}` : ''}` : '—',
            },
            { key: 'comment', label: t('aftercare:evaluation.comment'), span: 'filled', children: whole?.comment ?? '—' },
          ]}
        />
        {departments.length > 0 && (
          <Table<Evaluation>
            className="aftercare-departments"
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={departments}
            aria-label={t('aftercare:evaluation.departments')}
            columns={[
              {
                key: 'department',
                title: t('aftercare:evaluation.department'),
                width: 180,
                render: (_, e) => departmentName(e.department_id),
              },
              { key: 'level', title: t('aftercare:evaluation.departmentLevel'), width: 140, render: (_, e) => <LevelTag level={e.level} /> },
              { key: 'comment', title: t('aftercare:evaluation.comment'), render: (_, e) => e.comment ?? '—' },
            ]}
          />
        )}
      </>
    );
  }

  return (
    <section aria-labelledby="aftercare-evaluation" className="case-section">
      <Typography.Title level={3} className="subsection-title" id="aftercare-evaluation">
        {t('aftercare:evaluation.heading')}
      </Typography.Title>
      {body}
    </section>
  );
}

interface ListProps {
  case: Case;
  history: AftercareHistory;
}

function FollowUps({ case: c, history }: ListProps) {
  const { t } = useTranslation(['aftercare', 'common']);
  const methodName = useMethodName();
  const visits = useFollowUps(c.id);
  const today = formatDate(useNow());
  const [scheduling, setScheduling] = useState(false);
  const [recording, setRecording] = useState<FollowUp | null>(null);

  const columns: ColumnsType<FollowUp> = [
    { key: 'date', title: t('aftercare:followUps.columns.date'), width: 140, render: (_, v) => v.scheduled_for },
    { key: 'method', title: t('aftercare:followUps.columns.method'), width: 120, render: (_, v) => methodName(v.method) },
    {
      key: 'status',
      title: t('aftercare:followUps.columns.status'),
      width: 100,
      render: (_, v) => {
        const status = followUpStatus(v, today);
        return <Tag color={FOLLOW_UP_COLORS[status]}>{t(`aftercare:followUps.status.${status}`)}</Tag>;
      },
    },
    {
      key: 'by',
      title: t('aftercare:followUps.columns.scheduledBy'),
      width: 120,
      render: (_, v) => history.visits.get(v.id)?.scheduledBy ?? '—',
    },
    {
      key: 'outcome',
      title: t('aftercare:followUps.columns.outcome'),
      render: (_, v) =>
        v.done_at ? (
          <>
            <div className="aftercare-text">{v.notes}</div>
            <Typography.Text type="secondary">
              {t('aftercare:followUps.recorded', {
                name: history.visits.get(v.id)?.recordedBy ?? '—',
                time: formatDateTime(v.done_at),
              })}
            </Typography.Text>
          </>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      title: t('aftercare:followUps.columns.actions'),
      width: 130,
      render: (_, v) =>
        mayRecordFollowUp(v) ? (
          <Button
            size="small"
            onClick={() => setRecording(v)}
            aria-label={t('aftercare:followUps.recordFor', { date: v.scheduled_for })}
          >
            {t('aftercare:followUps.record')}
          </Button>
        ) : null,
    },
  ];

  return (
    <section aria-labelledby="aftercare-follow-ups" className="case-section">
      <div className="aftercare-heading">
        <Typography.Title level={3} className="subsection-title" id="aftercare-follow-ups">
          {t('aftercare:followUps.heading')}
        </Typography.Title>
        {mayScheduleFollowUp(c) && (
          <Button type="primary" onClick={() => setScheduling(true)}>
            {t('aftercare:followUps.schedule')}
          </Button>
        )}
      </div>
      {visits.isError ? (
        <Alert type="error" showIcon title={t('common:status.loadFailed')} description={visits.error.message} />
      ) : (
        <Table<FollowUp>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={visits.data ?? []}
          loading={visits.isPending}
          pagination={false}
          aria-label={t('aftercare:followUps.tableLabel')}
          locale={{ emptyText: t('aftercare:followUps.none') }}
        />
      )}
      {scheduling && (
        <ScheduleFollowUpForm caseId={c.id} open onClose={() => setScheduling(false)} />
      )}
      {recording && (
        <RecordFollowUpForm
          caseId={c.id}
          visit={recording}
          methodName={methodName(recording.method)}
          open
          onClose={() => setRecording(null)}
        />
      )}
    </section>
  );
}

function Rectifications({ case: c, history }: ListProps) {
  const { t } = useTranslation(['aftercare', 'cases', 'common']);
  const departmentName = useDepartmentName();
  const rectifications = useRectifications(c.id);
  const evaluations = useEvaluations(c.id);
  const now = useNow();
  // The rating that opened it: its evaluation, or the history while that is loading.
  const levelOf = (r: Rectification) =>
    evaluations.data?.find((e) => e.id === r.evaluation_id)?.level ?? history.rectifications.get(r.id)?.level;
  const [replying, setReplying] = useState<Rectification | null>(null);
  const department = (r: Rectification) =>
    r.department_id ? departmentName(r.department_id) : t('aftercare:rectifications.wholeCase');
  const toAnswer = (rectifications.data ?? []).filter(mayReplyRectification);

  const columns: ColumnsType<Rectification> = [
    { key: 'department', title: t('aftercare:rectifications.columns.department'), width: 140, render: (_, r) => department(r) },
    {
      key: 'level',
      title: t('aftercare:rectifications.columns.level'),
      width: 110,
      render: (_, r) => {
        const level = levelOf(r);
        return level ? <LevelTag level={level} /> : '—';
      },
    },
    {
      key: 'due',
      title: t('aftercare:rectifications.columns.due'),
      width: 240,
      render: (_, r) => (
        <>
          <div>{formatDateTime(r.due_at)}</div>
          {!r.replied_at && <DeadlineTag label={t('aftercare:rectifications.reply')} deadline={r.due_at} />}
        </>
      ),
    },
    {
      key: 'status',
      title: t('aftercare:rectifications.columns.status'),
      width: 100,
      render: (_, r) => {
        const status = rectificationStatus(r, now);
        return <Tag color={RECTIFICATION_COLORS[status]}>{t(`aftercare:rectifications.status.${status}`)}</Tag>;
      },
    },
    {
      key: 'reply',
      title: t('aftercare:rectifications.columns.reply'),
      render: (_, r) =>
        r.replied_at ? (
          <>
            <div className="aftercare-text">{r.reply}</div>
            <Typography.Text type="secondary">
              {history.rectifications.get(r.id)?.repliedBy
                ? t('aftercare:rectifications.replied', {
                    name: history.rectifications.get(r.id)?.repliedBy,
                    time: formatDateTime(r.replied_at),
                  })
                : t('aftercare:rectifications.repliedAt', { time: formatDateTime(r.replied_at) })}
            </Typography.Text>
          </>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      title: t('aftercare:rectifications.columns.actions'),
      width: 130,
      render: (_, r) =>
        mayReplyRectification(r) ? (
          <Button
            size="small"
            type="primary"
            onClick={() => setReplying(r)}
            aria-label={t('aftercare:rectifications.replyFor', { department: department(r) })}
          >
            {t('aftercare:rectifications.reply')}
          </Button>
        ) : null,
    },
  ];

  const level = replying ? levelOf(replying) : undefined;
  return (
    <section aria-labelledby="aftercare-rectifications" className="case-section">
      <Typography.Title level={3} className="subsection-title" id="aftercare-rectifications">
        {t('aftercare:rectifications.heading')}
      </Typography.Title>
      {toAnswer.length > 0 && (
        <Alert
          type="warning"
          showIcon
          className="aftercare-alert"
          title={t('aftercare:rectifications.toAnswer', { count: toAnswer.length })}
        />
      )}
      {rectifications.isError ? (
        <Alert type="error" showIcon title={t('common:status.loadFailed')} description={rectifications.error.message} />
      ) : (
        <Table<Rectification>
          size="small"
          rowKey="id"
          columns={columns}
          dataSource={rectifications.data ?? []}
          loading={rectifications.isPending}
          pagination={false}
          aria-label={t('aftercare:rectifications.tableLabel')}
          locale={{ emptyText: t('aftercare:rectifications.none') }}
        />
      )}
      {replying && (
        <RectificationReplyForm
          rectification={replying}
          about={t('aftercare:forms.reply.about', {
            department: department(replying),
            level: level ? t(`cases:evaluationLevels.${level}`) : '—',
            due: formatDateTime(replying.due_at),
          })}
          open
          onClose={() => setReplying(null)}
        />
      )}
    </section>
  );
}

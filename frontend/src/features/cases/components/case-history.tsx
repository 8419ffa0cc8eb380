import { SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Timeline, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useTimeline, useVerifyHistory } from '@/lib/cases/api/get-timeline';
import type { CaseEvent } from '@/lib/cases/types';
import { formatDateTime } from '@/lib/format/date';

/** `44a1cca5…c109`: enough to compare by eye, the whole hash in the tooltip. */
export function shortHash(hash: string): string {
  return hash.length > 14 ? `${hash.slice(0, 8)}…${hash.slice(-4)}` : hash;
}

/** What an event's payload says that a person wants to read (reasons, recommendations, outcomes). */
function payloadText(payload: unknown): string | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const p = payload as Record<string, unknown>;
  const decision = p.decision as Record<string, unknown> | undefined;
  const parts = [
    p.reason,
    p.recommendation,
    decision?.document_number,
    decision?.reason,
    Array.isArray(p.materials) ? (p.materials as unknown[]).join('、') : null,
    Array.isArray(p.handed_over_documents) ? (p.handed_over_documents as unknown[]).join('、') : null,
    p.note,
    // Aftercare: the day a visit is planned for, what it found, the written reply to a rectification.
    p.scheduled_for,
    p.notes,
    p.reply,
  ].filter((x): x is string => typeof x === 'string' && x.length > 0);
  return parts.length ? parts.join(' · ') : null;
}

/**
 * The tamper-evident history (一事一档): every event with its actor and time, chained by SM3
 * hashes; the chain's verification is shown first and can be run again.
 */
export function CaseHistory({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation(['console', 'cases', 'common']);
  const timeline = useTimeline(caseId);
  const verify = useVerifyHistory(caseId);
  if (timeline.isPending) return <Typography.Text>{t('common:status.loading')}</Typography.Text>;
  if (timeline.isError) {
    return <Alert type="error" showIcon title={t('common:status.loadFailed')} description={timeline.error.message} />;
  }
  const { events, verification } = timeline.data;
  const label = (e: CaseEvent) => {
    const key = `cases:events.${e.action}`;
    return i18n.exists(key) ? (t(key as never) as string) : t('cases:unknown', { code: e.action });
  };

  return (
    <section aria-labelledby="case-history" className="case-section">
      <Typography.Title level={3} className="subsection-title" id="case-history">
        {t('console:case.history.heading')}
      </Typography.Title>
      <Alert
        type={verification.valid ? 'success' : 'error'}
        showIcon
        icon={verification.valid ? <SafetyCertificateOutlined aria-hidden /> : <WarningOutlined aria-hidden />}
        title={verification.valid ? t('console:case.history.valid') : t('console:case.history.invalid')}
        description={
          <>
            <div>
              {t('console:case.history.algorithm', { algorithm: verification.algorithm.toUpperCase() })} ·{' '}
              {t('console:case.history.length', { count: verification.length })} ·{' '}
              {t('console:case.history.head')}{' '}
              <Tooltip title={verification.head}>
                <code aria-label={verification.head}>{shortHash(verification.head)}</code>
              </Tooltip>
            </div>
            {!verification.valid && verification.broken_at != null && (
              <div>{t('console:case.history.brokenAt', { n: verification.broken_at })}</div>
            )}
            {verification.detail && <div>{verification.detail}</div>}
          </>
        }
        action={
          <Button size="small" loading={verify.isPending} onClick={() => verify.mutate()}>
            {t('console:case.history.verify')}
          </Button>
        }
        className="history-verification"
      />
      <Timeline
        className="history-timeline"
        items={events.map((e) => ({
          key: e.sequence,
          color: verification.broken_at != null && e.sequence >= verification.broken_at ? 'red' : 'blue',
          content: (
            <div className="history-event">
              <div>
                <Typography.Text strong>{label(e)}</Typography.Text>{' '}
                {e.to_state && e.from_state !== e.to_state && !e.task_id && (
                  <Typography.Text type="secondary">
                    {e.from_state ? `${t(`cases:states.${e.from_state}` as never)} → ` : ''}
                    {t(`cases:states.${e.to_state}` as never)}
                  </Typography.Text>
                )}
              </div>
              <div>
                <Typography.Text type="secondary">
                  #{e.sequence} · {formatDateTime(e.occurred_at)} · {e.actor_name ?? t('console:case.history.system')}
                </Typography.Text>
              </div>
              {payloadText(e.payload) && <div>{payloadText(e.payload)}</div>}
              <div className="history-hash">
                SM3{' '}
                <Tooltip title={e.hash}>
                  <code aria-label={t('console:case.history.hashLabel', { hash: e.hash })}>{shortHash(e.hash)}</code>
                </Tooltip>
              </div>
            </div>
          ),
        }))}
      />
    </section>
  );
}

/**
 * Aftercare of a closed case (SPEC §4): follow-up visits (回访) and the rectifications (整改)
 * that bad reviews open. Who may do what is the server's word: the case lists
 * `aftercare_actions` (`schedule_follow_up`), each visit and rectification its
 * `allowed_actions` (`record`, `reply`).
 */
import type { FollowUp } from '@/lib/cases/api/follow-ups';
import type { Rectification } from '@/lib/cases/api/rectifications';
import { FOLLOW_UP_METHODS, isEvaluationLevel } from '@/lib/cases/codes';
import type { AftercareAction, Case, CaseEvent, CaseState, EvaluationLevel, FollowUpMethod } from '@/lib/cases/types';

/** The states in which a case has aftercare: closed, with or without its file archived. */
export const AFTERCARE_STATES: readonly CaseState[] = ['completed', 'terminated', 'archived'];

export function hasAftercare(state: CaseState): boolean {
  return AFTERCARE_STATES.includes(state);
}

export function mayScheduleFollowUp(c: Pick<Case, 'aftercare_actions'>): boolean {
  return c.aftercare_actions.includes('schedule_follow_up');
}

export function mayRecordFollowUp(visit: Pick<FollowUp, 'allowed_actions'>): boolean {
  return visit.allowed_actions.includes('record' satisfies AftercareAction);
}

export function mayReplyRectification(rectification: Pick<Rectification, 'allowed_actions'>): boolean {
  return rectification.allowed_actions.includes('reply' satisfies AftercareAction);
}

export type RectificationStatus = 'open' | 'overdue' | 'answered' | 'answered_late';

/** Where a rectification stands at `now` (ms): answered or not, within its deadline or not. */
export function rectificationStatus(
  rectification: Pick<Rectification, 'due_at' | 'replied_at'>,
  now: number,
): RectificationStatus {
  const due = Date.parse(rectification.due_at);
  if (rectification.replied_at) {
    return Date.parse(rectification.replied_at) > due ? 'answered_late' : 'answered';
  }
  return now > due ? 'overdue' : 'open';
}

export type FollowUpStatus = 'planned' | 'due' | 'recorded';

/**
 * A visit is `due` from its planned day on (`today`, `YYYY-MM-DD` in Asia/Shanghai) until its
 * record is written.
 */
export function followUpStatus(visit: Pick<FollowUp, 'scheduled_for' | 'done_at'>, today: string): FollowUpStatus {
  if (visit.done_at) return 'recorded';
  return visit.scheduled_for <= today ? 'due' : 'planned';
}

/** A visit method the contract names; anything else is shown as the server wrote it. */
export function isFollowUpMethod(value: string): value is FollowUpMethod {
  return (FOLLOW_UP_METHODS as readonly string[]).includes(value);
}

/** The two bad levels of the 好差评 system, which open a rectification. */
export function isBadLevel(level: EvaluationLevel): boolean {
  return level === 'dissatisfied' || level === 'very_dissatisfied';
}

export interface EvaluationRecord {
  declined: boolean;
  /** The case as a whole. */
  level: EvaluationLevel | null;
  comment: string | null;
  at: string;
  by: string | null;
}

export interface AftercareHistory {
  /** The latest evaluation (a reopened case may be evaluated again), or null. */
  evaluation: EvaluationRecord | null;
  /** Per visit id: who planned it and who wrote its record. */
  visits: ReadonlyMap<string, { scheduledBy: string | null; recordedBy: string | null }>;
  /** Per rectification id: the level that opened it and who answered it. */
  rectifications: ReadonlyMap<string, { level: EvaluationLevel | null; repliedBy: string | null }>;
}

function record(payload: unknown): Record<string, unknown> {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/**
 * What the case's history (一事一档) adds to the aftercare lists: the people behind the
 * evaluation, each visit and each reply, which none of those records names, and the ratings
 * as they were given (shown while the evaluations themselves load).
 */
export function readAftercareHistory(events: readonly CaseEvent[]): AftercareHistory {
  let evaluation: EvaluationRecord | null = null;
  const visits = new Map<string, { scheduledBy: string | null; recordedBy: string | null }>();
  const rectifications = new Map<string, { level: EvaluationLevel | null; repliedBy: string | null }>();
  for (const e of events) {
    const p = record(e.payload);
    const by = e.actor_name ?? null;
    switch (e.action) {
      case 'evaluate':
      case 'decline_evaluation':
        evaluation = {
          declined: p.declined === true || e.action === 'decline_evaluation',
          level: isEvaluationLevel(p.level) ? p.level : null,
          comment: text(p.comment),
          at: e.occurred_at,
          by,
        };
        break;
      case 'follow_up_scheduled':
      case 'follow_up_recorded': {
        const id = text(p.follow_up_id);
        if (!id) break;
        const known = visits.get(id) ?? { scheduledBy: null, recordedBy: null };
        visits.set(id, e.action === 'follow_up_scheduled' ? { ...known, scheduledBy: by } : { ...known, recordedBy: by });
        break;
      }
      case 'rectification_opened':
      case 'rectification_replied': {
        const id = text(p.rectification_id);
        if (!id) break;
        const known = rectifications.get(id) ?? { level: null, repliedBy: null };
        rectifications.set(
          id,
          e.action === 'rectification_opened'
            ? { ...known, level: isEvaluationLevel(p.level) ? p.level : null }
            : { ...known, repliedBy: by },
        );
        break;
      }
      default:
        break;
    }
  }
  return { evaluation, visits, rectifications };
}

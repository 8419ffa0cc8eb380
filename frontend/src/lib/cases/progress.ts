/**
 * Where a case stands, in the plain words an enterprise contact reads on a phone:
 * "部门正在办理 3 项，已办结 1 项".
 */
import type { Translate } from '@/lib/i18n/plain-translate';
import type { Case, SheetState } from './types';

export interface CaseProgress {
  /** Sheets a department holds now (dispatched, acknowledged, sent back for re-dispatch). */
  handling: number;
  /** Of those, sheets whose clock stopped for the enterprise's corrections (补正). */
  waitingForCorrections: number;
  /** Sheets finished (approved, not approved or withdrawn). */
  finished: number;
  /** Planned items with no sheet yet: they start when their prerequisites are approved. */
  notStarted: number;
  /** Planned items (or, before the plan, the items asked for). */
  total: number;
}

const HANDLING: ReadonlySet<SheetState> = new Set(['dispatched', 'acknowledged', 'paused', 'sent_back']);

/** Counts the approval sheets of `c` (a 告知承诺 verification sheet is not a new item). */
export function caseProgress(c: Pick<Case, 'items' | 'tasks'>): CaseProgress {
  const approvals = c.tasks.filter((task) => task.kind !== 'verification' && task.state !== 'cancelled');
  // The newest sheet of an item counts (a sent-back sheet is re-dispatched as a new one).
  const byItem = new Map<string, (typeof approvals)[number]>();
  for (const task of approvals) {
    const seen = byItem.get(task.case_item_id);
    if (!seen || seen.dispatched_at < task.dispatched_at) byItem.set(task.case_item_id, task);
  }
  const sheets = [...byItem.values()];
  const planned = c.items.filter((item) => item.planned);
  const items = planned.length > 0 ? planned : c.items;
  return {
    handling: sheets.filter((s) => HANDLING.has(s.state)).length,
    waitingForCorrections: sheets.filter((s) => s.state === 'paused').length,
    finished: sheets.filter((s) => s.state === 'finished').length,
    notStarted: items.filter((item) => !byItem.has(item.id)).length,
    total: items.length,
  };
}


/** One sentence on where the case stands, for the enterprise (keys under `cases:progress`). */
export function progressWords(t: Translate, c: Pick<Case, 'state' | 'items' | 'tasks' | 'enterprise_confirmed_at' | 'evaluation_status'>): string {
  switch (c.state) {
    case 'in_service': {
      const p = caseProgress(c);
      const parts = [
        t('cases:progress.handling', { count: p.handling }),
        t('cases:progress.finished', { count: p.finished }),
      ];
      if (p.waitingForCorrections > 0) parts.push(t('cases:progress.corrections', { count: p.waitingForCorrections }));
      if (p.notStarted > 0) parts.push(t('cases:progress.notStarted', { count: p.notStarted }));
      return parts.join(t('cases:progress.separator'));
    }
    case 'completed':
    case 'terminated':
      if (!c.enterprise_confirmed_at) return t(`cases:progress.state.${c.state}_unconfirmed`);
      if (c.evaluation_status === 'pending') return t('cases:progress.state.to_evaluate');
      return t(`cases:progress.state.${c.state}`);
    case 'draft':
    case 'submitted':
    case 'reviewed':
    case 'accepted':
    case 'rejected':
    case 'team_formed':
    case 'plan_proposed':
    case 'plan_agreed':
    case 'entrusted':
    case 'archived':
      return t(`cases:progress.state.${c.state}`);
    default:
      return c.state;
  }
}

export type ItemStatus =
  | { kind: 'waiting' }
  | { kind: 'after_prerequisites' }
  | { kind: 'dispatched' | 'handling' | 'corrections' | 'sent_back' | 'cancelled'; task: Case['tasks'][number] }
  | { kind: 'finished'; task: Case['tasks'][number] };

/** Where one item of the plan stands, from its newest approval sheet. */
export function itemStatus(c: Pick<Case, 'state' | 'tasks'>, itemId: string): ItemStatus {
  const task = c.tasks
    .filter((s) => s.case_item_id === itemId && s.kind !== 'verification')
    .sort((a, b) => b.dispatched_at.localeCompare(a.dispatched_at))[0];
  if (!task) return c.state === 'in_service' ? { kind: 'after_prerequisites' } : { kind: 'waiting' };
  switch (task.state) {
    case 'dispatched':
      return { kind: 'dispatched', task };
    case 'paused':
      return { kind: 'corrections', task };
    case 'sent_back':
      return { kind: 'sent_back', task };
    case 'finished':
      return { kind: 'finished', task };
    case 'cancelled':
      return { kind: 'cancelled', task };
    default:
      return { kind: 'handling', task };
  }
}

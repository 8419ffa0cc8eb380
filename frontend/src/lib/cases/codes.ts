/**
 * The run-time lists of the case layer's codes that menus, forms and orderings need, each built
 * with `codeList` so that a code the contract adds or drops fails to compile. (The lifecycle's
 * states are in `lifecycle.ts`, the stages in `stages.ts`, the roles in `lib/auth/roles.ts`.)
 */
import { codeList } from '@/lib/api/codes';
import type { EvaluationLevel, FollowUpMethod, ResultNoticeChannel, SheetOutcome, TeamRole } from '@/lib/api/types';

/** The national 好差评 levels, best first. */
export const EVALUATION_LEVELS = codeList<EvaluationLevel>({
  very_satisfied: true,
  satisfied: true,
  basically_satisfied: true,
  dissatisfied: true,
  very_dissatisfied: true,
});

export function isEvaluationLevel(value: unknown): value is EvaluationLevel {
  return typeof value === 'string' && (EVALUATION_LEVELS as readonly string[]).includes(value);
}

/** How a sheet can end, as the finishing form offers it. */
export const SHEET_OUTCOMES = codeList<SheetOutcome>({ approved: true, not_approved: true, withdrawn: true });

/** How the window can tell the enterprise of a result, in the form's order. */
export const RESULT_NOTICE_CHANNELS = codeList<ResultNoticeChannel>({
  in_app: true,
  sms: true,
  email: true,
  phone: true,
  written: true,
  post: true,
});

/** How a follow-up visit (回访) can be made, in the form's order. */
export const FOLLOW_UP_METHODS = codeList<FollowUpMethod>({ visit: true, phone: true, meeting: true, online: true });

/** The team's seats, the leader first. */
export const TEAM_ROLES = codeList<TeamRole>({ responsible_leader: true, lead_agent: true, co_agent: true });

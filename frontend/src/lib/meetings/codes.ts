/** The joint meetings' codes as the contract names them, with run-time lists the compiler keeps complete. */
import { codeList } from '@/lib/api/codes';
import type { Schema } from '@/lib/api/types';

export type MeetingKind = Schema<'MeetingKind'>;
export type MeetingState = Schema<'MeetingState'>;
export type MeetingAction = Schema<'MeetingAction'>;
export type DecisionKind = Schema<'DecisionKind'>;
export type ActionState = Schema<'ActionState'>;
export type FollowUpAction = Schema<'FollowUpAction'>;

export const MEETING_KINDS = codeList<MeetingKind>({ joint_meeting: true, joint_pre_review: true, special_coordination: true });
export const MEETING_STATES = codeList<MeetingState>({ scheduled: true, held: true, closed: true, cancelled: true });
export const DECISION_KINDS = codeList<DecisionKind>({
  joint_pre_review: true,
  parallel_approval: true,
  tolerance: true,
  commitment: true,
  other: true,
});
export const ACTION_STATES = codeList<ActionState>({ open: true, done: true, dropped: true });

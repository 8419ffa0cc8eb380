/**
 * The case (一个项目、一个方案、一事一档) and its task sheets as the contract describes them.
 * Nothing here is written by hand: every type is read out of the generated `schema.d.ts`.
 */
import type { components } from '@/lib/api/schema';
import type { JsonBody, JsonOk, PageItem } from '@/lib/api/types';

export type Case = JsonOk<'/api/v1/cases/{id}', 'get'>;
export type CaseItem = Case['items'][number];
export type CaseMaterial = CaseItem['materials'][number];
export type MissingMaterial = CaseItem['missing_materials'][number];
export type TeamMember = Case['team'][number];
export type Task = JsonOk<'/api/v1/tasks/{id}', 'get'>;
export type CaseSummary = PageItem<'/api/v1/cases'>;
export type CaseEvent = JsonOk<'/api/v1/cases/{id}/timeline', 'get'>['events'][number];
export type ChainVerification = JsonOk<'/api/v1/cases/{id}/timeline', 'get'>['verification'];
export type Notification = PageItem<'/api/v1/notifications'>;
export type TimeLimit = components['schemas']['TimeLimitOut'];
export type {
  AftercareAction,
  CaseAction,
  CaseState,
  EventAction,
  EvaluationLevel,
  EvaluationStatus,
  FollowUpMethod,
  QueueName,
  ResultNoticeChannel,
  SheetAction,
  SheetKind,
  SheetOutcome,
  SheetState,
  TeamRole,
} from '@/lib/api/types';

export type CaseIn = JsonBody<'/api/v1/cases', 'post'>;
export type PlanIn = JsonBody<'/api/v1/cases/{id}/plan', 'post'>;
export type PlanItemIn = PlanIn['items'][number];
export type TeamIn = JsonBody<'/api/v1/cases/{id}/team', 'post'>;
export type ReviewIn = JsonBody<'/api/v1/cases/{id}/review', 'post'>;
export type EvaluationIn = JsonBody<'/api/v1/cases/{id}/evaluation', 'post'>;
export type FinishIn = JsonBody<'/api/v1/tasks/{id}/finish', 'post'>;

/** The `If-Match` value for a record read at `version` (its ETag). */
export function ifMatch(version: number): string {
  return `"${version}"`;
}

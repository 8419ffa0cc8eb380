/**
 * Type helpers that read request and response bodies out of the generated `paths`, so that no
 * request or response type is ever written by hand: `JsonOk<'/api/v1/me', 'get'>` is whatever
 * the contract says GET /api/v1/me answers.
 */
import type { components, paths } from './schema';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

type Operation<P extends keyof paths, M extends Method> = NonNullable<paths[P][M]>;

type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of the operation's 2xx responses. */
export type JsonOk<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { responses: infer R }
    ? { [S in keyof R]: S extends 200 | 201 ? JsonContent<R[S]> : never }[keyof R]
    : never;

/** The JSON request body of the operation. */
export type JsonBody<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

/** The operation's query parameters. */
export type QueryOf<P extends keyof paths, M extends Method> =
  Operation<P, M> extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

/** One element of a paged list answer ({ items, next_cursor }). */
export type PageItem<P extends keyof paths> =
  JsonOk<P, 'get'> extends { items: (infer I)[] } ? I : never;

/** A named schema of the contract: `Schema<'CaseOut'>`. */
export type Schema<N extends keyof components['schemas']> = components['schemas'][N];

// The contract's codes (its `enum` schemas). Every list, menu, filter and label of a code is
// built from these, so that a code added or dropped by the contract fails to compile.
export type CaseState = Schema<'CaseState'>;
export type CaseAction = Schema<'CaseAction'>;
export type EventAction = Schema<'EventAction'>;
export type NotificationKind = Schema<'NotificationKind'>;
export type EvaluationStatus = Schema<'EvaluationStatus'>;
export type EvaluationLevel = Schema<'EvaluationLevel'>;
export type AftercareAction = Schema<'AftercareAction'>;
export type FollowUpMethod = Schema<'FollowUpMethod'>;
export type SheetState = Schema<'SheetState'>;
export type SheetAction = Schema<'SheetAction'>;
export type SheetKind = Schema<'SheetKind'>;
export type SheetOutcome = Schema<'SheetOutcome'>;
export type ResultNoticeChannel = Schema<'ResultNoticeChannel'>;
export type TeamRole = Schema<'TeamRole'>;
export type RoleCode = Schema<'RoleCode'>;
export type AuditAction = Schema<'AuditAction'>;
export type AuditOutcome = Schema<'AuditOutcome'>;
export type ApiScope = Schema<'ApiScope'>;
export type ApiClientRole = Schema<'ApiClientRole'>;
export type StageCode = Schema<'StageCode'>;
export type RosterDisclosure = Schema<'RosterDisclosure'>;
export type ItemStatus = Schema<'ItemStatus'>;
export type QueueName = Schema<'QueueName'>;
export type ConsultationKind = Schema<'ConsultationKind'>;
export type ConsultationState = Schema<'ConsultationState'>;
export type ConsultationAction = Schema<'ConsultationAction'>;
export type ConditionSeverity = Schema<'ConditionSeverity'>;
export type ConditionSource = Schema<'ConditionSource'>;
export type TimeLimitUnit = Schema<'TimeLimitUnit'>;
export type FileType = Schema<'FileType'>;
export type MaterialState = Schema<'MaterialState'>;
export type MaterialAction = Schema<'MaterialAction'>;
export type MaterialDecisionKind = Schema<'MaterialDecisionKind'>;
export type Channel = Schema<'Channel'>;
export type DeliveryState = Schema<'DeliveryState'>;
export type DeliveryAction = Schema<'DeliveryAction'>;
export type AttemptOutcome = Schema<'AttemptOutcome'>;
export type EventType = Schema<'EventType'>;
export type SubscriptionKind = Schema<'SubscriptionKind'>;
export type Topic = Schema<'Topic'>;
export type SmtpSecurityCode = Schema<'SmtpSecurityCode'>;
export type ComplaintSubject = Schema<'ComplaintSubject'>;
export type ComplaintState = Schema<'ComplaintState'>;
export type ComplaintAction = Schema<'ComplaintAction'>;
export type Satisfaction = Schema<'Satisfaction'>;
export type QualificationKind = Schema<'QualificationKind'>;
export type AgencyStatus = Schema<'AgencyStatus'>;
export type EngagementState = Schema<'EngagementState'>;

/** A county's standing, as the platform administrator sees it. */
export type CountyStatus = Schema<'CountyStatus'>;

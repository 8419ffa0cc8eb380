/**
 * Compile-time proof that both languages name every code of the contract: each group of labels
 * in the locale files must be a `Record` over its `enum` schema (a code the contract adds
 * without words in zh-CN or en is a type error here, caught by `npm run typecheck` and
 * `npm run build`). Labels looked up with a key built at run time (`cases:states.${state}`)
 * are safe because of it. Nothing imports this module: it holds types only.
 */
import type {
  ApiClientRole,
  ConsultationAction,
  ConsultationKind,
  ConsultationState,
  ApiScope,
  CaseAction,
  CaseState,
  EvaluationLevel,
  EventAction,
  EvaluationStatus,
  FileType,
  FollowUpMethod,
  ItemStatus,
  MaterialAction,
  MaterialState,
  QueueName,
  ResultNoticeChannel,
  RoleCode,
  RosterDisclosure,
  SheetKind,
  SheetOutcome,
  SheetState,
  StageCode,
  TeamRole,
} from '@/lib/api/types';
import type {
  AttemptOutcome,
  Channel,
  DeliveryState,
  EventType,
  SmtpSecurityCode,
  SubscriptionKind,
  Topic,
} from '@/lib/api/types';
import type { TaskCommand } from '@/lib/cases/api/task-commands';
import type enAdmin from './locales/en/admin.json';
import type { ComplaintAction, ComplaintState, ComplaintSubject, Satisfaction } from '@/lib/api/types';
import type enAftercare from './locales/en/aftercare.json';
import type enComplaints from './locales/en/complaints.json';
import type enCases from './locales/en/cases.json';
import type enCommon from './locales/en/common.json';
import type enConsole from './locales/en/console.json';
import type enConsult from './locales/en/consult.json';
import type enIntegrations from './locales/en/integrations.json';
import type zhAdmin from './locales/zh-CN/admin.json';
import type zhAftercare from './locales/zh-CN/aftercare.json';
import type zhComplaints from './locales/zh-CN/complaints.json';
import type zhCases from './locales/zh-CN/cases.json';
import type zhCommon from './locales/zh-CN/common.json';
import type zhConsole from './locales/zh-CN/console.json';
import type zhConsult from './locales/zh-CN/consult.json';
import type zhIntegrations from './locales/zh-CN/integrations.json';
import type { ActionState, DecisionKind, FollowUpAction, MeetingAction, MeetingKind, MeetingState } from '@/lib/meetings/codes';
import type enMeetings from './locales/en/meetings.json';
import type zhMeetings from './locales/zh-CN/meetings.json';
import type { AgencyStatus, EngagementState, EvaluationLevel as IntermediaryRating, QualificationKind } from '@/lib/api/types';
import type enIntermediaries from './locales/en/intermediaries.json';
import type zhIntermediaries from './locales/zh-CN/intermediaries.json';
import type { CountyStatus } from '@/lib/api/types';
import type { AuditAction, AuditOutcome } from '@/lib/api/types';
import type enAudit from './locales/en/audit.json';
import type zhAudit from './locales/zh-CN/audit.json';
import type enPlatform from './locales/en/platform.json';
import type zhPlatform from './locales/zh-CN/platform.json';

/** A word for each of the codes `C` (more keys are allowed: plural forms, other events). */
type Labels<C extends string> = Record<C, string>;

/** `cases:progress.state` words: the states whose progress is not told by counting sheets. */
type ProgressState = Exclude<CaseState, 'in_service' | 'completed' | 'terminated'>;

/** What `cases.json` must name, in every language. */
interface CasesLabels {
  states: Labels<CaseState>;
  stateSteps: Labels<CaseState>;
  progress: { state: Labels<ProgressState> };
  actions: Labels<CaseAction>;
  /** The history's words for each event. */
  events: Labels<EventAction>;
  taskActions: Labels<TaskCommand>;
  taskStates: Labels<SheetState>;
  taskKinds: Labels<SheetKind>;
  outcomes: Labels<SheetOutcome>;
  channels: Labels<ResultNoticeChannel>;
  evaluationLevels: Labels<EvaluationLevel>;
  evaluationStatus: Labels<EvaluationStatus>;
  teamRoles: Labels<TeamRole>;
  materialStates: Labels<MaterialState>;
  materialActions: Labels<MaterialAction>;
  fileTypes: Labels<FileType>;
}

interface AftercareLabels {
  followUps: { methods: Labels<FollowUpMethod> };
}

interface CommonLabels {
  roles: Labels<RoleCode>;
  /** What an API client may call, and the role it acts as. */
  apiScopes: Labels<ApiScope>;
  apiClientRoles: Labels<ApiClientRole>;
  stages: Labels<StageCode>;
}

interface ConsultLabels {
  kinds: Labels<ConsultationKind>;
  states: Labels<ConsultationState>;
  actions: Labels<ConsultationAction>;
}

interface AdminLabels {
  publicProfile: { disclosures: Labels<RosterDisclosure> };
}

interface ConsoleLabels {
  tasks: { queues: Labels<QueueName> };
  items: { statuses: Labels<ItemStatus> };
}

/**
 * Dotted codes (`case.created`) as i18next reads their keys: nested by the first dot
 * (`eventTypes.case.created` is `{ case: { created } }`).
 */
type DottedLabels<C extends string> = {
  [Head in C as Head extends `${infer H}.${string}` ? H : never]: {
    [Code in C as Code extends `${Head & string}.${infer Tail}` ? Tail : never]: string;
  };
};

interface IntegrationsLabels {
  channelNames: Labels<Channel>;
  deliveryStates: Labels<DeliveryState>;
  outcomes: Labels<AttemptOutcome>;
  topics: Labels<Topic>;
  subscriptionKinds: Labels<SubscriptionKind>;
  smtpSecurity: Labels<SmtpSecurityCode>;
  eventTypes: DottedLabels<EventType>;
}

interface ComplaintsLabels {
  subjects: Labels<ComplaintSubject>;
  states: Labels<ComplaintState>;
  actions: Labels<ComplaintAction>;
  satisfaction: Labels<Satisfaction>;
}

interface MeetingsLabels {
  kinds: Labels<MeetingKind>;
  states: Labels<MeetingState>;
  actions: Labels<MeetingAction>;
  decisionKinds: Labels<DecisionKind>;
  actionStates: Labels<ActionState>;
  followUps: Labels<FollowUpAction>;
}

interface IntermediariesLabels {
  kinds: Labels<QualificationKind>;
  statuses: Labels<AgencyStatus>;
  states: Labels<EngagementState>;
  levels: Labels<IntermediaryRating>;
}

/** Compiles only when `File` has every label `Required` asks for. */
/** What `platform.json` must name, in every language. */
interface PlatformLabels {
  statuses: Labels<CountyStatus>;
}

/** What `audit.json` must name, in every language. */
interface AuditLabels {
  actions: Labels<AuditAction>;
  outcomes: Labels<AuditOutcome>;
}

type Names<Required, File extends Required> = File;

export type CaseLabelsZh = Names<CasesLabels, typeof zhCases>;
export type CaseLabelsEn = Names<CasesLabels, typeof enCases>;
export type AftercareLabelsZh = Names<AftercareLabels, typeof zhAftercare>;
export type AftercareLabelsEn = Names<AftercareLabels, typeof enAftercare>;
export type CommonLabelsZh = Names<CommonLabels, typeof zhCommon>;
export type CommonLabelsEn = Names<CommonLabels, typeof enCommon>;
export type AdminLabelsZh = Names<AdminLabels, typeof zhAdmin>;
export type AdminLabelsEn = Names<AdminLabels, typeof enAdmin>;
export type ConsoleLabelsZh = Names<ConsoleLabels, typeof zhConsole>;
export type ConsoleLabelsEn = Names<ConsoleLabels, typeof enConsole>;
export type ConsultLabelsZh = Names<ConsultLabels, typeof zhConsult>;
export type ConsultLabelsEn = Names<ConsultLabels, typeof enConsult>;
export type IntegrationsLabelsZh = Names<IntegrationsLabels, typeof zhIntegrations>;
export type IntegrationsLabelsEn = Names<IntegrationsLabels, typeof enIntegrations>;
export type ComplaintsLabelsZh = Names<ComplaintsLabels, typeof zhComplaints>;
export type ComplaintsLabelsEn = Names<ComplaintsLabels, typeof enComplaints>;
export type MeetingsLabelsZh = Names<MeetingsLabels, typeof zhMeetings>;
export type MeetingsLabelsEn = Names<MeetingsLabels, typeof enMeetings>;
export type IntermediariesLabelsZh = Names<IntermediariesLabels, typeof zhIntermediaries>;
export type IntermediariesLabelsEn = Names<IntermediariesLabels, typeof enIntermediaries>;
export type PlatformLabelsZh = Names<PlatformLabels, typeof zhPlatform>;
export type PlatformLabelsEn = Names<PlatformLabels, typeof enPlatform>;
export type AuditLabelsZh = Names<AuditLabels, typeof zhAudit>;
export type AuditLabelsEn = Names<AuditLabels, typeof enAudit>;

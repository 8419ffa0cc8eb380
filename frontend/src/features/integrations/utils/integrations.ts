/**
 * The integration screens' rules, apart from their components: what a form sends (secrets left
 * empty are kept by the server, so they are not sent), which buttons a delivery's
 * `allowed_actions` open, and the codes each list offers.
 */
import { codeList } from '@/lib/api/codes';
import type {
  ApiClientRole,
  ApiScope,
  Channel,
  DeliveryState,
  EventType,
  JsonBody,
  Schema,
  SmtpSecurityCode,
  SubscriptionKind,
  Topic,
} from '@/lib/api/types';

export type { ApiClientRole, ApiScope, Channel, DeliveryState, EventType, SubscriptionKind, Topic };
export type ChannelSettings = Schema<'ChannelSettingsOut'>;
export type ChannelSettingsIn = JsonBody<'/api/v1/admin/channels/{channel}', 'put'>;
export type Delivery = Schema<'DeliveryOut'>;
export type WebhookSubscription = Schema<'WebhookSubscriptionOut'>;
export type WebhookSubscriptionIn = JsonBody<'/api/v1/admin/webhooks', 'post'>;
export type WebhookSubscriptionPatch = JsonBody<'/api/v1/admin/webhooks/{id}', 'patch'>;
export type ApiClient = Schema<'ApiClientOut'>;
export type ApiClientIn = JsonBody<'/api/v1/admin/api-clients', 'post'>;
export type Preferences = Schema<'PreferencesOut'>;
export type PreferencesIn = JsonBody<'/api/v1/me/notification-preferences', 'put'>;

/** The channels an administrator configures (webhooks are configured per subscription). */
export const SETTING_CHANNELS = ['email', 'sms', 'wecom', 'dingtalk'] as const satisfies readonly Channel[];
export type SettingChannel = (typeof SETTING_CHANNELS)[number];

export const CHANNELS = codeList<Channel>({ email: true, sms: true, wecom: true, dingtalk: true, webhook: true, provincial: true });
export const DELIVERY_STATES = codeList<DeliveryState>({ pending: true, delivered: true, dead: true });
export const TOPICS = codeList<Topic>({ task: true, reminder: true, escalation: true, result: true, supervision: true });
export const SUBSCRIPTION_KINDS = codeList<SubscriptionKind>({ standard_webhooks: true, provincial: true });
export const API_CLIENT_ROLES = codeList<ApiClientRole>({ supervisor: true, department_agent: true, office: true });
export const SMTP_SECURITIES = codeList<SmtpSecurityCode>({ none: true, starttls: true, tls: true });
export const API_SCOPES = codeList<ApiScope>({
  'cases:read': true,
  'sheets:read': true,
  'sheets:write': true,
  'catalog:read': true,
  'statistics:read': true,
  'events:read': true,
});
export const EVENT_TYPES = codeList<EventType>({
  'case.created': true,
  'case.updated': true,
  'case.submitted': true,
  'case.project_code_set': true,
  'case.returned_for_revision': true,
  'case.reviewed': true,
  'case.accepted': true,
  'case.rejected': true,
  'case.team_formed': true,
  'case.plan_proposed': true,
  'case.plan_agreed': true,
  'case.agreement_signed': true,
  'case.service_started': true,
  'case.completed': true,
  'case.terminated': true,
  'case.confirmed': true,
  'case.evaluated': true,
  'case.evaluation_declined': true,
  'case.archived': true,
  'case.reopened': true,
  'sheet.dispatched': true,
  'sheet.acknowledged': true,
  'sheet.correction_requested': true,
  'sheet.correction_supplied': true,
  'sheet.missing_materials_supplied': true,
  'sheet.extended': true,
  'sheet.finished': true,
  'sheet.approved_on_commitment': true,
  'sheet.sent_back': true,
  'sheet.redispatched': true,
  'sheet.transferred': true,
  'sheet.cancelled': true,
  'sheet.result_noticed': true,
  'sheet.result_document_attached': true,
  'rectification.opened': true,
  'rectification.replied': true,
  'follow_up.scheduled': true,
  'follow_up.recorded': true,
  'supervision.notice': true,
  'material.uploaded': true,
  'material.accepted': true,
  'material.correction_requested': true,
  'legal_fee.recorded': true,
  'legal_fee.corrected': true,
  'prereview.opened': true,
  'prereview.opinion': true,
  'prereview.closed': true,
  'case.condition_added': true,
  'case.condition_lifted': true,
  'intermediary.chosen': true,
  'intermediary.changed': true,
  'intermediary.delivered': true,
  'intermediary.rated': true,
  'meeting.held': true,
  'meeting.decision': true,
});

/** The external channels a person may choose per topic (in-app is always on). */
export const PERSONAL_CHANNELS = SETTING_CHANNELS;

/** The secrets each channel keeps, as `ChannelSecretsIn` and `secrets_set` name them. */
export const CHANNEL_SECRETS = {
  email: ['password'],
  sms: ['secret'],
  wecom: ['key'],
  dingtalk: ['access_token', 'sign_secret'],
} as const satisfies Record<SettingChannel, readonly (keyof NonNullable<ChannelSettingsIn['secrets']>)[]>;

/** The non-secret settings each channel's form shows. */
export const CHANNEL_FIELDS = {
  email: ['host', 'port', 'security', 'username', 'from'],
  sms: ['provider', 'endpoint', 'access_key_id', 'sign_name', 'template_code'],
  wecom: ['endpoint'],
  dingtalk: ['endpoint'],
} as const satisfies Record<SettingChannel, readonly (keyof ChannelSettingsIn)[]>;

export type ChannelFormValues = Partial<Record<string, string | number | boolean | null>> & { enabled?: boolean };

const blank = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** The settings as the form starts: the stored values, secret fields empty. */
export function channelFormValues(channel: SettingChannel, settings: ChannelSettings): ChannelFormValues {
  const values: ChannelFormValues = { enabled: settings.enabled };
  for (const field of CHANNEL_FIELDS[channel]) values[field] = settings[field] ?? null;
  for (const secret of CHANNEL_SECRETS[channel]) values[`secret_${secret}`] = '';
  return values;
}

/** The PUT body: the channel's fields (blank ones as null), and only the secrets typed in. */
export function channelFormToBody(channel: SettingChannel, values: ChannelFormValues): ChannelSettingsIn {
  const body: Record<string, unknown> = { enabled: Boolean(values.enabled) };
  for (const field of CHANNEL_FIELDS[channel]) {
    const value = values[field];
    if (blank(value)) body[field] = null;
    else if (field === 'port') body[field] = Number(value);
    else body[field] = typeof value === 'string' ? value.trim() : value;
  }
  const secrets: Record<string, string> = {};
  for (const secret of CHANNEL_SECRETS[channel]) {
    const value = values[`secret_${secret}`];
    if (typeof value === 'string' && value !== '') secrets[secret] = value;
  }
  if (Object.keys(secrets).length > 0) body.secrets = secrets;
  return body as ChannelSettingsIn;
}

/** The server's field path of a secret (`secrets.password`) is the form's `secret_password`. */
export function channelFieldAliases(channel: SettingChannel): Record<string, string> {
  return Object.fromEntries(CHANNEL_SECRETS[channel].map((secret) => [`secrets.${secret}`, `secret_${secret}`]));
}

/** The buttons a delivery row shows: retry a dead one, replay a webhook message; nothing else. */
export function deliveryButtons(delivery: Pick<Delivery, 'allowed_actions'>): ('retry' | 'replay')[] {
  return (['retry', 'replay'] as const).filter((action) => delivery.allowed_actions.includes(action));
}

export interface WebhookFormValues {
  kind: SubscriptionKind;
  url: string;
  description?: string;
  event_types?: EventType[];
}

/** A new subscription: the provincial kind takes no event types (it receives its milestones). */
export function webhookFormToBody(values: WebhookFormValues): WebhookSubscriptionIn {
  const provincial = values.kind === 'provincial';
  return {
    kind: values.kind,
    url: values.url.trim(),
    description: values.description?.trim() ?? '',
    ...(provincial ? {} : { event_types: values.event_types ?? [] }),
  };
}

/** Changes to a subscription: the same fields, event types left alone for the provincial kind. */
export function webhookFormToPatch(values: WebhookFormValues): WebhookSubscriptionPatch {
  const { kind: _kind, ...body } = webhookFormToBody(values);
  return body;
}

export interface ApiClientFormValues {
  name: string;
  role: ApiClientRole;
  department_id?: string | null;
  scopes: ApiScope[];
  rate_limit_per_minute?: number | null;
}

/** A new API client: a department only for a department's agent. */
export function apiClientFormToBody(values: ApiClientFormValues): ApiClientIn {
  return {
    name: values.name.trim(),
    role: values.role,
    scopes: values.scopes,
    department_id: values.role === 'department_agent' ? (values.department_id ?? null) : null,
    rate_limit_per_minute: values.rate_limit_per_minute ?? null,
  };
}

/** Checked channels per topic, as the form holds them. */
export type PreferenceValues = Record<Topic, SettingChannel[]>;

export function preferenceValues(preferences: Preferences): PreferenceValues {
  const values = Object.fromEntries(TOPICS.map((topic) => [topic, [] as SettingChannel[]])) as PreferenceValues;
  for (const preference of preferences.preferences) {
    values[preference.topic] = preference.channels.filter((c): c is SettingChannel =>
      (PERSONAL_CHANNELS as readonly Channel[]).includes(c),
    );
  }
  return values;
}

/** The PUT body: every topic with its checked channels. */
export function preferencesToBody(values: PreferenceValues): PreferencesIn {
  return { preferences: TOPICS.map((topic) => ({ topic, channels: [...values[topic]] })) };
}

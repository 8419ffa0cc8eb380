//! Delivery beyond the inbox: each channel's settings (admin; secrets are write-only and
//! shown only as set), a test message, the delivery log with every attempt, the retry of a
//! dead delivery, and each user's own channels per topic.

use actix_web::{get, post, put, web};
use butler_app::delivery::SmtpSecurity;
use butler_app::delivery::admin::{self, ChannelInput, ChannelView, DeliveryView, TestResult, TestTarget};
use butler_app::delivery::config::{ChannelSecrets, ChannelSettings, SmsProvider};
use butler_app::delivery::preferences::{self, Preference};
use butler_domain::delivery::{AttemptOutcome, Channel, DeliveryAction, DeliveryState, Topic};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::state::AppState;

/// How an SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SmtpSecurityCode {
    /// Plain SMTP (a local relay).
    None,
    /// STARTTLS (port 587).
    Starttls,
    /// TLS from the start (port 465).
    Tls,
}

impl From<SmtpSecurityCode> for SmtpSecurity {
    fn from(c: SmtpSecurityCode) -> Self {
        match c {
            SmtpSecurityCode::None => SmtpSecurity::None,
            SmtpSecurityCode::Starttls => SmtpSecurity::Starttls,
            SmtpSecurityCode::Tls => SmtpSecurity::Tls,
        }
    }
}

impl From<SmtpSecurity> for SmtpSecurityCode {
    fn from(c: SmtpSecurity) -> Self {
        match c {
            SmtpSecurity::None => SmtpSecurityCode::None,
            SmtpSecurity::Starttls => SmtpSecurityCode::Starttls,
            SmtpSecurity::Tls => SmtpSecurityCode::Tls,
        }
    }
}

/// A channel's settings. Secrets are never shown: `secrets_set` names those stored.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelSettingsOut {
    pub channel: Channel,
    pub enabled: bool,
    /// Base URL of the gateway or robot (SMS, WeCom, DingTalk).
    pub endpoint: Option<String>,
    /// SMS: `aliyun` or `generic`.
    pub provider: Option<String>,
    /// SMS (Alibaba Cloud): the AccessKey id.
    pub access_key_id: Option<String>,
    /// SMS (Alibaba Cloud): the approved signature.
    pub sign_name: Option<String>,
    /// SMS (Alibaba Cloud): the approved template with a `${content}` parameter.
    pub template_code: Option<String>,
    /// E-mail: SMTP host.
    pub host: Option<String>,
    /// E-mail: SMTP port.
    #[schema(maximum = 65535)]
    pub port: Option<u16>,
    /// E-mail: connection security.
    pub security: Option<SmtpSecurityCode>,
    /// E-mail: SMTP user name.
    pub username: Option<String>,
    /// E-mail: sender address.
    pub from: Option<String>,
    /// The names of the secrets stored (`password`, `secret`, `key`, `access_token`,
    /// `sign_secret`), never their values.
    pub secrets_set: Vec<String>,
    pub updated_at: Option<DateTime<Utc>>,
}

impl From<ChannelView> for ChannelSettingsOut {
    fn from(v: ChannelView) -> Self {
        let s = v.settings;
        ChannelSettingsOut {
            channel: v.channel,
            enabled: v.enabled,
            endpoint: s.endpoint,
            provider: s.provider.map(|p| match p {
                SmsProvider::Aliyun => "aliyun".to_owned(),
                SmsProvider::Generic => "generic".to_owned(),
            }),
            access_key_id: s.access_key_id,
            sign_name: s.sign_name,
            template_code: s.template_code,
            host: s.host,
            port: s.port,
            security: s.security.map(Into::into),
            username: s.username,
            from: s.from,
            secrets_set: v.secrets_set.into_iter().map(str::to_owned).collect(),
            updated_at: v.updated_at,
        }
    }
}

/// New secrets; an absent or empty one keeps the stored one.
#[derive(Debug, Default, Deserialize, ToSchema)]
pub struct ChannelSecretsIn {
    /// E-mail: the SMTP password.
    pub password: Option<String>,
    /// SMS: the Alibaba Cloud AccessKey secret, or the generic gateway's bearer token.
    pub secret: Option<String>,
    /// WeCom: the robot's webhook key.
    pub key: Option<String>,
    /// DingTalk: the robot's access token.
    pub access_token: Option<String>,
    /// DingTalk: the robot's signing secret (加签).
    pub sign_secret: Option<String>,
}

/// A channel's settings to save. An enabled channel needs all it sends with: e-mail
/// `host`, `port`, `from` (and `password` with a `username`); SMS `provider` and, for
/// `aliyun`, `access_key_id`, `sign_name`, `template_code` and `secret`, for `generic`,
/// `endpoint` and `secret`; WeCom `key`; DingTalk `access_token`.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "enabled": true,
    "provider": "aliyun",
    "access_key_id": "LTAI5tExample",
    "sign_name": "示例县项目管家",
    "template_code": "SMS_000000001",
    "secrets": {"secret": "the AccessKey secret"}
}))]
pub struct ChannelSettingsIn {
    pub enabled: bool,
    pub endpoint: Option<String>,
    /// SMS: `aliyun` or `generic`.
    pub provider: Option<String>,
    pub access_key_id: Option<String>,
    pub sign_name: Option<String>,
    pub template_code: Option<String>,
    pub host: Option<String>,
    #[schema(maximum = 65535)]
    pub port: Option<u16>,
    pub security: Option<SmtpSecurityCode>,
    pub username: Option<String>,
    pub from: Option<String>,
    #[serde(default)]
    pub secrets: Option<ChannelSecretsIn>,
}

fn trimmed(v: Option<String>) -> Option<String> {
    v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty())
}

impl From<ChannelSettingsIn> for ChannelInput {
    fn from(b: ChannelSettingsIn) -> Self {
        let secrets = b.secrets.unwrap_or_default();
        ChannelInput {
            enabled: b.enabled,
            settings: ChannelSettings {
                endpoint: trimmed(b.endpoint),
                provider: None,
                access_key_id: trimmed(b.access_key_id),
                sign_name: trimmed(b.sign_name),
                template_code: trimmed(b.template_code),
                host: trimmed(b.host),
                port: b.port,
                security: b.security.map(Into::into),
                username: trimmed(b.username),
                from: trimmed(b.from),
            },
            provider: trimmed(b.provider),
            secrets: ChannelSecrets {
                password: secrets.password,
                secret: secrets.secret,
                key: secrets.key,
                access_token: secrets.access_token,
                sign_secret: secrets.sign_secret,
            },
        }
    }
}

/// Read a channel's settings (admin).
#[utoipa::path(
    tag = "delivery",
    operation_id = "getChannelSettings",
    params(("channel" = Channel, Path, description = "`email`, `sms`, `wecom` or `dingtalk`")),
    responses(
        (status = 200, description = "The settings (secrets only named)", body = ChannelSettingsOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a channel configured here", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/channels/{channel}")]
pub async fn get_channel_settings(
    state: web::Data<AppState>,
    auth: Authenticated,
    channel: web::Path<Channel>,
) -> Result<web::Json<ChannelSettingsOut>, ApiError> {
    Ok(web::Json(admin::channel(&state.app, &auth.0, channel.into_inner()).await?.into()))
}

/// Save a channel's settings (admin).
///
/// A secret left out or empty keeps the stored one. Invalid fields (a malformed URL, an
/// unknown SMS provider, a missing value an enabled channel needs) answer 422 field by field
/// and change nothing.
#[utoipa::path(
    tag = "delivery",
    operation_id = "putChannelSettings",
    request_body = ChannelSettingsIn,
    params(("channel" = Channel, Path, description = "`email`, `sms`, `wecom` or `dingtalk`")),
    responses(
        (status = 200, description = "Saved", body = ChannelSettingsOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/admin/channels/{channel}")]
pub async fn put_channel_settings(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: actix_web::HttpRequest,
    channel: web::Path<Channel>,
    body: ValidatedJson<ChannelSettingsIn>,
) -> Result<web::Json<ChannelSettingsOut>, ApiError> {
    let meta = crate::middleware::request_meta(&req);
    let view = admin::save_channel(&state.app, &auth.0, &meta, channel.into_inner(), body.0.into()).await?;
    Ok(web::Json(view.into()))
}

/// Where a test message goes.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"phone": "13800000001"}))]
pub struct ChannelTestIn {
    /// A mobile (SMS; robots mention it).
    #[validate(custom(function = "crate::fields::phone"))]
    #[schema(pattern = r"^(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*$")]
    pub phone: Option<String>,
    /// An e-mail address (e-mail).
    #[validate(custom(function = "crate::fields::email"))]
    #[schema(
        pattern = r#"^ *[^\s<>,;"@\u0000-\u001F\u007F-\u009F]+@[^\s<>,;"@.\u0000-\u001F\u007F-\u009F](?:[^\s<>,;"@\u0000-\u001F\u007F-\u009F]*[^\s<>,;"@.\u0000-\u001F\u007F-\u009F])? *$"#
    )]
    pub email: Option<String>,
}

/// What a test message came to.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChannelTestOut {
    pub outcome: AttemptOutcome,
    pub status_code: Option<i32>,
    /// The receiver's reply, or why it failed (secrets blanked out).
    pub answer: Option<String>,
    pub duration_ms: i64,
}

impl From<TestResult> for ChannelTestOut {
    fn from(r: TestResult) -> Self {
        ChannelTestOut { outcome: r.outcome, status_code: r.status_code, answer: r.answer, duration_ms: r.duration_ms }
    }
}

/// Send a test message over a channel now, with its saved settings (admin).
#[utoipa::path(
    tag = "delivery",
    operation_id = "testChannel",
    request_body = ChannelTestIn,
    params(("channel" = Channel, Path, description = "`email`, `sms`, `wecom` or `dingtalk`")),
    responses(
        (status = 200, description = "What the receiver answered", body = ChannelTestOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The channel is not configured", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid address", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/channels/{channel}/test")]
pub async fn test_channel(
    state: web::Data<AppState>,
    auth: Authenticated,
    channel: web::Path<Channel>,
    body: ValidatedJson<ChannelTestIn>,
) -> Result<web::Json<ChannelTestOut>, ApiError> {
    let target = TestTarget { phone: trimmed(body.0.phone), email: trimmed(body.0.email) };
    Ok(web::Json(admin::test(&state.app, &auth.0, channel.into_inner(), target).await?.into()))
}

/// One attempt of a delivery.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryAttemptOut {
    /// 1 for the first attempt (of its round: an administrator's retry starts a new one).
    pub attempt: i32,
    pub started_at: DateTime<Utc>,
    pub duration_ms: i64,
    pub outcome: AttemptOutcome,
    /// HTTP status or SMTP reply code.
    pub status_code: Option<i32>,
    /// The receiver's reply, shortened, secrets blanked out.
    pub answer: Option<String>,
}

/// A message over one channel, with its attempts.
#[derive(Debug, Serialize, ToSchema)]
pub struct DeliveryOut {
    pub id: Uuid,
    pub channel: Channel,
    pub state: DeliveryState,
    /// Attempts in its current round.
    pub attempts: i32,
    /// The notification it delivers (personal channels).
    pub notification_id: Option<Uuid>,
    /// The user it goes to (personal channels).
    pub recipient_id: Option<Uuid>,
    /// The webhook subscription it goes to (`webhook`, `provincial`).
    pub subscription_id: Option<Uuid>,
    /// The case event it tells of (`webhook`, `provincial`).
    pub event_id: Option<Uuid>,
    /// When it is next tried; `null` once delivered or dead.
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    /// What an administrator may do: `retry` a dead delivery, `replay` a delivered or dead
    /// webhook message.
    pub allowed_actions: Vec<DeliveryAction>,
    pub log: Vec<DeliveryAttemptOut>,
}

impl From<DeliveryView> for DeliveryOut {
    fn from(v: DeliveryView) -> Self {
        let d = v.delivery;
        DeliveryOut {
            id: d.id,
            channel: d.channel.0,
            state: d.state.0,
            attempts: d.attempts,
            notification_id: d.notification_id,
            recipient_id: d.recipient_id,
            subscription_id: d.subscription_id,
            event_id: d.event_id,
            next_attempt_at: d.next_attempt_at,
            last_error: d.last_error,
            created_at: d.created_at,
            updated_at: d.updated_at,
            delivered_at: d.delivered_at,
            allowed_actions: v.allowed_actions,
            log: v
                .attempts
                .into_iter()
                .map(|a| DeliveryAttemptOut {
                    attempt: a.attempt,
                    started_at: a.started_at,
                    duration_ms: a.duration_ms,
                    outcome: a.outcome.0,
                    status_code: a.status_code,
                    answer: a.answer,
                })
                .collect(),
        }
    }
}

/// Filters of the delivery log.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct DeliveryQuery {
    /// Only deliveries in this state.
    pub state: Option<DeliveryState>,
    /// Only deliveries over this channel.
    pub channel: Option<Channel>,
    /// Only the deliveries of this notification.
    pub notification_id: Option<Uuid>,
    /// Only the messages of this webhook subscription.
    pub subscription_id: Option<Uuid>,
}

/// List the tenant's deliveries, newest first, with their attempts (admin).
#[utoipa::path(
    tag = "delivery",
    operation_id = "listDeliveries",
    params(PageParams, DeliveryQuery),
    responses(
        (status = 200, description = "A page of deliveries", body = PageOut<DeliveryOut>),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/deliveries")]
pub async fn list_deliveries(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<DeliveryQuery>,
) -> Result<web::Json<PageOut<DeliveryOut>>, ApiError> {
    let filter = butler_app::delivery::admin::DeliveryFilter {
        state: query.state,
        channel: query.channel,
        notification_id: query.notification_id,
        subscription_id: query.subscription_id,
    };
    let page = admin::list(&state.app, &auth.0, filter, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, DeliveryOut::from)))
}

/// Read one delivery with its attempts (admin).
#[utoipa::path(
    tag = "delivery",
    operation_id = "getDelivery",
    params(("id" = Uuid, Path, description = "The delivery's id")),
    responses(
        (status = 200, description = "The delivery", body = DeliveryOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delivery", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/deliveries/{id}")]
pub async fn get_delivery(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<DeliveryOut>, ApiError> {
    Ok(web::Json(admin::get(&state.app, &auth.0, id.into_inner()).await?.into()))
}

/// Retry a dead delivery (admin): it is pending again, due now, with a fresh round of
/// attempts.
#[utoipa::path(
    tag = "delivery",
    operation_id = "retryDelivery",
    params(("id" = Uuid, Path, description = "The delivery's id")),
    responses(
        (status = 200, description = "Pending again", body = DeliveryOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delivery", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not dead (`invalid_transition`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/deliveries/{id}/retry")]
pub async fn retry_delivery(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<DeliveryOut>, ApiError> {
    Ok(web::Json(admin::retry(&state.app, &auth.0, id.into_inner()).await?.into()))
}

/// Replay a delivered or dead webhook message (admin): a copy goes out now with the same
/// `webhook-id`, as a new delivery; the original stays in the log.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "replayDelivery",
    params(("id" = Uuid, Path, description = "The delivery's id")),
    responses(
        (status = 201, description = "The copy, pending", body = DeliveryOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such delivery", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a webhook message, or still going out (`invalid_transition`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/deliveries/{id}/replay")]
pub async fn replay_delivery(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<actix_web::HttpResponse, ApiError> {
    let copy = admin::replay(&state.app, &auth.0, id.into_inner()).await?;
    Ok(actix_web::HttpResponse::Created().json(DeliveryOut::from(copy)))
}

/// The channels of one topic.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct TopicChannels {
    pub topic: Topic,
    /// External channels (in-app is always on): `email`, `sms`, `wecom`, `dingtalk`.
    #[schema(value_type = Vec<PersonalChannel>)]
    pub channels: Vec<Channel>,
}

/// A channel a person chooses for their notifications ([`Channel::PERSONAL`]; the others are
/// systems' and refused here with `not_personal`).
#[derive(ToSchema)]
#[schema(rename_all = "snake_case")]
#[allow(dead_code)] // Named in the contract only: the body reads a [`Channel`] and checks it.
pub enum PersonalChannel {
    Email,
    Sms,
    Wecom,
    Dingtalk,
}

/// One topic's channels as they stand.
#[derive(Debug, Serialize, ToSchema)]
pub struct PreferenceOut {
    pub topic: Topic,
    pub channels: Vec<Channel>,
    /// Whether these are the role's defaults (nothing chosen for the topic yet).
    pub default: bool,
}

/// The caller's channels per topic.
#[derive(Debug, Serialize, ToSchema)]
pub struct PreferencesOut {
    pub preferences: Vec<PreferenceOut>,
    /// The channels the tenant has enabled: a chosen channel that is not enabled sends
    /// nothing.
    pub enabled_channels: Vec<Channel>,
}

fn preferences_out((preferences, enabled): (Vec<Preference>, Vec<Channel>)) -> PreferencesOut {
    PreferencesOut {
        preferences: preferences
            .into_iter()
            .map(|p| PreferenceOut { topic: p.topic, channels: p.channels, default: p.default })
            .collect(),
        enabled_channels: enabled,
    }
}

/// The topics to change.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"preferences": [{"topic": "reminder", "channels": ["sms", "wecom"]}]}))]
pub struct PreferencesIn {
    pub preferences: Vec<TopicChannels>,
}

/// Read the caller's notification channels per topic.
#[utoipa::path(
    tag = "delivery",
    operation_id = "getNotificationPreferences",
    responses((status = 200, description = "The caller's channels per topic", body = PreferencesOut))
)]
#[get("/me/notification-preferences")]
pub async fn get_notification_preferences(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<web::Json<PreferencesOut>, ApiError> {
    Ok(web::Json(preferences_out(preferences::read(&state.app, &auth.0).await?)))
}

/// Choose the caller's channels for some topics (the others stay as they are).
#[utoipa::path(
    tag = "delivery",
    operation_id = "putNotificationPreferences",
    request_body = PreferencesIn,
    responses(
        (status = 200, description = "The caller's channels per topic", body = PreferencesOut),
        (status = 422, description = "A channel a person does not choose", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/me/notification-preferences")]
pub async fn put_notification_preferences(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: ValidatedJson<PreferencesIn>,
) -> Result<web::Json<PreferencesOut>, ApiError> {
    let choices = body.0.preferences.into_iter().map(|p| (p.topic, p.channels)).collect();
    Ok(web::Json(preferences_out(preferences::write(&state.app, &auth.0, choices).await?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_contract_names_exactly_the_personal_channels() {
        let schema = serde_json::to_value(<PersonalChannel as utoipa::PartialSchema>::schema()).unwrap();
        let named: Vec<String> = serde_json::from_value(schema["enum"].clone()).unwrap();
        let personal: Vec<String> = Channel::PERSONAL.iter().map(ToString::to_string).collect();
        assert_eq!(named, personal);
    }
}

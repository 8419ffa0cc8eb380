//! The administrator's side of delivery: each channel's settings (secrets shown only as
//! set or not; an empty secret keeps the stored one), a test message, the delivery log with
//! its attempts, and the retry of a dead delivery.

use butler_domain::audit::AuditAction;
use butler_domain::delivery::state::decide;
use butler_domain::delivery::{AttemptOutcome, Channel, DeliveryAction, DeliveryState};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::channels::{self as repo, ChannelConfig};
pub use butler_persistence::repo::deliveries::DeliveryFilter;
use butler_persistence::repo::deliveries::{self, AttemptRow, DeliveryRow};
use chrono::{DateTime, Utc};
use std::time::Instant;
use uuid::Uuid;

use super::Answer;
use super::compose::{self, Message};
use super::config::{self, ChannelSecrets, ChannelSettings};
use super::drain::configured;
use crate::audit_trail::{self, RequestMeta};
use crate::paging::{Page, PageRequest};
use crate::{AppError, Context};

fn admin(actor: &Actor) -> Result<(), AppError> {
    Ok(authorize(actor, Action::ManageDelivery, Scope::tenant(actor.tenant_id))?)
}

fn configurable(channel: Channel) -> Result<(), AppError> {
    if super::SENT_CHANNELS.contains(&channel) {
        Ok(())
    } else {
        Err(AppError::field("channel", "not_configurable", "此渠道不在这里设置", "this channel is not configured here"))
    }
}

/// A channel's settings as an administrator sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelView {
    pub channel: Channel,
    pub enabled: bool,
    pub settings: ChannelSettings,
    /// The names of the secrets that are set (never their values).
    pub secrets_set: Vec<&'static str>,
    pub updated_at: Option<DateTime<Utc>>,
}

/// Reads a channel's settings (an unconfigured channel reads as disabled and empty).
pub async fn channel(ctx: &Context, actor: &Actor, channel: Channel) -> Result<ChannelView, AppError> {
    admin(actor)?;
    configurable(channel)?;
    let row = repo::get(&ctx.db, actor.tenant_id, channel).await?;
    Ok(match row {
        None => ChannelView {
            channel,
            enabled: false,
            settings: ChannelSettings::default(),
            secrets_set: vec![],
            updated_at: None,
        },
        Some(row) => {
            let secrets: ChannelSecrets = serde_json::from_value(row.secrets).unwrap_or_default();
            ChannelView {
                channel,
                enabled: row.enabled,
                settings: serde_json::from_value(row.settings).unwrap_or_default(),
                secrets_set: secrets.names_set(),
                updated_at: Some(row.updated_at),
            }
        }
    })
}

/// What an administrator saves for a channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelInput {
    pub enabled: bool,
    pub settings: ChannelSettings,
    /// The SMS provider's code as given (checked here, field by field).
    pub provider: Option<String>,
    /// New secrets; an empty or absent one keeps the stored one.
    pub secrets: ChannelSecrets,
}

/// Saves a channel's settings; invalid fields change nothing.
pub async fn save_channel(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    channel: Channel,
    input: ChannelInput,
) -> Result<ChannelView, AppError> {
    admin(actor)?;
    configurable(channel)?;
    let stored = configured(&ctx.db, actor.tenant_id, channel).await?;
    let secrets_changed = input.secrets.names_set();
    let secrets = input.secrets.or_stored(&stored.map(|c| c.secrets).unwrap_or_default());
    let mut settings = input.settings;
    config::validate(channel, input.enabled, input.provider.as_deref(), &mut settings, &secrets)
        .map_err(AppError::Validation)?;
    let config = ChannelConfig {
        enabled: input.enabled,
        settings: serde_json::to_value(&settings).map_err(AppError::internal)?,
        secrets: serde_json::to_value(&secrets).map_err(AppError::internal)?,
    };
    // The audit trail names the secrets changed, never their values.
    let detail = serde_json::json!({
        "channel": channel.code(),
        "enabled": input.enabled,
        "settings": config.settings.clone(),
        "secrets_changed": secrets_changed,
    });
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    repo::save(&txn, actor.tenant_id, channel, config, actor.user_id, now).await?;
    audit_trail::record(&txn, meta, actor, AuditAction::ChannelSettingsSaved, detail, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    tracing::info!(tenant = %actor.tenant_id, channel = %channel, enabled = input.enabled, "channel settings saved");
    self::channel(ctx, actor, channel).await
}

/// Where a test message goes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestTarget {
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// What a test message came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestResult {
    pub outcome: AttemptOutcome,
    pub status_code: Option<i32>,
    /// The receiver's reply or why it failed, secrets blanked out.
    pub answer: Option<String>,
    pub duration_ms: i64,
}

/// Sends a test message over a channel with its saved settings (enabled or not), now, past
/// the outbox: nothing is recorded.
pub async fn test(ctx: &Context, actor: &Actor, channel: Channel, target: TestTarget) -> Result<TestResult, AppError> {
    admin(actor)?;
    configurable(channel)?;
    let Some(configured) = configured(&ctx.db, actor.tenant_id, channel).await? else {
        return Err(AppError::Conflict("the channel is not configured".into()));
    };
    if channel == Channel::Email && target.email.as_deref().is_none_or(|e| !config::is_email(e)) {
        return Err(AppError::field("email", "email_format", "不是有效的电子邮箱地址", "is not an e-mail address"));
    }
    if channel == Channel::Sms && target.phone.as_deref().is_none_or(str::is_empty) {
        return Err(AppError::field("phone", "required", "此项必填", "this field is required"));
    }
    let message = Message {
        kind: "test",
        title: "项目管家测试消息",
        body: "这是一条测试消息，收到即表示渠道设置可用。",
        phone: target.phone.as_deref(),
        email: target.email.as_deref(),
    };
    let secrets = &configured.secrets;
    let outgoing = compose::build(channel, &configured.settings, secrets, &message, ctx.now(), Uuid::now_v7())
        .map_err(|why| AppError::Conflict(secrets.redact(&why)))?;
    let clock = Instant::now();
    let answer = ctx.delivery.transport.send(&outgoing).await;
    let outcome = compose::reply(channel, &configured.settings, &answer).outcome();
    let (status_code, text) = match &answer {
        Answer::Http { status, body } => (Some(i32::from(*status)), body.clone()),
        Answer::Smtp { code, message } => (Some(i32::from(*code)), message.clone()),
        Answer::Unreachable(why) => (None, format!("unreachable: {why}")),
        Answer::TimedOut => (None, "timed out".into()),
        Answer::NoTransport => (None, "this server has no transport for the channel".into()),
    };
    Ok(TestResult {
        outcome,
        status_code,
        answer: Some(secrets.redact(&text)),
        duration_ms: i64::try_from(clock.elapsed().as_millis()).unwrap_or(i64::MAX),
    })
}

/// A delivery with its attempts, as the log shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct DeliveryView {
    pub delivery: DeliveryRow,
    pub attempts: Vec<AttemptRow>,
    /// What an administrator may do with it.
    pub allowed_actions: Vec<DeliveryAction>,
}

fn view(delivery: DeliveryRow, all: &[AttemptRow]) -> DeliveryView {
    let attempts = all.iter().filter(|a| a.delivery_id == delivery.id).cloned().collect();
    let mut allowed_actions =
        if delivery.state.0 == DeliveryState::Dead { vec![DeliveryAction::Retry] } else { Vec::new() };
    if butler_domain::webhook::replayable(delivery.channel.0, delivery.state.0) {
        allowed_actions.push(DeliveryAction::Replay);
    }
    DeliveryView { delivery, attempts, allowed_actions }
}

/// The tenant's deliveries, newest first, with their attempts.
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    filter: DeliveryFilter,
    page: PageRequest,
) -> Result<Page<DeliveryView>, AppError> {
    admin(actor)?;
    let page = deliveries::list(&ctx.db, actor.tenant_id, filter, page.checked()?).await?;
    let ids: Vec<Uuid> = page.items.iter().map(|d| d.id).collect();
    let attempts = deliveries::attempts(&ctx.db, &ids).await?;
    Ok(Page::from(page).map(|d| view(d, &attempts)))
}

/// One delivery with its attempts.
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<DeliveryView, AppError> {
    admin(actor)?;
    let delivery = deliveries::get(&ctx.db, actor.tenant_id, id).await?;
    let attempts = deliveries::attempts(&ctx.db, &[id]).await?;
    Ok(view(delivery, &attempts))
}

/// Sends a delivered or dead webhook (or provincial) message again: a copy, due now, with the
/// same message id; the original stays in the log as it was.
pub async fn replay(ctx: &Context, actor: &Actor, id: Uuid) -> Result<DeliveryView, AppError> {
    admin(actor)?;
    let original = deliveries::get(&ctx.db, actor.tenant_id, id).await?;
    if !butler_domain::webhook::replayable(original.channel.0, original.state.0) {
        return Err(AppError::InvalidTransition {
            state: original.state.0.code().to_owned(),
            action: DeliveryAction::Replay.code().to_owned(),
            allowed: view(original, &[]).allowed_actions.iter().map(|a| a.code().to_owned()).collect(),
        });
    }
    let now = ctx.now();
    let copy = deliveries::NewDelivery {
        tenant_id: original.tenant_id,
        channel: original.channel.0,
        // The original's key (a replay of a replay keys from the first), made unique.
        dedupe_key: format!(
            "{}:replay:{}",
            original.dedupe_key.split(":replay:").next().unwrap_or_default(),
            Uuid::now_v7().simple()
        ),
        notification_id: original.notification_id,
        recipient_id: original.recipient_id,
        subscription_id: original.subscription_id,
        event_id: original.event_id,
        payload: original.payload.clone(),
        not_before: now,
    };
    let new_id = deliveries::enqueue_returning(&ctx.db, copy, now).await?;
    tracing::info!(delivery = %id, replay = %new_id, "webhook message replayed");
    get(ctx, actor, new_id).await
}

/// Puts a dead delivery back to pending, due now with a fresh round of attempts.
pub async fn retry(ctx: &Context, actor: &Actor, id: Uuid) -> Result<DeliveryView, AppError> {
    admin(actor)?;
    let delivery = deliveries::get(&ctx.db, actor.tenant_id, id).await?;
    decide(delivery.state.0, DeliveryAction::Retry).map_err(|e| AppError::InvalidTransition {
        state: e.state.code().to_owned(),
        action: e.action.code().to_owned(),
        allowed: e.allowed.iter().map(|a| a.code().to_owned()).collect(),
    })?;
    if !deliveries::requeue(&ctx.db, actor.tenant_id, id, ctx.now()).await? {
        return Err(AppError::Changed);
    }
    tracing::info!(delivery = %id, "dead delivery put back to pending");
    get(ctx, actor, id).await
}

//! The delivery worker's use case: claim due deliveries with a lease, send them (a bounded
//! number at once), and record each attempt with the delivery's new state in one
//! transaction fenced by the lease, so that with several server processes a message goes
//! out once (a worker whose lease ran out writes nothing; the next claim sends again only
//! what was never recorded).

use butler_domain::delivery::state::{action_after, decide};
use butler_domain::delivery::{self, AttemptOutcome, Channel, DeliveryState, Topic};
use butler_domain::notice::template::Templates;
use butler_domain::notice::{Language, NoticeParams};
use butler_persistence::repo::channels::{self, Contact};
use butler_persistence::repo::deliveries::{self, Completion, DeliveryRow, NewAttempt};
use butler_persistence::repo::notifications;
use chrono::{DateTime, Utc};
use futures_util::StreamExt;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

use super::compose::{self, Message};
use super::config::{ChannelSecrets, ChannelSettings};
use super::{Answer, SENT_CHANNELS, Tried};
use crate::calendar::tenant_calendar;
use crate::{AppError, Context};

/// Deliveries handled by one drain at most; the rest wait for the next.
pub const MAX_PER_DRAIN: u32 = 10_000;

/// What one drain did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct DrainReport {
    /// Deliveries claimed because they were due.
    pub claimed: u32,
    pub delivered: u32,
    /// Failed for now; tried again later.
    pub retried: u32,
    /// Failed for good or out of attempts.
    pub dead: u32,
    /// Held back until the office opens.
    pub postponed: u32,
    /// Changed by someone else meanwhile (their lease had run out); left to them.
    pub lost: u32,
    /// Could not be recorded; retried when their claim expires.
    pub failed: u32,
}

impl DrainReport {
    /// Whether the drain found nothing to do.
    pub fn is_empty(&self) -> bool {
        *self == DrainReport::default()
    }

    fn add(&mut self, done: Done) {
        match done {
            Done::Recorded(DeliveryState::Delivered) => self.delivered += 1,
            Done::Recorded(DeliveryState::Pending) => self.retried += 1,
            Done::Recorded(DeliveryState::Dead) => self.dead += 1,
            Done::Postponed => self.postponed += 1,
            Done::Lost => self.lost += 1,
        }
    }
}

/// A tenant's configuration of one channel, as the worker uses it.
#[derive(Debug, Clone)]
pub struct Configured {
    pub enabled: bool,
    pub settings: ChannelSettings,
    pub secrets: ChannelSecrets,
}

/// Reads a tenant's configuration of `channel` (`None`: never configured).
pub async fn configured(
    db: &impl sea_orm::ConnectionTrait,
    tenant_id: Uuid,
    channel: Channel,
) -> Result<Option<Configured>, AppError> {
    let Some(row) = channels::get(db, tenant_id, channel).await? else { return Ok(None) };
    Ok(Some(Configured {
        enabled: row.enabled,
        settings: serde_json::from_value(row.settings).unwrap_or_default(),
        secrets: serde_json::from_value(row.secrets).unwrap_or_default(),
    }))
}

#[derive(Debug, Clone, Copy)]
enum Done {
    Recorded(DeliveryState),
    Postponed,
    Lost,
}

/// Runs one drain at `now`: every due delivery over the channels this server sends gets one
/// attempt.
pub async fn drain(ctx: &Context, now: DateTime<Utc>) -> Result<DrainReport, AppError> {
    let config = &ctx.delivery;
    let mut report = DrainReport::default();
    loop {
        let claimed =
            deliveries::claim_due(&ctx.db, now, now + config.lease, &SENT_CHANNELS, config.batch.max(1)).await?;
        let batch = claimed.len() as u64;
        report.claimed += batch as u32;
        let mut channels: HashMap<(Uuid, Channel), Option<Arc<Configured>>> = HashMap::new();
        let mut templates: HashMap<Uuid, Arc<Templates>> = HashMap::new();
        for row in &claimed {
            let key = (row.tenant_id, row.channel.0);
            if let std::collections::hash_map::Entry::Vacant(slot) = channels.entry(key) {
                slot.insert(configured(&ctx.db, key.0, key.1).await?.map(Arc::new));
            }
            if let std::collections::hash_map::Entry::Vacant(slot) = templates.entry(row.tenant_id) {
                slot.insert(Arc::new(crate::templates::load(&ctx.db, row.tenant_id).await?));
            }
        }
        let results: Vec<_> = futures_util::stream::iter(claimed)
            .map(|row| {
                let configured = channels.get(&(row.tenant_id, row.channel.0)).cloned().flatten();
                let templates = templates.get(&row.tenant_id).cloned().unwrap_or_default();
                async move {
                    let result = attempt(ctx, &row, configured.as_deref(), &templates, now).await;
                    (row, result)
                }
            })
            .buffer_unordered(config.concurrency.max(1))
            .collect()
            .await;
        for (row, result) in results {
            match result {
                Ok(done) => report.add(done),
                Err(err) => {
                    report.failed += 1;
                    tracing::error!(delivery = %row.id, channel = %row.channel, error = %err, "recording a delivery failed; retried after its lease");
                }
            }
        }
        if batch < config.batch.max(1) || report.claimed >= MAX_PER_DRAIN {
            break;
        }
    }
    Ok(report)
}

/// What the delivery says and to whom: its notification rendered in Chinese (the language
/// stored; users keep no other yet) with the tenant's template of its kind, if any, and the
/// recipient's addresses.
async fn message_of(
    ctx: &Context,
    row: &DeliveryRow,
    templates: &Templates,
) -> Result<Option<(String, String, String, Contact)>, AppError> {
    let (Some(notification_id), Some(recipient)) = (row.notification_id, row.recipient_id) else {
        return Ok(None);
    };
    let n = match notifications::get(&ctx.db, notification_id).await {
        Ok(n) => n,
        Err(butler_persistence::StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let Some(contact) = channels::contacts(&ctx.db, row.tenant_id, &[recipient]).await?.into_iter().next() else {
        return Ok(None);
    };
    let rendered = n
        .params
        .as_ref()
        .and_then(|p| serde_json::from_value::<NoticeParams>(p.clone()).ok())
        .map(|p| templates.render(&p, Language::Chinese));
    let (title, body) = match rendered {
        Some(r) => (r.title, r.body),
        None => (n.title, n.body),
    };
    Ok(Some((n.kind.0.code().to_owned(), title, body, contact)))
}

fn outcome_error(outcome: AttemptOutcome, answer: &Answer, secrets: &ChannelSecrets) -> Option<String> {
    if outcome == AttemptOutcome::Delivered {
        return None;
    }
    let text = match answer {
        Answer::Http { status, body } => format!("HTTP {status}: {body}"),
        Answer::Smtp { code, message } => format!("SMTP {code}: {message}"),
        Answer::Unreachable(why) => format!("unreachable: {why}"),
        Answer::TimedOut => "timed out".to_owned(),
        Answer::NoTransport => "this server has no transport for the channel".to_owned(),
    };
    Some(secrets.redact(&text))
}

async fn attempt(
    ctx: &Context,
    row: &DeliveryRow,
    configured: Option<&Configured>,
    templates: &Templates,
    now: DateTime<Utc>,
) -> Result<Done, AppError> {
    let channel = row.channel.0;
    if matches!(channel, Channel::Webhook | Channel::Provincial) {
        let tried = crate::webhooks::send::attempt(ctx, row, now).await?;
        return record(ctx, row, tried, now).await;
    }
    let empty = ChannelSecrets::default();
    let secrets = configured.map_or(&empty, |c| &c.secrets);
    let started_at = ctx.now();
    let clock = Instant::now();
    let message = message_of(ctx, row, templates).await?;
    let (outcome, status, answer_text, error) = match (configured.filter(|c| c.enabled), message) {
        (None, _) => (AttemptOutcome::Permanent, None, None, Some(format!("the {channel} channel is not enabled"))),
        (Some(_), None) => {
            (AttemptOutcome::Permanent, None, None, Some("the notification or its recipient is gone".into()))
        }
        (Some(configured), Some((kind, title, body, contact))) => {
            let topic = row_topic(&kind);
            let calendar = tenant_calendar(ctx, row.tenant_id).await?;
            let opens = delivery::not_before(topic, now, &calendar).map_err(AppError::internal)?;
            if opens > now {
                let kept = deliveries::postpone_claim(&ctx.db, row, opens, now).await?;
                return Ok(if kept { Done::Postponed } else { Done::Lost });
            }
            let phone = ctx.pii.open_opt(contact.phone.as_deref())?;
            let message = Message {
                kind: &kind,
                title: &title,
                body: &body,
                phone: phone.as_deref().filter(|p| !p.is_empty()),
                email: contact.email.as_deref().filter(|e| !e.is_empty()),
            };
            match compose::build(channel, &configured.settings, secrets, &message, now, Uuid::now_v7()) {
                Err(why) => (AttemptOutcome::Permanent, None, None, Some(secrets.redact(&why))),
                Ok(outgoing) => {
                    let answer = ctx.delivery.transport.send(&outgoing).await;
                    let outcome = compose::reply(channel, &configured.settings, &answer).outcome();
                    let (status, text) = match &answer {
                        Answer::Http { status, body } => (Some(i32::from(*status)), Some(secrets.redact(body))),
                        Answer::Smtp { code, message } => (Some(i32::from(*code)), Some(secrets.redact(message))),
                        _ => (None, None),
                    };
                    (outcome, status, text, outcome_error(outcome, &answer, secrets))
                }
            }
        }
    };
    let duration_ms = i64::try_from(clock.elapsed().as_millis()).unwrap_or(i64::MAX);
    let tried = Tried { outcome, status, answer: answer_text, error, started_at, duration_ms };
    record(ctx, row, tried, now).await
}

/// Records an attempt with the delivery's new state, fenced by the claim's lease.
async fn record(ctx: &Context, row: &DeliveryRow, tried: Tried, now: DateTime<Utc>) -> Result<Done, AppError> {
    let Tried { outcome, status, answer: answer_text, error, started_at, duration_ms } = tried;
    let channel = row.channel.0;
    let attempts = u32::try_from(row.attempts + 1).unwrap_or(u32::MAX);
    let next_attempt_at = ctx.delivery.policy.next_attempt(outcome, attempts, row.id, now);
    let state =
        decide(DeliveryState::Pending, action_after(outcome, next_attempt_at.is_some())).map_err(AppError::internal)?;
    let done = Completion {
        state,
        next_attempt_at,
        last_error: error,
        attempt: NewAttempt { started_at, duration_ms, outcome, status_code: status, answer: answer_text },
    };
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    if !deliveries::complete_claim(&txn, row, done, now).await? {
        txn.rollback().await.map_err(AppError::internal)?;
        return Ok(Done::Lost);
    }
    txn.commit().await.map_err(AppError::internal)?;
    tracing::debug!(delivery = %row.id, channel = %channel, outcome = %outcome, "delivery attempt");
    Ok(Done::Recorded(state))
}

/// The topic of a notification kind's code (a kind this version does not know is a task).
fn row_topic(kind: &str) -> Topic {
    kind.parse().map(Topic::of).unwrap_or(Topic::Task)
}

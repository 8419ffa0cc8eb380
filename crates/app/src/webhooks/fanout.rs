//! Feeding subscriptions: each active subscription's new history events become outbox
//! deliveries (the delivery worker sends them).
//!
//! A subscription is claimed with a lease; the events after its cursor that have settled
//! (happened at least the settle lag ago, so a transaction that committed late cannot be
//! passed over) are read, one delivery is written per event the subscription receives (once
//! per subscription and event), and the cursor moves past them — one transaction, fenced by
//! the lease, so two server processes never feed one subscription the same event twice.

use butler_domain::delivery::Channel;
use butler_domain::webhook::payload::{ProvincialMilestone, WebhookEvent};
use butler_domain::webhook::{EventType, SubscriptionKind};
use butler_persistence::repo::deliveries::{self, NewDelivery};
use butler_persistence::repo::feed::{self, FeedCursor};
use butler_persistence::repo::webhooks::{self as repo, SubscriptionRow};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::feed::publish;
use crate::{AppError, Context};

/// Subscriptions claimed per round.
pub const CLAIM_BATCH: u64 = 100;
/// Events handed to one subscription per round at most (the rest in the next round).
pub const EVENTS_PER_ROUND: u64 = 500;
/// How long a claim holds a subscription.
pub const LEASE: TimeDelta = TimeDelta::minutes(2);

/// What one round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FanOutReport {
    /// Subscriptions looked at.
    pub subscriptions: u32,
    /// Events read past their cursors.
    pub events: u32,
    /// Deliveries written.
    pub deliveries: u32,
    /// Subscriptions whose claim ran out meanwhile (their round was rolled back).
    pub lost: u32,
}

impl FanOutReport {
    /// Whether the round found nothing new.
    pub fn is_empty(&self) -> bool {
        self.events == 0 && self.lost == 0
    }
}

fn channel(kind: SubscriptionKind) -> Channel {
    match kind {
        SubscriptionKind::StandardWebhooks => Channel::Webhook,
        SubscriptionKind::Provincial => Channel::Provincial,
    }
}

/// The outbox key of a subscription's message about an event.
pub fn dedupe_key(subscription: uuid::Uuid, event: uuid::Uuid) -> String {
    format!("w:{subscription}:{event}")
}

/// Runs one round at `now`: every active subscription gets the events that settled (the
/// change feed's settle lag, `Context::feed_settle`) since its cursor, up to
/// [`EVENTS_PER_ROUND`] each.
pub async fn fan_out(ctx: &Context, now: DateTime<Utc>) -> Result<FanOutReport, AppError> {
    let settle = TimeDelta::from_std(ctx.feed_settle).map_err(AppError::internal)?;
    let mut report = FanOutReport::default();
    let claimed = repo::claim_for_fanout(&ctx.db, now, now + LEASE, CLAIM_BATCH).await?;
    for subscription in claimed {
        report.subscriptions += 1;
        match feed(ctx, &subscription, now, now - settle).await {
            Ok(Some((events, written))) => {
                report.events += events;
                report.deliveries += written;
            }
            Ok(None) => report.lost += 1,
            Err(err) => {
                tracing::error!(subscription = %subscription.id, error = %err, "feeding a webhook subscription failed");
            }
        }
    }
    Ok(report)
}

/// Feeds one claimed subscription; `None` when its claim was lost.
async fn feed(
    ctx: &Context,
    subscription: &SubscriptionRow,
    now: DateTime<Utc>,
    settled_before: DateTime<Utc>,
) -> Result<Option<(u32, u32)>, AppError> {
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let after = match subscription.cursor_id {
        Some(id) => FeedCursor { occurred_at: subscription.cursor_at, id },
        // A new subscription starts after everything that happened before it was made.
        None => FeedCursor { occurred_at: subscription.cursor_at, id: uuid::Uuid::max() },
    };
    let page = feed::page(&txn, subscription.tenant_id, Some(after), settled_before, EVENTS_PER_ROUND).await?;
    let cursor = page.events.last().map(|row| (row.occurred_at, row.id));
    let read = page.events.len() as u32;
    let events = publish(&txn, subscription.tenant_id, page.events).await?;
    let kind = subscription.kind.0;
    let subscribed = repo::event_types(subscription);
    let mut written = 0;
    for data in events {
        let event_id = data.id;
        let event_type = EventType::of(data.action);
        if !kind.receives(&subscribed, event_type, data.project_code.is_some()) {
            continue;
        }
        let payload = match kind {
            SubscriptionKind::StandardWebhooks => serde_json::to_value(WebhookEvent::of(data)),
            SubscriptionKind::Provincial => match ProvincialMilestone::of(&data) {
                Some(report) => serde_json::to_value(report),
                None => continue,
            },
        }
        .map_err(AppError::internal)?;
        let new = NewDelivery {
            tenant_id: subscription.tenant_id,
            channel: channel(kind),
            dedupe_key: dedupe_key(subscription.id, event_id),
            notification_id: None,
            recipient_id: None,
            subscription_id: Some(subscription.id),
            event_id: Some(event_id),
            payload: Some(payload),
            not_before: now,
        };
        if deliveries::enqueue(&txn, new, now).await? {
            written += 1;
        }
    }
    if !repo::advance(&txn, subscription, cursor).await? {
        txn.rollback().await.map_err(AppError::internal)?;
        return Ok(None);
    }
    txn.commit().await.map_err(AppError::internal)?;
    Ok(Some((read, written)))
}

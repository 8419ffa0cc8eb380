//! The deliveries outbox: one row per message and channel, written once per dedupe key in
//! the transaction of what caused it, then claimed and sent by the delivery worker.
//!
//! **Cost.** The worker reads rows with `next_attempt_at <= now` from `ix_deliveries_due`; a
//! delivered or dead row has no `next_attempt_at`, so a drain's cost grows with what is due,
//! not with the log kept. The admin list reads `ix_deliveries_admin`.
//!
//! **Claims.** Due rows are claimed with a lease exactly as deadlines are (see `lease`): a
//! conditional `UPDATE … RETURNING`, `FOR UPDATE SKIP LOCKED` on PostgreSQL, so two server
//! processes never send the same row at once. [`complete_claim`] writes the attempt's
//! outcome only while the row still carries the claim's token, in the caller's transaction
//! together with the attempt's log row: a worker whose lease ran out changes nothing.

use butler_domain::delivery::{AttemptOutcome, Channel, DeliveryState};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, LockBehavior, LockType, OnConflict, Order, Query, SelectStatement};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::delivery::{self, Entity as Delivery};
use crate::entity::delivery_attempt::{self, Entity as Attempt};
use crate::page::{Order as PageOrder, fetch_page_in};
use crate::{Code, Page, PageRequest, StoreError};

pub use delivery::Model as DeliveryRow;
pub use delivery_attempt::Model as AttemptRow;

/// Longest dedupe key, in characters (the column's width).
pub const DEDUPE_KEY_MAX_CHARS: usize = 200;
/// Longest answer kept in an attempt's log, in characters.
pub const ANSWER_MAX_CHARS: usize = 2000;

/// A message to send over one channel.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDelivery {
    pub tenant_id: Uuid,
    pub channel: Channel,
    /// Written once per key (`n:{notification}:{channel}`, `w:{subscription}:{event}`).
    pub dedupe_key: String,
    pub notification_id: Option<Uuid>,
    pub recipient_id: Option<Uuid>,
    pub subscription_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    /// What to send, when it is not read from the notification at send time.
    pub payload: Option<serde_json::Value>,
    /// When the first attempt is due (later than now in quiet hours).
    pub not_before: DateTime<Utc>,
}

fn row(new: NewDelivery, id: Uuid, now: DateTime<Utc>) -> Result<delivery::ActiveModel, StoreError> {
    if new.dedupe_key.chars().count() > DEDUPE_KEY_MAX_CHARS {
        return Err(StoreError::Conflict(format!("dedupe key longer than {DEDUPE_KEY_MAX_CHARS} characters")));
    }
    Ok(delivery::ActiveModel {
        id: Set(id),
        tenant_id: Set(new.tenant_id),
        channel: Set(Code(new.channel)),
        dedupe_key: Set(new.dedupe_key),
        notification_id: Set(new.notification_id),
        recipient_id: Set(new.recipient_id),
        subscription_id: Set(new.subscription_id),
        event_id: Set(new.event_id),
        payload: Set(new.payload),
        state: Set(Code(DeliveryState::Pending)),
        attempts: Set(0),
        next_attempt_at: Set(Some(new.not_before)),
        claimed_until: Set(None),
        last_error: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        delivered_at: Set(None),
    })
}

/// Writes `new` unless a delivery with its dedupe key exists; returns whether it did (one
/// `INSERT … ON CONFLICT DO NOTHING`, so concurrent writers end with one row).
pub async fn enqueue(db: &impl ConnectionTrait, new: NewDelivery, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let written = Delivery::insert(row(new, super::new_id(), now)?)
        .on_conflict(OnConflict::column(delivery::Column::DedupeKey).do_nothing().to_owned())
        .exec_without_returning(db)
        .await?;
    Ok(written > 0)
}

/// Writes `new` and returns its id; `Conflict` when its dedupe key is taken.
pub async fn enqueue_returning(
    db: &impl ConnectionTrait,
    new: NewDelivery,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let id = super::new_id();
    Delivery::insert(row(new, id, now)?).exec_without_returning(db).await?;
    Ok(id)
}

/// Pending deliveries over `channels` due at `now` that nobody holds.
/// A suspended county's deliveries wait (see [`super::counties::working_tenants`]).
fn claimable(now: DateTime<Utc>, channels: &[Channel]) -> Condition {
    Condition::all()
        .add(delivery::Column::NextAttemptAt.lte(now))
        .add(delivery::Column::State.eq(Code(DeliveryState::Pending)))
        .add(delivery::Column::Channel.is_in(channels.iter().map(|c| Code(*c))))
        .add(
            Condition::any().add(delivery::Column::ClaimedUntil.is_null()).add(delivery::Column::ClaimedUntil.lte(now)),
        )
        .add(delivery::Column::TenantId.in_subquery(super::counties::working_tenants()))
}

/// The candidate query of [`claim_due`]: the ids of up to `limit` claimable deliveries,
/// longest due first, locked `FOR UPDATE SKIP LOCKED` on PostgreSQL.
pub fn claim_candidates(now: DateTime<Utc>, channels: &[Channel], limit: u64) -> SelectStatement {
    Query::select()
        .column(delivery::Column::Id)
        .from(Delivery)
        .cond_where(claimable(now, channels))
        .order_by(delivery::Column::NextAttemptAt, Order::Asc)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned()
}

/// Claims up to `limit` pending deliveries over `channels` due at `now`, until
/// `lease_until`; returns them as claimed (their `claimed_until` is the token for
/// [`complete_claim`]). Rows of other channels are left as they are.
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    channels: &[Channel],
    limit: u64,
) -> Result<Vec<DeliveryRow>, StoreError> {
    if channels.is_empty() {
        return Ok(Vec::new());
    }
    let mut rows = super::lease::claim::<Delivery>(
        db,
        delivery::Column::Id,
        delivery::Column::ClaimedUntil,
        claim_candidates(now, channels, limit),
        claimable(now, channels),
        lease_until,
    )
    .await?;
    rows.sort_by_key(|r| (r.next_attempt_at, r.id));
    Ok(rows)
}

/// The outcome of one attempt, as the delivery records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The delivery's state after the attempt.
    pub state: DeliveryState,
    /// When to try again (`None` once delivered or dead).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// Why it failed, shown to administrators (no secrets).
    pub last_error: Option<String>,
    /// The attempt's log row.
    pub attempt: NewAttempt,
}

/// One attempt's log row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttempt {
    pub started_at: DateTime<Utc>,
    pub duration_ms: i64,
    pub outcome: AttemptOutcome,
    pub status_code: Option<i32>,
    /// The receiver's reply, secrets already blanked out; shortened here.
    pub answer: Option<String>,
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// Records a claimed delivery's attempt and its new state, and releases the claim — only
/// while `claimed` still holds it (same token, still pending). Returns whether it did;
/// `false` means the claim was lost and nothing was written. Pass a transaction: the state
/// and the attempt's log row commit together.
pub async fn complete_claim(
    db: &impl ConnectionTrait,
    claimed: &DeliveryRow,
    done: Completion,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let Some(token) = claimed.claimed_until else {
        return Ok(false);
    };
    let attempts = claimed.attempts + 1;
    let delivered_at = (done.state == DeliveryState::Delivered).then_some(now);
    let res = Delivery::update_many()
        .col_expr(delivery::Column::State, Expr::value(Code(done.state)))
        .col_expr(delivery::Column::Attempts, Expr::value(attempts))
        .col_expr(delivery::Column::NextAttemptAt, Expr::value(done.next_attempt_at))
        .col_expr(delivery::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(delivery::Column::LastError, Expr::value(done.last_error.map(|e| truncate(&e, ANSWER_MAX_CHARS))))
        .col_expr(delivery::Column::DeliveredAt, Expr::value(delivered_at))
        .col_expr(delivery::Column::UpdatedAt, Expr::value(now))
        .filter(delivery::Column::Id.eq(claimed.id))
        .filter(delivery::Column::ClaimedUntil.eq(token))
        .filter(delivery::Column::State.eq(Code(DeliveryState::Pending)))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Ok(false);
    }
    let a = done.attempt;
    Attempt::insert(delivery_attempt::ActiveModel {
        id: Set(super::new_id()),
        delivery_id: Set(claimed.id),
        tenant_id: Set(claimed.tenant_id),
        attempt: Set(attempts),
        started_at: Set(a.started_at),
        duration_ms: Set(a.duration_ms),
        outcome: Set(Code(a.outcome)),
        status_code: Set(a.status_code),
        answer: Set(a.answer.map(|t| truncate(&t, ANSWER_MAX_CHARS))),
    })
    .exec_without_returning(db)
    .await?;
    Ok(true)
}

/// Moves a claimed delivery's next attempt to `at` without counting an attempt (quiet hours
/// began while it waited), fenced like [`complete_claim`].
pub async fn postpone_claim(
    db: &impl ConnectionTrait,
    claimed: &DeliveryRow,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let Some(token) = claimed.claimed_until else {
        return Ok(false);
    };
    let res = Delivery::update_many()
        .col_expr(delivery::Column::NextAttemptAt, Expr::value(Some(at)))
        .col_expr(delivery::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(delivery::Column::UpdatedAt, Expr::value(now))
        .filter(delivery::Column::Id.eq(claimed.id))
        .filter(delivery::Column::ClaimedUntil.eq(token))
        .filter(delivery::Column::State.eq(Code(DeliveryState::Pending)))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Filters of the admin's delivery list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliveryFilter {
    pub state: Option<DeliveryState>,
    pub channel: Option<Channel>,
    pub notification_id: Option<Uuid>,
    /// Only the messages of one webhook subscription.
    pub subscription_id: Option<Uuid>,
}

/// A tenant's deliveries, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: DeliveryFilter,
    page: PageRequest,
) -> Result<Page<DeliveryRow>, StoreError> {
    let mut select = Delivery::find().filter(delivery::Column::TenantId.eq(tenant_id));
    if let Some(state) = filter.state {
        select = select.filter(delivery::Column::State.eq(Code(state)));
    }
    if let Some(channel) = filter.channel {
        select = select.filter(delivery::Column::Channel.eq(Code(channel)));
    }
    if let Some(notification) = filter.notification_id {
        select = select.filter(delivery::Column::NotificationId.eq(notification));
    }
    if let Some(subscription) = filter.subscription_id {
        select = select.filter(delivery::Column::SubscriptionId.eq(subscription));
    }
    fetch_page_in(db, select, delivery::Column::Id, |d| d.id, page, PageOrder::NewestFirst).await
}

/// One of a tenant's deliveries.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<DeliveryRow, StoreError> {
    Delivery::find_by_id(id).filter(delivery::Column::TenantId.eq(tenant_id)).one(db).await?.ok_or(StoreError::NotFound)
}

/// The attempts of deliveries, oldest first.
pub async fn attempts(db: &impl ConnectionTrait, delivery_ids: &[Uuid]) -> Result<Vec<AttemptRow>, StoreError> {
    if delivery_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Attempt::find()
        .filter(delivery_attempt::Column::DeliveryId.is_in(delivery_ids.iter().copied()))
        .order_by_asc(delivery_attempt::Column::StartedAt)
        .order_by_asc(delivery_attempt::Column::Id)
        .all(db)
        .await?)
}

/// Puts a dead delivery back to pending, due at `now` with a fresh round of attempts (its
/// log keeps the earlier ones); returns whether it was dead.
pub async fn requeue(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let res = Delivery::update_many()
        .col_expr(delivery::Column::State, Expr::value(Code(DeliveryState::Pending)))
        .col_expr(delivery::Column::Attempts, Expr::value(0))
        .col_expr(delivery::Column::NextAttemptAt, Expr::value(Some(now)))
        .col_expr(delivery::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(delivery::Column::UpdatedAt, Expr::value(now))
        .filter(delivery::Column::Id.eq(id))
        .filter(delivery::Column::TenantId.eq(tenant_id))
        .filter(delivery::Column::State.eq(Code(DeliveryState::Dead)))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn answers_are_shortened_by_characters() {
        assert_eq!(truncate("短信发送成功", 2), "短信…");
        assert_eq!(truncate("ok", 2), "ok");
    }
}

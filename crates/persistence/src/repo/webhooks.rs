//! Webhook subscriptions, and feeding them the tenant's history.
//!
//! **Fan-out.** A subscription is fed by claiming it with a lease (a conditional `UPDATE …
//! RETURNING`, like deadlines' claims), reading the tenant's change feed after its cursor,
//! writing one outbox delivery per event it receives and moving the cursor — in one
//! transaction, the cursor move fenced by the lease token, and each delivery written once per
//! subscription and event (its dedupe key), so two server processes never hand an endpoint
//! the same event twice.

use butler_domain::webhook::{EventType, SubscriptionKind};
use chrono::{DateTime, SubsecRound, Utc};
use sea_orm::sea_query::{Condition, Expr, LockBehavior, LockType, Query};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::webhook_subscription as sub;
use crate::{Code, StoreError};

pub use sub::Model as SubscriptionRow;

/// A subscription to create.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscription {
    pub tenant_id: Uuid,
    pub kind: SubscriptionKind,
    pub url: String,
    pub description: String,
    pub event_types: Vec<EventType>,
    pub secret: String,
    pub created_by: Uuid,
}

/// What an edit changes (`None`: unchanged).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SubscriptionChange {
    pub url: Option<String>,
    pub description: Option<String>,
    pub event_types: Option<Vec<EventType>>,
    /// Turn on (clearing the failure run and the reason it was turned off) or off.
    pub active: Option<bool>,
    pub secret: Option<String>,
}

fn codes(types: &[EventType]) -> serde_json::Value {
    serde_json::Value::from(types.iter().map(|t| t.code()).collect::<Vec<_>>())
}

/// The event types a row subscribes to (codes it does not know are skipped).
pub fn event_types(row: &SubscriptionRow) -> Vec<EventType> {
    row.event_types.as_array().map(|a| a.iter().filter_map(|v| v.as_str()?.parse().ok()).collect()).unwrap_or_default()
}

/// Creates a subscription fed from `now` on (it receives events that happen after it).
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewSubscription,
    now: DateTime<Utc>,
) -> Result<SubscriptionRow, StoreError> {
    let now = now.trunc_subsecs(6);
    let row = sub::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(new.tenant_id),
        kind: Set(Code(new.kind)),
        url: Set(new.url),
        description: Set(new.description),
        event_types: Set(codes(&new.event_types)),
        secret: Set(new.secret),
        active: Set(true),
        disabled_at: Set(None),
        disabled_reason: Set(None),
        failing_since: Set(None),
        cursor_at: Set(now),
        cursor_id: Set(None),
        claimed_until: Set(None),
        created_by: Set(new.created_by),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(sub::Entity::insert(row).exec_with_returning(db).await?)
}

/// A tenant's subscriptions, oldest first.
pub async fn list(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Vec<SubscriptionRow>, StoreError> {
    Ok(sub::Entity::find()
        .filter(sub::Column::TenantId.eq(tenant_id))
        .order_by_asc(sub::Column::CreatedAt)
        .order_by_asc(sub::Column::Id)
        .all(db)
        .await?)
}

/// One of a tenant's subscriptions.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<SubscriptionRow, StoreError> {
    sub::Entity::find_by_id(id).filter(sub::Column::TenantId.eq(tenant_id)).one(db).await?.ok_or(StoreError::NotFound)
}

/// A subscription by id alone (the delivery worker, which holds the id from the outbox).
pub async fn find(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<SubscriptionRow>, StoreError> {
    Ok(sub::Entity::find_by_id(id).one(db).await?)
}

/// Applies `change` to one of a tenant's subscriptions.
pub async fn update(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    change: SubscriptionChange,
    now: DateTime<Utc>,
) -> Result<SubscriptionRow, StoreError> {
    let current = get(db, tenant_id, id).await?;
    let mut row: sub::ActiveModel = current.clone().into();
    if let Some(url) = change.url {
        row.url = Set(url);
    }
    if let Some(description) = change.description {
        row.description = Set(description);
    }
    if let Some(types) = change.event_types {
        row.event_types = Set(codes(&types));
    }
    if let Some(secret) = change.secret {
        row.secret = Set(secret);
    }
    match change.active {
        Some(true) if !current.active => {
            row.active = Set(true);
            row.disabled_at = Set(None);
            row.disabled_reason = Set(None);
            row.failing_since = Set(None);
        }
        Some(false) if current.active => {
            row.active = Set(false);
            row.disabled_at = Set(Some(now));
            row.disabled_reason = Set(Some("turned off by an administrator".into()));
        }
        _ => {}
    }
    row.updated_at = Set(now);
    Ok(sub::Entity::update(row).exec(db).await?)
}

/// Deletes one of a tenant's subscriptions (its delivery log stays).
pub async fn delete(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<(), StoreError> {
    let res = sub::Entity::delete_many()
        .filter(sub::Column::Id.eq(id))
        .filter(sub::Column::TenantId.eq(tenant_id))
        .exec(db)
        .await?;
    if res.rows_affected == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// Records an attempt's effect on the endpoint's failure run: `failing_since` as the
/// domain's `DisableRule` computed it, switching it off when `disable` (with `reason`).
pub async fn record_attempt(
    db: &impl ConnectionTrait,
    id: Uuid,
    failing_since: Option<DateTime<Utc>>,
    disable: Option<&str>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let mut update = sub::Entity::update_many()
        .col_expr(sub::Column::FailingSince, Expr::value(failing_since))
        .filter(sub::Column::Id.eq(id));
    if let Some(reason) = disable {
        update = update
            .col_expr(sub::Column::Active, Expr::value(false))
            .col_expr(sub::Column::DisabledAt, Expr::value(Some(now)))
            .col_expr(sub::Column::DisabledReason, Expr::value(Some(reason.to_owned())))
            .col_expr(sub::Column::UpdatedAt, Expr::value(now))
            .filter(sub::Column::Active.eq(true));
    }
    update.exec(db).await?;
    Ok(())
}

fn claimable(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(sub::Column::Active.eq(true))
        .add(Condition::any().add(sub::Column::ClaimedUntil.is_null()).add(sub::Column::ClaimedUntil.lte(now)))
}

/// Claims up to `limit` active subscriptions nobody is feeding, until `lease_until`; their
/// `claimed_until` is the token for [`advance`].
pub async fn claim_for_fanout(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<SubscriptionRow>, StoreError> {
    let lease_until = lease_until.trunc_subsecs(6);
    let candidates = Query::select()
        .column(sub::Column::Id)
        .from(sub::Entity)
        .cond_where(claimable(now))
        .order_by(sub::Column::Id, sea_orm::sea_query::Order::Asc)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    let claim = Query::update()
        .table(sub::Entity)
        .value(sub::Column::ClaimedUntil, lease_until)
        .cond_where(Condition::all().add(sub::Column::Id.in_subquery(candidates)).add(claimable(now)))
        .returning_all()
        .to_owned();
    let stmt = db.get_database_backend().build(&claim);
    let mut rows = sub::Entity::find().from_raw_sql(stmt).all(db).await?;
    rows.sort_by_key(|r| r.id);
    Ok(rows)
}

/// Moves a claimed subscription's cursor to the last event handed to it (if any) and
/// releases the claim — only while `claimed` still holds it. `false`: the claim was lost, and
/// the caller must roll back the deliveries it wrote with it.
pub async fn advance(
    db: &impl ConnectionTrait,
    claimed: &SubscriptionRow,
    cursor: Option<(DateTime<Utc>, Uuid)>,
) -> Result<bool, StoreError> {
    let Some(token) = claimed.claimed_until else {
        return Ok(false);
    };
    let mut update = sub::Entity::update_many()
        .col_expr(sub::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(sub::Column::Id.eq(claimed.id))
        .filter(sub::Column::ClaimedUntil.eq(token));
    if let Some((at, id)) = cursor {
        update = update
            .col_expr(sub::Column::CursorAt, Expr::value(at))
            .col_expr(sub::Column::CursorId, Expr::value(Some(id)));
    }
    Ok(update.exec(db).await?.rows_affected == 1)
}

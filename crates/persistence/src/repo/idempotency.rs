//! Idempotency keys of creating requests: the first answer is stored and replayed.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::idempotency_key;

pub use idempotency_key::Model as IdempotencyRow;

pub async fn find(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    user_id: Uuid,
    key: &str,
) -> Result<Option<IdempotencyRow>, StoreError> {
    Ok(idempotency_key::Entity::find()
        .filter(idempotency_key::Column::TenantId.eq(tenant_id))
        .filter(idempotency_key::Column::UserId.eq(user_id))
        .filter(idempotency_key::Column::Key.eq(key))
        .one(db)
        .await?)
}

/// Stores the answer; a concurrent request with the same key makes this fail with
/// `Conflict` (and its transaction roll back).
#[allow(clippy::too_many_arguments)]
pub async fn store(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    user_id: Uuid,
    key: &str,
    request_hash: &str,
    status: u16,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let row = idempotency_key::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        user_id: Set(user_id),
        key: Set(key.to_owned()),
        request_hash: Set(request_hash.to_owned()),
        status: Set(i32::from(status)),
        body: Set(body.to_owned()),
        created_at: Set(now),
    };
    idempotency_key::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// Reserves `key` for a request about to run (status 0 until its answer is stored). Fails
/// with `Conflict` when the key exists (another request has it).
pub async fn reserve(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    user_id: Uuid,
    key: &str,
    request_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    store(db, tenant_id, user_id, key, request_hash, 0, "", now).await
}

/// Stores the answer of a reserved key.
pub async fn complete(db: &impl ConnectionTrait, id: Uuid, status: u16, body: &str) -> Result<(), StoreError> {
    idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::Status, sea_orm::sea_query::Expr::value(i32::from(status)))
        .col_expr(idempotency_key::Column::Body, sea_orm::sea_query::Expr::value(body.to_owned()))
        .filter(idempotency_key::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Releases a reservation whose request failed, so that a retry runs again.
pub async fn release(db: &impl ConnectionTrait, id: Uuid) -> Result<(), StoreError> {
    idempotency_key::Entity::delete_many().filter(idempotency_key::Column::Id.eq(id)).exec(db).await?;
    Ok(())
}

/// Marks a reservation as carried out, in the transaction of its request's change: a retry
/// after a crash that lost the answer then knows not to run the request again.
pub async fn mark_applied(db: &impl ConnectionTrait, id: Uuid, applied: i32) -> Result<(), StoreError> {
    idempotency_key::Entity::update_many()
        .col_expr(idempotency_key::Column::Status, sea_orm::sea_query::Expr::value(applied))
        .filter(idempotency_key::Column::Id.eq(id))
        .filter(idempotency_key::Column::Status.eq(0))
        .exec(db)
        .await?;
    Ok(())
}

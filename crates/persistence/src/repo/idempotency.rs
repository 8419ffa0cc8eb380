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

//! Refresh tokens: stored as hashes, rotated on every use, revoked by family.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::refresh_token::{self, Entity as RefreshToken};

pub use refresh_token::Model as RefreshTokenRow;

pub struct NewRefreshToken<'a> {
    pub tenant_id: Uuid,
    pub user_id: Uuid,
    pub family_id: Uuid,
    pub token_hash: &'a str,
    pub expires_at: DateTime<Utc>,
}

pub async fn insert(db: &impl ConnectionTrait, new: NewRefreshToken<'_>, now: DateTime<Utc>) -> Result<(), StoreError> {
    let row = refresh_token::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(new.tenant_id),
        user_id: Set(new.user_id),
        family_id: Set(new.family_id),
        token_hash: Set(new.token_hash.to_owned()),
        issued_at: Set(now),
        expires_at: Set(new.expires_at),
        rotated_at: Set(None),
        revoked_at: Set(None),
    };
    RefreshToken::insert(row).exec_without_returning(db).await?;
    Ok(())
}

pub async fn find_by_hash(db: &impl ConnectionTrait, token_hash: &str) -> Result<Option<RefreshTokenRow>, StoreError> {
    Ok(RefreshToken::find().filter(refresh_token::Column::TokenHash.eq(token_hash)).one(db).await?)
}

/// Marks a live token as used. Returns false when another request rotated or revoked it
/// first (a race or a replay), so exactly one caller gets the next token.
pub async fn mark_rotated(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<bool, StoreError> {
    let res = RefreshToken::update_many()
        .col_expr(refresh_token::Column::RotatedAt, Expr::value(Some(now)))
        .filter(refresh_token::Column::Id.eq(id))
        .filter(refresh_token::Column::RotatedAt.is_null())
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Revokes every token of a family (a logout, or the reuse of a rotated token).
pub async fn revoke_family(db: &impl ConnectionTrait, family_id: Uuid, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let res = RefreshToken::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(refresh_token::Column::FamilyId.eq(family_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Revokes every live refresh token of a user (deactivated, or given a new password): each of
/// their sessions ends when its access token expires.
pub async fn revoke_all_of_user(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    let res = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::RevokedAt, Expr::value(Some(now)))
        .filter(refresh_token::Column::UserId.eq(user_id))
        .filter(refresh_token::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

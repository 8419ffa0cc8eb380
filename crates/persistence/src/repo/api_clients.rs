//! API clients: third-party systems of a tenant, each with the account it acts as. Only the
//! key's lookup part and its hash are kept.

use butler_domain::api_access::ApiScope;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use std::collections::HashMap;
use uuid::Uuid;

use crate::entity::api_client::{self, Entity as ApiClient};
use crate::entity::user::{self, Entity as User};
use crate::page::fetch_page;
use crate::repo::users::UserRow;
use crate::{Codes, Page, PageRequest, StoreError};

pub use api_client::Model as ApiClientRow;

/// A client with the account it acts as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientWithAccount {
    pub client: ApiClientRow,
    pub account: UserRow,
}

pub struct NewApiClient<'a> {
    pub user_id: Uuid,
    pub scopes: &'a [ApiScope],
    pub rate_limit_per_minute: i32,
    pub key_id: &'a str,
    pub key_hash: &'a str,
    pub created_by: Uuid,
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewApiClient<'_>,
    now: DateTime<Utc>,
) -> Result<ApiClientRow, StoreError> {
    let row = api_client::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        user_id: Set(new.user_id),
        scopes: Set(Codes(new.scopes.to_vec())),
        rate_limit_per_minute: Set(new.rate_limit_per_minute),
        key_id: Set(new.key_id.to_owned()),
        key_hash: Set(new.key_hash.to_owned()),
        created_by: Set(new.created_by),
        created_at: Set(now),
        rotated_at: Set(None),
        revoked_at: Set(None),
        last_used_at: Set(None),
        updated_at: Set(now),
    };
    Ok(ApiClient::insert(row).exec_with_returning(db).await?)
}

async fn with_account(db: &impl ConnectionTrait, client: ApiClientRow) -> Result<ClientWithAccount, StoreError> {
    let account = User::find_by_id(client.user_id).one(db).await?.ok_or(StoreError::NotFound)?;
    Ok(ClientWithAccount { client, account })
}

/// One client of a tenant.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<ClientWithAccount, StoreError> {
    let client = ApiClient::find_by_id(id)
        .filter(api_client::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)?;
    with_account(db, client).await
}

/// The client whose key has this lookup part, of any tenant (the key names its client).
pub async fn find_by_key_id(db: &impl ConnectionTrait, key_id: &str) -> Result<Option<ClientWithAccount>, StoreError> {
    match ApiClient::find().filter(api_client::Column::KeyId.eq(key_id)).one(db).await? {
        Some(client) => with_account(db, client).await.map(Some),
        None => Ok(None),
    }
}

/// A page of a tenant's clients, oldest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    page: PageRequest,
) -> Result<Page<ClientWithAccount>, StoreError> {
    let select = ApiClient::find().filter(api_client::Column::TenantId.eq(tenant_id));
    let page = fetch_page(db, select, api_client::Column::Id, |m| m.id, page).await?;
    let ids: Vec<Uuid> = page.items.iter().map(|c| c.user_id).collect();
    let mut accounts: HashMap<Uuid, UserRow> =
        User::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u)).collect();
    let mut items = Vec::with_capacity(page.items.len());
    for client in page.items {
        let account = accounts.remove(&client.user_id).ok_or(StoreError::NotFound)?;
        items.push(ClientWithAccount { client, account });
    }
    Ok(Page { items, next_cursor: page.next_cursor })
}

/// Gives a live client a new key; `NotFound` when it is not the tenant's or is revoked.
pub async fn replace_key(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    key_id: &str,
    key_hash: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let res = ApiClient::update_many()
        .col_expr(api_client::Column::KeyId, Expr::value(key_id))
        .col_expr(api_client::Column::KeyHash, Expr::value(key_hash))
        .col_expr(api_client::Column::RotatedAt, Expr::value(Some(now)))
        .col_expr(api_client::Column::UpdatedAt, Expr::value(now))
        .filter(api_client::Column::Id.eq(id))
        .filter(api_client::Column::TenantId.eq(tenant_id))
        .filter(api_client::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

/// Revokes a live client; `NotFound` when it is not the tenant's or is revoked already.
pub async fn revoke(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let res = ApiClient::update_many()
        .col_expr(api_client::Column::RevokedAt, Expr::value(Some(now)))
        .col_expr(api_client::Column::UpdatedAt, Expr::value(now))
        .filter(api_client::Column::Id.eq(id))
        .filter(api_client::Column::TenantId.eq(tenant_id))
        .filter(api_client::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

/// Records a use of the client's key, unless one was recorded since `not_since` (so a busy
/// client writes at most once per interval, whichever server it calls).
pub async fn touch(
    db: &impl ConnectionTrait,
    id: Uuid,
    now: DateTime<Utc>,
    not_since: DateTime<Utc>,
) -> Result<(), StoreError> {
    ApiClient::update_many()
        .col_expr(api_client::Column::LastUsedAt, Expr::value(Some(now)))
        .filter(api_client::Column::Id.eq(id))
        .filter(api_client::Column::LastUsedAt.is_null().or(api_client::Column::LastUsedAt.lt(not_since)))
        .exec(db)
        .await?;
    Ok(())
}

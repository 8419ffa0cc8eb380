//! The `api_clients` table: third-party systems, each backed by an account of its own.

use butler_domain::api_access::ApiScope;
use sea_orm::entity::prelude::*;

use crate::code::Codes;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "api_clients")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// The account the client acts as (`users.account_kind = api_client`).
    #[sea_orm(unique)]
    pub user_id: Uuid,
    pub scopes: Codes<ApiScope>,
    pub rate_limit_per_minute: i32,
    /// The key's lookup part: `bk_<key_id>_<secret>`.
    #[sea_orm(unique)]
    pub key_id: String,
    /// SHA-256 of the whole key, hex.
    pub key_hash: String,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub rotated_at: Option<DateTimeUtc>,
    pub revoked_at: Option<DateTimeUtc>,
    pub last_used_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

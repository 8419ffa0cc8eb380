//! Machine access: each account is a person's or an API client's (`users.account_kind`), and
//! each API client holds its scopes, its per-minute limit and its key — only the key's lookup
//! prefix and its SHA-256 are kept, never the key.

use sea_orm_migration::{prelude::*, schema::*};

use super::common::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("users"))
                .add_column(ColumnDef::new(Alias::new("account_kind")).string_len(16).not_null().default("person"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("api_clients")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                // The account the client acts as (its name, role and department).
                .col(uuid("user_id"))
                // Space-separated scope codes (`cases:read sheets:write`).
                .col(string_len("scopes", 400))
                .col(integer("rate_limit_per_minute"))
                // The key's lookup part (`bk_<key_id>_…`) and the SHA-256 of the whole key, hex.
                .col(string_len("key_id", 32))
                .col(string_len("key_hash", 64))
                .col(uuid("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("rotated_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .col(timestamp_with_time_zone_null("last_used_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("api_clients", "tenant_id", "tenants"))
                .foreign_key(&mut fk("api_clients", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("api_clients", "ux_api_clients_key_id", &["key_id"], true)).await?;
        m.create_index(index("api_clients", "ux_api_clients_user", &["user_id"], true)).await?;
        m.create_index(index("api_clients", "ix_api_clients_tenant", &["tenant_id"], false)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("api_clients")).to_owned()).await?;
        m.alter_table(Table::alter().table(Alias::new("users")).drop_column(Alias::new("account_kind")).to_owned())
            .await
    }
}

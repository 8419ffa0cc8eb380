//! Counties run by data: the platform above them, a county's standing (active or suspended),
//! its settings kept as versions, the version each deadline was opened under, and accounts
//! whose initial password must be changed at the first sign-in.
//!
//! - `tenants.kind`: `county`, or `platform` for the one tenant holding the platform
//!   administrators (it has no cases, departments or catalog).
//! - `tenants.status`: `active` or `suspended`, with the reason and the time of the change.
//! - `tenant_settings`: one row per version of a county's settings (JSON of the domain's
//!   `CountySettings`); the highest version is in force. A county with none keeps the
//!   defaults (version 0).
//! - `deadlines.settings_version`: the version a deadline was opened under; its ladder is that
//!   version's, whatever changed since.
//! - `users.must_change_password`: an account created with an initial password (an onboarding
//!   workbook's) must set its own before doing anything else.

use sea_orm_migration::{prelude::*, schema::*};

use super::common::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn add(table: &str, col: ColumnDef) -> TableAlterStatement {
    Table::alter().table(Alias::new(table)).add_column(col).to_owned()
}

fn drop(table: &str, col: &str) -> TableAlterStatement {
    Table::alter().table(Alias::new(table)).drop_column(Alias::new(col)).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite alters one column per statement.
        m.alter_table(add("tenants", string_len("kind", 16).default("county").to_owned())).await?;
        m.alter_table(add("tenants", string_len("status", 16).default("active").to_owned())).await?;
        m.alter_table(add("tenants", text_null("status_reason").to_owned())).await?;
        m.alter_table(add("tenants", timestamp_with_time_zone_null("status_changed_at").to_owned())).await?;
        m.alter_table(add("users", boolean("must_change_password").default(false).to_owned())).await?;
        m.alter_table(add("deadlines", integer("settings_version").default(0).to_owned())).await?;
        m.create_table(
            Table::create()
                .table("tenant_settings")
                .col(uuid("tenant_id"))
                .col(integer("version"))
                .col(text("settings"))
                // Why the change was made, as the person making it wrote.
                .col(text_null("note"))
                .col(uuid_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col(Alias::new("tenant_id")).col(Alias::new("version")))
                .foreign_key(&mut fk("tenant_settings", "tenant_id", "tenants"))
                .foreign_key(&mut fk("tenant_settings", "created_by", "users"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("tenant_settings")).to_owned()).await?;
        m.alter_table(drop("deadlines", "settings_version")).await?;
        m.alter_table(drop("users", "must_change_password")).await?;
        for col in ["status_changed_at", "status_reason", "status", "kind"] {
            m.alter_table(drop("tenants", col)).await?;
        }
        Ok(())
    }
}

//! Each tenant's message templates: the wording of one notification kind in one language,
//! replacing the built-in one while it exists.

use sea_orm_migration::{prelude::*, schema::*};

use super::common::fk;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("message_templates")
                .col(uuid("tenant_id"))
                .col(string_len("kind", 64))
                // `zh-CN` or `en`.
                .col(string_len("language", 16))
                .col(string_len("title", 400))
                .col(text("body"))
                .col(uuid("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .primary_key(
                    Index::create().col(Alias::new("tenant_id")).col(Alias::new("kind")).col(Alias::new("language")),
                )
                .foreign_key(&mut fk("message_templates", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("message_templates")).to_owned()).await
    }
}

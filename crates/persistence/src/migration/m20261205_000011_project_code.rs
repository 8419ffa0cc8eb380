//! The national project code (一项一码, GB/T 40058-2021) on a case, unique per tenant when
//! present (both databases let a unique index hold many NULLs); and the change feed's order on
//! `case_events`: (tenant, time, id).

use sea_orm_migration::prelude::*;

use super::common::index;

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
                .table(Alias::new("cases"))
                .add_column(ColumnDef::new(Alias::new("project_code")).string_len(24).null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("cases", "ux_cases_project_code", &["tenant_id", "project_code"], true)).await?;
        m.create_index(index("case_events", "ix_case_events_feed", &["tenant_id", "occurred_at", "id"], false)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_case_events_feed").table(Alias::new("case_events")).to_owned()).await?;
        m.drop_index(Index::drop().name("ux_cases_project_code").table(Alias::new("cases")).to_owned()).await?;
        m.alter_table(Table::alter().table(Alias::new("cases")).drop_column(Alias::new("project_code")).to_owned())
            .await
    }
}

//! A covering index for the supervision statistics: every column `repo::statistics` reads,
//! after the tenant and the department (and the agent), so that counting a tenant's sheets
//! reads the index alone, in the order it groups by, never the sheets' rows and their JSON.

use sea_orm_migration::prelude::*;

use super::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

const COLUMNS: [&str; 12] = [
    "tenant_id",
    "department_id",
    "assignee_id",
    "state",
    "open",
    "dispatched_at",
    "acknowledge_by",
    "acknowledged_at",
    "finish_by",
    "closed_at",
    "outcome",
    "id",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(index("task_sheets", "ix_task_sheets_statistics", &COLUMNS, false)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_task_sheets_statistics").table(Alias::new("task_sheets")).to_owned()).await
    }
}

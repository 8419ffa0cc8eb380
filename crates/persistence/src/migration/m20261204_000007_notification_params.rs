//! A notification keeps what it says as parameters (its kind's facts: the project, the item,
//! the deadline…), so that each reader sees it in their own language; the title and body
//! written with it stay as the Chinese text of record.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "notifications";
const COLUMN: &str = "params";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new(TABLE))
                .add_column(ColumnDef::new(Alias::new(COLUMN)).json().null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Alias::new(TABLE)).drop_column(Alias::new(COLUMN)).to_owned()).await
    }
}

//! When an account's sessions were last ended (closed, or given a new password): access tokens
//! issued before it are refused, so that closing an account takes effect at once rather than
//! when its last access token expires.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "users";
const COLUMN: &str = "sessions_valid_from";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new(TABLE))
                .add_column(ColumnDef::new(Alias::new(COLUMN)).timestamp_with_time_zone().null())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Alias::new(TABLE)).drop_column(Alias::new(COLUMN)).to_owned()).await
    }
}

//! Each history event records the version of the canonical form its hash covers (see
//! `butler_domain::case::history`): version 2 binds the case and tenant into the hash. Events
//! written before keep version 1 and verify as they did.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "case_events";
const COLUMN: &str = "chain_version";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new(TABLE))
                .add_column(ColumnDef::new(Alias::new(COLUMN)).small_integer().not_null().default(1))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Alias::new(TABLE)).drop_column(Alias::new(COLUMN)).to_owned()).await
    }
}

//! The tenant's directory version (`tenants.directory_version`): moved on in the same
//! transaction as every change to what a case's page names besides the case itself (a user's
//! name, a condition imposed, edited or lifted), so that a server process holding a case's
//! facts can tell with one single-row read whether they are still current.

use sea_orm_migration::prelude::*;

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
                .table(Alias::new("tenants"))
                .add_column(ColumnDef::new(Alias::new("directory_version")).big_integer().not_null().default(0))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Alias::new("tenants")).drop_column(Alias::new("directory_version")).to_owned(),
        )
        .await
    }
}

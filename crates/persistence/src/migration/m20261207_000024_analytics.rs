//! Analytics: the county's project-wide target in working days (国家 120 个工作日 by default),
//! against which every case's forecast end is compared.

use sea_orm_migration::{prelude::*, schema::*};

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
                .add_column(integer("target_working_days").default(120).to_owned())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter().table(Alias::new("tenants")).drop_column(Alias::new("target_working_days")).to_owned(),
        )
        .await
    }
}

//! An item version's revision: the number its edits are guarded by (`If-Match`), as a case's
//! `version` guards a case. It starts at 1 and grows by one with every edit of a draft.

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
                .table(Alias::new("approval_items"))
                .add_column(integer("revision").default(1).to_owned())
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(Table::alter().table(Alias::new("approval_items")).drop_column(Alias::new("revision")).to_owned())
            .await
    }
}

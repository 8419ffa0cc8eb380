//! What a finished sheet's clock used against what it was promised, in office minutes (SPEC §6:
//! "average working days used against promised"). Both are computed by the domain when the
//! sheet finishes, with the tenant's calendar and the sheet's pauses, and kept in two columns
//! so that averaging them stays one aggregate. The statistics' covering index is rebuilt to
//! hold them, so that the figures still read the index alone.

use sea_orm_migration::prelude::*;

use super::common::index;

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLE: &str = "task_sheets";
const INDEX: &str = "ix_task_sheets_statistics";
const NEW_COLUMNS: [&str; 2] = ["office_minutes_used", "office_minutes_promised"];

/// The index of migration `000004` (its first twelve columns, written out here: a migration
/// never reads another's constants), then the two new columns.
const INDEXED: [&str; 14] = [
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
    "office_minutes_used",
    "office_minutes_promised",
];

fn drop_index() -> IndexDropStatement {
    Index::drop().name(INDEX).table(Alias::new(TABLE)).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on SQLite too (the default there is none): the statements then run on
    /// one connection, and a failure leaves the index as it was.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one column at a time.
        for column in NEW_COLUMNS {
            m.alter_table(
                Table::alter()
                    .table(Alias::new(TABLE))
                    .add_column(ColumnDef::new(Alias::new(column)).integer().null())
                    .to_owned(),
            )
            .await?;
        }
        m.drop_index(drop_index()).await?;
        m.create_index(index(TABLE, INDEX, &INDEXED, false)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(drop_index()).await?;
        m.create_index(index(TABLE, INDEX, &INDEXED[..12], false)).await?;
        for column in NEW_COLUMNS {
            m.alter_table(Table::alter().table(Alias::new(TABLE)).drop_column(Alias::new(column)).to_owned()).await?;
        }
        Ok(())
    }
}

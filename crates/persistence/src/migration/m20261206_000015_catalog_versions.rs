//! Catalog versions and the rest of a service guide's fields.
//!
//! `approval_items.status` (draft, published, retired) with the dates a version is in force;
//! `current` keeps meaning "the version plans and the public use" and is now true exactly for a
//! published version. At most one draft and one current version per item code (partial unique
//! indexes, the same text on SQLite and PostgreSQL). Materials gain a sample and a note (份数,
//! 原件/复印件, where it comes from).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn add(table: &str, column: ColumnDef) -> TableAlterStatement {
    let mut column = column;
    Table::alter().table(Alias::new(table)).add_column(&mut column).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(add("approval_items", string_len("status", 16).default("published").to_owned())).await?;
        for column in [
            date_null("valid_from"),
            date_null("valid_until"),
            text_null("result_name"),
            text_null("acceptance_conditions"),
            text_null("fee_basis"),
            string_len_null("supervision_phone", 32),
            timestamp_with_time_zone_null("updated_at"),
        ] {
            m.alter_table(add("approval_items", column)).await?;
        }
        for column in [text_null("sample"), text_null("note")] {
            m.alter_table(add("approval_item_materials", column)).await?;
        }
        // Versions that were not current were replaced by a later one.
        m.exec_stmt(
            Query::update()
                .table(Alias::new("approval_items"))
                .value(Alias::new("status"), "retired")
                .and_where(Expr::col(Alias::new("current")).eq(false))
                .to_owned(),
        )
        .await?;
        let db = m.get_connection();
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_approval_items_one_draft ON approval_items (tenant_id, code) WHERE status = 'draft'",
        )
        .await?;
        db.execute_unprepared(
            "CREATE UNIQUE INDEX ux_approval_items_one_current ON approval_items (tenant_id, code) WHERE current",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        db.execute_unprepared("DROP INDEX ux_approval_items_one_current").await?;
        db.execute_unprepared("DROP INDEX ux_approval_items_one_draft").await?;
        for column in ["sample", "note"] {
            m.alter_table(
                Table::alter().table(Alias::new("approval_item_materials")).drop_column(Alias::new(column)).to_owned(),
            )
            .await?;
        }
        for column in [
            "status",
            "valid_from",
            "valid_until",
            "result_name",
            "acceptance_conditions",
            "fee_basis",
            "supervision_phone",
            "updated_at",
        ] {
            m.alter_table(
                Table::alter().table(Alias::new("approval_items")).drop_column(Alias::new(column)).to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}

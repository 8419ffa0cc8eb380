//! Legal fees (法定收费) per task sheet, and the joint pre-review (联合预审) before dispatch.
//!
//! - `legal_fees`: one row per fee as recorded; a correction inserts the replacing row
//!   (`replaces_id`, `correction_reason`) and marks the replaced one `superseded_at`, so the
//!   current fees are those not superseded and nothing recorded is ever edited away.
//! - `prereviews`: a case's pre-review rounds (`open`, then `closed` with the consolidated list
//!   in `consolidated`); at most one open per case (a partial unique index, the same text on
//!   SQLite and PostgreSQL).
//! - `prereview_opinions`: each department's opinions; a repeated one supersedes the last.

use sea_orm_migration::{prelude::*, schema::*};

use super::common::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("legal_fees")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(uuid("sheet_id"))
                .col(uuid("department_id"))
                .col(uuid("case_item_id"))
                // The item's name as planned, for the totals per item.
                .col(string_len("item_name", 200))
                .col(big_integer("amount_fen"))
                .col(text("basis"))
                .col(boolean("basis_from_catalog"))
                .col(string_len("receipt_number", 64))
                .col(date("paid_on"))
                .col(uuid("recorded_by"))
                .col(timestamp_with_time_zone("recorded_at"))
                .col(uuid_null("replaces_id"))
                .col(text_null("correction_reason"))
                .col(timestamp_with_time_zone_null("superseded_at"))
                .foreign_key(&mut fk("legal_fees", "case_id", "cases"))
                .foreign_key(&mut fk("legal_fees", "sheet_id", "task_sheets"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("legal_fees", "ix_legal_fees_case", &["case_id", "recorded_at"], false)).await?;
        m.create_index(index("legal_fees", "ix_legal_fees_department", &["tenant_id", "department_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("prereviews")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(string_len("state", 16))
                // The plan's departments asked for an opinion, in the plan's order.
                .col(json("departments"))
                .col(uuid("opened_by"))
                .col(timestamp_with_time_zone("opened_at"))
                .col(uuid_null("closed_by"))
                .col(timestamp_with_time_zone_null("closed_at"))
                // The consolidated list: per department, its gaps.
                .col(json_null("consolidated"))
                .foreign_key(&mut fk("prereviews", "case_id", "cases"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("prereviews", "ix_prereviews_case", &["case_id", "opened_at"], false)).await?;
        m.get_connection()
            .execute_unprepared(
                "CREATE UNIQUE INDEX ux_prereviews_one_open ON prereviews (case_id) WHERE state = 'open'",
            )
            .await?;

        m.create_table(
            Table::create()
                .table("prereview_opinions")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("prereview_id"))
                .col(uuid("department_id"))
                // The gaps found; empty: no gaps.
                .col(json("gaps"))
                .col(uuid("given_by"))
                .col(timestamp_with_time_zone("given_at"))
                .col(timestamp_with_time_zone_null("superseded_at"))
                .foreign_key(&mut fk("prereview_opinions", "prereview_id", "prereviews"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "prereview_opinions",
            "ix_prereview_opinions_review",
            &["prereview_id", "department_id", "given_at"],
            false,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("prereview_opinions")).to_owned()).await?;
        m.get_connection().execute_unprepared("DROP INDEX ux_prereviews_one_open").await?;
        m.drop_table(Table::drop().table(Alias::new("prereviews")).to_owned()).await?;
        m.drop_table(Table::drop().table(Alias::new("legal_fees")).to_owned()).await
    }
}

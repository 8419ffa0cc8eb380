//! Complaints (投诉举报) with their timeline, and complaint deadlines in the one `deadlines`
//! table the reminder sweep reads: a deadline now belongs to a case (`case_id`, its sheet in
//! `sheet_id`) or to a complaint (`complaint_id`), so `case_id` becomes nullable.
//!
//! PostgreSQL alters the column in place; SQLite cannot drop a NOT NULL, so there the table
//! is rebuilt (create, copy, drop, rename) with the same columns, keys and indexes.

use sea_orm_migration::sea_orm::DbBackend;
use sea_orm_migration::{prelude::*, schema::*};

use super::common::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

const DEADLINE_COLUMNS: &str =
    "id, tenant_id, case_id, sheet_id, kind, due_at, next_step_at, done_steps, claimed_until, closed_at";

fn deadlines_table(name: &str) -> TableCreateStatement {
    Table::create()
        .table(Alias::new(name))
        .col(pk_uuid("id"))
        .col(uuid("tenant_id"))
        .col(uuid_null("case_id"))
        .col(uuid_null("sheet_id"))
        .col(string_len("kind", 32))
        .col(timestamp_with_time_zone("due_at"))
        .col(timestamp_with_time_zone_null("next_step_at"))
        .col(json("done_steps"))
        .col(timestamp_with_time_zone_null("claimed_until"))
        .col(timestamp_with_time_zone_null("closed_at"))
        .col(uuid_null("complaint_id"))
        .foreign_key(&mut fk("deadlines", "case_id", "cases").from_tbl(Alias::new(name)).to_owned())
        .foreign_key(&mut fk("deadlines", "complaint_id", "complaints").from_tbl(Alias::new(name)).to_owned())
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("complaints")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("tracking_number", 32))
                .col(string_len("subject", 32))
                // The department (subject `department`) or the official (subject `agent`).
                .col(uuid_null("subject_id"))
                .col(string_len_null("case_number", 32))
                // The case the number names, when it names one of the tenant's.
                .col(uuid_null("case_id"))
                .col(string_len("name", 100))
                .col(string_len("mobile", 20))
                .col(text("text"))
                .col(string_len("state", 32))
                .col(integer("version"))
                .col(uuid_null("department_id"))
                .col(uuid_null("assignee_id"))
                .col(timestamp_with_time_zone_null("assigned_at"))
                .col(timestamp_with_time_zone_null("due_at"))
                .col(text_null("reply"))
                .col(uuid_null("replied_by"))
                .col(timestamp_with_time_zone_null("replied_at"))
                .col(string_len_null("satisfaction", 32))
                .col(timestamp_with_time_zone_null("rated_at"))
                .col(integer("reopened"))
                .col(text_null("reject_reason"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("complaints", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("complaints", "ux_complaints_tracking_number", &["tracking_number"], true)).await?;
        m.create_index(index("complaints", "ix_complaints_tenant_state", &["tenant_id", "state", "id"], false)).await?;
        m.create_index(index("complaints", "ix_complaints_department", &["tenant_id", "department_id", "id"], false))
            .await?;
        m.create_index(index("complaints", "ix_complaints_assignee", &["tenant_id", "assignee_id", "id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("complaint_events")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("complaint_id"))
                .col(string_len("action", 32))
                .col(string_len_null("from_state", 32))
                .col(string_len("to_state", 32))
                // The official who acted; none for the complainant.
                .col(uuid_null("actor_id"))
                // The reply, the reason, or the rating given.
                .col(text_null("note"))
                .col(timestamp_with_time_zone("occurred_at"))
                .foreign_key(&mut fk("complaint_events", "complaint_id", "complaints"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("complaint_events", "ix_complaint_events_complaint", &["complaint_id", "id"], false))
            .await?;

        match m.get_database_backend() {
            DbBackend::Sqlite => {
                let db = m.get_connection();
                m.create_table(deadlines_table("deadlines_v18")).await?;
                db.execute_unprepared(&format!(
                    "INSERT INTO deadlines_v18 ({DEADLINE_COLUMNS}) SELECT {DEADLINE_COLUMNS} FROM deadlines"
                ))
                .await?;
                db.execute_unprepared("DROP TABLE deadlines").await?;
                db.execute_unprepared("ALTER TABLE deadlines_v18 RENAME TO deadlines").await?;
                m.create_index(index("deadlines", "ix_deadlines_next_step", &["next_step_at"], false)).await?;
                m.create_index(index("deadlines", "ix_deadlines_subject", &["case_id", "sheet_id", "kind"], false))
                    .await?;
            }
            _ => {
                m.alter_table(
                    Table::alter()
                        .table(Alias::new("deadlines"))
                        .modify_column(ColumnDef::new(Alias::new("case_id")).uuid().null())
                        .add_column(ColumnDef::new(Alias::new("complaint_id")).uuid().null())
                        .to_owned(),
                )
                .await?;
                m.create_foreign_key(fk("deadlines", "complaint_id", "complaints")).await?;
            }
        }
        m.create_index(index("deadlines", "ix_deadlines_complaint", &["complaint_id", "kind"], false)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_deadlines_complaint").table(Alias::new("deadlines")).to_owned()).await?;
        let db = m.get_connection();
        db.execute_unprepared("DELETE FROM deadlines WHERE complaint_id IS NOT NULL").await?;
        if m.get_database_backend() == DbBackend::Postgres {
            m.alter_table(
                Table::alter()
                    .table(Alias::new("deadlines"))
                    .drop_foreign_key(Alias::new("fk_deadlines_complaint_id"))
                    .drop_column(Alias::new("complaint_id"))
                    .modify_column(ColumnDef::new(Alias::new("case_id")).uuid().not_null())
                    .to_owned(),
            )
            .await?;
        }
        m.drop_table(Table::drop().table(Alias::new("complaint_events")).to_owned()).await?;
        m.drop_table(Table::drop().table(Alias::new("complaints")).to_owned()).await
    }
}

//! Joint meetings (联席会议): the meeting with its agenda and minutes, the departments (and
//! officials) attending, the cases discussed, the decisions recorded with the minutes and
//! their follow-up actions; and a meeting action's deadline in the one `deadlines` table the
//! reminder sweep reads (`deadlines.meeting_action_id`, a nullable column added in place on
//! both databases).

use sea_orm_migration::sea_orm::DbBackend;
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
                .table("meetings")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("title", 200))
                .col(string_len("kind", 32))
                .col(string_len("state", 32))
                .col(integer("version"))
                .col(timestamp_with_time_zone("scheduled_at"))
                .col(string_len("place", 200))
                // The agenda items, in order (a JSON array of texts).
                .col(json("agenda"))
                .col(text_null("minutes"))
                .col(timestamp_with_time_zone_null("held_at"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(text_null("cancel_reason"))
                .col(uuid("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("meetings", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("meetings", "ix_meetings_tenant_scheduled", &["tenant_id", "scheduled_at", "id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("meeting_attendees")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("meeting_id"))
                .col(integer("position"))
                .col(uuid("department_id"))
                // A named official of the department, optionally.
                .col(uuid_null("user_id"))
                .foreign_key(&mut fk("meeting_attendees", "meeting_id", "meetings"))
                .foreign_key(&mut fk("meeting_attendees", "department_id", "departments"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("meeting_attendees", "ix_meeting_attendees_meeting", &["meeting_id", "position"], false))
            .await?;
        m.create_index(index(
            "meeting_attendees",
            "ix_meeting_attendees_department",
            &["tenant_id", "department_id", "meeting_id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("meeting_cases")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("meeting_id"))
                .col(integer("position"))
                .col(uuid("case_id"))
                .foreign_key(&mut fk("meeting_cases", "meeting_id", "meetings"))
                .foreign_key(&mut fk("meeting_cases", "case_id", "cases"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("meeting_cases", "ix_meeting_cases_meeting", &["meeting_id", "position"], false)).await?;
        m.create_index(index("meeting_cases", "ix_meeting_cases_case", &["case_id", "meeting_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("meeting_decisions")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("meeting_id"))
                .col(integer("position"))
                .col(string_len("kind", 32))
                .col(text("text"))
                .col(uuid_null("case_id"))
                .foreign_key(&mut fk("meeting_decisions", "meeting_id", "meetings"))
                .foreign_key(&mut fk("meeting_decisions", "case_id", "cases"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("meeting_decisions", "ix_meeting_decisions_meeting", &["meeting_id", "position"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("meeting_actions")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("meeting_id"))
                .col(uuid("decision_id"))
                .col(integer("position"))
                .col(uuid("department_id"))
                // A named official of the owner department, optionally.
                .col(uuid_null("owner_id"))
                .col(text("what"))
                .col(integer("working_days"))
                .col(timestamp_with_time_zone("due_at"))
                .col(string_len("state", 32))
                .col(integer("version"))
                // The note of a done action, or the reason of a dropped one.
                .col(text_null("note"))
                .col(uuid_null("settled_by"))
                .col(timestamp_with_time_zone_null("settled_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("meeting_actions", "meeting_id", "meetings"))
                .foreign_key(&mut fk("meeting_actions", "decision_id", "meeting_decisions"))
                .foreign_key(&mut fk("meeting_actions", "department_id", "departments"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("meeting_actions", "ix_meeting_actions_meeting", &["meeting_id", "position"], false))
            .await?;
        m.create_index(index(
            "meeting_actions",
            "ix_meeting_actions_department",
            &["tenant_id", "department_id", "state", "id"],
            false,
        ))
        .await?;

        m.alter_table(
            Table::alter()
                .table(Alias::new("deadlines"))
                .add_column(ColumnDef::new(Alias::new("meeting_action_id")).uuid().null())
                .to_owned(),
        )
        .await?;
        if m.get_database_backend() == DbBackend::Postgres {
            m.create_foreign_key(fk("deadlines", "meeting_action_id", "meeting_actions")).await?;
        }
        m.create_index(index("deadlines", "ix_deadlines_meeting_action", &["meeting_action_id", "kind"], false)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_deadlines_meeting_action").table(Alias::new("deadlines")).to_owned())
            .await?;
        let db = m.get_connection();
        db.execute_unprepared("DELETE FROM deadlines WHERE meeting_action_id IS NOT NULL").await?;
        let mut alter = Table::alter();
        alter.table(Alias::new("deadlines"));
        if m.get_database_backend() == DbBackend::Postgres {
            alter.drop_foreign_key(Alias::new("fk_deadlines_meeting_action_id"));
        }
        m.alter_table(alter.drop_column(Alias::new("meeting_action_id")).to_owned()).await?;
        for table in ["meeting_actions", "meeting_decisions", "meeting_cases", "meeting_attendees", "meetings"] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}

//! The case lifecycle: cases, butler teams, plan items, task sheets, the hash-chained
//! history, notifications (the outbox), deadlines, idempotency keys, evaluations,
//! rectifications, follow-up visits, supervision notices, and local calendar days.

use sea_orm_migration::{prelude::*, schema::*};

use super::common::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("cases")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("number", 32))
                .col(uuid("enterprise_id"))
                .col(string_len("state", 32))
                .col(integer("version"))
                .col(string_len("project_name", 200))
                .col(string_len("industry_code", 8))
                .col(big_integer("investment_fen"))
                .col(string_len("location", 500))
                .col(date_null("agreement_signed_on"))
                .col(text("brief"))
                .col(string_len("contact_name", 64))
                .col(string_len("contact_phone", 32))
                .col(uuid("created_by"))
                .col(uuid_null("reviewer_id"))
                .col(text_null("review_note"))
                .col(uuid_null("accepter_id"))
                .col(uuid_null("responsible_leader_id"))
                .col(uuid_null("lead_agent_id"))
                .col(text_null("notification_text"))
                .col(timestamp_with_time_zone_null("documents_handed_over_at"))
                .col(timestamp_with_time_zone_null("enterprise_confirmed_at"))
                .col(string_len("evaluation_status", 16))
                .col(string_len_null("state_before_closing", 32))
                .col(text_null("closing_reason"))
                .col(integer("chain_length"))
                .col(string_len("chain_head", 64))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("cases", "tenant_id", "tenants"))
                .foreign_key(&mut fk("cases", "enterprise_id", "enterprises"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("cases", "ux_cases_tenant_number", &["tenant_id", "number"], true)).await?;
        m.create_index(index("cases", "ix_cases_tenant_state", &["tenant_id", "state", "id"], false)).await?;
        m.create_index(index("cases", "ix_cases_tenant_enterprise", &["tenant_id", "enterprise_id", "id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("case_team_members")
                .col(pk_uuid("id"))
                .col(uuid("case_id"))
                .col(uuid("user_id"))
                .col(uuid_null("department_id"))
                .col(string_len("team_role", 32))
                .foreign_key(&mut fk("case_team_members", "case_id", "cases"))
                .foreign_key(&mut fk("case_team_members", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("case_team_members", "ix_case_team_members_case", &["case_id"], false)).await?;
        m.create_index(index("case_team_members", "ix_case_team_members_user", &["user_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("case_items")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(integer("position"))
                .col(uuid_null("catalog_item_id"))
                .col(integer_null("catalog_version"))
                .col(string_len("name", 200))
                .col(uuid("department_id"))
                .col(string_len_null("stage", 32))
                .col(string_len_null("legal_limit", 32))
                .col(string_len_null("promised_limit", 32))
                .col(boolean("allows_tolerance"))
                .col(boolean("allows_commitment"))
                .col(integer_null("max_extension_days"))
                .col(uuid_null("agent_id"))
                .col(json("materials"))
                .col(json("missing_materials"))
                .col(json("prerequisites"))
                .col(boolean("planned"))
                .foreign_key(&mut fk("case_items", "case_id", "cases"))
                .foreign_key(&mut fk("case_items", "department_id", "departments"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("case_items", "ix_case_items_case", &["case_id", "position"], false)).await?;

        m.create_table(
            Table::create()
                .table("task_sheets")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(uuid("case_item_id"))
                .col(string_len("kind", 16))
                .col(uuid("department_id"))
                .col(uuid_null("assignee_id"))
                .col(string_len("state", 16))
                .col(boolean("open"))
                .col(integer("version"))
                .col(timestamp_with_time_zone("dispatched_at"))
                .col(timestamp_with_time_zone("acknowledge_by"))
                .col(timestamp_with_time_zone_null("acknowledged_at"))
                .col(timestamp_with_time_zone("finish_by"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .col(string_len_null("outcome", 16))
                .col(string_len_null("document_number", 128))
                .col(string_len_null("result_notice_channel", 16))
                .col(timestamp_with_time_zone_null("result_noticed_at"))
                .col(json("data"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("task_sheets", "case_id", "cases"))
                .foreign_key(&mut fk("task_sheets", "case_item_id", "case_items"))
                .foreign_key(&mut fk("task_sheets", "department_id", "departments"))
                .to_owned(),
        )
        .await?;
        // Work queues: each reads one index range ordered by deadline, so its cost does not
        // grow with the number of sheets.
        m.create_index(index(
            "task_sheets",
            "ix_task_sheets_department_queue",
            &["tenant_id", "department_id", "open", "finish_by", "id"],
            false,
        ))
        .await?;
        m.create_index(index(
            "task_sheets",
            "ix_task_sheets_assignee_queue",
            &["tenant_id", "assignee_id", "open", "finish_by", "id"],
            false,
        ))
        .await?;
        m.create_index(index(
            "task_sheets",
            "ix_task_sheets_open_queue",
            &["tenant_id", "open", "finish_by", "id"],
            false,
        ))
        .await?;
        m.create_index(index("task_sheets", "ix_task_sheets_case", &["case_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("case_events")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(integer("sequence"))
                .col(timestamp_with_time_zone("occurred_at"))
                .col(uuid_null("actor_id"))
                .col(string_len("action", 64))
                .col(uuid_null("sheet_id"))
                .col(string_len_null("from_state", 32))
                .col(string_len_null("to_state", 32))
                .col(json("payload"))
                .col(string_len("prev_hash", 64))
                .col(string_len("hash", 64))
                .foreign_key(&mut fk("case_events", "case_id", "cases"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("case_events", "ux_case_events_case_sequence", &["case_id", "sequence"], true)).await?;

        m.create_table(
            Table::create()
                .table("notifications")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("recipient_id"))
                .col(uuid_null("case_id"))
                .col(uuid_null("sheet_id"))
                .col(string_len("kind", 48))
                .col(string_len("dedupe_key", 200))
                .col(string_len("title", 200))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("read_at"))
                .foreign_key(&mut fk("notifications", "recipient_id", "users"))
                .to_owned(),
        )
        .await?;
        // Exactly once: the same reminder for the same recipient cannot be written twice.
        m.create_index(index("notifications", "ux_notifications_dedupe", &["recipient_id", "dedupe_key"], true))
            .await?;
        m.create_index(index("notifications", "ix_notifications_recipient", &["recipient_id", "id"], false)).await?;

        m.create_table(
            Table::create()
                .table("deadlines")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(uuid_null("sheet_id"))
                .col(string_len("kind", 32))
                .col(timestamp_with_time_zone("due_at"))
                .col(timestamp_with_time_zone_null("next_step_at"))
                .col(json("done_steps"))
                .col(timestamp_with_time_zone_null("claimed_until"))
                .col(timestamp_with_time_zone_null("closed_at"))
                .foreign_key(&mut fk("deadlines", "case_id", "cases"))
                .to_owned(),
        )
        .await?;
        // The sweep reads only what is due: rows whose next step has come.
        m.create_index(index("deadlines", "ix_deadlines_next_step", &["next_step_at"], false)).await?;
        m.create_index(index("deadlines", "ix_deadlines_subject", &["case_id", "sheet_id", "kind"], false)).await?;

        m.create_table(
            Table::create()
                .table("idempotency_keys")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("user_id"))
                .col(string_len("key", 128))
                .col(string_len("request_hash", 64))
                .col(integer("status"))
                .col(text("body"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("idempotency_keys", "ux_idempotency_keys", &["tenant_id", "user_id", "key"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("evaluations")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(uuid_null("department_id"))
                .col(string_len("level", 32))
                .col(text_null("comment"))
                .col(uuid("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("evaluations", "case_id", "cases"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("evaluations", "ix_evaluations_case", &["case_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("rectifications")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(uuid("evaluation_id"))
                .col(uuid_null("department_id"))
                .col(timestamp_with_time_zone("due_at"))
                .col(text_null("reply"))
                .col(timestamp_with_time_zone_null("replied_at"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("rectifications", "evaluation_id", "evaluations"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("rectifications", "ix_rectifications_case", &["case_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("follow_ups")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(date("scheduled_for"))
                .col(string_len("method", 16))
                .col(timestamp_with_time_zone_null("done_at"))
                .col(text_null("notes"))
                .col(uuid_null("recorded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("follow_ups", "case_id", "cases"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("follow_ups", "ix_follow_ups_case", &["case_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("supervision_notices")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid_null("case_id"))
                .col(uuid_null("sheet_id"))
                .col(uuid_null("department_id"))
                .col(uuid("issued_by"))
                .col(text("content"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("supervision_notices", "ix_supervision_notices_tenant", &["tenant_id", "id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("calendar_days")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(date("date"))
                .col(boolean("working"))
                .col(string_len("name", 64))
                .foreign_key(&mut fk("calendar_days", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("calendar_days", "ux_calendar_days_tenant_date", &["tenant_id", "date"], true)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "calendar_days",
            "supervision_notices",
            "follow_ups",
            "rectifications",
            "evaluations",
            "idempotency_keys",
            "deadlines",
            "notifications",
            "case_events",
            "task_sheets",
            "case_items",
            "case_team_members",
            "cases",
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}

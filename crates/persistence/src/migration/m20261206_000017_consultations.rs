//! Consultations and appointment requests (咨询与预约) sent by anyone without an account: who
//! asks (name, mobile, optionally the enterprise), about which project and item, the question,
//! the time asked for and the time confirmed, the answer, and the case it became.

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
                .table("consultations")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                // What the requester quotes, e.g. `ZX20261205-048213`; unique in the tenant.
                .col(string_len("reference", 32))
                .col(string_len("kind", 32))
                .col(string_len("state", 32))
                .col(string_len("name", 200))
                .col(string_len("mobile", 20))
                .col(string_len_null("enterprise_name", 200))
                .col(string_len("project_name", 200))
                .col(text_null("project_description"))
                .col(string_len_null("item_code", 64))
                .col(text("question"))
                .col(timestamp_with_time_zone_null("preferred_slot"))
                .col(timestamp_with_time_zone_null("confirmed_slot"))
                .col(text_null("answer"))
                .col(text_null("note"))
                .col(uuid_null("case_id"))
                .col(uuid_null("handled_by"))
                .col(timestamp_with_time_zone_null("handled_at"))
                .col(integer("version"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("consultations", "tenant_id", "tenants"))
                .foreign_key(&mut fk("consultations", "case_id", "cases"))
                .foreign_key(&mut fk("consultations", "handled_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("consultations", "ux_consultations_reference", &["tenant_id", "reference"], true)).await?;
        m.create_index(index("consultations", "ix_consultations_state", &["tenant_id", "state", "id"], false)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("consultations")).to_owned()).await
    }
}

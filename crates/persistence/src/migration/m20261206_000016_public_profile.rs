//! What each county publishes without a sign-in: its service's public profile (the office's
//! name, address, hours, phones, service rules), whether it publishes at all, how much of the
//! butler roster shows; and the people it took off the published roster.

use sea_orm_migration::{prelude::*, schema::*};

use super::common::fk;

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
                .table("public_profiles")
                .col(uuid("tenant_id").primary_key())
                // Off: the county's public pages answer 404, as for an unknown county.
                .col(boolean("published"))
                .col(string_len_null("office_name", 200))
                .col(text_null("address"))
                .col(text_null("office_hours"))
                .col(string_len_null("phone", 32))
                .col(string_len_null("consultation_phone", 32))
                .col(string_len_null("complaint_phone", 32))
                .col(string_len_null("supervision_phone", 32))
                .col(string_len_null("email", 254))
                .col(text_null("service_rules"))
                // `none`, `names` or `names_and_phones`.
                .col(string_len("roster_disclosure", 32))
                .col(uuid("updated_by"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("public_profiles", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("public_roster_opt_outs")
                .col(uuid("tenant_id"))
                .col(uuid("user_id"))
                .col(uuid("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .primary_key(Index::create().col(Alias::new("tenant_id")).col(Alias::new("user_id")))
                .foreign_key(&mut fk("public_roster_opt_outs", "tenant_id", "tenants"))
                .foreign_key(&mut fk("public_roster_opt_outs", "user_id", "users"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("public_roster_opt_outs")).to_owned()).await?;
        m.drop_table(Table::drop().table(Alias::new("public_profiles")).to_owned()).await
    }
}

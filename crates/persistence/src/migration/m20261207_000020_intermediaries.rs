//! The intermediary supermarket (中介超市, 附件6): agencies, their qualifications and services
//! (with the catalog item codes each serves), and the enterprise's engagements of them for
//! plan items, with delivery, result and rating.

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
                .table("agencies")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("name", 200))
                .col(string_len("credit_code", 18))
                .col(string_len("contact", 100))
                .col(string_len("phone", 20))
                .col(text_null("address"))
                .col(text_null("intro"))
                .col(string_len("status", 32))
                .col(integer("version"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("agencies", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("agencies", "ux_agencies_credit_code", &["tenant_id", "credit_code"], true)).await?;

        m.create_table(
            Table::create()
                .table("agency_qualifications")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("agency_id"))
                .col(string_len("kind", 32))
                .col(string_len("level", 100))
                .col(string_len("certificate_number", 100))
                .col(date("valid_from"))
                .col(date("valid_until"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("agency_qualifications", "agency_id", "agencies"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("agency_qualifications", "ix_agency_qualifications_agency", &["agency_id"], false))
            .await?;

        m.create_table(
            Table::create()
                .table("agency_services")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("agency_id"))
                .col(string_len("name", 200))
                // The qualification kind the service needs.
                .col(string_len("kind", 32))
                // What the agency charges the enterprise (between them; the service is free).
                .col(text_null("fee_note"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("agency_services", "agency_id", "agencies"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("agency_services", "ix_agency_services_agency", &["agency_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("agency_service_items")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("service_id"))
                // The catalog item's code (stable across its versions).
                .col(string_len("item_code", 64))
                .foreign_key(&mut fk("agency_service_items", "service_id", "agency_services"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("agency_service_items", "ux_agency_service_items", &["service_id", "item_code"], true))
            .await?;
        m.create_index(index(
            "agency_service_items",
            "ix_agency_service_items_code",
            &["tenant_id", "item_code"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("intermediary_engagements")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(uuid("case_item_id"))
                .col(uuid("agency_id"))
                .col(uuid("service_id"))
                .col(string_len("state", 32))
                .col(integer("version"))
                .col(uuid("chosen_by"))
                .col(timestamp_with_time_zone("chosen_at"))
                // Set when an official recorded the enterprise's written choice for it.
                .col(text_null("on_behalf_note"))
                // Why this choice replaced an earlier one.
                .col(text_null("change_reason"))
                .col(timestamp_with_time_zone_null("replaced_at"))
                .col(date_null("promised_delivery"))
                .col(date_null("actual_delivery"))
                .col(uuid_null("delivered_by"))
                .col(string_len_null("report_name", 200))
                .col(string_len_null("report_number", 100))
                .col(text_null("conclusion"))
                .col(string_len_null("rating", 32))
                .col(text_null("rating_comment"))
                .col(timestamp_with_time_zone_null("rated_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("intermediary_engagements", "case_id", "cases"))
                .foreign_key(&mut fk("intermediary_engagements", "case_item_id", "case_items"))
                .foreign_key(&mut fk("intermediary_engagements", "agency_id", "agencies"))
                .foreign_key(&mut fk("intermediary_engagements", "service_id", "agency_services"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "intermediary_engagements",
            "ix_intermediary_engagements_case",
            &["case_id", "chosen_at"],
            false,
        ))
        .await?;
        m.create_index(index("intermediary_engagements", "ix_intermediary_engagements_agency", &["agency_id"], false))
            .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in
            ["intermediary_engagements", "agency_service_items", "agency_services", "agency_qualifications", "agencies"]
        {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}

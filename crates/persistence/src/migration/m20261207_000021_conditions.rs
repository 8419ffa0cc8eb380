//! Conditions (notice / hold / lock) on an enterprise — by its unified social credit code, so
//! a listed enterprise not yet registered in the county is caught too — or on one case: the
//! source and its document number, the reason, the period, and the lifting with its reason.

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
                .table("conditions")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                // Exactly one of the two: the enterprise's credit code (upper case) or the case.
                .col(string_len_null("credit_code", 18))
                .col(uuid_null("case_id"))
                // The enterprise's name as the source gives it.
                .col(string_len_null("enterprise_name", 200))
                .col(string_len("severity", 32))
                .col(string_len("source", 32))
                // The source's document number (决定文号).
                .col(string_len_null("source_ref", 100))
                .col(text("reason"))
                .col(date("valid_from"))
                // The day it ends (not in force that day); none: until lifted.
                .col(date_null("valid_until"))
                .col(uuid_null("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("lifted_at"))
                .col(uuid_null("lifted_by"))
                .col(text_null("lift_reason"))
                .foreign_key(&mut fk("conditions", "tenant_id", "tenants"))
                .foreign_key(&mut fk("conditions", "case_id", "cases"))
                .foreign_key(&mut fk("conditions", "created_by", "users"))
                .foreign_key(&mut fk("conditions", "lifted_by", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("conditions", "ix_conditions_credit_code", &["tenant_id", "credit_code", "id"], false))
            .await?;
        m.create_index(index("conditions", "ix_conditions_case", &["case_id", "id"], false)).await?;
        m.create_index(index("conditions", "ix_conditions_tenant", &["tenant_id", "id"], false)).await?;
        // One record per source, enterprise and document (a list imported again matches it).
        m.create_index(index(
            "conditions",
            "ux_conditions_source_document",
            &["tenant_id", "source", "credit_code", "source_ref"],
            true,
        ))
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Alias::new("conditions")).to_owned()).await
    }
}

//! Tenants, departments, enterprises, users and their refresh tokens, the approval-item
//! catalog, and the security audit trail.

use sea_orm_migration::{prelude::*, schema::*};

use super::common::{fk, index};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("tenants")
                .col(pk_uuid("id"))
                .col(string_len_uniq("code", 64))
                .col(string_len("name", 200))
                .col(big_integer("investment_threshold_fen"))
                .col(string_len("time_zone", 64))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("departments")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("code", 64))
                .col(string_len("name", 200))
                .col(string_len("short_name", 64))
                .col(string_len_null("phone", 32))
                .col(integer("position"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("departments", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("departments", "ux_departments_tenant_code", &["tenant_id", "code"], true)).await?;

        m.create_table(
            Table::create()
                .table("enterprises")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("name", 200))
                .col(string_len("credit_code", 18))
                .col(string_len("contact_name", 64))
                .col(string_len("contact_phone", 32))
                .col(string_len_null("address", 500))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("enterprises", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("enterprises", "ux_enterprises_tenant_credit_code", &["tenant_id", "credit_code"], true))
            .await?;

        m.create_table(
            Table::create()
                .table("users")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("username", 64))
                .col(string_len("display_name", 200))
                .col(string_len("role", 32))
                .col(uuid_null("department_id"))
                .col(uuid_null("enterprise_id"))
                .col(string_len_null("phone", 32))
                .col(string_len("password_hash", 200))
                .col(date_null("approval_work_since"))
                .col(boolean("active"))
                .col(integer("failed_logins"))
                .col(timestamp_with_time_zone_null("locked_until"))
                .col(timestamp_with_time_zone_null("last_login_at"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("users", "tenant_id", "tenants"))
                .foreign_key(&mut fk("users", "department_id", "departments"))
                .foreign_key(&mut fk("users", "enterprise_id", "enterprises"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("users", "ux_users_tenant_username", &["tenant_id", "username"], true)).await?;
        m.create_index(index("users", "ix_users_department", &["department_id"], false)).await?;
        m.create_index(index("users", "ix_users_enterprise", &["enterprise_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("refresh_tokens")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("user_id"))
                .col(uuid("family_id"))
                .col(string_len_uniq("token_hash", 128))
                .col(timestamp_with_time_zone("issued_at"))
                .col(timestamp_with_time_zone("expires_at"))
                .col(timestamp_with_time_zone_null("rotated_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(&mut fk("refresh_tokens", "user_id", "users"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("refresh_tokens", "ix_refresh_tokens_family", &["family_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("approval_items")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(string_len("code", 64))
                .col(integer("version"))
                .col(boolean("current"))
                .col(string_len("name", 200))
                .col(uuid("department_id"))
                .col(string_len("stage", 32))
                .col(text_null("legal_basis"))
                .col(string_len_null("legal_limit", 32))
                .col(string_len_null("promised_limit", 32))
                .col(boolean("allows_tolerance"))
                .col(boolean("allows_commitment"))
                .col(integer_null("max_extension_days"))
                .col(text_null("legal_fees"))
                .col(text_null("intermediary_services"))
                .col(text_null("process"))
                .col(string_len_null("consultation_phone", 32))
                .col(string_len_null("complaint_phone", 32))
                .col(text_null("source"))
                .col(text_null("source_note"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("approval_items", "tenant_id", "tenants"))
                .foreign_key(&mut fk("approval_items", "department_id", "departments"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "approval_items",
            "ux_approval_items_tenant_code_version",
            &["tenant_id", "code", "version"],
            true,
        ))
        .await?;
        m.create_index(index(
            "approval_items",
            "ix_approval_items_tenant_current",
            &["tenant_id", "current", "id"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("approval_item_materials")
                .col(pk_uuid("id"))
                .col(uuid("item_id"))
                .col(integer("position"))
                .col(text("name"))
                .col(boolean("required"))
                .col(boolean("may_be_missing"))
                .foreign_key(&mut fk("approval_item_materials", "item_id", "approval_items"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "approval_item_materials",
            "ix_approval_item_materials_item",
            &["item_id", "position"],
            false,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("audit_log")
                .col(pk_uuid("id"))
                .col(uuid_null("tenant_id"))
                .col(uuid_null("user_id"))
                .col(string_len("action", 64))
                .col(string_len("outcome", 16))
                .col(json_null("detail"))
                .col(string_len_null("ip", 64))
                .col(string_len_null("request_id", 64))
                .col(timestamp_with_time_zone("at"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("audit_log", "ix_audit_log_tenant_at", &["tenant_id", "at"], false)).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "audit_log",
            "approval_item_materials",
            "approval_items",
            "refresh_tokens",
            "users",
            "enterprises",
            "departments",
            "tenants",
        ] {
            m.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}

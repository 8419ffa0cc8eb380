//! Stored files and the materials checklist: the files themselves (content hash, size, type
//! and the storage key the server generated), the enterprise's materials and their versions
//! (一次提交、多次复用), each plan item's checklist rows (per use: which version, the
//! department's decision), and the approval document of a finished sheet.

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
                .table("stored_files")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                // The enterprise the file belongs to (its materials), if any.
                .col(uuid_null("enterprise_id"))
                // The case it was given for: counts towards the case's size limit.
                .col(uuid_null("case_id"))
                .col(string_len("sha256", 64))
                .col(big_integer("size_bytes"))
                .col(string_len("file_type", 16))
                .col(string_len("file_name", 255))
                .col(string_len("storage_key", 200))
                .col(uuid("uploaded_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("stored_files", "tenant_id", "tenants"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("stored_files", "ux_stored_files_storage_key", &["storage_key"], true)).await?;
        m.create_index(index("stored_files", "ix_stored_files_case", &["case_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("enterprise_materials")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("enterprise_id"))
                .col(string_len("name", 200))
                .col(integer("latest_version"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("enterprise_materials", "tenant_id", "tenants"))
                .foreign_key(&mut fk("enterprise_materials", "enterprise_id", "enterprises"))
                .to_owned(),
        )
        .await?;
        m.create_index(index(
            "enterprise_materials",
            "ux_enterprise_materials_name",
            &["tenant_id", "enterprise_id", "name"],
            true,
        ))
        .await?;

        m.create_table(
            Table::create()
                .table("material_versions")
                .col(pk_uuid("id"))
                .col(uuid("material_id"))
                .col(integer("version"))
                .col(uuid("file_id"))
                .col(uuid("uploaded_by"))
                // Given by an official for the enterprise (代办).
                .col(boolean("on_behalf"))
                .col(date_null("valid_until"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(&mut fk("material_versions", "material_id", "enterprise_materials"))
                .foreign_key(&mut fk("material_versions", "file_id", "stored_files"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("material_versions", "ux_material_versions", &["material_id", "version"], true)).await?;
        m.create_index(index("material_versions", "ix_material_versions_file", &["file_id"], false)).await?;

        m.create_table(
            Table::create()
                .table("case_materials")
                .col(pk_uuid("id"))
                .col(uuid("tenant_id"))
                .col(uuid("case_id"))
                .col(uuid("case_item_id"))
                // 1-based position in the item's material list.
                .col(integer("position"))
                .col(string_len("name", 200))
                .col(uuid("material_id"))
                .col(uuid("material_version_id"))
                .col(string_len("state", 32))
                .col(text_null("reason"))
                .col(uuid_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(integer("version"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(&mut fk("case_materials", "case_id", "cases"))
                .foreign_key(&mut fk("case_materials", "case_item_id", "case_items"))
                .foreign_key(&mut fk("case_materials", "material_id", "enterprise_materials"))
                .foreign_key(&mut fk("case_materials", "material_version_id", "material_versions"))
                .to_owned(),
        )
        .await?;
        m.create_index(index("case_materials", "ux_case_materials_item_position", &["case_item_id", "position"], true))
            .await?;
        m.create_index(index("case_materials", "ix_case_materials_case", &["case_id"], false)).await?;

        m.alter_table(
            Table::alter()
                .table(Alias::new("task_sheets"))
                .add_column(ColumnDef::new(Alias::new("result_file_id")).uuid().null())
                .to_owned(),
        )
        .await?;
        m.create_index(index("task_sheets", "ix_task_sheets_result_file", &["result_file_id"], false)).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(Index::drop().name("ix_task_sheets_result_file").table(Alias::new("task_sheets")).to_owned())
            .await?;
        m.alter_table(
            Table::alter().table(Alias::new("task_sheets")).drop_column(Alias::new("result_file_id")).to_owned(),
        )
        .await?;
        for t in ["case_materials", "material_versions", "enterprise_materials", "stored_files"] {
            m.drop_table(Table::drop().table(Alias::new(t)).to_owned()).await?;
        }
        Ok(())
    }
}

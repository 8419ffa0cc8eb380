//! Stored files: their records (the bytes live in the storage, under a key the server
//! generated), the bytes a case holds, and which cases use a file.

use butler_domain::material::FileType;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entity::{case_material, material_version, stored_file, task_sheet};
use crate::{Code, StoreError};

pub use stored_file::Model as FileRow;

/// A file to record, after its bytes were stored.
#[derive(Debug, Clone)]
pub struct NewFile {
    pub id: Uuid,
    pub enterprise_id: Option<Uuid>,
    pub case_id: Option<Uuid>,
    pub sha256: String,
    pub size_bytes: i64,
    pub file_type: FileType,
    pub file_name: String,
    pub storage_key: String,
    pub uploaded_by: Uuid,
}

pub async fn insert(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewFile,
    now: DateTime<Utc>,
) -> Result<FileRow, StoreError> {
    let row = stored_file::ActiveModel {
        id: Set(new.id),
        tenant_id: Set(tenant_id),
        enterprise_id: Set(new.enterprise_id),
        case_id: Set(new.case_id),
        sha256: Set(new.sha256),
        size_bytes: Set(new.size_bytes),
        file_type: Set(Code(new.file_type)),
        file_name: Set(new.file_name),
        storage_key: Set(new.storage_key),
        uploaded_by: Set(new.uploaded_by),
        created_at: Set(now),
    };
    Ok(stored_file::Entity::insert(row).exec_with_returning(db).await?)
}

/// A file of the tenant.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<FileRow, StoreError> {
    stored_file::Entity::find_by_id(id)
        .filter(stored_file::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Files by id (any order; unknown ids are left out).
pub async fn many(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<FileRow>, StoreError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(stored_file::Entity::find().filter(stored_file::Column::Id.is_in(ids.iter().copied())).all(db).await?)
}

/// The bytes given for a case so far (its materials' files and result documents).
pub async fn case_bytes(db: &impl ConnectionTrait, case_id: Uuid) -> Result<i64, StoreError> {
    // A case holds a handful of files: summed here, alike on both databases.
    let sizes: Vec<i64> = stored_file::Entity::find()
        .select_only()
        .column(stored_file::Column::SizeBytes)
        .filter(stored_file::Column::CaseId.eq(case_id))
        .into_tuple()
        .all(db)
        .await?;
    Ok(sizes.iter().sum())
}

/// The cases that use a file: a version of a material on their checklist (earlier versions
/// included: the case's history shows them), or a sheet's approval document.
pub async fn cases_using(db: &impl ConnectionTrait, file_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
    let materials: Vec<Uuid> = material_version::Entity::find()
        .select_only()
        .column(material_version::Column::MaterialId)
        .filter(material_version::Column::FileId.eq(file_id))
        .into_tuple()
        .all(db)
        .await?;
    let mut cases: Vec<Uuid> = if materials.is_empty() {
        vec![]
    } else {
        case_material::Entity::find()
            .select_only()
            .column(case_material::Column::CaseId)
            .filter(case_material::Column::MaterialId.is_in(materials))
            .into_tuple()
            .all(db)
            .await?
    };
    let sheets: Vec<Uuid> = task_sheet::Entity::find()
        .select_only()
        .column(task_sheet::Column::CaseId)
        .filter(task_sheet::Column::ResultFileId.eq(file_id))
        .into_tuple()
        .all(db)
        .await?;
    cases.extend(sheets);
    cases.sort();
    cases.dedup();
    Ok(cases)
}

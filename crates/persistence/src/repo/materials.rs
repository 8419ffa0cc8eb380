//! The enterprise's materials and their versions, and the checklist rows of a case (one
//! per plan item and material position, created when the material is first given).

use butler_domain::material::MaterialState;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::{case_material, enterprise_material, material_version};
use crate::{Code, StoreError};

pub use case_material::Model as CaseMaterialRow;
pub use enterprise_material::Model as MaterialRow;
pub use material_version::Model as VersionRow;

/// The enterprise's material of this name, if it gave one.
pub async fn find_by_name(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    enterprise_id: Uuid,
    name: &str,
) -> Result<Option<MaterialRow>, StoreError> {
    Ok(enterprise_material::Entity::find()
        .filter(enterprise_material::Column::TenantId.eq(tenant_id))
        .filter(enterprise_material::Column::EnterpriseId.eq(enterprise_id))
        .filter(enterprise_material::Column::Name.eq(name))
        .one(db)
        .await?)
}

/// A material of the tenant.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<MaterialRow, StoreError> {
    enterprise_material::Entity::find_by_id(id)
        .filter(enterprise_material::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Every material of an enterprise, by name.
pub async fn of_enterprise(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    enterprise_id: Uuid,
) -> Result<Vec<MaterialRow>, StoreError> {
    Ok(enterprise_material::Entity::find()
        .filter(enterprise_material::Column::TenantId.eq(tenant_id))
        .filter(enterprise_material::Column::EnterpriseId.eq(enterprise_id))
        .order_by_asc(enterprise_material::Column::Name)
        .all(db)
        .await?)
}

/// Adds a version to the enterprise's material `name` (creating the material at its first
/// version); the version number is the next one, guarded by the unique key.
#[allow(clippy::too_many_arguments)]
pub async fn add_version(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    enterprise_id: Uuid,
    name: &str,
    file_id: Uuid,
    uploaded_by: Uuid,
    on_behalf: bool,
    valid_until: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<(MaterialRow, VersionRow), StoreError> {
    let material = match find_by_name(db, tenant_id, enterprise_id, name).await? {
        Some(m) => {
            let mut active = m.clone().into_active_model();
            active.latest_version = Set(m.latest_version + 1);
            active.updated_at = Set(now);
            enterprise_material::Entity::update(active).exec(db).await?
        }
        None => {
            let row = enterprise_material::ActiveModel {
                id: Set(super::new_id()),
                tenant_id: Set(tenant_id),
                enterprise_id: Set(enterprise_id),
                name: Set(name.to_owned()),
                latest_version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            };
            enterprise_material::Entity::insert(row).exec_with_returning(db).await?
        }
    };
    let version = material_version::ActiveModel {
        id: Set(super::new_id()),
        material_id: Set(material.id),
        version: Set(material.latest_version),
        file_id: Set(file_id),
        uploaded_by: Set(uploaded_by),
        on_behalf: Set(on_behalf),
        valid_until: Set(valid_until),
        created_at: Set(now),
    };
    let version = material_version::Entity::insert(version).exec_with_returning(db).await?;
    Ok((material, version))
}

/// One version of a material.
pub async fn version(db: &impl ConnectionTrait, material_id: Uuid, version: i32) -> Result<VersionRow, StoreError> {
    material_version::Entity::find()
        .filter(material_version::Column::MaterialId.eq(material_id))
        .filter(material_version::Column::Version.eq(version))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Versions by id.
pub async fn versions_by_id(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<VersionRow>, StoreError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(material_version::Entity::find().filter(material_version::Column::Id.is_in(ids.iter().copied())).all(db).await?)
}

/// Every version of these materials, newest first within each.
pub async fn versions_of(db: &impl ConnectionTrait, material_ids: &[Uuid]) -> Result<Vec<VersionRow>, StoreError> {
    if material_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(material_version::Entity::find()
        .filter(material_version::Column::MaterialId.is_in(material_ids.iter().copied()))
        .order_by_asc(material_version::Column::MaterialId)
        .order_by_desc(material_version::Column::Version)
        .all(db)
        .await?)
}

/// The checklist rows of a case.
pub async fn case_rows(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<CaseMaterialRow>, StoreError> {
    Ok(case_material::Entity::find()
        .filter(case_material::Column::CaseId.eq(case_id))
        .order_by_asc(case_material::Column::CaseItemId)
        .order_by_asc(case_material::Column::Position)
        .all(db)
        .await?)
}

/// The checklist row of one material of one item, once given.
pub async fn case_row(
    db: &impl ConnectionTrait,
    case_item_id: Uuid,
    position: i32,
) -> Result<Option<CaseMaterialRow>, StoreError> {
    Ok(case_material::Entity::find()
        .filter(case_material::Column::CaseItemId.eq(case_item_id))
        .filter(case_material::Column::Position.eq(position))
        .one(db)
        .await?)
}

/// What a checklist row is set to.
#[derive(Debug, Clone)]
pub struct RowChange {
    pub case_id: Uuid,
    pub case_item_id: Uuid,
    pub position: i32,
    pub name: String,
    pub material_id: Uuid,
    pub material_version_id: Uuid,
    pub state: MaterialState,
    pub reason: Option<String>,
    pub decided_by: Option<Uuid>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// Writes a checklist row: creates it, or updates `existing` guarded by its version (a lost
/// race is [`StoreError::Changed`]).
pub async fn save_row(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    existing: Option<&CaseMaterialRow>,
    change: RowChange,
    now: DateTime<Utc>,
) -> Result<CaseMaterialRow, StoreError> {
    match existing {
        None => {
            let row = case_material::ActiveModel {
                id: Set(super::new_id()),
                tenant_id: Set(tenant_id),
                case_id: Set(change.case_id),
                case_item_id: Set(change.case_item_id),
                position: Set(change.position),
                name: Set(change.name),
                material_id: Set(change.material_id),
                material_version_id: Set(change.material_version_id),
                state: Set(Code(change.state)),
                reason: Set(change.reason),
                decided_by: Set(change.decided_by),
                decided_at: Set(change.decided_at),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            };
            Ok(case_material::Entity::insert(row).exec_with_returning(db).await?)
        }
        Some(old) => {
            let res = case_material::Entity::update_many()
                .col_expr(case_material::Column::MaterialId, change.material_id.into())
                .col_expr(case_material::Column::MaterialVersionId, change.material_version_id.into())
                .col_expr(case_material::Column::State, Code(change.state).into())
                .col_expr(case_material::Column::Reason, change.reason.into())
                .col_expr(case_material::Column::DecidedBy, change.decided_by.into())
                .col_expr(case_material::Column::DecidedAt, change.decided_at.into())
                .col_expr(case_material::Column::Version, (old.version + 1).into())
                .col_expr(case_material::Column::UpdatedAt, now.into())
                .filter(case_material::Column::Id.eq(old.id))
                .filter(case_material::Column::Version.eq(old.version))
                .exec(db)
                .await?;
            if res.rows_affected != 1 {
                return Err(StoreError::Changed);
            }
            case_material::Entity::find_by_id(old.id).one(db).await?.ok_or(StoreError::NotFound)
        }
    }
}

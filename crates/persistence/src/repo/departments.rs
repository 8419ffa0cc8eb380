use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::department::{self, Entity as Department};
use crate::page::fetch_page;
use crate::{Page, PageRequest, StoreError};

pub use department::Model as DepartmentRow;

pub struct NewDepartment<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub short_name: &'a str,
    pub phone: Option<&'a str>,
    pub position: i32,
}

pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    page: PageRequest,
) -> Result<Page<DepartmentRow>, StoreError> {
    let select = Department::find().filter(department::Column::TenantId.eq(tenant_id));
    fetch_page(db, select, department::Column::Id, |m| m.id, page).await
}

/// All departments of a tenant, for look-ups by id (a county has a few dozen).
pub async fn all(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Vec<DepartmentRow>, StoreError> {
    Ok(Department::find().filter(department::Column::TenantId.eq(tenant_id)).all(db).await?)
}

pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<DepartmentRow, StoreError> {
    Department::find_by_id(id)
        .filter(department::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn find_by_code(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    code: &str,
) -> Result<Option<DepartmentRow>, StoreError> {
    Ok(Department::find()
        .filter(department::Column::TenantId.eq(tenant_id))
        .filter(department::Column::Code.eq(code))
        .one(db)
        .await?)
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewDepartment<'_>,
    now: DateTime<Utc>,
) -> Result<DepartmentRow, StoreError> {
    let row = department::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        code: Set(new.code.to_owned()),
        name: Set(new.name.to_owned()),
        short_name: Set(new.short_name.to_owned()),
        phone: Set(new.phone.map(str::to_owned)),
        position: Set(new.position),
        created_at: Set(now),
    };
    Ok(Department::insert(row).exec_with_returning(db).await?)
}

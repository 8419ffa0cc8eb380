use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::enterprise::{self, Entity as Enterprise};
use crate::page::fetch_page;
use crate::{Page, PageRequest, StoreError};

pub use enterprise::Model as EnterpriseRow;

pub struct NewEnterprise<'a> {
    pub name: &'a str,
    pub credit_code: &'a str,
    pub contact_name: &'a str,
    pub contact_phone: &'a str,
    pub address: Option<&'a str>,
}

/// Lists a tenant's enterprises; `only` confines the list to one enterprise (an
/// enterprise user's own).
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    only: Option<Uuid>,
    page: PageRequest,
) -> Result<Page<EnterpriseRow>, StoreError> {
    let mut select = Enterprise::find().filter(enterprise::Column::TenantId.eq(tenant_id));
    if let Some(id) = only {
        select = select.filter(enterprise::Column::Id.eq(id));
    }
    fetch_page(db, select, enterprise::Column::Id, |m| m.id, page).await
}

pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<EnterpriseRow, StoreError> {
    Enterprise::find_by_id(id)
        .filter(enterprise::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn find_by_credit_code(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    credit_code: &str,
) -> Result<Option<EnterpriseRow>, StoreError> {
    Ok(Enterprise::find()
        .filter(enterprise::Column::TenantId.eq(tenant_id))
        .filter(enterprise::Column::CreditCode.eq(credit_code))
        .one(db)
        .await?)
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewEnterprise<'_>,
    now: DateTime<Utc>,
) -> Result<EnterpriseRow, StoreError> {
    let row = enterprise::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        name: Set(new.name.to_owned()),
        credit_code: Set(new.credit_code.to_owned()),
        contact_name: Set(new.contact_name.to_owned()),
        contact_phone: Set(new.contact_phone.to_owned()),
        address: Set(new.address.map(str::to_owned)),
        created_at: Set(now),
    };
    Ok(Enterprise::insert(row).exec_with_returning(db).await?)
}

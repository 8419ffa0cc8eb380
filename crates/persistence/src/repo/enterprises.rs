use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait};
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

/// Which enterprises a list holds.
#[derive(Debug, Clone, Default)]
pub struct EnterpriseFilter<'a> {
    /// Only this one (an enterprise user sees its own).
    pub only: Option<Uuid>,
    /// Part of the name, or the start of the credit code.
    pub search: Option<&'a str>,
}

/// Lists a tenant's enterprises, by the filter.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &EnterpriseFilter<'_>,
    page: PageRequest,
) -> Result<Page<EnterpriseRow>, StoreError> {
    let mut select = Enterprise::find().filter(enterprise::Column::TenantId.eq(tenant_id));
    if let Some(id) = filter.only {
        select = select.filter(enterprise::Column::Id.eq(id));
    }
    if let Some(q) = filter.search {
        let name = crate::search::contains(q);
        let code = crate::search::starts_with(&q.to_uppercase());
        select = select.filter(
            Condition::any()
                .add(Expr::col(enterprise::Column::Name).like(name))
                .add(Expr::col(enterprise::Column::CreditCode).like(code)),
        );
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

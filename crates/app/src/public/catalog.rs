//! The catalog in force, as the public reads it: by stage, department and search text,
//! paged; one item's service guide by its code; the departments.

use butler_domain::catalog::Stage;
use butler_persistence::repo::departments::{self, DepartmentRow};
use butler_persistence::repo::items::{self as repo, ItemFilter};
use std::collections::HashMap;
use uuid::Uuid;

use super::PublicTenant;
use crate::Context;
use crate::catalog::{Item, ItemDepartment, item_of};
use crate::departments::Department;
use crate::error::AppError;
use crate::paging::{Page, PageRequest};

/// Which items of the catalog in force a public listing holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PublicItemQuery {
    pub stage: Option<Stage>,
    /// The department's code (`natural-resources`); an unknown code matches no item.
    pub department_code: Option<String>,
    /// Part of the item's name (blank: any).
    pub q: Option<String>,
}

fn blank_to_none(text: Option<&str>) -> Option<String> {
    text.map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned)
}

fn department_of(d: &DepartmentRow) -> ItemDepartment {
    ItemDepartment { id: d.id, code: d.code.clone(), name: d.name.clone() }
}

/// A page of the items in force in `tenant`'s catalog matching `query`, with materials.
pub async fn list(
    ctx: &Context,
    tenant: &PublicTenant,
    query: PublicItemQuery,
    page: PageRequest,
) -> Result<Page<Item>, AppError> {
    let page = page.checked()?;
    let all = departments::all(&ctx.db, tenant.id).await?;
    // No department has the nil id: an unknown code lists nothing.
    let department_id = blank_to_none(query.department_code.as_deref())
        .map(|code| all.iter().find(|d| d.code == code).map(|d| d.id).unwrap_or_else(Uuid::nil));
    let filter = ItemFilter {
        stage: query.stage,
        department_id,
        name_contains: blank_to_none(query.q.as_deref()),
        status: None,
    };
    let rows = repo::list_current(&ctx.db, tenant.id, &filter, page).await?;
    let by_id: HashMap<Uuid, ItemDepartment> = all.iter().map(|d| (d.id, department_of(d))).collect();
    Page::from(rows).try_map(|row| {
        let department = by_id.get(&row.item.department_id).cloned().ok_or(AppError::NotFound)?;
        item_of(row, department)
    })
}

/// Whom to ask about an item, to complain to, and who supervises.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contacts {
    /// 咨询电话: the item's own, else its department's, else the service's.
    pub consultation_phone: Option<String>,
    /// 投诉电话: the item's own, else the service's.
    pub complaint_phone: Option<String>,
    /// 监督电话: the item's own, else the service's.
    pub supervision_phone: Option<String>,
    /// Where and when the service window receives: the service's.
    pub address: Option<String>,
    pub office_hours: Option<String>,
}

/// An item's service guide (办事指南): the version in force, and its contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guide {
    pub item: Item,
    pub contacts: Contacts,
}

/// The guide of `tenant`'s item with `code` (the version in force); not found when there is
/// none.
pub async fn guide(ctx: &Context, tenant: &PublicTenant, code: &str) -> Result<Guide, AppError> {
    let row = repo::current_by_code(&ctx.db, tenant.id, code.trim()).await?.ok_or(AppError::NotFound)?;
    let d = departments::get(&ctx.db, tenant.id, row.item.department_id).await?;
    let item = item_of(row, department_of(&d))?;
    let profile = &tenant.profile;
    let contacts = Contacts {
        consultation_phone: item
            .consultation_phone
            .clone()
            .or(d.phone)
            .or_else(|| profile.consultation_phone.clone())
            .or_else(|| profile.phone.clone()),
        complaint_phone: item.complaint_phone.clone().or_else(|| profile.complaint_phone.clone()),
        supervision_phone: item.supervision_phone.clone().or_else(|| profile.supervision_phone.clone()),
        address: profile.address.clone(),
        office_hours: profile.office_hours.clone(),
    };
    Ok(Guide { item, contacts })
}

/// Every department of `tenant`, in the county's order.
pub async fn departments(ctx: &Context, tenant: &PublicTenant) -> Result<Vec<Department>, AppError> {
    let mut all = departments::all(&ctx.db, tenant.id).await?;
    all.sort_by(|a, b| (a.position, &a.code).cmp(&(b.position, &b.code)));
    Ok(all.into_iter().map(Department::from).collect())
}

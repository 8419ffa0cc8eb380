//! The county's departments (the members of the leading group): listing them, and adding
//! one (admin).

use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::text::{Code, Name, Phone};
use butler_persistence::repo::departments::{self as repo, DepartmentRow};
use uuid::Uuid;

use crate::Context;
use crate::error::AppError;
use crate::paging::{Page, PageRequest};

/// A department of the county.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Department {
    pub id: Uuid,
    /// A stable code (`natural-resources`).
    pub code: String,
    /// The full name (`示例县自然资源局`).
    pub name: String,
    /// The short name users say (`自然资源局`).
    pub short_name: String,
    pub phone: Option<String>,
}

impl From<DepartmentRow> for Department {
    fn from(d: DepartmentRow) -> Self {
        Department { id: d.id, code: d.code, name: d.name, short_name: d.short_name, phone: d.phone }
    }
}

/// A department to add, its fields parsed already.
#[derive(Debug, Clone)]
pub struct NewDepartment {
    pub code: Code,
    pub name: Name,
    pub short_name: Name,
    pub phone: Option<Phone>,
}

/// A page of the caller's tenant's departments (every signed-in user).
pub async fn list(ctx: &Context, actor: &Actor, page: PageRequest) -> Result<Page<Department>, AppError> {
    authorize(actor, Action::ListDepartments, Scope::tenant(actor.tenant_id))?;
    let page = repo::list(&ctx.db, actor.tenant_id, page.checked()?).await?;
    Ok(Page::from(page).map(Department::from))
}

/// Adds a department (admin) after the tenant's others; its code must be free.
pub async fn create(ctx: &Context, actor: &Actor, new: NewDepartment) -> Result<Department, AppError> {
    authorize(actor, Action::ManageDepartments, Scope::tenant(actor.tenant_id))?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let position = repo::all(&txn, actor.tenant_id).await?.len() as i32 + 1;
    let row = repo::create(
        &txn,
        actor.tenant_id,
        repo::NewDepartment {
            code: new.code.as_str(),
            name: new.name.as_str(),
            short_name: new.short_name.as_str(),
            phone: new.phone.as_ref().map(|p| p.as_str()),
            position,
        },
        ctx.now(),
    )
    .await
    .map_err(AppError::taken("code", "该部门编码已被使用", "a department has this code already"))?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(row.into())
}

//! Small DTOs shared by several resources. Names are unique across the contract.

use butler_app::paging::{Page, PageRequest};
use butler_domain::role::Role;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::extract::PageParams;

/// A tenant as other records mention it.
#[derive(Debug, Serialize, ToSchema)]
pub struct TenantRef {
    /// The county's code, used to sign in (`example`).
    pub code: String,
    pub name: String,
}

/// A department as other records mention it.
#[derive(Debug, Serialize, ToSchema)]
pub struct DepartmentRef {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// An enterprise as other records mention it.
#[derive(Debug, Serialize, ToSchema)]
pub struct EnterpriseRef {
    pub id: Uuid,
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
}

/// One page of a list: the items and the cursor of the next page (`null` on the last).
#[derive(Debug, Serialize, ToSchema)]
pub struct PageOut<T: ToSchema> {
    pub items: Vec<T>,
    /// Pass as `cursor` to read the next page; `null` when this is the last page.
    pub next_cursor: Option<String>,
}

impl<T: ToSchema> PageOut<T> {
    /// The page's records as DTOs; the cursor is passed on as the opaque text it is.
    pub fn from_page<R>(page: impl Into<Page<R>>, f: impl FnMut(R) -> T) -> Self {
        let page = page.into().map(f);
        PageOut { items: page.items, next_cursor: page.next_cursor }
    }
}

/// The page a list's query names, as the application takes it: the use case checks the limit
/// and reads the cursor after it has authorised the caller.
pub fn page_request(params: &PageParams) -> PageRequest {
    PageRequest { limit: params.limit, cursor: params.cursor.clone() }
}

/// A user's role (SPEC §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoleCode {
    Admin,
    InvestmentOfficer,
    InvestmentLeader,
    Office,
    WindowAgent,
    DepartmentAgent,
    DepartmentLeader,
    Supervisor,
    Enterprise,
    PlatformAdmin,
}

impl From<Role> for RoleCode {
    fn from(r: Role) -> Self {
        match r {
            Role::Admin => RoleCode::Admin,
            Role::InvestmentOfficer => RoleCode::InvestmentOfficer,
            Role::InvestmentLeader => RoleCode::InvestmentLeader,
            Role::Office => RoleCode::Office,
            Role::WindowAgent => RoleCode::WindowAgent,
            Role::DepartmentAgent => RoleCode::DepartmentAgent,
            Role::DepartmentLeader => RoleCode::DepartmentLeader,
            Role::Supervisor => RoleCode::Supervisor,
            Role::Enterprise => RoleCode::Enterprise,
            Role::PlatformAdmin => RoleCode::PlatformAdmin,
        }
    }
}

impl From<RoleCode> for Role {
    fn from(r: RoleCode) -> Self {
        match r {
            RoleCode::Admin => Role::Admin,
            RoleCode::InvestmentOfficer => Role::InvestmentOfficer,
            RoleCode::InvestmentLeader => Role::InvestmentLeader,
            RoleCode::Office => Role::Office,
            RoleCode::WindowAgent => Role::WindowAgent,
            RoleCode::DepartmentAgent => Role::DepartmentAgent,
            RoleCode::DepartmentLeader => Role::DepartmentLeader,
            RoleCode::Supervisor => Role::Supervisor,
            RoleCode::Enterprise => Role::Enterprise,
            RoleCode::PlatformAdmin => Role::PlatformAdmin,
        }
    }
}

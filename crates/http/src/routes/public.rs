//! The public side (no sign-in) under `/public/{tenant}`: the service's rules and contacts,
//! the catalog in force with each item's guide, the departments, the butler roster. Every
//! answer is cacheable: a strong `ETag` (the body's hash), 304 on `If-None-Match`,
//! `Cache-Control: public, max-age=60`; every request counts against its address's public
//! limit (429 with `Retry-After`). An unknown county, or one that does not publish, answers
//! 404 like a missing item.
//!
//! Published: what a service guide shows. Not published: internal ids (of items, users,
//! departments), `source_note` (the catalog keepers' notes on their sources), who last
//! edited anything, and every phone of the roster unless the county publishes phones.

use actix_web::{HttpRequest, HttpResponse, get, web};
use butler_app::catalog::Item;
use butler_app::departments::Department;
use butler_app::public::catalog::{self as public_catalog, Contacts, Guide, PublicItemQuery};
use butler_app::public::roster::{self, PublicRoster};
use butler_app::public::{PublicTenant, profile::Profile};
use butler_domain::catalog::Stage;
use butler_domain::disclosure::RosterDisclosure;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::dto::{PageOut, RoleCode, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::PageParams;
use crate::public::{PublicClient, cached};
use crate::routes::items::{MaterialOut, StageCode, TimeLimitOut};
use crate::state::AppState;

/// A department as the public sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicDepartmentOut {
    /// A stable code (`natural-resources`); filter the catalog with it.
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub phone: Option<String>,
}

impl From<Department> for PublicDepartmentOut {
    fn from(d: Department) -> Self {
        PublicDepartmentOut { code: d.code, name: d.name, short_name: d.short_name, phone: d.phone }
    }
}

/// The department that handles an item, or a butler's.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicDepartmentRef {
    pub code: String,
    pub name: String,
}

/// The county, as its public pages name it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicTenantOut {
    /// The code in the public address (`example`).
    pub code: String,
    pub name: String,
}

/// The service's rules and contacts (服务规则与联系方式).
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicServiceOut {
    pub tenant: PublicTenantOut,
    /// The service window's name; absent until the county gives one.
    pub office_name: Option<String>,
    pub address: Option<String>,
    /// Office hours as the county writes them.
    pub office_hours: Option<String>,
    pub phone: Option<String>,
    /// 咨询电话.
    pub consultation_phone: Option<String>,
    /// 投诉电话.
    pub complaint_phone: Option<String>,
    /// 监督电话.
    pub supervision_phone: Option<String>,
    pub email: Option<String>,
    /// The service's rules and promises, as the county writes them (plain text, paragraphs
    /// separated by blank lines).
    pub service_rules: Option<String>,
    /// How much of the butler roster the county publishes.
    pub roster_disclosure: RosterDisclosure,
}

impl From<&PublicTenant> for PublicServiceOut {
    fn from(t: &PublicTenant) -> Self {
        let p: &Profile = &t.profile;
        PublicServiceOut {
            tenant: PublicTenantOut { code: t.code.clone(), name: t.name.clone() },
            office_name: p.office_name.clone(),
            address: p.address.clone(),
            office_hours: p.office_hours.clone(),
            phone: p.phone.clone(),
            consultation_phone: p.consultation_phone.clone(),
            complaint_phone: p.complaint_phone.clone(),
            supervision_phone: p.supervision_phone.clone(),
            email: p.email.clone(),
            service_rules: p.service_rules.clone(),
            roster_disclosure: p.roster_disclosure,
        }
    }
}

/// An item of the catalog in force, as a list shows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicItemSummaryOut {
    /// Stable across versions; the guide's address.
    pub code: String,
    /// The version in force.
    pub version: i32,
    pub name: String,
    pub department: PublicDepartmentRef,
    pub stage: StageCode,
    /// 法定时限; absent where the guide gives none.
    pub legal_limit: Option<TimeLimitOut>,
    /// 承诺时限.
    pub promised_limit: Option<TimeLimitOut>,
    /// 容缺受理 allowed.
    pub allows_tolerance: bool,
    /// 告知承诺 allowed.
    pub allows_commitment: bool,
    /// How many materials the guide lists.
    pub material_count: usize,
}

fn department_ref(item: &Item) -> PublicDepartmentRef {
    PublicDepartmentRef { code: item.department.code.clone(), name: item.department.name.clone() }
}

impl From<Item> for PublicItemSummaryOut {
    fn from(item: Item) -> Self {
        PublicItemSummaryOut {
            department: department_ref(&item),
            stage: item.stage.into(),
            legal_limit: item.legal_limit.map(TimeLimitOut::from),
            promised_limit: item.promised_limit.map(TimeLimitOut::from),
            allows_tolerance: item.allows_tolerance,
            allows_commitment: item.allows_commitment,
            material_count: item.materials.len(),
            code: item.code,
            version: item.version,
            name: item.name,
        }
    }
}

/// Whom to ask, complain to, and who supervises (咨询、投诉、监督).
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicContactsOut {
    /// The item's consultation phone, else its department's, else the service's.
    pub consultation_phone: Option<String>,
    /// The item's complaint phone, else the service's.
    pub complaint_phone: Option<String>,
    /// The service's supervision phone.
    pub supervision_phone: Option<String>,
    /// The service window's address and hours.
    pub address: Option<String>,
    pub office_hours: Option<String>,
}

impl From<Contacts> for PublicContactsOut {
    fn from(c: Contacts) -> Self {
        PublicContactsOut {
            consultation_phone: c.consultation_phone,
            complaint_phone: c.complaint_phone,
            supervision_phone: c.supervision_phone,
            address: c.address,
            office_hours: c.office_hours,
        }
    }
}

/// An item's service guide (办事指南): the version in force.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicItemOut {
    pub code: String,
    pub version: i32,
    pub name: String,
    pub department: PublicDepartmentRef,
    pub stage: StageCode,
    /// 法定依据.
    pub legal_basis: Option<String>,
    /// 法定时限, in explicit units.
    pub legal_limit: Option<TimeLimitOut>,
    /// 承诺时限, in explicit units; never longer than the legal limit.
    pub promised_limit: Option<TimeLimitOut>,
    /// 容缺受理 allowed: the materials marked `may_be_missing` may follow after acceptance.
    pub allows_tolerance: bool,
    /// 告知承诺 allowed.
    pub allows_commitment: bool,
    /// Largest extension (延期) in working days; absent when none is allowed.
    pub max_extension_days: Option<i32>,
    /// The first day this version is in force.
    pub valid_from: Option<chrono::NaiveDate>,
    /// 受理条件.
    pub acceptance_conditions: Option<String>,
    /// 办理结果: the licence or document issued.
    pub result_name: Option<String>,
    /// 收费标准; absent when free.
    pub legal_fees: Option<String>,
    /// 收费依据.
    pub fee_basis: Option<String>,
    /// 中介服务 the item needs.
    pub intermediary_services: Option<String>,
    /// 办理流程.
    pub process: Option<String>,
    /// 申报材料, in order.
    pub materials: Vec<MaterialOut>,
    pub contacts: PublicContactsOut,
    /// The published guide the facts come from.
    pub source: Option<String>,
}

impl From<Guide> for PublicItemOut {
    fn from(guide: Guide) -> Self {
        let item = guide.item;
        PublicItemOut {
            department: department_ref(&item),
            stage: item.stage.into(),
            legal_limit: item.legal_limit.map(TimeLimitOut::from),
            promised_limit: item.promised_limit.map(TimeLimitOut::from),
            materials: item
                .materials
                .into_iter()
                .map(|m| MaterialOut {
                    position: m.position,
                    name: m.name,
                    required: m.required,
                    may_be_missing: m.may_be_missing,
                    sample: m.sample,
                    note: m.note,
                })
                .collect(),
            contacts: guide.contacts.into(),
            valid_from: item.valid_from,
            acceptance_conditions: item.acceptance_conditions,
            result_name: item.result_name,
            fee_basis: item.fee_basis,
            code: item.code,
            version: item.version,
            name: item.name,
            legal_basis: item.legal_basis,
            allows_tolerance: item.allows_tolerance,
            allows_commitment: item.allows_commitment,
            max_extension_days: item.max_extension_days,
            legal_fees: item.legal_fees,
            intermediary_services: item.intermediary_services,
            process: item.process,
            source: item.source,
        }
    }
}

/// A butler on the published roster.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicRosterMemberOut {
    pub name: String,
    pub role: RoleCode,
    /// Absent for the investment bureau's officers and the window's agents.
    pub department: Option<PublicDepartmentRef>,
    /// Only when the county publishes phones.
    pub phone: Option<String>,
}

/// The butler roster (项目管家名册), as much as the county publishes.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicRosterOut {
    pub disclosure: RosterDisclosure,
    /// By department, then name; empty when the county does not publish the roster.
    pub members: Vec<PublicRosterMemberOut>,
}

impl From<PublicRoster> for PublicRosterOut {
    fn from(r: PublicRoster) -> Self {
        PublicRosterOut {
            disclosure: r.disclosure,
            members: r
                .members
                .into_iter()
                .map(|m| PublicRosterMemberOut {
                    name: m.name,
                    role: m.role.into(),
                    department: m.department.map(|d| PublicDepartmentRef { code: d.code, name: d.name }),
                    phone: m.phone,
                })
                .collect(),
        }
    }
}

/// Filters of the public catalog.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PublicItemQueryParams {
    /// Only items of this stage.
    pub stage: Option<StageCode>,
    /// Only items of the department with this code (`listPublicDepartments`).
    pub department: Option<String>,
    /// Only items whose name contains this text.
    pub q: Option<String>,
}

/// Get the service's rules and contacts (no sign-in).
#[utoipa::path(
    tag = "public",
    operation_id = "getPublicService",
    params(("tenant" = String, Path, description = "The county's code (`example`)")),
    responses(
        (status = 200, description = "The service", body = PublicServiceOut, headers(("ETag" = String, description = "Strong entity tag: the body's SHA-256; send it as `If-None-Match` for a 304"), ("Cache-Control" = String, description = "`public, max-age=60`"))),
        (status = 304, description = "Not modified since the `If-None-Match` tag", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 404, description = "No such county, or it does not publish", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (see `Retry-After`)", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
    security(())
)]
#[get("/public/{tenant}/service")]
pub async fn get_public_service(client: PublicClient, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    cached(&req, &PublicServiceOut::from(&client.tenant))
}

/// List the catalog in force (no sign-in), by stage, department and search text.
#[utoipa::path(
    tag = "public",
    operation_id = "listPublicItems",
    params(("tenant" = String, Path, description = "The county's code (`example`)"), PageParams, PublicItemQueryParams),
    responses(
        (status = 200, description = "A page of items", body = PageOut<PublicItemSummaryOut>, headers(("ETag" = String, description = "Strong entity tag: the body's SHA-256; send it as `If-None-Match` for a 304"), ("Cache-Control" = String, description = "`public, max-age=60`"))),
        (status = 304, description = "Not modified since the `If-None-Match` tag", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 404, description = "No such county, or it does not publish", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter or paging", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (see `Retry-After`)", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
    security(())
)]
#[get("/public/{tenant}/items")]
pub async fn list_public_items(
    state: web::Data<AppState>,
    client: PublicClient,
    req: HttpRequest,
    page: web::Query<PageParams>,
    query: web::Query<PublicItemQueryParams>,
) -> Result<HttpResponse, ApiError> {
    let query = query.into_inner();
    let filter = PublicItemQuery { stage: query.stage.map(Stage::from), department_code: query.department, q: query.q };
    let page = public_catalog::list(&state.app, &client.tenant, filter, page_request(&page)).await?;
    cached(&req, &PageOut::from_page(page, PublicItemSummaryOut::from))
}

/// Get an item's service guide by its code: the version in force (no sign-in).
#[utoipa::path(
    tag = "public",
    operation_id = "getPublicItem",
    params(
        ("tenant" = String, Path, description = "The county's code (`example`)"),
        ("code" = String, Path, description = "The item's code (stable across versions)"),
    ),
    responses(
        (status = 200, description = "The guide", body = PublicItemOut, headers(("ETag" = String, description = "Strong entity tag: the body's SHA-256; send it as `If-None-Match` for a 304"), ("Cache-Control" = String, description = "`public, max-age=60`"))),
        (status = 304, description = "Not modified since the `If-None-Match` tag", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 404, description = "No such county or no such item in force", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (see `Retry-After`)", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
    security(())
)]
#[get("/public/{tenant}/items/{code}")]
pub async fn get_public_item(
    state: web::Data<AppState>,
    client: PublicClient,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (_, code) = path.into_inner();
    let guide = public_catalog::guide(&state.app, &client.tenant, &code).await?;
    cached(&req, &PublicItemOut::from(guide))
}

/// List the county's departments (no sign-in), in the county's order.
#[utoipa::path(
    tag = "public",
    operation_id = "listPublicDepartments",
    params(("tenant" = String, Path, description = "The county's code (`example`)")),
    responses(
        (status = 200, description = "Every department", body = Vec<PublicDepartmentOut>, headers(("ETag" = String, description = "Strong entity tag: the body's SHA-256; send it as `If-None-Match` for a 304"), ("Cache-Control" = String, description = "`public, max-age=60`"))),
        (status = 304, description = "Not modified since the `If-None-Match` tag", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 404, description = "No such county, or it does not publish", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (see `Retry-After`)", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
    security(())
)]
#[get("/public/{tenant}/departments")]
pub async fn list_public_departments(
    state: web::Data<AppState>,
    client: PublicClient,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let departments = public_catalog::departments(&state.app, &client.tenant).await?;
    let out: Vec<PublicDepartmentOut> = departments.into_iter().map(PublicDepartmentOut::from).collect();
    cached(&req, &out)
}

/// List the butler roster as the county publishes it (no sign-in): nobody, names and
/// departments, or also phones; never an enterprise's contact, never a person the county took
/// off the roster.
#[utoipa::path(
    tag = "public",
    operation_id = "listPublicRoster",
    params(("tenant" = String, Path, description = "The county's code (`example`)")),
    responses(
        (status = 200, description = "The roster", body = PublicRosterOut, headers(("ETag" = String, description = "Strong entity tag: the body's SHA-256; send it as `If-None-Match` for a 304"), ("Cache-Control" = String, description = "`public, max-age=60`"))),
        (status = 304, description = "Not modified since the `If-None-Match` tag", headers(("ETag" = String), ("Cache-Control" = String))),
        (status = 404, description = "No such county, or it does not publish", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address (see `Retry-After`)", body = Problem, content_type = "application/problem+json", headers(("Retry-After" = u64, description = "Seconds to wait"))),
    ),
    security(())
)]
#[get("/public/{tenant}/roster")]
pub async fn list_public_roster(
    state: web::Data<AppState>,
    client: PublicClient,
    req: HttpRequest,
) -> Result<HttpResponse, ApiError> {
    let roster = roster::published(&state.app, &client.tenant).await?;
    cached(&req, &PublicRosterOut::from(roster))
}

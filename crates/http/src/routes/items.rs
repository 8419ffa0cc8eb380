use actix_web::http::header::{ETAG, HeaderValue};
use actix_web::{HttpResponse, get, web};
use butler_app::catalog::{self, Item, ItemQuery as CatalogQuery};
use butler_domain::catalog::{ItemStatus, Stage};
use butler_domain::time_limit::TimeLimit;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::dto::{DepartmentRef, PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams};
use crate::state::AppState;

/// A construction-project approval stage (SPEC §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StageCode {
    EnterpriseSetup,
    ProjectApproval,
    LandSupply,
    LandPlanningPermit,
    EngineeringPermit,
    ConstructionPermit,
    CompletionAcceptance,
}

impl From<Stage> for StageCode {
    fn from(s: Stage) -> Self {
        match s {
            Stage::EnterpriseSetup => StageCode::EnterpriseSetup,
            Stage::ProjectApproval => StageCode::ProjectApproval,
            Stage::LandSupply => StageCode::LandSupply,
            Stage::LandPlanningPermit => StageCode::LandPlanningPermit,
            Stage::EngineeringPermit => StageCode::EngineeringPermit,
            Stage::ConstructionPermit => StageCode::ConstructionPermit,
            Stage::CompletionAcceptance => StageCode::CompletionAcceptance,
        }
    }
}

impl From<StageCode> for Stage {
    fn from(s: StageCode) -> Self {
        match s {
            StageCode::EnterpriseSetup => Stage::EnterpriseSetup,
            StageCode::ProjectApproval => Stage::ProjectApproval,
            StageCode::LandSupply => Stage::LandSupply,
            StageCode::LandPlanningPermit => Stage::LandPlanningPermit,
            StageCode::EngineeringPermit => Stage::EngineeringPermit,
            StageCode::ConstructionPermit => Stage::ConstructionPermit,
            StageCode::CompletionAcceptance => Stage::CompletionAcceptance,
        }
    }
}

/// The unit of a time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeLimitUnit {
    /// 工作日 on the county's calendar.
    WorkingDays,
    /// 日 (calendar days).
    CalendarDays,
    /// Minutes of office time (hours are given as minutes).
    OfficeMinutes,
    /// 即办: handled on the spot.
    Immediate,
}

/// A time limit with an explicit unit.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimeLimitOut {
    pub unit: TimeLimitUnit,
    /// The count in `unit`; absent for `immediate`.
    pub value: Option<u32>,
    /// How officials write it (`20个工作日`, `60日`, `2小时`, `即办`).
    pub text: String,
}

impl From<TimeLimit> for TimeLimitOut {
    fn from(t: TimeLimit) -> Self {
        let (unit, value) = match t {
            TimeLimit::Immediate => (TimeLimitUnit::Immediate, None),
            TimeLimit::WorkingDays(n) => (TimeLimitUnit::WorkingDays, Some(n)),
            TimeLimit::CalendarDays(n) => (TimeLimitUnit::CalendarDays, Some(n)),
            TimeLimit::OfficeMinutes(m) => (TimeLimitUnit::OfficeMinutes, Some(m)),
        };
        TimeLimitOut { unit, value, text: t.to_string() }
    }
}

/// A material the enterprise provides for an item (申报材料).
#[derive(Debug, Serialize, ToSchema)]
pub struct MaterialOut {
    pub position: i32,
    pub name: String,
    pub required: bool,
    /// 容缺: may be missing at acceptance and supplied later.
    pub may_be_missing: bool,
    /// 示例样表: how a good one looks.
    pub sample: Option<String>,
    /// 份数, 原件/复印件, where it comes from.
    pub note: Option<String>,
}

/// An approval item of the catalog (one version of it).
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemOut {
    pub id: Uuid,
    /// Stable across versions.
    pub code: String,
    pub version: i32,
    /// Grows with every edit of a draft; also the `ETag`. Send it as `If-Match` when editing.
    pub revision: i32,
    pub status: ItemStatus,
    /// The first day this version is in force (set when published).
    pub valid_from: Option<NaiveDate>,
    /// The first day it no longer is (set when retired or replaced).
    pub valid_until: Option<NaiveDate>,
    pub name: String,
    pub department: DepartmentRef,
    pub stage: StageCode,
    /// 法定依据.
    pub legal_basis: Option<String>,
    /// 法定时限; absent where the source gave none.
    pub legal_limit: Option<TimeLimitOut>,
    /// 承诺时限; never longer than the legal limit.
    pub promised_limit: Option<TimeLimitOut>,
    /// 容缺受理 allowed.
    pub allows_tolerance: bool,
    /// 告知承诺 allowed.
    pub allows_commitment: bool,
    /// Largest extension (延期) in working days; absent when none is allowed.
    pub max_extension_days: Option<i32>,
    /// 法定收费; absent when free.
    pub legal_fees: Option<String>,
    /// The basis of the fees (法定收费依据).
    pub fee_basis: Option<String>,
    /// 办理结果: the licence or document issued.
    pub result_name: Option<String>,
    /// 受理条件.
    pub acceptance_conditions: Option<String>,
    /// 中介服务 the item needs.
    pub intermediary_services: Option<String>,
    /// 审批流程.
    pub process: Option<String>,
    pub consultation_phone: Option<String>,
    pub complaint_phone: Option<String>,
    /// 监督电话.
    pub supervision_phone: Option<String>,
    /// Where the facts come from (a published service guide).
    pub source: Option<String>,
    /// Notes on the source (the publishing body, truncation, age).
    pub source_note: Option<String>,
    pub materials: Vec<MaterialOut>,
}

impl From<Item> for ItemOut {
    fn from(item: Item) -> Self {
        let department = item.department;
        ItemOut {
            id: item.id,
            code: item.code,
            version: item.version,
            revision: item.revision,
            status: item.status,
            valid_from: item.valid_from,
            valid_until: item.valid_until,
            name: item.name,
            department: DepartmentRef { id: department.id, code: department.code, name: department.name },
            stage: item.stage.into(),
            legal_basis: item.legal_basis,
            legal_limit: item.legal_limit.map(TimeLimitOut::from),
            promised_limit: item.promised_limit.map(TimeLimitOut::from),
            allows_tolerance: item.allows_tolerance,
            allows_commitment: item.allows_commitment,
            max_extension_days: item.max_extension_days,
            legal_fees: item.legal_fees,
            fee_basis: item.fee_basis,
            result_name: item.result_name,
            acceptance_conditions: item.acceptance_conditions,
            intermediary_services: item.intermediary_services,
            process: item.process,
            consultation_phone: item.consultation_phone,
            complaint_phone: item.complaint_phone,
            supervision_phone: item.supervision_phone,
            source: item.source,
            source_note: item.source_note,
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
        }
    }
}

/// Filters of the catalog.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ItemQuery {
    /// Only items of this stage.
    pub stage: Option<StageCode>,
    /// Only items of this department.
    pub department_id: Option<Uuid>,
    /// Only items whose name contains this text.
    pub q: Option<String>,
    /// Versions in this status instead of the catalog in force (the default). Drafts are
    /// listed for the office, admins and departments (their own department's).
    pub status: Option<ItemStatus>,
}

/// List the current version of each approval item (or the versions in a status), with materials.
#[utoipa::path(
    tag = "catalog",
    operation_id = "listItems",
    params(PageParams, ItemQuery),
    responses(
        (status = 200, description = "A page of items", body = PageOut<ItemOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Drafts asked by a role that does not write them, or of another department", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid filter or paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/items")]
pub async fn list_items(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<ItemQuery>,
) -> Result<web::Json<PageOut<ItemOut>>, ApiError> {
    let query = query.into_inner();
    let filter = CatalogQuery {
        stage: query.stage.map(Stage::from),
        department_id: query.department_id,
        name_contains: query.q,
        status: query.status,
    };
    let page = catalog::list(&state.app, &auth.0, filter, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, ItemOut::from)))
}

/// Answers an item version with its revision as the `ETag`.
pub(crate) fn item_response(mut res: actix_web::HttpResponseBuilder, item: Item) -> HttpResponse {
    let revision = item.revision;
    let mut res = res.json(ItemOut::from(item));
    if let Ok(v) = HeaderValue::from_str(&format!("\"{revision}\"")) {
        res.headers_mut().insert(ETAG, v);
    }
    res
}

/// Read one approval item version (a draft only for those who may edit it).
#[utoipa::path(
    tag = "catalog",
    operation_id = "getItem",
    params(("id" = Uuid, Path, description = "The item version's id")),
    responses(
        (status = 200, description = "The item", body = ItemOut, headers(("ETag" = String, description = "The version's revision"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such item", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/items/{id}")]
pub async fn get_item(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let item = catalog::get(&state.app, &auth.0, id.into_inner()).await?;
    Ok(item_response(HttpResponse::Ok(), item))
}

//! Managing the catalog (事项管理): create an item, start a new version, edit a draft
//! (`If-Match`), discard it, publish it, retire a published version, list an item's versions.
//! Department roles write drafts of their own department's items; the office and admins write
//! any, and alone publish and retire.

use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use butler_app::catalog::{self, manage};
use butler_domain::catalog::rules::{ItemDraft, MaterialDraft};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::items::{ItemOut, StageCode, item_response};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson};
use crate::extract_headers::IfMatch;
use crate::middleware::request_meta;
use crate::state::AppState;

/// A material of an item version as written.
#[derive(Debug, Deserialize, ToSchema, Validate)]
pub struct MaterialIn {
    /// 材料名称; unique within the item.
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    #[schema(example = "建设用地规划许可证申请表")]
    pub name: String,
    #[serde(default)]
    pub required: bool,
    /// 容缺: may be missing at acceptance (only when the item allows 容缺).
    #[serde(default)]
    pub may_be_missing: bool,
    /// 示例样表.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub sample: Option<String>,
    /// 份数, 原件/复印件, where it comes from.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// Every field of an item version as an editor writes it. Blank texts are absent; limits are
/// written as officials write them (`20个工作日`, `60日`, `2小时`, `即办`).
#[derive(Debug, Deserialize, ToSchema, Validate)]
#[schema(example = json!({
    "code": "DY-007", "name": "建设用地规划许可证核发", "department_id": "0190a3c4-0000-7000-8000-000000000001",
    "stage": "land_planning_permit", "legal_limit": "20个工作日", "promised_limit": "5",
    "allows_tolerance": true, "allows_commitment": false, "max_extension_days": 5,
    "complaint_phone": "12345",
    "materials": [{"name": "建设用地规划许可证申请表", "required": true, "may_be_missing": false}]
}))]
pub struct ItemIn {
    /// The item's code, stable across versions: 1–64 letters, digits, `-`, `_` or `.`. Fixed
    /// once the item is created.
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub code: String,
    #[validate(length(max = 200))]
    #[schema(max_length = 200)]
    pub name: String,
    pub department_id: Uuid,
    pub stage: StageCode,
    /// 法定依据.
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub legal_basis: Option<String>,
    /// 法定时限.
    #[validate(length(max = 50))]
    #[schema(max_length = 50)]
    pub legal_limit: Option<String>,
    /// 承诺时限; no longer than the legal limit.
    #[validate(length(max = 50))]
    #[schema(max_length = 50)]
    pub promised_limit: Option<String>,
    /// 容缺受理 allowed.
    #[serde(default)]
    pub allows_tolerance: bool,
    /// 告知承诺 allowed.
    #[serde(default)]
    pub allows_commitment: bool,
    /// Largest extension (延期) in working days, 0–60; absent when none is allowed.
    pub max_extension_days: Option<i32>,
    /// 法定收费; absent when free.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub legal_fees: Option<String>,
    /// The basis of the fees.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub fee_basis: Option<String>,
    /// 办理结果.
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub result_name: Option<String>,
    /// 受理条件.
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub acceptance_conditions: Option<String>,
    /// 中介服务.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub intermediary_services: Option<String>,
    /// 审批流程.
    #[validate(length(max = 10000))]
    #[schema(max_length = 10000)]
    pub process: Option<String>,
    /// 咨询电话: mobile, landline with area code or service line; several separated by `、`.
    pub consultation_phone: Option<String>,
    /// 投诉电话.
    pub complaint_phone: Option<String>,
    /// 监督电话.
    pub supervision_phone: Option<String>,
    /// Where the facts come from (a published service guide).
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub source: Option<String>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub source_note: Option<String>,
    #[validate(nested)]
    #[serde(default)]
    pub materials: Vec<MaterialIn>,
}

impl From<ItemIn> for ItemDraft {
    fn from(i: ItemIn) -> Self {
        ItemDraft {
            code: i.code,
            name: i.name,
            department_id: i.department_id,
            stage: i.stage.into(),
            legal_basis: i.legal_basis,
            legal_limit: i.legal_limit,
            promised_limit: i.promised_limit,
            allows_tolerance: i.allows_tolerance,
            allows_commitment: i.allows_commitment,
            max_extension_days: i.max_extension_days,
            legal_fees: i.legal_fees,
            fee_basis: i.fee_basis,
            result_name: i.result_name,
            acceptance_conditions: i.acceptance_conditions,
            intermediary_services: i.intermediary_services,
            process: i.process,
            consultation_phone: i.consultation_phone,
            complaint_phone: i.complaint_phone,
            supervision_phone: i.supervision_phone,
            source: i.source,
            source_note: i.source_note,
            materials: i
                .materials
                .into_iter()
                .map(|m| MaterialDraft {
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

/// When a published version takes effect.
#[derive(Debug, Default, Deserialize, ToSchema, Validate)]
pub struct PublishIn {
    /// The first day in force: not in the future, not before the version it replaces took
    /// effect; today on the county's calendar when absent.
    pub valid_from: Option<NaiveDate>,
}

/// Create an approval item: version 1 of a new code, as a draft.
#[utoipa::path(
    tag = "catalog",
    operation_id = "createItem",
    request_body = ItemIn,
    responses(
        (status = 201, description = "The draft", body = ItemOut, headers(("ETag" = String, description = "The draft's revision"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor, or a department role writing another department's item", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/items")]
pub async fn create_item(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<ItemIn>,
) -> Result<HttpResponse, ApiError> {
    let item = manage::create(&state.app, &auth.0, &request_meta(&req), &body.0.into()).await?;
    Ok(item_response(HttpResponse::Created(), item))
}

/// Start a new version of an item: a draft copied from the version in force (or the latest).
#[utoipa::path(
    tag = "catalog",
    operation_id = "newItemVersion",
    params(("id" = Uuid, Path, description = "Any version of the item")),
    responses(
        (status = 201, description = "The new draft", body = ItemOut, headers(("ETag" = String, description = "The draft's revision"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor of this item", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such item", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The item has a draft already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/items/{id}/versions")]
pub async fn new_item_version(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let item = manage::new_version(&state.app, &auth.0, &request_meta(&req), id.into_inner()).await?;
    Ok(item_response(HttpResponse::Created(), item))
}

/// Edit a draft (every field; the code stays).
#[utoipa::path(
    tag = "catalog",
    operation_id = "updateItem",
    request_body = ItemIn,
    params(("id" = Uuid, Path, description = "The draft's id"), ("If-Match" = Option<String>, Header, description = "The revision read (ETag)")),
    responses(
        (status = 200, description = "The draft", body = ItemOut, headers(("ETag" = String, description = "The draft's new revision"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor of this item, or moving it to another department", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such item", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft (`invalid_transition`), or changed meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "`If-Match` names an older revision", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/items/{id}")]
pub async fn update_item(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<ItemIn>,
) -> Result<HttpResponse, ApiError> {
    let draft = body.0.into();
    let item = manage::update(&state.app, &auth.0, &request_meta(&req), id.into_inner(), if_match.0, &draft).await?;
    Ok(item_response(HttpResponse::Ok(), item))
}

/// Discard a draft.
#[utoipa::path(
    tag = "catalog",
    operation_id = "discardItem",
    params(("id" = Uuid, Path, description = "The draft's id")),
    responses(
        (status = 204, description = "Discarded"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an editor of this item", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such item", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/items/{id}")]
pub async fn discard_item(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    manage::discard(&state.app, &auth.0, &request_meta(&req), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Publish a draft: it is in force from `valid_from`, and the version it replaces retires
/// that day.
#[utoipa::path(
    tag = "catalog",
    operation_id = "publishItem",
    request_body(content = PublishIn, description = "When it takes effect (today when absent); the body may be empty"),
    params(("id" = Uuid, Path, description = "The draft's id")),
    responses(
        (status = 200, description = "The published version", body = ItemOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the office and admins publish", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such item", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft, or changed meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "`valid_from` in the future or before the version in force's", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/items/{id}/publish")]
pub async fn publish_item(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Option<ValidatedJson<PublishIn>>,
) -> Result<HttpResponse, ApiError> {
    let valid_from = body.and_then(|b| b.0.valid_from);
    let item = manage::publish(&state.app, &auth.0, &request_meta(&req), id.into_inner(), valid_from).await?;
    Ok(item_response(HttpResponse::Ok(), item))
}

/// Retire a published version from today: the item leaves the catalog in force.
#[utoipa::path(
    tag = "catalog",
    operation_id = "retireItem",
    params(("id" = Uuid, Path, description = "The published version's id")),
    responses(
        (status = 200, description = "The retired version", body = ItemOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Only the office and admins retire", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such item", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not published", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/items/{id}/retire")]
pub async fn retire_item(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let item = manage::retire(&state.app, &auth.0, &request_meta(&req), id.into_inner()).await?;
    Ok(item_response(HttpResponse::Ok(), item))
}

/// Every version of an item, newest first (drafts only for those who may edit them).
#[utoipa::path(
    tag = "catalog",
    operation_id = "listItemVersions",
    params(("id" = Uuid, Path, description = "Any version of the item")),
    responses(
        (status = 200, description = "The versions", body = Vec<ItemOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such item", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/items/{id}/versions")]
pub async fn list_item_versions(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<ItemOut>>, ApiError> {
    let versions = catalog::versions(&state.app, &auth.0, id.into_inner()).await?;
    Ok(web::Json(versions.into_iter().map(ItemOut::from).collect()))
}

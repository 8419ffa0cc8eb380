//! The intermediary supermarket (中介超市, 附件6): the office and the admin keep the agencies
//! under `/intermediaries/agencies`; a case's engagements live under
//! `/cases/{case_id}/intermediaries` (its plan items' choices under
//! `/cases/{case_id}/items/{item_id}/intermediaries`); the public list is
//! `/public/{tenant}/agencies` ([`super::public_agencies`]).

use actix_web::{HttpRequest, HttpResponse, delete, get, post, put, web};
use butler_app::intermediaries::engagements::{self as engagements, EligibleAgency};
use butler_app::intermediaries::{
    Agency, AgencyInput, ChoiceInput, DeliveryInput, Engagement, Qualification, QualificationInput, RatingInput,
    Service, ServiceInput, agencies,
};
use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::credit_code::CreditCode;
use butler_domain::intermediary::engagement::EngagementState;
use butler_domain::intermediary::{AgencyStatus, QualificationKind};
use butler_domain::text::{Name, Phone};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::extract_headers::IfMatch;
use crate::fields;
use crate::middleware::request_meta;
use crate::state::AppState;

/// Registers the supermarket's routes (one line in the app's route list).
pub fn register(cfg: &mut utoipa_actix_web::service_config::ServiceConfig) {
    cfg.service(list_agencies)
        .service(create_agency)
        .service(get_agency)
        .service(update_agency)
        .service(set_agency_status)
        .service(add_agency_qualification)
        .service(remove_agency_qualification)
        .service(add_agency_service)
        .service(list_case_intermediaries)
        .service(list_eligible_agencies)
        .service(choose_intermediary)
        .service(record_intermediary_delivery)
        .service(rate_intermediary)
        .service(download_intermediary_form)
        .service(super::public_agencies::list_public_agencies);
}

/// A qualification (资质) of an agency.
#[derive(Debug, Serialize, ToSchema)]
pub struct QualificationOut {
    pub id: Uuid,
    pub kind: QualificationKind,
    /// 资质等级 (`甲级`).
    pub level: String,
    pub certificate_number: String,
    pub valid_from: NaiveDate,
    /// The last day in force.
    pub valid_until: NaiveDate,
    /// Past `valid_until` on the county's date: the agency is not offered for services of
    /// this kind.
    pub expired: bool,
}

impl From<Qualification> for QualificationOut {
    fn from(q: Qualification) -> Self {
        QualificationOut {
            id: q.id,
            kind: q.kind,
            level: q.level,
            certificate_number: q.certificate_number,
            valid_from: q.valid_from,
            valid_until: q.valid_until,
            expired: q.expired,
        }
    }
}

/// A service an agency offers, and the catalog items it serves.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyServiceOut {
    pub id: Uuid,
    pub name: String,
    /// The qualification kind the service needs.
    pub kind: QualificationKind,
    /// What the agency charges the enterprise: a matter between them; the county's service
    /// itself is free.
    pub fee_note: Option<String>,
    /// The catalog item codes served.
    pub item_codes: Vec<String>,
}

impl From<Service> for AgencyServiceOut {
    fn from(s: Service) -> Self {
        AgencyServiceOut { id: s.id, name: s.name, kind: s.kind, fee_note: s.fee_note, item_codes: s.item_codes }
    }
}

/// An intermediary agency (中介机构).
#[derive(Debug, Serialize, ToSchema)]
pub struct AgencyOut {
    pub id: Uuid,
    pub name: String,
    /// 统一社会信用代码.
    pub credit_code: String,
    pub contact: String,
    pub phone: String,
    pub address: Option<String>,
    pub intro: Option<String>,
    pub status: AgencyStatus,
    /// Send as `If-Match` to edit or suspend.
    pub version: i32,
    pub qualifications: Vec<QualificationOut>,
    pub services: Vec<AgencyServiceOut>,
    pub updated_at: DateTime<Utc>,
}

impl From<Agency> for AgencyOut {
    fn from(a: Agency) -> Self {
        AgencyOut {
            id: a.id,
            name: a.name,
            credit_code: a.credit_code,
            contact: a.contact,
            phone: a.phone,
            address: a.address,
            intro: a.intro,
            status: a.status,
            version: a.version,
            qualifications: a.qualifications.into_iter().map(QualificationOut::from).collect(),
            services: a.services.into_iter().map(AgencyServiceOut::from).collect(),
            updated_at: a.updated_at,
        }
    }
}

/// An agency's own fields.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"name": "楚雄示例环境咨询有限公司", "credit_code": "91532300MA6K0000XX", "contact": "李文", "phone": "0878-0000101"}))]
pub struct AgencyIn {
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub name: String,
    /// 统一社会信用代码 (18 characters, check digit verified).
    #[validate(custom(function = "fields::credit_code"))]
    pub credit_code: String,
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub contact: String,
    #[validate(custom(function = "fields::phone"))]
    #[schema(pattern = r"^(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*$")]
    pub phone: String,
    #[validate(length(max = 500))]
    #[schema(max_length = 500)]
    pub address: Option<String>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub intro: Option<String>,
}

impl TryFrom<AgencyIn> for AgencyInput {
    type Error = ApiError;

    fn try_from(b: AgencyIn) -> Result<Self, ApiError> {
        Ok(AgencyInput {
            name: Name::parse(&b.name).map_err(|e| fields::to_api("name", e))?,
            credit_code: CreditCode::parse(&b.credit_code).map_err(|e| fields::credit_code_to_api("credit_code", e))?,
            contact: Name::parse(&b.contact).map_err(|e| fields::to_api("contact", e))?,
            phone: Phone::parse(&b.phone).map_err(|e| fields::to_api("phone", e))?,
            address: b.address,
            intro: b.intro,
        })
    }
}

/// Suspend or reinstate an agency, with why.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct AgencyStatusIn {
    pub status: AgencyStatus,
    #[validate(custom(function = "fields::not_blank"), length(max = 2000))]
    #[schema(
        max_length = 2000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub reason: String,
}

/// A qualification to add.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"kind": "environmental_assessment", "level": "甲级", "certificate_number": "环评证甲字第0001号", "valid_from": "2025-01-01", "valid_until": "2029-12-31"}))]
pub struct QualificationIn {
    pub kind: QualificationKind,
    #[validate(custom(function = "fields::not_blank"), length(max = 100))]
    #[schema(
        max_length = 100,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub level: String,
    #[validate(custom(function = "fields::not_blank"), length(max = 100))]
    #[schema(
        max_length = 100,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub certificate_number: String,
    pub valid_from: NaiveDate,
    /// The last day in force (not before `valid_from`).
    pub valid_until: NaiveDate,
}

/// A service to add, with the catalog items it serves.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"name": "建设项目环境影响评价", "kind": "environmental_assessment", "fee_note": "按市场价，由企业与机构协商", "item_codes": ["EE-001"]}))]
pub struct AgencyServiceIn {
    #[validate(custom(function = "fields::not_blank"), length(max = 200))]
    #[schema(
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub name: String,
    pub kind: QualificationKind,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub fee_note: Option<String>,
    /// Catalog item codes (at least one).
    #[validate(length(min = 1, max = 100), custom(function = "item_codes"))]
    #[schema(min_items = 1, max_items = 100)]
    pub item_codes: Vec<String>,
}

/// Every code is an item code's spelling (whether the catalog holds it is the service's to say).
fn item_codes(codes: &[String]) -> Result<(), validator::ValidationError> {
    match codes.iter().find(|c| !butler_domain::catalog::rules::is_item_code(c)) {
        None => Ok(()),
        Some(bad) => Err(crate::extract::rule(
            "item_code",
            format!("“{bad}”不是事项编码（字母、数字、. _ -，最多 64 位）"),
            format!("\"{bad}\" is not an item code (letters, digits, . _ -, at most 64)"),
        )),
    }
}

/// Filters of the agency list.
#[derive(Debug, Deserialize, IntoParams)]
pub struct AgencyQuery {
    /// Only agencies with this status.
    pub status: Option<AgencyStatus>,
}

const P: &str = "application/problem+json";

/// List the county's agencies with their qualifications and services (every signed-in user).
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "listAgencies",
    params(PageParams, AgencyQuery),
    responses(
        (status = 200, description = "A page of agencies", body = PageOut<AgencyOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = P),
        (status = 422, description = "Invalid paging", body = Problem, content_type = P),
    )
)]
#[get("/intermediaries/agencies")]
pub async fn list_agencies(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    q: web::Query<AgencyQuery>,
) -> Result<web::Json<PageOut<AgencyOut>>, ApiError> {
    let page = agencies::list(&state.app, &auth.0, q.status, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, AgencyOut::from)))
}

/// Register an agency (the office or the admin; audited).
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "createAgency",
    request_body = AgencyIn,
    responses(
        (status = 201, description = "Registered", body = AgencyOut),
        (status = 403, description = "Not the office or an admin", body = Problem, content_type = P),
        (status = 409, description = "The credit code is registered already (`credit_code` taken)", body = Problem, content_type = P),
        (status = 422, description = "Invalid fields", body = Problem, content_type = P),
    )
)]
#[post("/intermediaries/agencies")]
pub async fn create_agency(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<AgencyIn>,
) -> Result<HttpResponse, ApiError> {
    let agency = agencies::create(&state.app, &auth.0, &request_meta(&req), body.0.try_into()?).await?;
    Ok(HttpResponse::Created().json(AgencyOut::from(agency)))
}

/// Read one agency.
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "getAgency",
    params(("id" = Uuid, Path, description = "The agency's id")),
    responses(
        (status = 200, description = "The agency", body = AgencyOut),
        (status = 404, description = "No such agency", body = Problem, content_type = P),
    )
)]
#[get("/intermediaries/agencies/{id}")]
pub async fn get_agency(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<AgencyOut>, ApiError> {
    Ok(web::Json(agencies::get(&state.app, &auth.0, id.into_inner()).await?.into()))
}

/// Edit an agency's own fields (audited).
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "updateAgency",
    request_body = AgencyIn,
    params(("id" = Uuid, Path, description = "The agency's id"), ("If-Match" = Option<String>, Header, description = "The version read")),
    responses(
        (status = 200, description = "Updated", body = AgencyOut),
        (status = 403, description = "Not the office or an admin", body = Problem, content_type = P),
        (status = 404, description = "No such agency", body = Problem, content_type = P),
        (status = 409, description = "The credit code is another agency's", body = Problem, content_type = P),
        (status = 412, description = "The agency changed since it was read", body = Problem, content_type = P),
        (status = 422, description = "Invalid fields", body = Problem, content_type = P),
    )
)]
#[put("/intermediaries/agencies/{id}")]
pub async fn update_agency(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<AgencyIn>,
) -> Result<web::Json<AgencyOut>, ApiError> {
    let meta = request_meta(&req);
    let agency = agencies::update(&state.app, &auth.0, &meta, id.into_inner(), if_match.0, body.0.try_into()?).await?;
    Ok(web::Json(agency.into()))
}

/// Suspend an agency (no longer offered; its engagements stay) or reinstate it (audited).
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "setAgencyStatus",
    request_body = AgencyStatusIn,
    params(("id" = Uuid, Path, description = "The agency's id"), ("If-Match" = Option<String>, Header, description = "The version read")),
    responses(
        (status = 200, description = "Set", body = AgencyOut),
        (status = 403, description = "Not the office or an admin", body = Problem, content_type = P),
        (status = 404, description = "No such agency", body = Problem, content_type = P),
        (status = 412, description = "The agency changed since it was read", body = Problem, content_type = P),
        (status = 422, description = "Invalid fields", body = Problem, content_type = P),
    )
)]
#[post("/intermediaries/agencies/{id}/status")]
pub async fn set_agency_status(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<AgencyStatusIn>,
) -> Result<web::Json<AgencyOut>, ApiError> {
    let b = body.0;
    let meta = request_meta(&req);
    let agency =
        agencies::set_status(&state.app, &auth.0, &meta, id.into_inner(), if_match.0, b.status, &b.reason).await?;
    Ok(web::Json(agency.into()))
}

/// Add a qualification to an agency (audited).
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "addAgencyQualification",
    request_body = QualificationIn,
    params(("id" = Uuid, Path, description = "The agency's id")),
    responses(
        (status = 200, description = "Added; the agency as it is now", body = AgencyOut),
        (status = 403, description = "Not the office or an admin", body = Problem, content_type = P),
        (status = 404, description = "No such agency", body = Problem, content_type = P),
        (status = 422, description = "Invalid fields (e.g. `valid_until` before `valid_from`)", body = Problem, content_type = P),
    )
)]
#[post("/intermediaries/agencies/{id}/qualifications")]
pub async fn add_agency_qualification(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidatedJson<QualificationIn>,
) -> Result<web::Json<AgencyOut>, ApiError> {
    let b = body.0;
    let q = QualificationInput {
        kind: b.kind,
        level: b.level,
        certificate_number: b.certificate_number,
        valid_from: b.valid_from,
        valid_until: b.valid_until,
    };
    let agency = agencies::add_qualification(&state.app, &auth.0, &request_meta(&req), id.into_inner(), q).await?;
    Ok(web::Json(agency.into()))
}

/// Remove one of an agency's qualifications (audited).
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "removeAgencyQualification",
    params(("id" = Uuid, Path, description = "The agency's id"), ("qualification_id" = Uuid, Path, description = "The qualification's id")),
    responses(
        (status = 200, description = "Removed; the agency as it is now", body = AgencyOut),
        (status = 403, description = "Not the office or an admin", body = Problem, content_type = P),
        (status = 404, description = "No such agency or qualification", body = Problem, content_type = P),
    )
)]
#[delete("/intermediaries/agencies/{id}/qualifications/{qualification_id}")]
pub async fn remove_agency_qualification(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<AgencyOut>, ApiError> {
    let (id, qualification_id) = path.into_inner();
    let agency = agencies::remove_qualification(&state.app, &auth.0, &request_meta(&req), id, qualification_id).await?;
    Ok(web::Json(agency.into()))
}

/// Add a service, with the catalog items it serves, to an agency (audited).
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "addAgencyService",
    request_body = AgencyServiceIn,
    params(("id" = Uuid, Path, description = "The agency's id")),
    responses(
        (status = 200, description = "Added; the agency as it is now", body = AgencyOut),
        (status = 403, description = "Not the office or an admin", body = Problem, content_type = P),
        (status = 404, description = "No such agency", body = Problem, content_type = P),
        (status = 422, description = "Invalid fields", body = Problem, content_type = P),
    )
)]
#[post("/intermediaries/agencies/{id}/services")]
pub async fn add_agency_service(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidatedJson<AgencyServiceIn>,
) -> Result<web::Json<AgencyOut>, ApiError> {
    let b = body.0;
    let s = ServiceInput { name: b.name, kind: b.kind, fee_note: b.fee_note, item_codes: b.item_codes };
    let agency = agencies::add_service(&state.app, &auth.0, &request_meta(&req), id.into_inner(), s).await?;
    Ok(web::Json(agency.into()))
}

/// An engagement: the enterprise's choice of an agency's service for a plan item, its
/// delivery and rating.
#[derive(Debug, Serialize, ToSchema)]
pub struct EngagementOut {
    pub id: Uuid,
    pub case_id: Uuid,
    pub case_item_id: Uuid,
    pub item_name: String,
    pub agency_id: Uuid,
    pub agency_name: String,
    pub agency_credit_code: String,
    pub service_id: Uuid,
    pub service_name: String,
    pub state: EngagementState,
    /// Send as `If-Match` to record the delivery or the rating.
    pub version: i32,
    /// Who recorded the choice (the enterprise's contact, or an official for it).
    pub chosen_by: Uuid,
    pub chosen_at: DateTime<Utc>,
    /// Set when an official recorded the enterprise's written choice.
    pub on_behalf_note: Option<String>,
    /// Why this choice replaced an earlier one.
    pub change_reason: Option<String>,
    pub replaced_at: Option<DateTime<Utc>>,
    pub promised_delivery: Option<NaiveDate>,
    pub actual_delivery: Option<NaiveDate>,
    pub report_name: Option<String>,
    pub report_number: Option<String>,
    pub conclusion: Option<String>,
    pub rating: Option<EvaluationLevel>,
    pub rating_comment: Option<String>,
    pub rated_at: Option<DateTime<Utc>>,
}

impl From<Engagement> for EngagementOut {
    fn from(e: Engagement) -> Self {
        EngagementOut {
            id: e.id,
            case_id: e.case_id,
            case_item_id: e.case_item_id,
            item_name: e.item_name,
            agency_id: e.agency_id,
            agency_name: e.agency_name,
            agency_credit_code: e.agency_credit_code,
            service_id: e.service_id,
            service_name: e.service_name,
            state: e.state,
            version: e.version,
            chosen_by: e.chosen_by,
            chosen_at: e.chosen_at,
            on_behalf_note: e.on_behalf_note,
            change_reason: e.change_reason,
            replaced_at: e.replaced_at,
            promised_delivery: e.promised_delivery,
            actual_delivery: e.actual_delivery,
            report_name: e.report_name,
            report_number: e.report_number,
            conclusion: e.conclusion,
            rating: e.rating,
            rating_comment: e.rating_comment,
            rated_at: e.rated_at,
        }
    }
}

/// An agency the enterprise may choose for a plan item, and which of its services.
#[derive(Debug, Serialize, ToSchema)]
pub struct EligibleAgencyOut {
    pub agency: AgencyOut,
    /// The services offered for this item (others of the agency are not).
    pub service_ids: Vec<Uuid>,
}

impl From<EligibleAgency> for EligibleAgencyOut {
    fn from(e: EligibleAgency) -> Self {
        EligibleAgencyOut { agency: e.agency.into(), service_ids: e.service_ids }
    }
}

/// The enterprise's choice.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"service_id": "0190c6a0-0000-7000-8000-000000000001", "promised_delivery": "2026-12-20"}))]
pub struct ChoiceIn {
    pub service_id: Uuid,
    /// Required when an official records the enterprise's written choice for it ("代为录入，
    /// 企业书面选择"); never from the enterprise itself.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub on_behalf_note: Option<String>,
    /// Required to replace the item's current choice of that service kind (before delivery).
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub reason: Option<String>,
    pub promised_delivery: Option<NaiveDate>,
}

/// The agency's delivery and result.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"actual_delivery": "2026-12-18", "report_name": "环境影响报告表", "report_number": "HP-2026-018", "conclusion": "项目建设可行"}))]
pub struct DeliveryIn {
    /// Between the day of the choice and today.
    pub actual_delivery: NaiveDate,
    pub promised_delivery: Option<NaiveDate>,
    #[validate(custom(function = "fields::not_blank"), length(max = 200))]
    #[schema(
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub report_name: String,
    #[validate(custom(function = "fields::not_blank"), length(max = 100))]
    #[schema(
        max_length = 100,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub report_number: String,
    #[validate(custom(function = "fields::not_blank"), length(max = 5000))]
    #[schema(
        max_length = 5000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub conclusion: String,
}

/// The enterprise's rating (the five 好差评 levels).
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RatingIn {
    pub level: EvaluationLevel,
    /// Required for `dissatisfied` and `very_dissatisfied`.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// The case's engagements of agencies, oldest choice first (replaced ones included).
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "listCaseIntermediaries",
    params(("case_id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The engagements", body = Vec<EngagementOut>),
        (status = 404, description = "No such case for this caller", body = Problem, content_type = P),
    )
)]
#[get("/cases/{case_id}/intermediaries")]
pub async fn list_case_intermediaries(
    state: web::Data<AppState>,
    auth: Authenticated,
    case_id: web::Path<Uuid>,
) -> Result<web::Json<Vec<EngagementOut>>, ApiError> {
    let list = engagements::list(&state.app, &auth.0, case_id.into_inner()).await?;
    Ok(web::Json(list.into_iter().map(EngagementOut::from).collect()))
}

/// The agencies the enterprise may choose for a plan item: active, serving the item's
/// catalog code, holding a qualification in force (on the county's date) of the service's
/// kind.
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "listEligibleAgencies",
    params(("case_id" = Uuid, Path, description = "The case's id"), ("item_id" = Uuid, Path, description = "The plan item's id")),
    responses(
        (status = 200, description = "The agencies offered", body = Vec<EligibleAgencyOut>),
        (status = 404, description = "No such case or item for this caller", body = Problem, content_type = P),
    )
)]
#[get("/cases/{case_id}/items/{item_id}/intermediaries")]
pub async fn list_eligible_agencies(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
) -> Result<web::Json<Vec<EligibleAgencyOut>>, ApiError> {
    let (case_id, item_id) = path.into_inner();
    let list = engagements::eligible(&state.app, &auth.0, case_id, item_id).await?;
    Ok(web::Json(list.into_iter().map(EligibleAgencyOut::from).collect()))
}

/// Choose an agency's service for a plan item: the enterprise for itself, or the window or
/// the office recording its written choice (with `on_behalf_note`). With `reason`, replaces the
/// item's current choice of that kind before its delivery. Recorded in the case's history.
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "chooseIntermediary",
    request_body = ChoiceIn,
    params(("case_id" = Uuid, Path, description = "The case's id"), ("item_id" = Uuid, Path, description = "The plan item's id")),
    responses(
        (status = 201, description = "Chosen", body = EngagementOut),
        (status = 403, description = "The role may not choose for the enterprise", body = Problem, content_type = P),
        (status = 404, description = "No such case or item for this caller", body = Problem, content_type = P),
        (status = 409, description = "The case is closed, or the current choice was delivered on", body = Problem, content_type = P),
        (status = 422, description = "Not offered for this item, a missing note or reason", body = Problem, content_type = P),
    )
)]
#[post("/cases/{case_id}/items/{item_id}/intermediaries")]
pub async fn choose_intermediary(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<ChoiceIn>,
) -> Result<HttpResponse, ApiError> {
    let (case_id, item_id) = path.into_inner();
    let b = body.0;
    let input = ChoiceInput {
        service_id: b.service_id,
        on_behalf_note: b.on_behalf_note,
        reason: b.reason,
        promised_delivery: b.promised_delivery,
    };
    let e = engagements::choose(&state.app, &auth.0, case_id, item_id, input).await?;
    Ok(HttpResponse::Created().json(EngagementOut::from(e)))
}

/// Record the agency's delivery and result: the office, or the case's lead agent.
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "recordIntermediaryDelivery",
    request_body = DeliveryIn,
    params(("case_id" = Uuid, Path, description = "The case's id"), ("id" = Uuid, Path, description = "The engagement's id"), ("If-Match" = Option<String>, Header, description = "The engagement's version read")),
    responses(
        (status = 200, description = "Recorded", body = EngagementOut),
        (status = 403, description = "Neither the office nor the case's lead agent", body = Problem, content_type = P),
        (status = 404, description = "No such case or engagement for this caller", body = Problem, content_type = P),
        (status = 409, description = "The case is closed, or the engagement is not awaiting delivery", body = Problem, content_type = P),
        (status = 412, description = "The engagement changed since it was read", body = Problem, content_type = P),
        (status = 422, description = "Invalid fields", body = Problem, content_type = P),
    )
)]
#[post("/cases/{case_id}/intermediaries/{id}/delivery")]
pub async fn record_intermediary_delivery(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    if_match: IfMatch,
    body: ValidatedJson<DeliveryIn>,
) -> Result<web::Json<EngagementOut>, ApiError> {
    let (case_id, id) = path.into_inner();
    let b = body.0;
    let input = DeliveryInput {
        actual_delivery: b.actual_delivery,
        promised_delivery: b.promised_delivery,
        report_name: b.report_name,
        report_number: b.report_number,
        conclusion: b.conclusion,
    };
    let e = engagements::deliver(&state.app, &auth.0, case_id, id, if_match.0, input).await?;
    Ok(web::Json(e.into()))
}

/// Rate the agency's delivered work (the enterprise, once).
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "rateIntermediary",
    request_body = RatingIn,
    params(("case_id" = Uuid, Path, description = "The case's id"), ("id" = Uuid, Path, description = "The engagement's id"), ("If-Match" = Option<String>, Header, description = "The engagement's version read")),
    responses(
        (status = 200, description = "Rated", body = EngagementOut),
        (status = 403, description = "Not the enterprise", body = Problem, content_type = P),
        (status = 404, description = "No such case or engagement for this caller", body = Problem, content_type = P),
        (status = 409, description = "The case is closed, or the engagement is not delivered (or rated already)", body = Problem, content_type = P),
        (status = 412, description = "The engagement changed since it was read", body = Problem, content_type = P),
        (status = 422, description = "Invalid fields (a bad rating needs a comment)", body = Problem, content_type = P),
    )
)]
#[post("/cases/{case_id}/intermediaries/{id}/rating")]
pub async fn rate_intermediary(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    if_match: IfMatch,
    body: ValidatedJson<RatingIn>,
) -> Result<web::Json<EngagementOut>, ApiError> {
    let (case_id, id) = path.into_inner();
    let b = body.0;
    let e = engagements::rate(
        &state.app,
        &auth.0,
        case_id,
        id,
        if_match.0,
        RatingInput { level: b.level, comment: b.comment },
    )
    .await?;
    Ok(web::Json(e.into()))
}

/// Download the case's 附件6 (中介超市服务招商引资重大项目事项清单) as a Word file: each plan item's
/// chosen agency, who chose it and how, the delivery and result, and the enterprise's rating.
#[utoipa::path(
    tag = "intermediaries",
    operation_id = "downloadIntermediaryForm",
    params(("case_id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The form (.docx)", content_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", body = crate::download::FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''附件6-中介超市服务事项清单-<number>.docx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = P),
        (status = 404, description = "No such case for this caller", body = Problem, content_type = P),
    )
)]
#[get("/cases/{case_id}/intermediaries/form.docx")]
pub async fn download_intermediary_form(
    state: web::Data<AppState>,
    auth: Authenticated,
    case_id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let file = butler_app::forms::intermediary_form(&state.app, &auth.0, case_id.into_inner()).await?;
    Ok(super::forms::download(file))
}

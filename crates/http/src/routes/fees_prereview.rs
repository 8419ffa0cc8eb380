//! Legal fees (法定收费) on task sheets and the joint pre-review (联合预审) before dispatch.

use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use butler_app::fees::{self, CaseFees, LegalFee, SheetFees};
use butler_app::prereview::{self, CasePreReview, Opinion, PreReview};
use butler_domain::case::legal_fee::FeeInput;
use butler_domain::case::prereview::{DepartmentOpinion, Gap, OpinionInput, PreReviewAction, PreReviewState};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson};
use crate::middleware::request_meta;
use crate::state::AppState;

/// Registers this module's routes.
pub fn configure(cfg: &mut ServiceConfig) {
    cfg.service(list_case_legal_fees)
        .service(list_task_legal_fees)
        .service(record_legal_fee)
        .service(correct_legal_fee)
        .service(get_case_prereview)
        .service(open_prereview)
        .service(give_prereview_opinion)
        .service(close_prereview)
        .service(list_task_prereview_gaps);
}

/// A legal fee paid for a sheet's approval. The rules (amount, basis, receipt, date) are the
/// domain's: a refusal names each field at fault.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct LegalFeeIn {
    /// The amount in fen (分): more than 0, at most 1000 万元.
    #[schema(example = 1000)]
    pub amount_fen: i64,
    /// The law or standard the fee is charged under (收费依据); absent takes the item
    /// version's. Required when the item has none, or when its guide says it charges nothing.
    pub basis: Option<String>,
    /// The receipt's number (票据号).
    pub receipt_number: String,
    /// The day it was paid (not after today).
    pub paid_on: NaiveDate,
}

impl From<&LegalFeeIn> for FeeInput {
    fn from(f: &LegalFeeIn) -> Self {
        FeeInput {
            amount_fen: f.amount_fen,
            basis: f.basis.clone(),
            receipt_number: f.receipt_number.clone(),
            paid_on: f.paid_on,
        }
    }
}

/// A correction of a recorded fee: the fee as it should be, and why.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct LegalFeeCorrectionIn {
    #[serde(flatten)]
    pub fee: LegalFeeIn,
    /// Why the recorded fee was wrong.
    pub reason: String,
}

/// A legal fee as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct LegalFeeOut {
    pub id: Uuid,
    pub case_id: Uuid,
    pub sheet_id: Uuid,
    pub department_id: Uuid,
    pub item_name: String,
    pub amount_fen: i64,
    pub basis: String,
    /// Whether the basis is the item version's (not written with the fee).
    pub basis_from_catalog: bool,
    pub receipt_number: String,
    pub paid_on: NaiveDate,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
    /// The fee this one corrected.
    pub replaces_id: Option<Uuid>,
    /// Why it was corrected.
    pub correction_reason: Option<String>,
    /// When a correction replaced it; absent while current.
    pub superseded_at: Option<DateTime<Utc>>,
}

impl From<LegalFee> for LegalFeeOut {
    fn from(f: LegalFee) -> Self {
        LegalFeeOut {
            id: f.id,
            case_id: f.case_id,
            sheet_id: f.sheet_id,
            department_id: f.department_id,
            item_name: f.item_name,
            amount_fen: f.amount_fen,
            basis: f.basis,
            basis_from_catalog: f.basis_from_catalog,
            receipt_number: f.receipt_number,
            paid_on: f.paid_on,
            recorded_by: f.recorded_by,
            recorded_at: f.recorded_at,
            replaces_id: f.replaces_id,
            correction_reason: f.correction_reason,
            superseded_at: f.superseded_at,
        }
    }
}

/// One sheet's legal fees.
#[derive(Debug, Serialize, ToSchema)]
pub struct SheetFeesOut {
    pub sheet_id: Uuid,
    pub department_id: Uuid,
    pub item_name: String,
    /// The current fees together, in fen.
    pub total_fen: i64,
    /// The current fees.
    pub fees: Vec<LegalFeeOut>,
    /// Fees replaced by corrections (the history).
    pub replaced: Vec<LegalFeeOut>,
}

impl From<SheetFees> for SheetFeesOut {
    fn from(s: SheetFees) -> Self {
        SheetFeesOut {
            sheet_id: s.sheet_id,
            department_id: s.department_id,
            item_name: s.item_name,
            total_fen: s.total_fen,
            fees: s.fees.into_iter().map(Into::into).collect(),
            replaced: s.replaced.into_iter().map(Into::into).collect(),
        }
    }
}

/// What the enterprise paid for a case: the service itself nothing (无偿服务), and the legal
/// fees per sheet.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseFeesOut {
    pub case_id: Uuid,
    /// What the service charged: always 0.
    pub service_fee_fen: i64,
    /// The current legal fees of every sheet together, in fen.
    pub legal_fees_total_fen: i64,
    pub sheets: Vec<SheetFeesOut>,
}

impl From<CaseFees> for CaseFeesOut {
    fn from(c: CaseFees) -> Self {
        CaseFeesOut {
            case_id: c.case_id,
            service_fee_fen: c.service_fee_fen,
            legal_fees_total_fen: c.legal_fees_total_fen,
            sheets: c.sheets.into_iter().map(Into::into).collect(),
        }
    }
}

/// The case's fees: the service's own (0) and the legal fees per sheet with their totals.
#[utoipa::path(
    tag = "cases",
    operation_id = "listCaseLegalFees",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The fees", body = CaseFeesOut),
        (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cases/{id}/legal-fees")]
pub async fn list_case_legal_fees(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<CaseFeesOut>, ApiError> {
    Ok(web::Json(fees::for_case(&state.app, &auth.0, id.into_inner()).await?.into()))
}

/// A sheet's legal fees.
#[utoipa::path(
    tag = "tasks",
    operation_id = "listTaskLegalFees",
    params(("id" = Uuid, Path, description = "The sheet's id")),
    responses(
        (status = 200, description = "The fees", body = SheetFeesOut),
        (status = 404, description = "No such sheet", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tasks/{id}/legal-fees")]
pub async fn list_task_legal_fees(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<SheetFeesOut>, ApiError> {
    Ok(web::Json(fees::for_sheet(&state.app, &auth.0, id.into_inner()).await?.into()))
}

/// Record a legal fee on a sheet: the sheet's department (its own sheets), the window or the
/// office, while the case is in service. In the case's history and the audit trail.
#[utoipa::path(
    tag = "tasks",
    operation_id = "recordLegalFee",
    request_body = LegalFeeIn,
    params(("id" = Uuid, Path, description = "The sheet's id")),
    responses(
        (status = 201, description = "Recorded", body = LegalFeeOut),
        (status = 403, description = "Not the sheet's department, the window or the office", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case is not in service", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/tasks/{id}/legal-fees")]
pub async fn record_legal_fee(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidatedJson<LegalFeeIn>,
) -> Result<HttpResponse, ApiError> {
    let fee = fees::record(&state.app, &auth.0, &request_meta(&req), id.into_inner(), &(&body.0).into()).await?;
    Ok(HttpResponse::Created().json(LegalFeeOut::from(fee)))
}

/// Correct a recorded fee: the corrected fee replaces it, with a reason; the replaced one
/// stays in the history.
#[utoipa::path(
    tag = "tasks",
    operation_id = "correctLegalFee",
    request_body = LegalFeeCorrectionIn,
    params(("id" = Uuid, Path, description = "The fee's id")),
    responses(
        (status = 201, description = "The replacing fee", body = LegalFeeOut),
        (status = 403, description = "Not the sheet's department, the window or the office", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Corrected already, or the case is not in service", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/legal-fees/{id}/correction")]
pub async fn correct_legal_fee(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidatedJson<LegalFeeCorrectionIn>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let fee =
        fees::correct(&state.app, &auth.0, &request_meta(&req), id.into_inner(), &(&body.fee).into(), &body.reason)
            .await?;
    Ok(HttpResponse::Created().json(LegalFeeOut::from(fee)))
}

/// A gap in the application's materials a department found.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct PreReviewGap {
    /// The material.
    #[schema(example = "建设用地规划许可申请表")]
    pub material: String,
    /// What is wrong or missing.
    #[schema(example = "缺法定代表人签字")]
    pub problem: String,
    pub note: Option<String>,
}

impl From<Gap> for PreReviewGap {
    fn from(g: Gap) -> Self {
        PreReviewGap { material: g.material, problem: g.problem, note: g.note }
    }
}

/// A department's opinion: no gaps, or the gaps found.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct PreReviewOpinionIn {
    /// True: the materials are complete for this department (then `gaps` is empty).
    pub no_gaps: bool,
    #[serde(default)]
    pub gaps: Vec<PreReviewGap>,
}

/// A department's opinion as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct PreReviewOpinionOut {
    pub id: Uuid,
    pub department_id: Uuid,
    /// Empty: no gaps.
    pub gaps: Vec<PreReviewGap>,
    pub given_by: Uuid,
    pub given_at: DateTime<Utc>,
    /// When a later opinion of the department replaced it.
    pub superseded_at: Option<DateTime<Utc>>,
}

impl From<Opinion> for PreReviewOpinionOut {
    fn from(o: Opinion) -> Self {
        PreReviewOpinionOut {
            id: o.id,
            department_id: o.department_id,
            gaps: o.gaps.into_iter().map(Into::into).collect(),
            given_by: o.given_by,
            given_at: o.given_at,
            superseded_at: o.superseded_at,
        }
    }
}

/// One department's entry of the consolidated list.
#[derive(Debug, Serialize, ToSchema)]
pub struct PreReviewDepartmentGaps {
    pub department_id: Uuid,
    /// Empty: nothing to supply for this department.
    pub gaps: Vec<PreReviewGap>,
}

impl From<DepartmentOpinion> for PreReviewDepartmentGaps {
    fn from(d: DepartmentOpinion) -> Self {
        PreReviewDepartmentGaps { department_id: d.department_id, gaps: d.gaps.into_iter().map(Into::into).collect() }
    }
}

/// A pre-review round.
#[derive(Debug, Serialize, ToSchema)]
pub struct PreReviewOut {
    pub id: Uuid,
    pub state: PreReviewState,
    /// The plan's departments asked, in the plan's order.
    pub departments: Vec<Uuid>,
    pub opened_by: Uuid,
    pub opened_at: DateTime<Utc>,
    pub closed_by: Option<Uuid>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The departments' current opinions (officials only; empty for the enterprise).
    pub opinions: Vec<PreReviewOpinionOut>,
    /// Opinions a later one of the same department replaced.
    pub replaced: Vec<PreReviewOpinionOut>,
    /// Once closed: one list of gaps per department (一次性告知).
    pub consolidated: Option<Vec<PreReviewDepartmentGaps>>,
}

impl From<PreReview> for PreReviewOut {
    fn from(p: PreReview) -> Self {
        PreReviewOut {
            id: p.id,
            state: p.state,
            departments: p.departments,
            opened_by: p.opened_by,
            opened_at: p.opened_at,
            closed_by: p.closed_by,
            closed_at: p.closed_at,
            opinions: p.opinions.into_iter().map(Into::into).collect(),
            replaced: p.replaced.into_iter().map(Into::into).collect(),
            consolidated: p.consolidated.map(|c| c.into_iter().map(Into::into).collect()),
        }
    }
}

/// A case's joint pre-review.
#[derive(Debug, Serialize, ToSchema)]
pub struct CasePreReviewOut {
    pub case_id: Uuid,
    /// The last round; absent when none was opened.
    pub current: Option<PreReviewOut>,
    /// What the caller may do now.
    pub allowed_actions: Vec<PreReviewAction>,
}

impl From<CasePreReview> for CasePreReviewOut {
    fn from(c: CasePreReview) -> Self {
        CasePreReviewOut { case_id: c.case_id, current: c.current.map(Into::into), allowed_actions: c.allowed_actions }
    }
}

/// The case's joint pre-review: the last round, its opinions and, once closed, the
/// consolidated list of gaps.
#[utoipa::path(
    tag = "cases",
    operation_id = "getCasePreReview",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "The pre-review", body = CasePreReviewOut),
        (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cases/{id}/prereview")]
pub async fn get_case_prereview(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<CasePreReviewOut>, ApiError> {
    Ok(web::Json(prereview::get(&state.app, &auth.0, id.into_inner()).await?.into()))
}

/// Open a joint pre-review of the application (office, window) once the plan is agreed and
/// before dispatch; the plan's departments are asked for their opinions. Dispatch waits until
/// it is closed.
#[utoipa::path(
    tag = "cases",
    operation_id = "openPreReview",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 201, description = "Opened", body = CasePreReviewOut),
        (status = 403, description = "Not the office or the window", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case is not between the plan's agreement and dispatch, or a pre-review is open already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/prereview")]
pub async fn open_prereview(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    let review = prereview::open(&state.app, &auth.0, &request_meta(&req), id.into_inner()).await?;
    Ok(HttpResponse::Created().json(CasePreReviewOut::from(review)))
}

/// Give (or replace) the caller's department's opinion on the open pre-review.
#[utoipa::path(
    tag = "cases",
    operation_id = "givePreReviewOpinion",
    request_body = PreReviewOpinionIn,
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "Recorded", body = CasePreReviewOut),
        (status = 403, description = "Not an agent or leader of a department of the plan", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No pre-review open, or the case is past dispatch", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/cases/{id}/prereview/opinion")]
pub async fn give_prereview_opinion(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: ValidatedJson<PreReviewOpinionIn>,
) -> Result<web::Json<CasePreReviewOut>, ApiError> {
    let body = body.0;
    let input = OpinionInput {
        no_gaps: body.no_gaps,
        gaps: body.gaps.into_iter().map(|g| Gap { material: g.material, problem: g.problem, note: g.note }).collect(),
    };
    Ok(web::Json(prereview::give_opinion(&state.app, &auth.0, id.into_inner(), &input).await?.into()))
}

/// Close the open pre-review into one list of gaps per department (office, window); every
/// department must have given its opinion. The enterprise is told the whole list at once.
#[utoipa::path(
    tag = "cases",
    operation_id = "closePreReview",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "Closed", body = CasePreReviewOut),
        (status = 403, description = "Not the office or the window", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Opinions missing, no pre-review open, or the case is past dispatch", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/prereview/close")]
pub async fn close_prereview(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<web::Json<CasePreReviewOut>, ApiError> {
    Ok(web::Json(prereview::close(&state.app, &auth.0, &request_meta(&req), id.into_inner()).await?.into()))
}

/// The gaps a sheet starts from: its department's in the case's last closed pre-review.
#[utoipa::path(
    tag = "tasks",
    operation_id = "listTaskPreReviewGaps",
    params(("id" = Uuid, Path, description = "The sheet's id")),
    responses(
        (status = 200, description = "The gaps; empty when none were found or no pre-review was held", body = Vec<PreReviewGap>),
        (status = 404, description = "No such sheet", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tasks/{id}/prereview-gaps")]
pub async fn list_task_prereview_gaps(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<PreReviewGap>>, ApiError> {
    let gaps = prereview::sheet_gaps(&state.app, &auth.0, id.into_inner()).await?;
    Ok(web::Json(gaps.into_iter().map(Into::into).collect()))
}

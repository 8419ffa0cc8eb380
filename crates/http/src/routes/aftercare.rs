//! Aftercare of a closed case: evaluations, follow-up visits (回访) and rectifications (整改).

use actix_web::{HttpResponse, get, post, web};
use butler_domain::case::aftercare::AftercareAction;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::case_dto::*;
use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::state::AppState;
use butler_app::cases::{self as svc};

/// An evaluation (满意度评价, 附件9): of the case as a whole, or of one department.
#[derive(Debug, Serialize, ToSchema)]
pub struct EvaluationOut {
    pub id: Uuid,
    pub case_id: Uuid,
    /// The department evaluated; absent for the case as a whole.
    pub department_id: Option<Uuid>,
    pub level: EvaluationLevel,
    pub comment: Option<String>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

impl From<svc::EvaluationRecord> for EvaluationOut {
    fn from(e: svc::EvaluationRecord) -> Self {
        EvaluationOut {
            id: e.id,
            case_id: e.case_id,
            department_id: e.department_id,
            level: e.level,
            comment: e.comment,
            created_at: e.created_at,
        }
    }
}

/// The case's evaluations: the case as a whole first, then each department.
#[utoipa::path(
    tag = "cases",
    operation_id = "listEvaluations",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 200, description = "Evaluations; empty until the enterprise evaluates", body = Vec<EvaluationOut>),
        (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/cases/{id}/evaluations")]
pub async fn list_evaluations(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<EvaluationOut>>, ApiError> {
    let evaluations = svc::evaluations(&state.app, &auth.0, id.into_inner()).await?;
    Ok(web::Json(evaluations.into_iter().map(EvaluationOut::from).collect()))
}

/// A follow-up visit (回访).
#[derive(Debug, Serialize, ToSchema)]
pub struct FollowUpOut {
    pub id: Uuid,
    pub case_id: Uuid,
    pub scheduled_for: chrono::NaiveDate,
    pub method: FollowUpMethod,
    pub done_at: Option<chrono::DateTime<chrono::Utc>>,
    pub notes: Option<String>,
    /// What the caller may do with it now: `record`.
    pub allowed_actions: Vec<AftercareAction>,
}

impl From<svc::FollowUp> for FollowUpOut {
    fn from(f: svc::FollowUp) -> Self {
        FollowUpOut {
            id: f.id,
            case_id: f.case_id,
            scheduled_for: f.scheduled_for,
            method: f.method,
            done_at: f.done_at,
            notes: f.notes,
            allowed_actions: f.allowed_actions,
        }
    }
}

/// Schedule a follow-up visit of a completed or terminated case (office).
#[utoipa::path(
    tag = "cases",
    operation_id = "scheduleFollowUp",
    request_body = FollowUpIn,
    params(("id" = Uuid, Path, description = "The case's id")),
    responses(
        (status = 201, description = "Scheduled", body = FollowUpOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The case is not closed", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/follow-ups")]
pub async fn schedule_follow_up(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: ValidatedJson<FollowUpIn>,
) -> Result<HttpResponse, ApiError> {
    let visit = svc::schedule_follow_up(&state.app, &auth.0, id.into_inner(), &body.0.into()).await?;
    Ok(HttpResponse::Created().json(FollowUpOut::from(visit)))
}

/// Record a follow-up visit (office).
#[utoipa::path(
    tag = "cases",
    operation_id = "recordFollowUp",
    request_body = FollowUpRecordIn,
    params(("id" = Uuid, Path, description = "The case's id"), ("follow_up_id" = Uuid, Path, description = "The visit's id")),
    responses(
        (status = 200, description = "Recorded", body = FollowUpOut),
        (status = 409, description = "Already recorded", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/cases/{id}/follow-ups/{follow_up_id}/record")]
pub async fn record_follow_up(
    state: web::Data<AppState>,
    auth: Authenticated,
    path: web::Path<(Uuid, Uuid)>,
    body: ValidatedJson<FollowUpRecordIn>,
) -> Result<web::Json<FollowUpOut>, ApiError> {
    let (case_id, follow_up_id) = path.into_inner();
    let visit = svc::record_follow_up(&state.app, &auth.0, case_id, follow_up_id, &body.0.notes).await?;
    Ok(web::Json(visit.into()))
}

/// The case's follow-up visits.
#[utoipa::path(
    tag = "cases",
    operation_id = "listFollowUps",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses((status = 200, description = "Visits, earliest first", body = Vec<FollowUpOut>))
)]
#[get("/cases/{id}/follow-ups")]
pub async fn list_follow_ups(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<FollowUpOut>>, ApiError> {
    let visits = svc::follow_ups(&state.app, &auth.0, id.into_inner()).await?;
    Ok(web::Json(visits.into_iter().map(FollowUpOut::from).collect()))
}

/// A rectification (整改) opened by a bad review.
#[derive(Debug, Serialize, ToSchema)]
pub struct RectificationOut {
    pub id: Uuid,
    pub case_id: Uuid,
    pub evaluation_id: Uuid,
    /// The department reviewed; absent for the case as a whole.
    pub department_id: Option<Uuid>,
    pub due_at: chrono::DateTime<chrono::Utc>,
    pub reply: Option<String>,
    pub replied_at: Option<chrono::DateTime<chrono::Utc>>,
    /// What the caller may do with it now: `reply`.
    pub allowed_actions: Vec<AftercareAction>,
}

impl From<svc::Rectification> for RectificationOut {
    fn from(r: svc::Rectification) -> Self {
        RectificationOut {
            id: r.id,
            case_id: r.case_id,
            evaluation_id: r.evaluation_id,
            department_id: r.department_id,
            due_at: r.due_at,
            reply: r.reply,
            replied_at: r.replied_at,
            allowed_actions: r.allowed_actions,
        }
    }
}

/// The written reply to a rectification.
#[derive(Debug, Deserialize, validator::Validate, ToSchema)]
pub struct RectificationReplyIn {
    #[validate(custom(function = "crate::fields::not_blank"), length(max = 5000))]
    #[schema(
        max_length = 5000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub reply: String,
}

/// The case's rectifications (整改) and their replies.
#[utoipa::path(
    tag = "cases",
    operation_id = "listRectifications",
    params(("id" = Uuid, Path, description = "The case's id")),
    responses((status = 200, description = "Rectifications, oldest first", body = Vec<RectificationOut>), (status = 404, description = "No such case", body = Problem, content_type = "application/problem+json"))
)]
#[get("/cases/{id}/rectifications")]
pub async fn list_rectifications(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<Vec<RectificationOut>>, ApiError> {
    let rectifications = svc::rectifications(&state.app, &auth.0, id.into_inner()).await?;
    Ok(web::Json(rectifications.into_iter().map(RectificationOut::from).collect()))
}

/// A rectification in a list across cases, with its case named.
#[derive(Debug, Serialize, ToSchema)]
pub struct RectificationItemOut {
    #[serde(flatten)]
    pub rectification: RectificationOut,
    pub case_number: String,
    pub project_name: String,
}

impl From<svc::RectificationItem> for RectificationItemOut {
    fn from(r: svc::RectificationItem) -> Self {
        RectificationItemOut {
            rectification: r.rectification.into(),
            case_number: r.case_number,
            project_name: r.project_name,
        }
    }
}

/// Filters of the rectification list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RectificationQuery {
    /// Also those answered already (default: only those waiting for a reply).
    #[serde(default)]
    pub include_answered: bool,
}

/// Rectifications (整改) waiting for a written reply, across cases, oldest first.
///
/// The office and supervisors see every one; a department's agents and leader see their
/// department's.
#[utoipa::path(
    tag = "cases",
    operation_id = "listOpenRectifications",
    params(PageParams, RectificationQuery),
    responses(
        (status = 200, description = "A page of rectifications", body = PageOut<RectificationItemOut>),
        (status = 403, description = "The role has no rectifications to answer or follow", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/rectifications")]
pub async fn list_open_rectifications(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<RectificationQuery>,
) -> Result<web::Json<PageOut<RectificationItemOut>>, ApiError> {
    let filter = svc::RectificationFilter { include_answered: query.include_answered };
    let page = svc::open_rectifications(&state.app, &auth.0, filter, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, RectificationItemOut::from)))
}

/// Answer a rectification in writing (the office or the department's leader).
///
/// Closes its 15-working-day deadline; recorded in the case's history.
#[utoipa::path(
    tag = "cases",
    operation_id = "replyRectification",
    request_body = RectificationReplyIn,
    params(("id" = Uuid, Path, description = "The rectification's id")),
    responses(
        (status = 200, description = "Answered", body = RectificationOut),
        (status = 403, description = "Neither the office nor the department's leader", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such rectification", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Already answered", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/rectifications/{id}/reply")]
pub async fn reply_rectification(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    body: ValidatedJson<RectificationReplyIn>,
) -> Result<web::Json<RectificationOut>, ApiError> {
    let rectification = svc::reply_rectification(&state.app, &auth.0, id.into_inner(), &body.0.reply).await?;
    Ok(web::Json(rectification.into()))
}

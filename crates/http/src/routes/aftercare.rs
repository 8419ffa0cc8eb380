//! Aftercare of a closed case: evaluations, follow-up visits (回访) and rectifications (整改).

use actix_web::{HttpResponse, get, post, web};
use butler_domain::case::aftercare::{self, AftercareAction};
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_persistence::repo::evaluations;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::case_dto::*;
use crate::dto::PageOut;
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

impl EvaluationOut {
    fn from_row(e: evaluations::EvaluationRow) -> Result<Self, ApiError> {
        let level = serde_json::from_value(serde_json::Value::String(e.level)).map_err(ApiError::internal)?;
        Ok(EvaluationOut {
            id: e.id,
            case_id: e.case_id,
            department_id: e.department_id,
            level,
            comment: e.comment,
            created_at: e.created_at,
        })
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
    let b = svc::get(&state.app, &auth.0, id.into_inner()).await?;
    let mut rows = evaluations::for_case(&state.app.db, b.case.id).await?;
    rows.sort_by_key(|e| (e.department_id.is_some(), e.id));
    Ok(web::Json(rows.into_iter().map(EvaluationOut::from_row).collect::<Result<_, _>>()?))
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
    pub allowed_actions: Vec<String>,
}

impl FollowUpOut {
    fn new(f: evaluations::FollowUpRow, actor: &Actor) -> Result<Self, ApiError> {
        let allowed = aftercare::may_record_follow_up(actor, f.done_at.is_some())
            .then(|| AftercareAction::RecordFollowUp.code().to_owned());
        let method = serde_json::from_value(serde_json::Value::String(f.method)).map_err(ApiError::internal)?;
        Ok(FollowUpOut {
            id: f.id,
            case_id: f.case_id,
            scheduled_for: f.scheduled_for,
            method,
            done_at: f.done_at,
            notes: f.notes,
            allowed_actions: allowed.into_iter().collect(),
        })
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
    let row = svc::schedule_follow_up(&state.app, &auth.0, id.into_inner(), &body.0.into()).await?;
    Ok(HttpResponse::Created().json(FollowUpOut::new(row, &auth.0)?))
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
    let row = svc::record_follow_up(&state.app, &auth.0, case_id, follow_up_id, &body.0.notes).await?;
    Ok(web::Json(FollowUpOut::new(row, &auth.0)?))
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
    let b = svc::get(&state.app, &auth.0, id.into_inner()).await?;
    let rows = evaluations::follow_ups(&state.app.db, b.case.id).await?;
    Ok(web::Json(rows.into_iter().map(|r| FollowUpOut::new(r, &auth.0)).collect::<Result<_, _>>()?))
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
    pub allowed_actions: Vec<String>,
}

impl RectificationOut {
    fn new(r: evaluations::RectificationRow, actor: &Actor) -> Self {
        let allowed = aftercare::may_reply_rectification(actor, r.department_id, r.replied_at.is_some())
            .then(|| AftercareAction::ReplyRectification.code().to_owned());
        RectificationOut {
            id: r.id,
            case_id: r.case_id,
            evaluation_id: r.evaluation_id,
            department_id: r.department_id,
            due_at: r.due_at,
            reply: r.reply,
            replied_at: r.replied_at,
            allowed_actions: allowed.into_iter().collect(),
        }
    }
}

/// The written reply to a rectification.
#[derive(Debug, Deserialize, validator::Validate, ToSchema)]
pub struct RectificationReplyIn {
    #[validate(custom(function = "crate::fields::not_blank"), length(max = 5000))]
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
    let b = svc::get(&state.app, &auth.0, id.into_inner()).await?;
    let rows = evaluations::rectifications(&state.app.db, b.case.id).await?;
    Ok(web::Json(rows.into_iter().map(|r| RectificationOut::new(r, &auth.0)).collect()))
}

/// A rectification in a list across cases, with its case named.
#[derive(Debug, Serialize, ToSchema)]
pub struct RectificationItemOut {
    #[serde(flatten)]
    pub rectification: RectificationOut,
    pub case_number: String,
    pub project_name: String,
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
    let actor = &auth.0;
    let department_id = match actor.role {
        Role::Office | Role::Supervisor => None,
        Role::DepartmentAgent | Role::DepartmentLeader => Some(actor.department_id.ok_or(ApiError::Forbidden)?),
        _ => return Err(ApiError::Forbidden),
    };
    let rows = evaluations::list_rectifications(
        &state.app.db,
        actor.tenant_id,
        department_id,
        query.include_answered,
        page.request()?,
    )
    .await?;
    let case_ids: Vec<Uuid> = rows.items.iter().map(|r| r.case_id).collect();
    let cases: std::collections::HashMap<Uuid, butler_persistence::repo::cases::CaseRow> =
        butler_persistence::repo::cases::get_many(&state.app.db, actor.tenant_id, &case_ids)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
    let mut items = Vec::with_capacity(rows.items.len());
    for r in rows.items {
        let case = cases.get(&r.case_id).ok_or(ApiError::NotFound)?;
        items.push(RectificationItemOut {
            case_number: case.number.clone(),
            project_name: case.project_name.clone(),
            rectification: RectificationOut::new(r, actor),
        });
    }
    Ok(web::Json(PageOut { items, next_cursor: rows.next_cursor }))
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
    let row = svc::reply_rectification(&state.app, &auth.0, id.into_inner(), &body.0.reply).await?;
    Ok(web::Json(RectificationOut::new(row, &auth.0)))
}

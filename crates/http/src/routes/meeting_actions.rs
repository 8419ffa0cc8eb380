//! Joint meetings' follow-up actions in the console: the list (department roles: their
//! department's, with overdue marks), and completing or dropping one (its owner department or
//! the office), which closes its deadline.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_app::meetings::actions::{self as follow_ups, ActionQuery};
use butler_domain::meeting::{ActionState, FollowUpAction};
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::extract_headers::IfMatch;
use crate::middleware::request_meta;
use crate::routes::meetings::{MeetingActionOut, with_etag};
use crate::state::AppState;

/// Filters of the action list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingActionListQuery {
    /// Only this owner department's (department roles: always their own).
    pub department_id: Option<Uuid>,
    pub state: Option<ActionState>,
    /// Only open actions past their deadline.
    pub overdue: Option<bool>,
}

/// List follow-up actions, the earliest decided first (department roles: their department's).
#[utoipa::path(
    tag = "meetings",
    operation_id = "listMeetingActions",
    params(PageParams, MeetingActionListQuery),
    responses(
        (status = 200, description = "A page of actions", body = PageOut<MeetingActionOut>),
        (status = 403, description = "The role may not read meetings, or not another department's actions", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/meeting-actions")]
pub async fn list_meeting_actions(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<MeetingActionListQuery>,
) -> Result<web::Json<PageOut<MeetingActionOut>>, ApiError> {
    let q = query.into_inner();
    let query = ActionQuery { department_id: q.department_id, state: q.state, overdue: q.overdue.unwrap_or(false) };
    let page = follow_ups::list(&state.app, &auth.0, query, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, MeetingActionOut::from)))
}

/// What was done, or why the action is dropped.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"note": "已出具用地预审意见（县自然资预〔2026〕12号）。"}))]
pub struct MeetingActionSettleIn {
    /// 1–1000 characters: what was done (complete) or why it is dropped (drop).
    pub note: String,
}

async fn settle(
    state: &AppState,
    auth: &Authenticated,
    req: &HttpRequest,
    id: Uuid,
    if_match: IfMatch,
    action: FollowUpAction,
    note: &str,
) -> Result<HttpResponse, ApiError> {
    let view = follow_ups::settle(&state.app, &auth.0, &request_meta(req), id, if_match.0, action, note).await?;
    let version = view.version;
    Ok(with_etag(version, HttpResponse::Ok().json(MeetingActionOut::from(view))))
}

/// Report an action done, with a note (its owner department or the office); its deadline
/// closes.
#[utoipa::path(
    tag = "meetings",
    operation_id = "completeMeetingAction",
    params(("id" = Uuid, Path, description = "The action's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    request_body = MeetingActionSettleIn,
    responses(
        (status = 200, description = "Done", body = MeetingActionOut),
        (status = 403, description = "Not its department nor the office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such action for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No note, or too long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/meeting-actions/{id}/complete")]
pub async fn complete_meeting_action(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<MeetingActionSettleIn>,
) -> Result<HttpResponse, ApiError> {
    settle(&state, &auth, &req, id.into_inner(), if_match, FollowUpAction::Complete, &body.0.note).await
}

/// Drop an action, with the reason in `note` (its owner department or the office); its
/// deadline closes.
#[utoipa::path(
    tag = "meetings",
    operation_id = "dropMeetingAction",
    params(("id" = Uuid, Path, description = "The action's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    request_body = MeetingActionSettleIn,
    responses(
        (status = 200, description = "Dropped", body = MeetingActionOut),
        (status = 403, description = "Not its department nor the office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such action for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason, or too long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/meeting-actions/{id}/drop")]
pub async fn drop_meeting_action(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<MeetingActionSettleIn>,
) -> Result<HttpResponse, ApiError> {
    settle(&state, &auth, &req, id.into_inner(), if_match, FollowUpAction::Drop, &body.0.note).await
}

//! Joint meetings in the console (联席会议): the office convenes a meeting, edits it while
//! scheduled, records the minutes with the decisions and their follow-up actions, closes or
//! cancels it; the owner department (or the office) completes or drops an action. The office,
//! the supervisors and the investment leader read every meeting; department roles read those
//! their department attends and their department's actions; enterprises none.

use actix_web::http::header::{ETAG, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, get, post, put, web};
use butler_app::meetings::office::{self as service, MeetingQuery};
use butler_app::meetings::{ActionView, AttendeeView, DecisionView, MeetingView};
use butler_domain::meeting::{
    ActionInput, ActionState, Attendee, DecisionInput, DecisionKind, FollowUpAction, MeetingAction, MeetingDraft,
    MeetingKind, MeetingState, Minutes,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::extract_headers::IfMatch;
use crate::middleware::request_meta;
use crate::state::AppState;

/// A department attending, optionally with a named official of it.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MeetingAttendeeDto {
    pub department_id: Uuid,
    /// An active official of that department, named to attend.
    pub user_id: Option<Uuid>,
}

impl From<AttendeeView> for MeetingAttendeeDto {
    fn from(a: AttendeeView) -> Self {
        MeetingAttendeeDto { department_id: a.department_id, user_id: a.user_id }
    }
}

/// A follow-up action as read.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingActionOut {
    pub id: Uuid,
    pub meeting_id: Uuid,
    /// The meeting's title (in the action list).
    pub meeting_title: Option<String>,
    pub decision_id: Uuid,
    /// The owner department.
    pub department_id: Uuid,
    /// The named official of it, if any.
    pub owner_id: Option<Uuid>,
    pub what: String,
    pub working_days: u32,
    /// The close of office hours of the last working day.
    pub due_at: DateTime<Utc>,
    pub state: ActionState,
    /// Open past its deadline now.
    pub overdue: bool,
    /// The note of a done action, or the reason of a dropped one.
    pub note: Option<String>,
    pub settled_at: Option<DateTime<Utc>>,
    /// Also the `ETag`; send it as `If-Match`.
    pub version: i32,
    /// What the caller may do now.
    pub allowed_actions: Vec<FollowUpAction>,
}

impl From<ActionView> for MeetingActionOut {
    fn from(a: ActionView) -> Self {
        MeetingActionOut {
            id: a.id,
            meeting_id: a.meeting_id,
            meeting_title: a.meeting_title,
            decision_id: a.decision_id,
            department_id: a.department_id,
            owner_id: a.owner_id,
            what: a.what,
            working_days: a.working_days,
            due_at: a.due_at,
            state: a.state,
            overdue: a.overdue,
            note: a.note,
            settled_at: a.settled_at,
            version: a.version,
            allowed_actions: a.allowed_actions,
        }
    }
}

/// A decision with its follow-up actions.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingDecisionOut {
    pub id: Uuid,
    pub kind: DecisionKind,
    pub text: String,
    /// The case it is about, one of the meeting's.
    pub case_id: Option<Uuid>,
    pub actions: Vec<MeetingActionOut>,
}

impl From<DecisionView> for MeetingDecisionOut {
    fn from(d: DecisionView) -> Self {
        MeetingDecisionOut {
            id: d.id,
            kind: d.kind,
            text: d.text,
            case_id: d.case_id,
            actions: d.actions.into_iter().map(MeetingActionOut::from).collect(),
        }
    }
}

/// A meeting as read.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingOut {
    pub id: Uuid,
    pub title: String,
    pub kind: MeetingKind,
    pub state: MeetingState,
    /// Also the `ETag`; send it as `If-Match`.
    pub version: i32,
    pub scheduled_at: DateTime<Utc>,
    pub place: String,
    pub agenda: Vec<String>,
    pub attendees: Vec<MeetingAttendeeDto>,
    /// The cases discussed (none for a meeting on issues across cases).
    pub case_ids: Vec<Uuid>,
    pub minutes: Option<String>,
    pub held_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The decisions with their actions (the detail only; empty in lists).
    pub decisions: Vec<MeetingDecisionOut>,
    /// What the caller may do now.
    pub allowed_actions: Vec<MeetingAction>,
}

impl From<MeetingView> for MeetingOut {
    fn from(m: MeetingView) -> Self {
        MeetingOut {
            id: m.id,
            title: m.title,
            kind: m.kind,
            state: m.state,
            version: m.version,
            scheduled_at: m.scheduled_at,
            place: m.place,
            agenda: m.agenda,
            attendees: m.attendees.into_iter().map(MeetingAttendeeDto::from).collect(),
            case_ids: m.case_ids,
            minutes: m.minutes,
            held_at: m.held_at,
            closed_at: m.closed_at,
            cancel_reason: m.cancel_reason,
            created_at: m.created_at,
            decisions: m.decisions.into_iter().map(MeetingDecisionOut::from).collect(),
            allowed_actions: m.allowed_actions,
        }
    }
}

pub(crate) fn with_etag(version: i32, mut res: HttpResponse) -> HttpResponse {
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        res.headers_mut().insert(ETAG, v);
    }
    res
}

fn meeting_response(view: MeetingView, created: bool) -> HttpResponse {
    let version = view.version;
    let body = MeetingOut::from(view);
    let res = if created { HttpResponse::Created().json(body) } else { HttpResponse::Ok().json(body) };
    with_etag(version, res)
}

/// A meeting to convene, or its new content while scheduled.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "title": "光伏组件项目用地与环评协调",
    "kind": "joint_meeting",
    "scheduled_at": "2026-12-10T02:00:00Z",
    "place": "县政务服务中心三楼会议室",
    "agenda": ["用地预审意见", "环评与能评并联办理"],
    "attendees": [{"department_id": "0193a0c2-0000-7000-8000-000000000010"}],
    "case_ids": ["0193a0c2-0000-7000-8000-000000000020"]
}))]
pub struct MeetingIn {
    /// 1–100 characters.
    pub title: String,
    pub kind: MeetingKind,
    pub scheduled_at: DateTime<Utc>,
    /// 1–100 characters.
    pub place: String,
    /// 1–30 items of 1–1000 characters.
    pub agenda: Vec<String>,
    /// 1–50 departments, each once.
    pub attendees: Vec<MeetingAttendeeDto>,
    /// The cases discussed, each once (may be empty).
    #[serde(default)]
    pub case_ids: Vec<Uuid>,
}

impl From<MeetingIn> for MeetingDraft {
    fn from(b: MeetingIn) -> Self {
        MeetingDraft {
            title: b.title,
            kind: b.kind,
            scheduled_at: b.scheduled_at,
            place: b.place,
            agenda: b.agenda,
            attendees: b
                .attendees
                .into_iter()
                .map(|a| Attendee { department_id: a.department_id, user_id: a.user_id })
                .collect(),
            case_ids: b.case_ids,
        }
    }
}

/// A follow-up action decided.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MeetingActionIn {
    /// The owner department.
    pub department_id: Uuid,
    /// An active official of it, optionally.
    pub user_id: Option<Uuid>,
    /// 1–1000 characters.
    pub what: String,
    /// 1–60 working days from the record of the minutes.
    pub working_days: u32,
}

/// A decision recorded with the minutes.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MeetingDecisionIn {
    /// 1–1000 characters.
    pub text: String,
    pub kind: DecisionKind,
    /// One of the meeting's cases, if the decision is about one.
    pub case_id: Option<Uuid>,
    #[serde(default)]
    pub actions: Vec<MeetingActionIn>,
}

/// The minutes of a held meeting with its decisions.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "minutes": "会议研究了项目用地预审和环评并联办理事项。",
    "decisions": [{
        "text": "同意按容缺方式先行受理环评审批",
        "kind": "tolerance",
        "case_id": "0193a0c2-0000-7000-8000-000000000020",
        "actions": [{"department_id": "0193a0c2-0000-7000-8000-000000000010", "what": "出具用地预审意见", "working_days": 2}]
    }]
}))]
pub struct MeetingMinutesIn {
    /// 1–20000 characters.
    pub minutes: String,
    #[serde(default)]
    pub decisions: Vec<MeetingDecisionIn>,
}

impl From<MeetingMinutesIn> for Minutes {
    fn from(b: MeetingMinutesIn) -> Self {
        Minutes {
            minutes: b.minutes,
            decisions: b
                .decisions
                .into_iter()
                .map(|d| DecisionInput {
                    text: d.text,
                    kind: d.kind,
                    case_id: d.case_id,
                    actions: d
                        .actions
                        .into_iter()
                        .map(|a| ActionInput {
                            department_id: a.department_id,
                            user_id: a.user_id,
                            what: a.what,
                            working_days: a.working_days,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

/// Why a scheduled meeting is called off.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"reason": "主要议题已在专题会上解决。"}))]
pub struct MeetingCancelIn {
    /// 1–1000 characters.
    pub reason: String,
}

/// Filters of the meeting list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MeetingListQuery {
    pub state: Option<MeetingState>,
    /// Only meetings this department attends (department roles: always their own).
    pub department_id: Option<Uuid>,
    /// Only meetings that discussed this case.
    pub case_id: Option<Uuid>,
}

/// List meetings, newest first.
#[utoipa::path(
    tag = "meetings",
    operation_id = "listMeetings",
    params(PageParams, MeetingListQuery),
    responses(
        (status = 200, description = "A page of meetings", body = PageOut<MeetingOut>),
        (status = 403, description = "The role may not read meetings, or not another department's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/meetings")]
pub async fn list_meetings(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<MeetingListQuery>,
) -> Result<web::Json<PageOut<MeetingOut>>, ApiError> {
    let q = query.into_inner();
    let query = MeetingQuery { state: q.state, department_id: q.department_id, case_id: q.case_id };
    let page = service::list(&state.app, &auth.0, query, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, MeetingOut::from)))
}

/// Convene a meeting (office only); its attendees are told.
#[utoipa::path(
    tag = "meetings",
    operation_id = "conveneMeeting",
    request_body = MeetingIn,
    responses(
        (status = 201, description = "Convened", body = MeetingOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields missing or wrong, or unknown departments, officials or cases", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/meetings")]
pub async fn convene_meeting(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<MeetingIn>,
) -> Result<HttpResponse, ApiError> {
    let draft = MeetingDraft::from(body.0);
    Ok(meeting_response(service::convene(&state.app, &auth.0, &request_meta(&req), &draft).await?, true))
}

/// Read one meeting with its decisions and actions.
#[utoipa::path(
    tag = "meetings",
    operation_id = "getMeeting",
    params(("id" = Uuid, Path, description = "The meeting's id")),
    responses(
        (status = 200, description = "The meeting", body = MeetingOut),
        (status = 404, description = "No such meeting for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/meetings/{id}")]
pub async fn get_meeting(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(meeting_response(service::get(&state.app, &auth.0, id.into_inner()).await?, false))
}

/// Change a scheduled meeting (office only); attendees and cases are replaced.
#[utoipa::path(
    tag = "meetings",
    operation_id = "editMeeting",
    params(("id" = Uuid, Path, description = "The meeting's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    request_body = MeetingIn,
    responses(
        (status = 200, description = "Changed", body = MeetingOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such meeting", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No longer scheduled", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields missing or wrong", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/meetings/{id}")]
pub async fn edit_meeting(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<MeetingIn>,
) -> Result<HttpResponse, ApiError> {
    let draft = MeetingDraft::from(body.0);
    let view = service::edit(&state.app, &auth.0, &request_meta(&req), id.into_inner(), if_match.0, &draft).await?;
    Ok(meeting_response(view, false))
}

/// Record the minutes with the decisions and their follow-up actions (office only): the
/// meeting is held, each action's deadline runs in working days, and each linked case still
/// open records the meeting and its decisions in its history.
#[utoipa::path(
    tag = "meetings",
    operation_id = "recordMeetingMinutes",
    params(("id" = Uuid, Path, description = "The meeting's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    request_body = MeetingMinutesIn,
    responses(
        (status = 200, description = "Held", body = MeetingOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such meeting", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not scheduled", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields missing or wrong, named per decision and action", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/meetings/{id}/minutes")]
pub async fn record_meeting_minutes(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<MeetingMinutesIn>,
) -> Result<HttpResponse, ApiError> {
    let minutes = Minutes::from(body.0);
    let view = service::hold(&state.app, &auth.0, &request_meta(&req), id.into_inner(), if_match.0, &minutes).await?;
    Ok(meeting_response(view, false))
}

/// File a held meeting's record (office only); its open actions stay chased.
#[utoipa::path(
    tag = "meetings",
    operation_id = "closeMeeting",
    params(("id" = Uuid, Path, description = "The meeting's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    responses(
        (status = 200, description = "Closed", body = MeetingOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such meeting", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not held", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/meetings/{id}/close")]
pub async fn close_meeting(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    let meta = request_meta(&req);
    let view =
        service::close_or_cancel(&state.app, &auth.0, &meta, id.into_inner(), if_match.0, MeetingAction::Close, None)
            .await?;
    Ok(meeting_response(view, false))
}

/// Call off a scheduled meeting with a reason (office only).
#[utoipa::path(
    tag = "meetings",
    operation_id = "cancelMeeting",
    params(("id" = Uuid, Path, description = "The meeting's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    request_body = MeetingCancelIn,
    responses(
        (status = 200, description = "Cancelled", body = MeetingOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such meeting", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not scheduled", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason, or too long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/meetings/{id}/cancel")]
pub async fn cancel_meeting(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<MeetingCancelIn>,
) -> Result<HttpResponse, ApiError> {
    let meta = request_meta(&req);
    let reason = body.0.reason;
    let view = service::close_or_cancel(
        &state.app,
        &auth.0,
        &meta,
        id.into_inner(),
        if_match.0,
        MeetingAction::Cancel,
        Some(&reason),
    )
    .await?;
    Ok(meeting_response(view, false))
}

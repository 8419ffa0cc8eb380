//! Complaints in the console (投诉处理): the office lists them (phones masked), reads one with
//! its timeline, assigns, closes or rejects it; the official or department assigned replies.
//! Department roles read the complaints assigned to their department. And the complaint
//! figures supervision reads (`getComplaintStatistics`).

use actix_web::http::header::{ETAG, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_app::complaints::office::{self as service, ComplaintQuery};
use butler_app::complaints::statistics::{self as figures, ComplaintFigures};
use butler_app::complaints::{ComplaintView, TimelineEntry};
use butler_app::statistics::StatisticsQuery as FiguresQuery;
use butler_domain::complaint::{ComplaintAction, ComplaintCommand, ComplaintState, ComplaintSubject, Satisfaction};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::extract_headers::IfMatch;
use crate::middleware::request_meta;
use crate::routes::supervision::StatisticsGroup;
use crate::state::AppState;

/// One line of a complaint's timeline.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintTimelineEntryOut {
    pub action: ComplaintAction,
    pub from_state: Option<ComplaintState>,
    pub to_state: ComplaintState,
    /// The official who acted; absent for the complainant.
    pub actor_id: Option<Uuid>,
    /// The reply, the reason, or the rating given.
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

impl From<TimelineEntry> for ComplaintTimelineEntryOut {
    fn from(e: TimelineEntry) -> Self {
        ComplaintTimelineEntryOut {
            action: e.action,
            from_state: e.from_state,
            to_state: e.to_state,
            actor_id: e.actor_id,
            note: e.note,
            at: e.at,
        }
    }
}

/// A complaint as officials read it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintOut {
    pub id: Uuid,
    pub tracking_number: String,
    pub subject: ComplaintSubject,
    /// The department (subject `department`) or official (subject `agent`) complained about.
    pub subject_id: Option<Uuid>,
    pub case_number: Option<String>,
    /// The case the number names, when it names one of the county's.
    pub case_id: Option<Uuid>,
    pub name: String,
    /// Masked (`138****0001`); `revealPersonalNumber` (`complaint_mobile`) shows it in full to
    /// the office.
    pub mobile: String,
    pub text: String,
    pub state: ComplaintState,
    /// Also the `ETag`; send it as `If-Match`.
    pub version: i32,
    pub department_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub assigned_at: Option<DateTime<Utc>>,
    /// When the reply is due: 5 working days from the first assignment (or the reopening).
    pub due_at: Option<DateTime<Utc>>,
    /// Awaiting its reply past the deadline now.
    pub overdue: bool,
    pub reply: Option<String>,
    pub replied_by: Option<Uuid>,
    pub replied_at: Option<DateTime<Utc>>,
    pub satisfaction: Option<Satisfaction>,
    /// Times reopened by a dissatisfied complainant (at most once).
    pub reopened: u32,
    pub reject_reason: Option<String>,
    pub closed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// What the caller may do now.
    pub allowed_actions: Vec<ComplaintAction>,
    /// The timeline, oldest first (the detail only; empty in lists).
    pub timeline: Vec<ComplaintTimelineEntryOut>,
}

impl From<ComplaintView> for ComplaintOut {
    fn from(c: ComplaintView) -> Self {
        ComplaintOut {
            id: c.id,
            tracking_number: c.tracking_number,
            subject: c.subject,
            subject_id: c.subject_id,
            case_number: c.case_number,
            case_id: c.case_id,
            name: c.name,
            mobile: c.mobile,
            text: c.text,
            state: c.state,
            version: c.version,
            department_id: c.department_id,
            assignee_id: c.assignee_id,
            assigned_at: c.assigned_at,
            due_at: c.due_at,
            overdue: c.overdue,
            reply: c.reply,
            replied_by: c.replied_by,
            replied_at: c.replied_at,
            satisfaction: c.satisfaction,
            reopened: c.reopened,
            reject_reason: c.reject_reason,
            closed_at: c.closed_at,
            created_at: c.created_at,
            allowed_actions: c.allowed_actions,
            timeline: c.timeline.into_iter().map(ComplaintTimelineEntryOut::from).collect(),
        }
    }
}

fn complaint_response(view: ComplaintView) -> HttpResponse {
    let version = view.version;
    let mut res = HttpResponse::Ok().json(ComplaintOut::from(view));
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        res.headers_mut().insert(ETAG, v);
    }
    res
}

/// Filters of the complaint list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComplaintListQuery {
    pub state: Option<ComplaintState>,
    pub subject: Option<ComplaintSubject>,
    /// Only those assigned to this department (department roles: always their own).
    pub department_id: Option<Uuid>,
    /// Only those assigned to this official.
    pub assignee_id: Option<Uuid>,
    /// Only those awaiting their reply past the deadline.
    pub overdue: Option<bool>,
    /// One tracking number.
    pub tracking_number: Option<String>,
}

/// Assign a complaint: a department, an official, or both (the official's department is
/// filled in).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"department_id": "0193a0c2-0000-7000-8000-000000000010"}))]
pub struct ComplaintAssignIn {
    pub department_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
}

/// The reply to the complainant.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"text": "经核查，窗口已按清单受理，并对相关人员进行了批评教育。"}))]
pub struct ComplaintReplyIn {
    /// 1–2000 characters.
    pub text: String,
}

/// Why the complaint is not taken up.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"reason": "所反映事项不属于本服务投诉范围，已告知向县信访局反映。"}))]
pub struct ComplaintRejectIn {
    /// 1–2000 characters.
    pub reason: String,
}

/// List complaints, newest first (phones masked).
#[utoipa::path(
    tag = "complaints",
    operation_id = "listComplaints",
    params(PageParams, ComplaintListQuery),
    responses(
        (status = 200, description = "A page of complaints", body = PageOut<ComplaintOut>),
        (status = 403, description = "The role may not read complaints, or not another department's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/complaints")]
pub async fn list_complaints(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<ComplaintListQuery>,
) -> Result<web::Json<PageOut<ComplaintOut>>, ApiError> {
    let q = query.into_inner();
    let query = ComplaintQuery {
        state: q.state,
        subject: q.subject,
        department_id: q.department_id,
        assignee_id: q.assignee_id,
        overdue: q.overdue.unwrap_or(false),
        tracking_number: q.tracking_number,
    };
    let page = service::list(&state.app, &auth.0, query, page_request(&page), state.app.now()).await?;
    Ok(web::Json(PageOut::from_page(page, ComplaintOut::from)))
}

/// Read one complaint with its timeline.
#[utoipa::path(
    tag = "complaints",
    operation_id = "getComplaint",
    params(("id" = Uuid, Path, description = "The complaint's id")),
    responses(
        (status = 200, description = "The complaint", body = ComplaintOut),
        (status = 404, description = "No such complaint for the caller", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/complaints/{id}")]
pub async fn get_complaint(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(complaint_response(service::get(&state.app, &auth.0, id.into_inner(), state.app.now()).await?))
}

async fn run(
    state: &AppState,
    auth: &Authenticated,
    req: &HttpRequest,
    id: Uuid,
    if_match: IfMatch,
    command: ComplaintCommand,
) -> Result<HttpResponse, ApiError> {
    let view =
        service::command(&state.app, &auth.0, &request_meta(req), id, if_match.0, command, state.app.now()).await?;
    Ok(complaint_response(view))
}

/// Assign a complaint to a department and / or an official (office only).
///
/// The first assignment starts the reply deadline (5 working days); reassigning keeps it.
#[utoipa::path(
    tag = "complaints",
    operation_id = "assignComplaint",
    params(("id" = Uuid, Path, description = "The complaint's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    request_body = ComplaintAssignIn,
    responses(
        (status = 200, description = "Assigned", body = ComplaintOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in its state", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Nobody named, or an unknown department or official", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/complaints/{id}/assign")]
pub async fn assign_complaint(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<ComplaintAssignIn>,
) -> Result<HttpResponse, ApiError> {
    let b = body.0;
    let command = ComplaintCommand::Assign { department_id: b.department_id, assignee_id: b.assignee_id };
    run(&state, &auth, &req, id.into_inner(), if_match, command).await
}

/// Reply to a complaint (the official assigned, the department's leader or agents, or the
/// office); the deadline stops.
#[utoipa::path(
    tag = "complaints",
    operation_id = "replyComplaint",
    params(("id" = Uuid, Path, description = "The complaint's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    request_body = ComplaintReplyIn,
    responses(
        (status = 200, description = "Replied", body = ComplaintOut),
        (status = 403, description = "Not the assignee, its department or the office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in its state", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Empty or too long", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/complaints/{id}/reply")]
pub async fn reply_complaint(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<ComplaintReplyIn>,
) -> Result<HttpResponse, ApiError> {
    run(&state, &auth, &req, id.into_inner(), if_match, ComplaintCommand::Reply { text: body.0.text }).await
}

/// Close a replied complaint (office only); the complainant may still rate the reply.
#[utoipa::path(
    tag = "complaints",
    operation_id = "closeComplaint",
    params(("id" = Uuid, Path, description = "The complaint's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    responses(
        (status = 200, description = "Closed", body = ComplaintOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not replied", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/complaints/{id}/close")]
pub async fn close_complaint(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
) -> Result<HttpResponse, ApiError> {
    run(&state, &auth, &req, id.into_inner(), if_match, ComplaintCommand::Close).await
}

/// Reject a complaint as no complaint, with a reason (office only).
#[utoipa::path(
    tag = "complaints",
    operation_id = "rejectComplaint",
    params(("id" = Uuid, Path, description = "The complaint's id"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    request_body = ComplaintRejectIn,
    responses(
        (status = 200, description = "Rejected", body = ComplaintOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such complaint", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in its state", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "Changed since read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/complaints/{id}/reject")]
pub async fn reject_complaint(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<ComplaintRejectIn>,
) -> Result<HttpResponse, ApiError> {
    run(&state, &auth, &req, id.into_inner(), if_match, ComplaintCommand::Reject { reason: body.0.reason }).await
}

/// Filters of the complaint figures.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ComplaintStatisticsQuery {
    /// `department` (default) or `agent` (the official assigned).
    pub group_by: Option<StatisticsGroup>,
    /// Only this department (department leaders: always their own).
    pub department_id: Option<Uuid>,
    /// First day of the period (Asia/Shanghai), by the day complaints were lodged; inclusive.
    pub from: Option<NaiveDate>,
    /// Last day of the period, inclusive.
    pub to: Option<NaiveDate>,
}

/// The complaint figures of one department or official, or of all of them.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintStatisticsRow {
    /// The department assigned; absent on the row of complaints not yet assigned.
    pub department_id: Option<Uuid>,
    /// The official assigned (agent rows).
    pub agent_id: Option<Uuid>,
    pub received: i64,
    /// Neither closed nor rejected.
    pub open: i64,
    /// Awaiting the reply past its deadline now.
    pub overdue: i64,
    pub replied: i64,
    /// Replied by the deadline.
    pub replied_on_time: i64,
    pub satisfied: i64,
    pub basically_satisfied: i64,
    pub dissatisfied: i64,
    /// `replied_on_time / replied`; absent when nothing was replied.
    pub on_time_rate: Option<f64>,
    /// Satisfied or basically satisfied among the rated; absent when none was rated.
    pub satisfaction_rate: Option<f64>,
}

impl From<ComplaintFigures> for ComplaintStatisticsRow {
    fn from(f: ComplaintFigures) -> Self {
        ComplaintStatisticsRow {
            department_id: f.department_id,
            agent_id: f.agent_id,
            received: f.received,
            open: f.open,
            overdue: f.overdue,
            replied: f.replied,
            replied_on_time: f.replied_on_time,
            satisfied: f.satisfied,
            basically_satisfied: f.basically_satisfied,
            dissatisfied: f.dissatisfied,
            on_time_rate: f.on_time_rate,
            satisfaction_rate: f.satisfaction_rate,
        }
    }
}

/// Complaint figures for a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct ComplaintStatisticsOut {
    pub group_by: StatisticsGroup,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// "Now" for `overdue`.
    pub generated_at: DateTime<Utc>,
    /// Most overdue first, then the most received.
    pub rows: Vec<ComplaintStatisticsRow>,
    /// All rows together.
    pub total: ComplaintStatisticsRow,
}

/// Complaint statistics per department or per official (督查统计: 投诉).
///
/// Received, open, overdue now, replied and replied on time, and the complainants'
/// satisfaction. The office and supervisors see the county; a department's leader its own.
#[utoipa::path(
    tag = "supervision",
    operation_id = "getComplaintStatistics",
    params(ComplaintStatisticsQuery),
    responses(
        (status = 200, description = "The figures", body = ComplaintStatisticsOut),
        (status = 403, description = "The role may not read statistics, or not another department's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A period that ends before it starts", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/statistics/complaints")]
pub async fn get_complaint_statistics(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<ComplaintStatisticsQuery>,
) -> Result<web::Json<ComplaintStatisticsOut>, ApiError> {
    let query = FiguresQuery {
        group_by: query.group_by.unwrap_or_default().into(),
        department_id: query.department_id,
        from: query.from,
        to: query.to,
    };
    let f = figures::complaint_statistics(&state.app, &auth.0, query).await?;
    Ok(web::Json(ComplaintStatisticsOut {
        group_by: f.group_by.into(),
        from: f.from,
        to: f.to,
        generated_at: f.generated_at,
        rows: f.rows.into_iter().map(ComplaintStatisticsRow::from).collect(),
        total: f.total.into(),
    }))
}

//! Complaints from the public, without an account (投诉举报): lodge one in a county, follow it
//! by its tracking number, rate its reply.
//!
//! The follower proves themselves with the last four digits of the mobile given, sent in the
//! `X-Mobile-Last4` header (kept out of URLs and access logs). A wrong county, number or digits
//! all answer the same 404. Each client address may lodge
//! [`COMPLAINT_LODGES_PER_MINUTE`](crate::state::COMPLAINT_LODGES_PER_MINUTE) complaints and
//! make [`COMPLAINT_LOOKUPS_PER_MINUTE`](crate::state::COMPLAINT_LOOKUPS_PER_MINUTE) follow or
//! rating requests a minute (429 with `Retry-After` beyond).

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_app::complaints::TimelineEntry;
use butler_app::complaints::public::{self as service, FollowKey, FollowedComplaint};
use butler_domain::complaint::{ComplaintAction, ComplaintState, ComplaintSubject, LodgeInput, Satisfaction};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::ValidatedJson;
use crate::middleware::request_meta;
use crate::state::{AppState, COMPLAINT_LODGES_PER_MINUTE, COMPLAINT_LOOKUPS_PER_MINUTE};

/// The header carrying the last four digits of the complainant's mobile.
pub const MOBILE_LAST4_HEADER: &str = "X-Mobile-Last4";

/// A complaint to lodge. Every wrong field is named at once (422) and nothing is stored.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "subject": "department",
    "subject_id": "0193a0c2-0000-7000-8000-000000000010",
    "name": "李明",
    "mobile": "13800000001",
    "text": "办理施工许可时窗口要求提供清单外的材料，往返三次仍未受理。"
}))]
pub struct ComplaintIn {
    /// What it is about: `case`, `department`, `agent` or `service`.
    pub subject: ComplaintSubject,
    /// The department (subject `department`) or the official (subject `agent`); absent otherwise.
    pub subject_id: Option<Uuid>,
    /// The case number (required for subject `case`, optional otherwise), at most 32 characters.
    pub case_number: Option<String>,
    /// The complainant's name, 1–50 characters.
    pub name: String,
    /// A mainland mobile number (11 digits); only its last four digits are asked when following.
    pub mobile: String,
    /// What happened, 1–2000 characters.
    pub text: String,
}

/// A lodged complaint: keep the tracking number to follow it.
#[derive(Debug, Serialize, ToSchema)]
pub struct LodgedComplaintOut {
    /// `TS` + date + nine characters, e.g. `TS20261205K3M9Q2XAH`.
    pub tracking_number: String,
    pub state: ComplaintState,
    pub created_at: DateTime<Utc>,
}

/// One line of a complaint's timeline as its complainant reads it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicTimelineEntryOut {
    pub action: ComplaintAction,
    pub from_state: Option<ComplaintState>,
    pub to_state: ComplaintState,
    /// The reply, the reason, or the rating given.
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

impl From<TimelineEntry> for PublicTimelineEntryOut {
    fn from(e: TimelineEntry) -> Self {
        PublicTimelineEntryOut {
            action: e.action,
            from_state: e.from_state,
            to_state: e.to_state,
            note: e.note,
            at: e.at,
        }
    }
}

/// A complaint as its complainant follows it.
#[derive(Debug, Serialize, ToSchema)]
pub struct PublicComplaintOut {
    pub tracking_number: String,
    pub subject: ComplaintSubject,
    pub case_number: Option<String>,
    pub text: String,
    pub state: ComplaintState,
    /// The department handling it (short name), once assigned.
    pub department_name: Option<String>,
    /// When the reply is due (5 working days from the assignment).
    pub due_at: Option<DateTime<Utc>>,
    /// Awaiting the reply past its deadline.
    pub overdue: bool,
    pub reply: Option<String>,
    pub replied_at: Option<DateTime<Utc>>,
    pub satisfaction: Option<Satisfaction>,
    pub reject_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// `rate` while the reply awaits the complainant's rating.
    pub allowed_actions: Vec<ComplaintAction>,
    pub timeline: Vec<PublicTimelineEntryOut>,
}

impl From<FollowedComplaint> for PublicComplaintOut {
    fn from(c: FollowedComplaint) -> Self {
        PublicComplaintOut {
            tracking_number: c.tracking_number,
            subject: c.subject,
            case_number: c.case_number,
            text: c.text,
            state: c.state,
            department_name: c.department_name,
            due_at: c.due_at,
            overdue: c.overdue,
            reply: c.reply,
            replied_at: c.replied_at,
            satisfaction: c.satisfaction,
            reject_reason: c.reject_reason,
            created_at: c.created_at,
            allowed_actions: c.allowed_actions,
            timeline: c.timeline.into_iter().map(PublicTimelineEntryOut::from).collect(),
        }
    }
}

/// The complainant's rating of the reply.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"satisfaction": "dissatisfied", "reopen": true}))]
pub struct SatisfactionIn {
    /// `satisfied`, `basically_satisfied` or `dissatisfied`.
    pub satisfaction: Satisfaction,
    /// With `dissatisfied`: ask for another reply (once per complaint; a new deadline runs).
    #[serde(default)]
    pub reopen: bool,
}

fn throttle(state: &AppState, req: &HttpRequest, what: &str, limit: u32) -> Result<(), ApiError> {
    let ip = request_meta(req).ip;
    state
        .complaint_limiter
        .check_limit(&format!("{what}:{ip}"), limit, state.app.now())
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })
}

/// The key that follows a complaint. The digits' header is read first: a request without four
/// digits is malformed (422, before it counts against the address), whatever the complaint.
fn follow_key(req: &HttpRequest, tenant: String, tracking: String) -> Result<FollowKey, ApiError> {
    let last4 = req.headers().get(MOBILE_LAST4_HEADER).and_then(|v| v.to_str().ok()).unwrap_or_default();
    if last4.len() != 4 || !last4.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ApiError::field(
            MOBILE_LAST4_HEADER,
            "last4",
            "请填写手机号码的后四位数字",
            "send the last four digits of the mobile",
        ));
    }
    Ok(FollowKey { tenant_code: tenant, tracking_number: tracking, mobile_last4: last4.to_owned() })
}

/// Lodge a complaint (投诉举报), without an account.
///
/// Answers the tracking number: with the last four digits of the mobile it follows the
/// complaint. Throttled per client address.
#[utoipa::path(
    tag = "complaints",
    operation_id = "lodgeComplaint",
    params(("tenant" = String, Path, description = "The county's code, e.g. `example`")),
    request_body = ComplaintIn,
    responses(
        (status = 201, description = "Lodged", body = LodgedComplaintOut),
        (status = 404, description = "No such county", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields, each named", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many complaints from this address", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/public/{tenant}/complaints")]
pub async fn lodge_complaint(
    state: web::Data<AppState>,
    req: HttpRequest,
    tenant: web::Path<String>,
    body: ValidatedJson<ComplaintIn>,
) -> Result<HttpResponse, ApiError> {
    throttle(&state, &req, "lodge", COMPLAINT_LODGES_PER_MINUTE)?;
    let b = body.0;
    let input = LodgeInput {
        subject: b.subject,
        subject_id: b.subject_id,
        case_number: b.case_number,
        name: b.name,
        mobile: b.mobile,
        text: b.text,
    };
    let lodged = service::lodge(&state.app, &tenant.into_inner(), input, &request_meta(&req), state.app.now()).await?;
    Ok(HttpResponse::Created().json(LodgedComplaintOut {
        tracking_number: lodged.tracking_number,
        state: lodged.state,
        created_at: lodged.created_at,
    }))
}

/// Follow a complaint by its tracking number, without an account.
///
/// Send the last four digits of the mobile given in the `X-Mobile-Last4` header. A wrong
/// county, number or digits answer the same 404.
#[utoipa::path(
    tag = "complaints",
    operation_id = "followComplaint",
    params(
        ("tenant" = String, Path, description = "The county's code"),
        ("tracking" = String, Path, description = "The tracking number"),
        ("X-Mobile-Last4" = String, Header, pattern = "^[0-9]{4}$", description = "The last four digits of the mobile given"),
    ),
    responses(
        (status = 200, description = "The complaint, its reply and timeline", body = PublicComplaintOut),
        (status = 404, description = "No complaint with this number and these digits", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No four digits in `X-Mobile-Last4`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/public/{tenant}/complaints/{tracking}")]
pub async fn follow_complaint(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
) -> Result<web::Json<PublicComplaintOut>, ApiError> {
    let (tenant, tracking) = path.into_inner();
    let key = follow_key(&req, tenant, tracking)?;
    throttle(&state, &req, "follow", COMPLAINT_LOOKUPS_PER_MINUTE)?;
    Ok(web::Json(service::follow(&state.app, &key, state.app.now()).await?.into()))
}

/// Rate the reply to a complaint, without an account (once per reply).
///
/// `satisfied` and `basically_satisfied` close the complaint; `dissatisfied` closes it too,
/// unless `reopen` asks for another reply — once per complaint. Same key as following.
#[utoipa::path(
    tag = "complaints",
    operation_id = "rateComplaint",
    params(
        ("tenant" = String, Path, description = "The county's code"),
        ("tracking" = String, Path, description = "The tracking number"),
        ("X-Mobile-Last4" = String, Header, pattern = "^[0-9]{4}$", description = "The last four digits of the mobile given"),
    ),
    request_body = SatisfactionIn,
    responses(
        (status = 200, description = "Rated", body = PublicComplaintOut),
        (status = 404, description = "No complaint with this number and these digits", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No four digits in `X-Mobile-Last4`", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not replied yet, or rated already", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many requests from this address", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/public/{tenant}/complaints/{tracking}/satisfaction")]
pub async fn rate_complaint(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<(String, String)>,
    body: ValidatedJson<SatisfactionIn>,
) -> Result<web::Json<PublicComplaintOut>, ApiError> {
    let (tenant, tracking) = path.into_inner();
    let key = follow_key(&req, tenant, tracking)?;
    throttle(&state, &req, "follow", COMPLAINT_LOOKUPS_PER_MINUTE)?;
    let b = body.0;
    let rated = service::rate(&state.app, &key, b.satisfaction, b.reopen, &request_meta(&req), state.app.now()).await?;
    Ok(web::Json(rated.into()))
}

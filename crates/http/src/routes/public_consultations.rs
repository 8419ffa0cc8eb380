//! The public side of consultations (咨询与预约): anyone, without an account, asks the county's
//! window a question or books a time from its office hours, and is given a reference. Sending
//! is throttled per client address.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_app::consultations::{self as service, Submission, Submitted};
use butler_domain::consultation::{self as rules, ConsultationKind, Mobile, TEXT_MAX_CHARS};
use butler_domain::text::{Name, TextError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::{Validate, ValidationError};

use crate::error::{ApiError, FieldError, Problem};
use crate::extract::{ValidatedJson, rule};
use crate::fields;
use crate::middleware::request_meta;
use crate::state::AppState;

/// A mainland mobile number (a landline is refused): where the window calls back.
pub fn mobile(v: &str) -> Result<(), ValidationError> {
    Mobile::parse(v).map(|_| ()).map_err(|e| match e {
        TextError::Empty => rule("required", "必填项".into(), "must not be empty".into()),
        _ => rule("mobile_format", "不是有效的手机号码".into(), "is not a mainland mobile number".into()),
    })
}

/// Text that must say something (at most 2000 characters).
fn long_text(v: &str) -> Result<(), ValidationError> {
    rules::parse_text(v, TEXT_MAX_CHARS).map(|_| ()).map_err(|e| {
        let (code, zh, en) = fields::text_messages(&e);
        rule(code, zh, en)
    })
}

fn optional_name(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() { Ok(()) } else { fields::name(v) }
}

fn optional_long_text(v: &str) -> Result<(), ValidationError> {
    if v.trim().is_empty() { Ok(()) } else { long_text(v) }
}

/// A question or an appointment request.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "kind": "appointment",
    "name": "周晓明",
    "mobile": "13800001234",
    "enterprise_name": "示例新材料有限公司",
    "project_name": "年产 5 万吨绿色新材料项目",
    "project_description": "拟在金碧镇工业片区新建生产线两条。",
    "question": "想当面了解用地和环评手续如何办理。",
    "preferred_slot": "2026-12-08T01:30:00Z"
}))]
pub struct ConsultationIn {
    /// `question` or `appointment`.
    pub kind: ConsultationKind,
    /// Who asks.
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub name: String,
    /// A mainland mobile number (11 digits).
    #[validate(custom(function = "mobile"))]
    pub mobile: String,
    /// The enterprise, if there is one already.
    #[validate(custom(function = "optional_name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub enterprise_name: Option<String>,
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub project_name: String,
    /// What the project is (at most 2000 characters).
    #[validate(custom(function = "optional_long_text"))]
    pub project_description: Option<String>,
    /// The approval item asked about, by its catalog code.
    #[validate(length(max = 64))]
    #[schema(max_length = 64)]
    pub item_code: Option<String>,
    /// The question, or what the meeting is for (at most 2000 characters).
    #[validate(custom(function = "long_text"))]
    pub question: String,
    /// For an appointment: a slot's start from `listConsultationSlots`.
    pub preferred_slot: Option<DateTime<Utc>>,
}

impl TryFrom<ConsultationIn> for Submission {
    type Error = ApiError;

    fn try_from(body: ConsultationIn) -> Result<Self, ApiError> {
        let text = |field: &str, r: Result<String, TextError>| r.map_err(|e| fields::to_api(field, e));
        let blank_to_none = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
        Ok(Submission {
            kind: body.kind,
            name: Name::parse(&body.name).map_err(|e| fields::to_api("name", e))?,
            mobile: Mobile::parse(&body.mobile).map_err(|_| {
                ApiError::Validation(vec![FieldError::new(
                    "mobile",
                    "mobile_format",
                    "不是有效的手机号码",
                    "is not a mainland mobile number",
                )])
            })?,
            enterprise_name: blank_to_none(body.enterprise_name)
                .map(|n| Name::parse(&n))
                .transpose()
                .map_err(|e| fields::to_api("enterprise_name", e))?,
            project_name: Name::parse(&body.project_name).map_err(|e| fields::to_api("project_name", e))?,
            project_description: rules::parse_optional_text(body.project_description.as_deref(), TEXT_MAX_CHARS)
                .map_err(|e| fields::to_api("project_description", e))?,
            item_code: blank_to_none(body.item_code).map(|c| c.trim().to_owned()),
            question: text("question", rules::parse_text(&body.question, TEXT_MAX_CHARS))?,
            preferred_slot: body.preferred_slot,
        })
    }
}

/// What the requester is told: the reference to quote.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationReceiptOut {
    /// Quote it when calling the window (`ZX20261205-048213`).
    pub reference: String,
    pub kind: ConsultationKind,
    /// The time asked for (an appointment); the window confirms it or offers another.
    pub preferred_slot: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl From<Submitted> for ConsultationReceiptOut {
    fn from(s: Submitted) -> Self {
        ConsultationReceiptOut {
            reference: s.reference,
            kind: s.kind,
            preferred_slot: s.preferred_slot,
            created_at: s.created_at,
        }
    }
}

/// The window's slots open to booking.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationSlotsOut {
    /// How long each appointment is, in minutes.
    pub slot_minutes: i64,
    /// The start of each open slot, in order: working days' office hours, from now up to 30
    /// days ahead.
    pub slots: Vec<DateTime<Utc>>,
}

/// Ask the county's window a question or book a time (no account needed).
///
/// Answers the reference to quote. An appointment needs a slot from
/// `listConsultationSlots`. Each client address may send a few a minute (429 with
/// `Retry-After` beyond).
#[utoipa::path(
    tag = "consultations",
    operation_id = "submitConsultation",
    params(("tenant" = String, Path, description = "The county's code (`example`)")),
    request_body = ConsultationIn,
    responses(
        (status = 201, description = "Received; quote the reference", body = ConsultationReceiptOut),
        (status = 404, description = "No such county", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (each named: `name`, `mobile`, `question`, `preferred_slot`, `item_code` …); nothing was stored", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many from this address; retry after `Retry-After` seconds", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/public/{tenant}/consultations")]
pub async fn submit_consultation(
    state: web::Data<AppState>,
    req: HttpRequest,
    tenant: web::Path<String>,
    body: ValidatedJson<ConsultationIn>,
) -> Result<HttpResponse, ApiError> {
    let meta = request_meta(&req);
    if let Err(retry_after_secs) = state.consultation_limiter.check(&meta.ip, state.app.clock.now()) {
        return Err(ApiError::TooManyRequests { retry_after_secs });
    }
    let submission = Submission::try_from(body.0)?;
    let submitted = service::submit(&state.app, &tenant.into_inner(), &meta, submission).await?;
    Ok(HttpResponse::Created().json(ConsultationReceiptOut::from(submitted)))
}

/// The window's appointment slots open to booking (no account needed).
#[utoipa::path(
    tag = "consultations",
    operation_id = "listConsultationSlots",
    params(("tenant" = String, Path, description = "The county's code (`example`)")),
    responses(
        (status = 200, description = "The open slots", body = ConsultationSlotsOut),
        (status = 404, description = "No such county", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/public/{tenant}/consultations/slots")]
pub async fn list_consultation_slots(
    state: web::Data<AppState>,
    tenant: web::Path<String>,
) -> Result<web::Json<ConsultationSlotsOut>, ApiError> {
    let slots = service::open_slots(&state.app, &tenant.into_inner()).await?;
    Ok(web::Json(ConsultationSlotsOut { slot_minutes: rules::SLOT_MINUTES, slots }))
}

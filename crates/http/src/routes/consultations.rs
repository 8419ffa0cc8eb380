//! Consultations and appointments for the window (咨询与预约): the list (mobiles masked), one in
//! full, and the window's actions — answer, confirm a time, close, turn into an application.

use actix_web::http::header::{ETAG, HeaderValue};
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_app::consultations::{self as service, Consultation, ConvertCommand, Filter};
use butler_domain::consultation::{
    ConsultationAction, ConsultationKind, ConsultationState, TEXT_MAX_CHARS, parse_optional_text, parse_text,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson, rule};
use crate::extract_headers::IfMatch;
use crate::fields;
use crate::middleware::request_meta;
use crate::state::AppState;

/// A consultation in a list: the mobile masked.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationSummaryOut {
    pub id: Uuid,
    pub reference: String,
    pub kind: ConsultationKind,
    pub state: ConsultationState,
    pub name: String,
    /// Masked (`138****1234`); `revealPersonalNumber` shows it in full to the window and the
    /// office.
    pub mobile_masked: String,
    pub enterprise_name: Option<String>,
    pub project_name: String,
    pub preferred_slot: Option<DateTime<Utc>>,
    pub confirmed_slot: Option<DateTime<Utc>>,
    pub case_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

impl From<Consultation> for ConsultationSummaryOut {
    fn from(c: Consultation) -> Self {
        ConsultationSummaryOut {
            id: c.id,
            reference: c.reference,
            kind: c.kind,
            state: c.state,
            name: c.name,
            mobile_masked: c.mobile_masked,
            enterprise_name: c.enterprise_name,
            project_name: c.project_name,
            preferred_slot: c.preferred_slot,
            confirmed_slot: c.confirmed_slot,
            case_id: c.case_id,
            created_at: c.created_at,
        }
    }
}

/// A consultation in full, for the window.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationOut {
    pub id: Uuid,
    /// What the requester quotes.
    pub reference: String,
    pub kind: ConsultationKind,
    pub state: ConsultationState,
    pub name: String,
    /// Masked (`138****1234`); `revealPersonalNumber` (`consultation_mobile`) shows it in full
    /// to the window and the office, to call back.
    pub mobile_masked: String,
    pub enterprise_name: Option<String>,
    pub project_name: String,
    pub project_description: Option<String>,
    /// The catalog code of the approval item asked about.
    pub item_code: Option<String>,
    pub question: String,
    /// The time asked for (an appointment).
    pub preferred_slot: Option<DateTime<Utc>>,
    /// The time the window confirmed.
    pub confirmed_slot: Option<DateTime<Utc>>,
    pub answer: Option<String>,
    /// The window's note (on confirming, converting, closing).
    pub note: Option<String>,
    /// The application it became.
    pub case_id: Option<Uuid>,
    pub handled_by: Option<Uuid>,
    pub handled_at: Option<DateTime<Utc>>,
    /// Also the `ETag`; send it as `If-Match`.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// What the caller may do now.
    pub allowed_actions: Vec<ConsultationAction>,
}

impl From<Consultation> for ConsultationOut {
    fn from(c: Consultation) -> Self {
        ConsultationOut {
            id: c.id,
            reference: c.reference,
            kind: c.kind,
            state: c.state,
            name: c.name,
            mobile_masked: c.mobile_masked,
            enterprise_name: c.enterprise_name,
            project_name: c.project_name,
            project_description: c.project_description,
            item_code: c.item_code,
            question: c.question,
            preferred_slot: c.preferred_slot,
            confirmed_slot: c.confirmed_slot,
            answer: c.answer,
            note: c.note,
            case_id: c.case_id,
            handled_by: c.handled_by,
            handled_at: c.handled_at,
            version: c.version,
            created_at: c.created_at,
            updated_at: c.updated_at,
            allowed_actions: c.allowed_actions,
        }
    }
}

fn respond(c: Consultation) -> HttpResponse {
    let version = c.version;
    let mut res = HttpResponse::Ok().json(ConsultationOut::from(c));
    if let Ok(v) = HeaderValue::from_str(&format!("\"{version}\"")) {
        res.headers_mut().insert(ETAG, v);
    }
    res
}

fn long_text(v: &str) -> Result<(), ValidationError> {
    parse_text(v, TEXT_MAX_CHARS).map(|_| ()).map_err(|e| {
        let (code, zh, en) = fields::text_messages(&e);
        rule(code, zh, en)
    })
}

/// A note that may be blank (at most 2000 characters).
fn note_of(note: Option<String>) -> Result<Option<String>, ApiError> {
    parse_optional_text(note.as_deref(), TEXT_MAX_CHARS).map_err(|e| fields::to_api("note", e))
}

/// Filters of the list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ConsultationQuery {
    /// Only those in this state.
    pub state: Option<ConsultationState>,
    /// Only questions or only appointments.
    pub kind: Option<ConsultationKind>,
}

/// The window's answer.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"answer": "用地预审与选址意见书由县自然资源局办理，可先准备项目建议书。"}))]
pub struct ConsultationAnswerIn {
    /// At most 2000 characters.
    #[validate(custom(function = "long_text"))]
    #[schema(
        max_length = 2000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub answer: String,
}

/// The time confirmed: absent keeps the one asked for; another slot offers that one.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"slot": "2026-12-08T06:30:00Z", "note": "请携带项目建议书到政务服务中心 3 号窗口。"}))]
pub struct ConsultationConfirmIn {
    /// A slot's start from `listConsultationSlots`.
    pub slot: Option<DateTime<Utc>>,
    /// For the requester: where to come, what to bring.
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// Why it is closed.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct ConsultationCloseIn {
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// What turning a consultation into an application adds to it: the enterprise (registered
/// first with `createEnterprise` when new) and the project's facts.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "enterprise_id": "0193a0c2-0000-7000-8000-000000000001",
    "industry_code": "C2662",
    "total_investment_fen": 12_000_000_000i64,
    "location": "示例县金碧镇工业片区"
}))]
pub struct ConsultationConvertIn {
    pub enterprise_id: Uuid,
    /// Industry per GB/T 4754-2017 (`C2662`).
    #[validate(custom(function = "fields::industry_code"))]
    pub industry_code: String,
    /// Total investment in fen (分).
    #[validate(range(min = 1))]
    #[schema(minimum = 1)]
    pub total_investment_fen: i64,
    #[validate(custom(function = "fields::not_blank"), length(max = 500))]
    #[schema(
        max_length = 500,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub location: String,
    /// The national project code (一项一码), when issued.
    #[validate(custom(function = "fields::project_code"))]
    pub project_code: Option<String>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

/// The consultation converted and the draft application made from it.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConsultationConversionOut {
    pub consultation: ConsultationOut,
    /// The draft case: open it with `getCase`.
    pub case_id: Uuid,
    pub case_number: String,
}

const READERS: &str = "The role may not read consultations (the window, the office and the investment officer may)";
const HANDLERS: &str = "The role may not act on consultations (the window and the office may)";

/// List the county's consultations and appointment requests, newest first (mobiles masked).
#[utoipa::path(
    tag = "consultations",
    operation_id = "listConsultations",
    params(PageParams, ConsultationQuery),
    responses(
        (status = 200, description = "A page of consultations", body = PageOut<ConsultationSummaryOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = READERS, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/consultations")]
pub async fn list_consultations(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<ConsultationQuery>,
) -> Result<web::Json<PageOut<ConsultationSummaryOut>>, ApiError> {
    let filter = Filter { state: query.state, kind: query.kind };
    let page = service::list(&state.app, &auth.0, filter, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, ConsultationSummaryOut::from)))
}

/// One consultation in full (the mobile masked), with the caller's possible actions.
#[utoipa::path(
    tag = "consultations",
    operation_id = "getConsultation",
    params(("id" = Uuid, Path, description = "The consultation")),
    responses(
        (status = 200, description = "The consultation", body = ConsultationOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = READERS, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation in the county", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/consultations/{id}")]
pub async fn get_consultation(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    Ok(respond(service::get(&state.app, &auth.0, id.into_inner()).await?))
}

/// Answer a consultation in writing.
#[utoipa::path(
    tag = "consultations",
    operation_id = "answerConsultation",
    request_body = ConsultationAnswerIn,
    params(("id" = Uuid, Path, description = "The consultation"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    responses(
        (status = 200, description = "Answered", body = ConsultationOut),
        (status = 403, description = HANDLERS, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation in the county", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not possible in its state (`invalid_transition` with the allowed actions)", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "It changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/consultations/{id}/answer")]
pub async fn answer_consultation(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<ConsultationAnswerIn>,
) -> Result<HttpResponse, ApiError> {
    let text = parse_text(&body.0.answer, TEXT_MAX_CHARS).map_err(|e| fields::to_api("answer", e))?;
    let c = service::answer(&state.app, &auth.0, &request_meta(&req), id.into_inner(), if_match.0, text).await?;
    Ok(respond(c))
}

/// Confirm an appointment's time: the one asked for, or another open slot offered instead;
/// again to move it.
#[utoipa::path(
    tag = "consultations",
    operation_id = "confirmConsultation",
    request_body = ConsultationConfirmIn,
    params(("id" = Uuid, Path, description = "The consultation"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    responses(
        (status = 200, description = "Confirmed", body = ConsultationOut),
        (status = 403, description = HANDLERS, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation in the county", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not an appointment, or not possible in its state", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "It changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The slot is not open to booking (`slot`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/consultations/{id}/confirm")]
pub async fn confirm_consultation(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<ConsultationConfirmIn>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let note = note_of(body.note)?;
    let meta = request_meta(&req);
    let c = service::confirm(&state.app, &auth.0, &meta, id.into_inner(), if_match.0, body.slot, note).await?;
    Ok(respond(c))
}

/// Close a consultation without an application.
#[utoipa::path(
    tag = "consultations",
    operation_id = "closeConsultation",
    request_body = ConsultationCloseIn,
    params(("id" = Uuid, Path, description = "The consultation"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    responses(
        (status = 200, description = "Closed", body = ConsultationOut),
        (status = 403, description = HANDLERS, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation in the county", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Converted or closed already", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "It changed since it was read", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/consultations/{id}/close")]
pub async fn close_consultation(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<ConsultationCloseIn>,
) -> Result<HttpResponse, ApiError> {
    let note = note_of(body.0.note)?;
    let c = service::close(&state.app, &auth.0, &request_meta(&req), id.into_inner(), if_match.0, note).await?;
    Ok(respond(c))
}

/// Turn a consultation into an application: a draft case for the enterprise, with the
/// project's name, description (as the brief), the requester as contact and the item asked
/// about carried over; its history names the consultation.
#[utoipa::path(
    tag = "consultations",
    operation_id = "convertConsultation",
    request_body = ConsultationConvertIn,
    params(("id" = Uuid, Path, description = "The consultation"), ("If-Match" = Option<String>, Header, description = "The version read (ETag)")),
    responses(
        (status = 201, description = "Converted; the draft case made", body = ConsultationConversionOut),
        (status = 403, description = HANDLERS, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such consultation in the county", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Converted or closed already, or the project code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "It changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (`enterprise_id` unknown …)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/consultations/{id}/convert")]
pub async fn convert_consultation(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    if_match: IfMatch,
    body: ValidatedJson<ConsultationConvertIn>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let cmd = ConvertCommand {
        enterprise_id: body.enterprise_id,
        industry_code: body.industry_code.trim().to_owned(),
        total_investment_fen: body.total_investment_fen,
        location: body.location,
        project_code: body
            .project_code
            .as_deref()
            .map(|c| fields::parse_project_code("project_code", c))
            .transpose()?,
        note: note_of(body.note)?,
    };
    let meta = request_meta(&req);
    let done = service::convert(&state.app, &auth.0, &meta, id.into_inner(), if_match.0, cmd).await?;
    let out = ConsultationConversionOut {
        case_id: done.case.case.id,
        case_number: done.case.case.number.clone(),
        consultation: done.consultation.into(),
    };
    Ok(HttpResponse::Created().json(out))
}

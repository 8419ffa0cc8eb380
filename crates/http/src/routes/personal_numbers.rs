//! "Show the full number" (显示完整号码): people's phone and mobile numbers are masked in every
//! answer; this operation shows one in full to a role whose work needs it, and the security
//! audit trail records each reveal (who, which record, from where) and each refusal.

use actix_web::{HttpRequest, post, web};
use butler_domain::personal::PersonalNumber;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson};
use crate::middleware::request_meta;
use crate::state::AppState;

/// Which number to show in full.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(example = json!({"number": "case_contact", "record_id": "0193b5a4-8a6e-7c4e-9f51-2f4e1c0a7d21"}))]
pub struct RevealIn {
    /// Where the number is kept.
    pub number: PersonalNumber,
    /// The record holding it: the case, enterprise, user, consultation or complaint.
    pub record_id: Uuid,
}

/// A number in full. Do not keep it: ask again when it is needed again.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({"number": "case_contact", "record_id": "0193b5a4-8a6e-7c4e-9f51-2f4e1c0a7d21", "value": "13800000041"}))]
pub struct RevealedOut {
    pub number: PersonalNumber,
    pub record_id: Uuid,
    /// The number in full; `null` when the record has none.
    pub value: Option<String>,
}

/// Show one personal number in full (audited).
///
/// Who may: a case's or an enterprise's contact — the investment officer and leader, the office
/// and the window, and the enterprise itself for its own; a user's phone — the administrator,
/// the office and the user; a consultation's mobile — the window and the office; a complaint's
/// mobile — the office. Everyone else gets 403 (also recorded). A record the caller may not
/// read is 404.
#[utoipa::path(
    tag = "users",
    operation_id = "revealPersonalNumber",
    request_body = RevealIn,
    responses(
        (status = 200, description = "The number in full; the reveal is in the audit trail", body = RevealedOut),
        (status = 403, description = "The caller's role may not see this number in full (the refusal is in the audit trail)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown kind of number or an invalid id", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/personal-numbers/reveal")]
pub async fn reveal_personal_number(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<RevealIn>,
) -> Result<web::Json<RevealedOut>, ApiError> {
    let RevealIn { number, record_id } = body.0;
    let value = butler_app::pii::reveal(&state.app, &auth.0, &request_meta(&req), number, record_id).await?;
    Ok(web::Json(RevealedOut { number, record_id, value }))
}

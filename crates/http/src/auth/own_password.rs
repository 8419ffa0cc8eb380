//! The caller changes their own password.

use actix_web::{HttpRequest, post, web};
use butler_app::own_password::{self, PasswordChange};
use butler_domain::text::NewPassword;
use serde::Deserialize;
use utoipa::ToSchema;
use validator::Validate;

use super::handlers::{TokenOut, sign_in_policy, token_pair};
use crate::error::{ApiError, Problem};
use crate::extract::{SignedIn, ValidatedJson};
use crate::fields;
use crate::middleware::request_meta;
use crate::state::AppState;

/// The current password and its replacement.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"current_password": "Initial-Pass-2026", "new_password": "Own-Choice-2027"}))]
pub struct PasswordChangeIn {
    /// The password the account holds now.
    #[validate(length(min = 1, max = 128))]
    #[schema(min_length = 1, max_length = 128)]
    pub current_password: String,
    /// The new password: at least 10 characters and three character classes, not the current
    /// one.
    #[validate(custom(function = "fields::new_password"))]
    pub new_password: String,
}

/// Change the own password.
///
/// The only write open to an account that holds an initial password (one an administrator
/// or an onboarding gave). A wrong current password counts towards the lockout like a failed
/// sign-in (422 on `current_password`, then 423 `account_locked`). The change ends every
/// session of the account, this one included: the answer is the caller's new token pair;
/// refresh tokens and access tokens issued before are refused from now on. Written to the
/// audit trail (never the password).
#[utoipa::path(
    tag = "auth",
    operation_id = "changeOwnPassword",
    request_body = PasswordChangeIn,
    responses(
        (status = 200, description = "Changed; the new session's token pair", body = TokenOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Wrong current password, or a new one too weak or the same", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Account locked after repeated wrong passwords", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/me/password")]
pub async fn change_own_password(
    state: web::Data<AppState>,
    auth: SignedIn,
    req: HttpRequest,
    body: ValidatedJson<PasswordChangeIn>,
) -> Result<web::Json<TokenOut>, ApiError> {
    let body = body.0;
    let change = PasswordChange {
        new: NewPassword::parse(&body.new_password).map_err(|e| fields::to_api("new_password", e))?,
        current: body.current_password,
    };
    let session =
        own_password::change(&state.app, &auth.0, &request_meta(&req), change, &sign_in_policy(&state)).await?;
    Ok(web::Json(token_pair(&state, session)?))
}

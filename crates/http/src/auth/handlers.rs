use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_app::sign_in::{self, Credentials, Session, SignInPolicy};
use butler_domain::text::mask_middle;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::tokens;
use crate::dto::{DepartmentRef, EnterpriseRef, RoleCode, TenantRef};
use crate::error::{ApiError, Problem};
use crate::extract::{SignedIn, ValidatedJson};
use crate::middleware::request_meta;
use crate::state::AppState;

/// Credentials to sign in.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"tenant": "example", "username": "office", "password": "butler-demo"}))]
pub struct LoginIn {
    /// The county's code.
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub tenant: String,
    #[validate(length(min = 1, max = 64))]
    #[schema(min_length = 1, max_length = 64)]
    pub username: String,
    #[validate(length(min = 1, max = 128))]
    #[schema(min_length = 1, max_length = 128)]
    pub password: String,
}

/// A refresh token to exchange or revoke.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RefreshIn {
    #[validate(length(min = 1, max = 256))]
    #[schema(min_length = 1, max_length = 256)]
    pub refresh_token: String,
}

/// A token pair. Send the access token as `Authorization: Bearer <access_token>`; exchange
/// the refresh token (once) for a new pair before the access token expires.
#[derive(Debug, Serialize, ToSchema)]
pub struct TokenOut {
    pub access_token: String,
    pub refresh_token: String,
    /// Always `Bearer`.
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: i64,
    /// The account holds an initial password: until it is changed (`changeOwnPassword`),
    /// every other operation but `getMe` answers 403 `password_change_required`.
    pub must_change_password: bool,
}

/// The signed-in user.
#[derive(Debug, Serialize, ToSchema)]
pub struct MeOut {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: RoleCode,
    pub tenant: TenantRef,
    /// For department agents and leaders.
    pub department: Option<DepartmentRef>,
    /// For enterprise users: the enterprise they act for.
    pub enterprise: Option<EnterpriseRef>,
    /// The phone number, masked (`138****0001`).
    pub phone_masked: Option<String>,
    /// The account holds an initial password that must be changed (`changeOwnPassword`)
    /// before anything else.
    pub must_change_password: bool,
}

pub(super) fn sign_in_policy(state: &AppState) -> SignInPolicy {
    let settings = &state.auth.settings;
    SignInPolicy {
        max_failed_logins: settings.max_failed_logins,
        lockout: settings.lockout,
        refresh_ttl: settings.refresh_ttl,
    }
}

/// The token pair of a session: a fresh access token for its actor, and its refresh token.
pub(super) fn token_pair(state: &AppState, session: Session) -> Result<TokenOut, ApiError> {
    Ok(TokenOut {
        access_token: tokens::issue_access(&state.auth, &session.actor, state.app.clock.now())?,
        refresh_token: session.refresh_token,
        token_type: "Bearer".into(),
        expires_in: state.auth.settings.access_ttl.num_seconds(),
        must_change_password: session.must_change_password,
    })
}

/// Sign in with tenant, user name and password.
///
/// Five failed attempts in a row lock the account for 15 minutes (configurable); each
/// client address may try 20 times a minute. Both are recorded in the security audit trail.
/// An unknown county code, an unknown user name and a wrong password answer alike (401
/// `invalid_credentials`, after as long), so neither counties nor users can be probed.
#[utoipa::path(
    tag = "auth",
    operation_id = "login",
    request_body = LoginIn,
    responses(
        (status = 200, description = "Signed in", body = TokenOut),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong county code, user name or password (never says which)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body larger than 1 MiB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Account locked", body = Problem, content_type = "application/problem+json",
            headers(("Retry-After" = u64, description = "Seconds until the account unlocks"))),
        (status = 429, description = "Too many attempts from this address", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/login")]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ValidatedJson<LoginIn>,
) -> Result<web::Json<TokenOut>, ApiError> {
    let body = body.0;
    let meta = request_meta(&req);
    if let Err(retry_after_secs) = state.login_limiter.check(&meta.ip, state.app.clock.now()) {
        return Err(ApiError::TooManyRequests { retry_after_secs });
    }
    let credentials = Credentials { tenant: body.tenant, username: body.username, password: body.password };
    let session = sign_in::login(&state.app, credentials, &meta, &sign_in_policy(&state)).await?;
    Ok(web::Json(token_pair(&state, session)?))
}

/// Exchange a refresh token for a new token pair.
///
/// Each refresh token works once. Presenting one that was already used revokes every token
/// issued since the sign-in (its family) and answers `refresh_token_reused`.
#[utoipa::path(
    tag = "auth",
    operation_id = "refreshToken",
    request_body = RefreshIn,
    responses(
        (status = 200, description = "A new token pair", body = TokenOut),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/refresh")]
pub async fn refresh_token(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ValidatedJson<RefreshIn>,
) -> Result<web::Json<TokenOut>, ApiError> {
    let session =
        sign_in::refresh(&state.app, &body.0.refresh_token, &request_meta(&req), &sign_in_policy(&state)).await?;
    Ok(web::Json(token_pair(&state, session)?))
}

/// Sign out: revoke the refresh token and every token of its sign-in.
///
/// Access tokens already issued stay valid until they expire (minutes).
#[utoipa::path(
    tag = "auth",
    operation_id = "logout",
    request_body = RefreshIn,
    responses(
        (status = 204, description = "Signed out"),
        (status = 401, description = "Unknown refresh token", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[post("/auth/logout")]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: ValidatedJson<RefreshIn>,
) -> Result<HttpResponse, ApiError> {
    sign_in::logout(&state.app, &body.0.refresh_token, &request_meta(&req)).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The signed-in user, with tenant, department and enterprise.
#[utoipa::path(
    tag = "auth",
    operation_id = "getMe",
    responses(
        (status = 200, description = "The signed-in user", body = MeOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/me")]
pub async fn get_me(state: web::Data<AppState>, auth: SignedIn) -> Result<web::Json<MeOut>, ApiError> {
    let me = sign_in::me(&state.app, &auth.0).await?;
    Ok(web::Json(MeOut {
        id: me.id,
        username: me.username,
        display_name: me.display_name,
        role: auth.0.role.into(),
        tenant: TenantRef { code: me.tenant.code, name: me.tenant.name },
        department: me.department.map(|d| DepartmentRef { id: d.id, code: d.code, name: d.name }),
        enterprise: me.enterprise.map(|e| EnterpriseRef { id: e.id, name: e.name, credit_code: e.credit_code }),
        phone_masked: me.phone.as_deref().map(mask_middle),
        must_change_password: me.must_change_password,
    }))
}

use actix_web::{HttpMessage, HttpRequest, HttpResponse, get, post, web};
use butler_domain::policy::Actor;
use butler_domain::text::mask_middle;
use butler_persistence::repo::tokens::NewRefreshToken;
use butler_persistence::repo::{audit, departments, enterprises, tenants, tokens as token_repo, users};
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::tokens;
use crate::dto::{DepartmentRef, EnterpriseRef, RoleCode, TenantRef};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson};
use crate::middleware::RequestId;
use crate::state::AppState;
use butler_app::password;

/// Credentials to sign in.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"tenant": "dayao", "username": "office", "password": "butler-demo"}))]
pub struct LoginIn {
    /// The county's code.
    #[validate(length(min = 1, max = 64))]
    pub tenant: String,
    #[validate(length(min = 1, max = 64))]
    pub username: String,
    #[validate(length(min = 1, max = 128))]
    pub password: String,
}

/// A refresh token to exchange or revoke.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct RefreshIn {
    #[validate(length(min = 1, max = 256))]
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
}

fn client_ip(req: &HttpRequest) -> String {
    req.peer_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| "unknown".into())
}

fn request_id(req: &HttpRequest) -> Option<String> {
    req.extensions().get::<RequestId>().map(|r| r.0.clone())
}

/// A real hash, made once, so that an unknown user name costs as much time as a wrong
/// password and reveals nothing.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| password::hash("butler-timing-equaliser").unwrap_or_default());

struct AuditCtx {
    ip: String,
    request_id: Option<String>,
}

async fn audit_event(
    state: &AppState,
    ctx: &AuditCtx,
    tenant_id: Option<Uuid>,
    user_id: Option<Uuid>,
    action: &str,
    outcome: &str,
    detail: serde_json::Value,
) -> Result<(), ApiError> {
    audit::append(
        &state.app.db,
        audit::AuditEntry {
            tenant_id,
            user_id,
            action,
            outcome,
            detail: Some(detail),
            ip: Some(&ctx.ip),
            request_id: ctx.request_id.as_deref(),
        },
        state.app.clock.now(),
    )
    .await?;
    Ok(())
}

async fn issue_pair(
    state: &AppState,
    db: &impl sea_orm::ConnectionTrait,
    actor: &Actor,
    family: Uuid,
) -> Result<TokenOut, ApiError> {
    let now = state.app.clock.now();
    let settings = &state.auth.settings;
    let refresh = tokens::new_refresh_token();
    token_repo::insert(
        db,
        NewRefreshToken {
            tenant_id: actor.tenant_id,
            user_id: actor.user_id,
            family_id: family,
            token_hash: &tokens::hash_refresh_token(&refresh),
            expires_at: now + settings.refresh_ttl,
        },
        now,
    )
    .await?;
    Ok(TokenOut {
        access_token: tokens::issue_access(&state.auth, actor, now)?,
        refresh_token: refresh,
        token_type: "Bearer".into(),
        expires_in: settings.access_ttl.num_seconds(),
    })
}

pub fn actor_of(user: &users::UserRow) -> Result<Actor, ApiError> {
    Ok(butler_app::auth::actor_of(user)?)
}

/// Sign in with tenant, user name and password.
///
/// Five failed attempts in a row lock the account for 15 minutes (configurable); each
/// client address may try 20 times a minute. Both are recorded in the security audit trail.
#[utoipa::path(
    tag = "auth",
    operation_id = "login",
    request_body = LoginIn,
    responses(
        (status = 200, description = "Signed in", body = TokenOut),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong user name or password", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields or unknown tenant", body = Problem, content_type = "application/problem+json"),
        (status = 423, description = "Account locked", body = Problem, content_type = "application/problem+json"),
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
    let now = state.app.clock.now();
    let ctx = AuditCtx { ip: client_ip(&req), request_id: request_id(&req) };
    if let Err(retry_after_secs) = state.login_limiter.check(&ctx.ip, now) {
        return Err(ApiError::TooManyRequests { retry_after_secs });
    }
    let tenant = tenants::find_by_code(&state.app.db, body.tenant.trim()).await?.ok_or_else(|| {
        ApiError::field("tenant", "unknown_tenant", "没有这个区县（租户）编码", "No tenant has this code")
    })?;
    let Some(user) = users::find_by_username(&state.app.db, tenant.id, body.username.trim()).await? else {
        password::verify_blocking(body.password, DUMMY_HASH.clone()).await?;
        audit_event(
            &state,
            &ctx,
            Some(tenant.id),
            None,
            "login",
            "failure",
            serde_json::json!({"username": body.username, "reason": "unknown_user"}),
        )
        .await?;
        return Err(ApiError::InvalidCredentials);
    };
    if user.locked_until.is_some_and(|until| until > now) {
        audit_event(
            &state,
            &ctx,
            Some(tenant.id),
            Some(user.id),
            "login",
            "refused",
            serde_json::json!({"reason": "locked"}),
        )
        .await?;
        return Err(ApiError::AccountLocked);
    }
    let ok = password::verify_blocking(body.password, user.password_hash.clone()).await?;
    if !ok || !user.active {
        let settings = &state.auth.settings;
        let locked =
            users::record_failed_login(&state.app.db, user.id, settings.max_failed_logins, now, now + settings.lockout)
                .await?;
        let reason = if user.active { "wrong_password" } else { "inactive" };
        audit_event(
            &state,
            &ctx,
            Some(tenant.id),
            Some(user.id),
            "login",
            "failure",
            serde_json::json!({"reason": reason, "locked": locked}),
        )
        .await?;
        return Err(if locked { ApiError::AccountLocked } else { ApiError::InvalidCredentials });
    }
    let actor = actor_of(&user)?;
    let txn = butler_persistence::begin_write(&state.app.db).await.map_err(ApiError::internal)?;
    users::record_login(&txn, user.id, now).await?;
    let pair = issue_pair(&state, &txn, &actor, Uuid::now_v7()).await?;
    txn.commit().await.map_err(ApiError::internal)?;
    audit_event(&state, &ctx, Some(tenant.id), Some(user.id), "login", "success", serde_json::json!({})).await?;
    Ok(web::Json(pair))
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
    let now = state.app.clock.now();
    let ctx = AuditCtx { ip: client_ip(&req), request_id: request_id(&req) };
    let hash = tokens::hash_refresh_token(body.0.refresh_token.trim());
    let txn = butler_persistence::begin_write(&state.app.db).await.map_err(ApiError::internal)?;
    let row = token_repo::find_by_hash(&txn, &hash).await?.ok_or(ApiError::InvalidRefreshToken)?;
    if row.revoked_at.is_some() || row.expires_at <= now {
        return Err(ApiError::InvalidRefreshToken);
    }
    let fresh = row.rotated_at.is_none() && token_repo::mark_rotated(&txn, row.id, now).await?;
    if !fresh {
        token_repo::revoke_family(&txn, row.family_id, now).await?;
        txn.commit().await.map_err(ApiError::internal)?;
        audit_event(
            &state,
            &ctx,
            Some(row.tenant_id),
            Some(row.user_id),
            "refresh",
            "reuse_detected",
            serde_json::json!({"family": row.family_id}),
        )
        .await?;
        return Err(ApiError::RefreshTokenReused);
    }
    let user = users::get(&txn, row.tenant_id, row.user_id).await?;
    if !user.active {
        token_repo::revoke_family(&txn, row.family_id, now).await?;
        txn.commit().await.map_err(ApiError::internal)?;
        return Err(ApiError::InvalidRefreshToken);
    }
    let pair = issue_pair(&state, &txn, &actor_of(&user)?, row.family_id).await?;
    txn.commit().await.map_err(ApiError::internal)?;
    Ok(web::Json(pair))
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
    let now = state.app.clock.now();
    let hash = tokens::hash_refresh_token(body.0.refresh_token.trim());
    let row = token_repo::find_by_hash(&state.app.db, &hash).await?.ok_or(ApiError::InvalidRefreshToken)?;
    token_repo::revoke_family(&state.app.db, row.family_id, now).await?;
    let ctx = AuditCtx { ip: client_ip(&req), request_id: request_id(&req) };
    audit_event(&state, &ctx, Some(row.tenant_id), Some(row.user_id), "logout", "success", serde_json::json!({}))
        .await?;
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
pub async fn get_me(state: web::Data<AppState>, auth: Authenticated) -> Result<web::Json<MeOut>, ApiError> {
    let actor = auth.0;
    let user = users::get(&state.app.db, actor.tenant_id, actor.user_id).await.map_err(|e| match e {
        butler_persistence::StoreError::NotFound => ApiError::Unauthenticated,
        other => other.into(),
    })?;
    let tenant = tenants::get(&state.app.db, actor.tenant_id).await?;
    let department = match user.department_id {
        Some(id) => {
            let d = departments::get(&state.app.db, tenant.id, id).await?;
            Some(DepartmentRef { id: d.id, code: d.code, name: d.name })
        }
        None => None,
    };
    let enterprise = match user.enterprise_id {
        Some(id) => {
            let e = enterprises::get(&state.app.db, tenant.id, id).await?;
            Some(EnterpriseRef { id: e.id, name: e.name, credit_code: e.credit_code })
        }
        None => None,
    };
    Ok(web::Json(MeOut {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        role: actor.role.into(),
        tenant: TenantRef { code: tenant.code, name: tenant.name },
        department,
        enterprise,
        phone_masked: user.phone.as_deref().map(mask_middle),
    }))
}

//! Signing in and out: credentials checked against the account (argon2id), failed attempts
//! counted towards a lockout, refresh tokens issued, rotated once each and revoked by family,
//! every attempt written to the security audit trail. The web crate signs the access token
//! (a JWT) for the actor returned here.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use butler_domain::api_access::AccountKind;
use butler_domain::audit::{AuditAction, AuditOutcome};
use butler_domain::policy::Actor;
use butler_persistence::StoreError;
use butler_persistence::repo::tokens::NewRefreshToken;
use butler_persistence::repo::{audit, departments, enterprises, tenants, tokens as token_repo, users};
use chrono::{DateTime, TimeDelta, Utc};
use rand::RngCore;
use sea_orm::ConnectionTrait;
use sha2::{Digest, Sha256};
use std::sync::LazyLock;
use uuid::Uuid;

use crate::audit_trail::RequestMeta;
use crate::auth::actor_of;
use crate::{AppError, Context, password};

/// How sign-ins are limited and how long a session lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SignInPolicy {
    /// Failed sign-ins in a row that lock an account.
    pub max_failed_logins: i32,
    /// How long a locked account stays locked.
    pub lockout: TimeDelta,
    /// Lifetime of a refresh token (each use issues a new one).
    pub refresh_ttl: TimeDelta,
}

/// What a sign-in asks with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The county's code.
    pub tenant: String,
    pub username: String,
    pub password: String,
}

/// A session begun or renewed: who acts, and the refresh token to hand to them (shown once;
/// only its hash is stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub actor: Actor,
    pub refresh_token: String,
    /// The account holds an initial password: nothing but its change is open until then.
    pub must_change_password: bool,
}

/// The signed-in account, with its county, department and enterprise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Me {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub phone: Option<String>,
    pub tenant: Named,
    pub department: Option<Named>,
    pub enterprise: Option<EnterpriseName>,
    /// The account holds an initial password that must be changed before anything else.
    pub must_change_password: bool,
}

/// A county or department by id, code and name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// An enterprise by id, name and credit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnterpriseName {
    pub id: Uuid,
    pub name: String,
    pub credit_code: String,
}

/// A real hash, made once, so that an unknown user name costs as much time as a wrong
/// password and reveals nothing.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| password::hash("butler-timing-equaliser").unwrap_or_default());

/// A new refresh token: 32 random bytes, URL-safe base64.
pub fn new_refresh_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// What is stored of a refresh token: its SHA-256, hex.
pub fn hash_refresh_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

#[allow(clippy::too_many_arguments)]
async fn audit_event(
    ctx: &Context,
    meta: &RequestMeta,
    tenant_id: Option<Uuid>,
    user_id: Option<Uuid>,
    action: AuditAction,
    outcome: AuditOutcome,
    detail: serde_json::Value,
) -> Result<(), AppError> {
    audit::append(
        &ctx.db,
        audit::AuditEntry {
            tenant_id,
            user_id,
            action,
            outcome,
            detail: Some(detail),
            ip: Some(&meta.ip),
            request_id: meta.request_id.as_deref(),
        },
        ctx.now(),
    )
    .await?;
    Ok(())
}

/// Begins a session (a new `family`) or renews one: a refresh token stored by its hash.
pub(crate) async fn new_session(
    db: &impl ConnectionTrait,
    actor: Actor,
    must_change_password: bool,
    family: Uuid,
    now: DateTime<Utc>,
    policy: &SignInPolicy,
) -> Result<Session, AppError> {
    let refresh_token = new_refresh_token();
    token_repo::insert(
        db,
        NewRefreshToken {
            tenant_id: actor.tenant_id,
            user_id: actor.user_id,
            family_id: family,
            token_hash: &hash_refresh_token(&refresh_token),
            expires_at: now + policy.refresh_ttl,
        },
        now,
    )
    .await?;
    Ok(Session { actor, refresh_token, must_change_password })
}

/// Signs in. Five failed attempts in a row (by the policy) lock the account for a while; an
/// unknown user name costs as much as a wrong password and answers the same.
pub async fn login(
    ctx: &Context,
    credentials: Credentials,
    meta: &RequestMeta,
    policy: &SignInPolicy,
) -> Result<Session, AppError> {
    let now = ctx.now();
    // An unknown county answers as a wrong password does, after as long: county codes cannot
    // be probed.
    let Some(tenant) = tenants::find_by_code(&ctx.db, credentials.tenant.trim()).await? else {
        password::verify_blocking(credentials.password, DUMMY_HASH.clone()).await?;
        let detail = serde_json::json!({"tenant": credentials.tenant, "reason": "unknown_tenant"});
        audit_event(ctx, meta, None, None, AuditAction::Login, AuditOutcome::Failure, detail).await?;
        return Err(AppError::InvalidCredentials);
    };
    let username = credentials.username.trim();
    // An API client's account never signs in with a password: it is no user name here.
    let found = users::find_by_username(&ctx.db, tenant.id, username).await?;
    let Some(user) = found.filter(|u| u.account_kind == AccountKind::Person) else {
        password::verify_blocking(credentials.password, DUMMY_HASH.clone()).await?;
        let detail = serde_json::json!({"username": credentials.username, "reason": "unknown_user"});
        audit_event(ctx, meta, Some(tenant.id), None, AuditAction::Login, AuditOutcome::Failure, detail).await?;
        return Err(AppError::InvalidCredentials);
    };
    if let Some(until) = user.locked_until.filter(|until| *until > now) {
        let detail = serde_json::json!({"reason": "locked"});
        audit_event(ctx, meta, Some(tenant.id), Some(user.id), AuditAction::Login, AuditOutcome::Refused, detail)
            .await?;
        return Err(AppError::locked_until(until, now));
    }
    let ok = password::verify_blocking(credentials.password, user.password_hash.clone()).await?;
    if !ok || !user.active {
        let locked =
            users::record_failed_login(&ctx.db, user.id, policy.max_failed_logins, now, now + policy.lockout).await?;
        let reason = if user.active { "wrong_password" } else { "inactive" };
        let detail = serde_json::json!({"reason": reason, "locked": locked});
        audit_event(ctx, meta, Some(tenant.id), Some(user.id), AuditAction::Login, AuditOutcome::Failure, detail)
            .await?;
        return Err(if locked {
            AppError::locked_until(now + policy.lockout, now)
        } else {
            AppError::InvalidCredentials
        });
    }
    if !crate::platform::in_service(&tenant) {
        let detail = serde_json::json!({"reason": "county_suspended"});
        audit_event(ctx, meta, Some(tenant.id), Some(user.id), AuditAction::Login, AuditOutcome::Refused, detail)
            .await?;
        return Err(AppError::CountySuspended);
    }
    let actor = actor_of(&user)?;
    let txn = butler_persistence::begin_write(&ctx.db).await?;
    users::record_login(&txn, user.id, now).await?;
    let session = new_session(&txn, actor, user.must_change_password, Uuid::now_v7(), now, policy).await?;
    txn.commit().await?;
    audit_event(
        ctx,
        meta,
        Some(tenant.id),
        Some(user.id),
        AuditAction::Login,
        AuditOutcome::Success,
        serde_json::json!({}),
    )
    .await?;
    Ok(session)
}

/// Exchanges a refresh token for a new session. Each works once: presenting one that was
/// already used revokes every token of its sign-in (its family).
pub async fn refresh(
    ctx: &Context,
    refresh_token: &str,
    meta: &RequestMeta,
    policy: &SignInPolicy,
) -> Result<Session, AppError> {
    let now = ctx.now();
    let hash = hash_refresh_token(refresh_token.trim());
    let txn = butler_persistence::begin_write(&ctx.db).await?;
    let row = token_repo::find_by_hash(&txn, &hash).await?.ok_or(AppError::InvalidRefreshToken)?;
    if row.revoked_at.is_some() || row.expires_at <= now {
        return Err(AppError::InvalidRefreshToken);
    }
    let fresh = row.rotated_at.is_none() && token_repo::mark_rotated(&txn, row.id, now).await?;
    if !fresh {
        token_repo::revoke_family(&txn, row.family_id, now).await?;
        txn.commit().await?;
        let detail = serde_json::json!({"family": row.family_id});
        audit_event(
            ctx,
            meta,
            Some(row.tenant_id),
            Some(row.user_id),
            AuditAction::Refresh,
            AuditOutcome::ReuseDetected,
            detail,
        )
        .await?;
        return Err(AppError::RefreshTokenReused);
    }
    if !crate::platform::in_service(&tenants::get(&txn, row.tenant_id).await?) {
        token_repo::revoke_family(&txn, row.family_id, now).await?;
        txn.commit().await?;
        return Err(AppError::CountySuspended);
    }
    let user = users::get(&txn, row.tenant_id, row.user_id).await?;
    if !user.active {
        token_repo::revoke_family(&txn, row.family_id, now).await?;
        txn.commit().await?;
        return Err(AppError::InvalidRefreshToken);
    }
    let session = new_session(&txn, actor_of(&user)?, user.must_change_password, row.family_id, now, policy).await?;
    txn.commit().await?;
    Ok(session)
}

/// Signs out: revokes the refresh token and every token of its sign-in.
pub async fn logout(ctx: &Context, refresh_token: &str, meta: &RequestMeta) -> Result<(), AppError> {
    let now = ctx.now();
    let hash = hash_refresh_token(refresh_token.trim());
    let row = token_repo::find_by_hash(&ctx.db, &hash).await?.ok_or(AppError::InvalidRefreshToken)?;
    token_repo::revoke_family(&ctx.db, row.family_id, now).await?;
    audit_event(
        ctx,
        meta,
        Some(row.tenant_id),
        Some(row.user_id),
        AuditAction::Logout,
        AuditOutcome::Success,
        serde_json::json!({}),
    )
    .await
}

/// The signed-in account; an account that no longer exists is signed out.
pub async fn me(ctx: &Context, actor: &Actor) -> Result<Me, AppError> {
    let user = users::get(&ctx.db, actor.tenant_id, actor.user_id).await.map_err(|e| match e {
        StoreError::NotFound => AppError::Unauthenticated,
        other => other.into(),
    })?;
    let tenant = tenants::get(&ctx.db, actor.tenant_id).await?;
    let department = match user.department_id {
        Some(id) => {
            let d = departments::get(&ctx.db, tenant.id, id).await?;
            Some(Named { id: d.id, code: d.code, name: d.name })
        }
        None => None,
    };
    let enterprise = match user.enterprise_id {
        Some(id) => {
            let e = enterprises::get(&ctx.db, tenant.id, id).await?;
            Some(EnterpriseName { id: e.id, name: e.name, credit_code: e.credit_code })
        }
        None => None,
    };
    Ok(Me {
        id: user.id,
        username: user.username,
        display_name: user.display_name,
        phone: ctx.pii.open_opt(user.phone.as_deref())?,
        tenant: Named { id: tenant.id, code: tenant.code, name: tenant.name },
        department,
        enterprise,
        must_change_password: user.must_change_password,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_tokens_are_random_and_stored_only_as_their_hash() {
        let a = new_refresh_token();
        let b = new_refresh_token();
        assert_ne!(a, b);
        assert_eq!(URL_SAFE_NO_PAD.decode(&a).map(|bytes| bytes.len()).ok(), Some(32));
        let hash = hash_refresh_token(&a);
        assert_eq!(hash.len(), 64);
        assert_eq!(hash, hash_refresh_token(&a));
        assert_ne!(hash, hash_refresh_token(&b));
        assert!(!hash.contains(&a));
    }
}

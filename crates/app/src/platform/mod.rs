//! The platform above the counties: the one tenant of kind `platform` (code
//! [`PLATFORM_CODE`]) that holds the platform administrators and nothing else. They sign in
//! with that code; what they may do is the policy's platform actions, on any county.
//!
//! One use case a file: [`counties`] (list, read), [`create`] (a county and its first
//! administrator), [`standing`] (rename, suspend, reinstate). A county is addressed by its code
//! and found through [`county`], the one lookup every platform use case acting on a county
//! goes through; [`open_county`] is the one door for everything reached without signing in.

pub mod counties;
pub mod create;
pub mod standing;

pub use counties::{County, get, list};
pub use create::{CountyCreated, NewCounty, create};
pub use standing::{reinstate, rename, suspend};

use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_domain::settings::{CountyStatus, TenantKind};
use butler_domain::text::{Code, Name};
use butler_persistence::repo::tenants::{self, NewTenant, TenantRow};
use butler_persistence::repo::users::{self, NewUser, UserRow};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::Context;
use crate::error::AppError;

/// The platform's tenant code, typed at sign-in; no county may take it.
pub const PLATFORM_CODE: &str = "platform";

/// The platform's tenant, created on first use.
pub async fn ensure_platform(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<TenantRow, AppError> {
    if let Some(t) = tenants::find_by_code(db, PLATFORM_CODE).await? {
        return if t.kind.0 == TenantKind::Platform {
            Ok(t)
        } else {
            Err(AppError::Internal(format!("a county holds the platform's code `{PLATFORM_CODE}`").into()))
        };
    }
    let new = NewTenant {
        code: PLATFORM_CODE,
        name: "平台",
        investment_threshold_fen: 0,
        time_zone: "Asia/Shanghai",
        kind: TenantKind::Platform,
    };
    Ok(tenants::create(db, new, now).await?)
}

/// Creates a platform administrator (the command line's way to the first one) with a password
/// already hashed ([`crate::password::hash_blocking`] of a checked [`NewPassword`](butler_domain::text::NewPassword)),
/// or returns the existing account of that name unchanged.
pub async fn ensure_platform_admin(
    db: &impl ConnectionTrait,
    username: &Code,
    display_name: &Name,
    password_hash: &str,
    now: DateTime<Utc>,
) -> Result<(UserRow, bool), AppError> {
    let platform = ensure_platform(db, now).await?;
    if let Some(existing) = users::find_by_username(db, platform.id, username.as_str()).await? {
        return Ok((existing, false));
    }
    let new = NewUser {
        username: username.as_str(),
        display_name: display_name.as_str(),
        role: Role::PlatformAdmin,
        department_id: None,
        enterprise_id: None,
        phone: None,
        email: None,
        password_hash,
        approval_work_since: None,
    };
    Ok((users::create(db, platform.id, new, now).await?, true))
}

/// The county with `code` for a platform administrator acting on it: a tenant of kind
/// `county` (the platform itself, or no tenant, is [`AppError::NotFound`]), on which `actor`
/// may take [`Action::ManageCounties`]. Nobody else learns whether the code exists.
pub async fn county(ctx: &Context, actor: &Actor, code: &str) -> Result<TenantRow, AppError> {
    county_on(&ctx.db, actor, code).await
}

/// [`county`] on a given connection (inside a transaction).
pub async fn county_on(db: &impl ConnectionTrait, actor: &Actor, code: &str) -> Result<TenantRow, AppError> {
    authorize(actor, Action::ManageCounties, Scope::tenant(actor.tenant_id))?;
    let county = find_county(db, code).await?;
    authorize(actor, Action::ManageCounties, Scope::tenant(county.id))?;
    Ok(county)
}

/// The county of `code`, whatever its standing, with no one's authority checked (the command
/// line's way): a code that is not a county's (the platform's, an unknown one) is not found.
pub async fn find_county(db: &impl ConnectionTrait, code: &str) -> Result<TenantRow, AppError> {
    let found = tenants::find_by_code(db, code.trim()).await?;
    found.filter(|t| t.kind.0 == TenantKind::County).ok_or(AppError::NotFound)
}

/// The county with `code` as the public reaches it (its pages, complaints, consultations):
/// a county in service; the platform, a suspended county or an unknown code are all
/// [`AppError::NotFound`], alike.
pub async fn open_county(ctx: &Context, code: &str) -> Result<TenantRow, AppError> {
    let found = tenants::find_by_code(&ctx.db, code.trim()).await?;
    found.filter(|t| t.kind.0 == TenantKind::County && t.status.0 == CountyStatus::Active).ok_or(AppError::NotFound)
}

/// Whether a tenant's people may work: a county in service, or the platform.
pub fn in_service(tenant: &TenantRow) -> bool {
    tenant.status.0 == CountyStatus::Active
}

/// Records a platform administrator's change of a county in both audit trails: the
/// platform's (under the administrator's tenant) and the county's own.
pub(crate) async fn audit_county_change(
    db: &impl ConnectionTrait,
    meta: &crate::audit_trail::RequestMeta,
    actor: &Actor,
    county_id: uuid::Uuid,
    action: butler_domain::audit::AuditAction,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    crate::audit_trail::record(db, meta, actor, action, detail.clone(), now).await?;
    butler_persistence::repo::audit::append(
        db,
        butler_persistence::repo::audit::AuditEntry {
            tenant_id: Some(county_id),
            user_id: Some(actor.user_id),
            action,
            outcome: butler_domain::audit::AuditOutcome::Success,
            detail: Some(detail),
            ip: Some(&meta.ip),
            request_id: meta.request_id.as_deref(),
        },
        now,
    )
    .await?;
    Ok(())
}

//! The platform above the counties: the one tenant of kind `platform` (code
//! [`PLATFORM_CODE`]) that holds the platform administrators and nothing else. They sign in
//! with that code; what they may do is the policy's platform actions, on any county.

use butler_domain::role::Role;
use butler_domain::settings::TenantKind;
use butler_domain::text::{Code, Name};
use butler_persistence::repo::tenants::{self, NewTenant, TenantRow};
use butler_persistence::repo::users::{self, NewUser, UserRow};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

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

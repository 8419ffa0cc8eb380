//! A county's name and standing, changed by the platform administrator: rename, suspend
//! with a reason, reinstate with a reason.
//!
//! A suspension is enforced where each path begins, not here: sign-in
//! ([`crate::sign_in`]), access tokens ([`crate::sessions`]: the standing includes the
//! county's status), refresh tokens, API keys ([`crate::api_clients::authenticate`]), the
//! public pages ([`super::open_county`]) and the sweeps (the persistence's claim queries take
//! only counties in service). Suspending also ends every session of the county for good:
//! after reinstatement its people sign in again.

use butler_domain::audit::AuditAction;
use butler_domain::policy::Actor;
use butler_domain::settings::CountyStatus;
use butler_domain::text::Name;
use butler_persistence::repo::counties as repo;

use super::{County, audit_county_change};
use crate::audit_trail::RequestMeta;
use crate::{AppError, Context};

/// Longest reason accepted for a suspension or reinstatement.
pub const REASON_MAX_CHARS: usize = 500;

/// A reason that says something: 1–500 characters after trimming.
fn reason(text: &str) -> Result<String, AppError> {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Err(AppError::field("reason", "blank", "请填写原因", "must not be blank"));
    }
    if trimmed.chars().count() > REASON_MAX_CHARS {
        return Err(AppError::field(
            "reason",
            "length",
            &format!("长度不能超过 {REASON_MAX_CHARS} 个字符"),
            &format!("must be at most {REASON_MAX_CHARS} characters"),
        ));
    }
    Ok(trimmed.to_owned())
}

/// Renames a county (audited in both trails).
pub async fn rename(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    code: &str,
    name: Name,
) -> Result<County, AppError> {
    let county = super::county(ctx, actor, code).await?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await?;
    let renamed = repo::rename(&txn, county.id, name.as_str()).await?;
    let detail = serde_json::json!({"county": county.code, "from": county.name, "to": renamed.name});
    audit_county_change(&txn, meta, actor, county.id, AuditAction::CountyRenamed, detail, now).await?;
    txn.commit().await?;
    let counts = repo::counts(&ctx.db, county.id).await?;
    Ok(County::of(renamed, counts))
}

/// Suspends a county in service, with a reason: from now on nothing of it is read or written
/// by anyone, and its sessions end.
pub async fn suspend(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    code: &str,
    why: &str,
) -> Result<County, AppError> {
    change(ctx, actor, meta, code, why, CountyStatus::Suspended).await
}

/// Puts a suspended county back in service, with a reason; its people sign in again, its
/// waiting reminders and deliveries go out.
pub async fn reinstate(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    code: &str,
    why: &str,
) -> Result<County, AppError> {
    change(ctx, actor, meta, code, why, CountyStatus::Active).await
}

async fn change(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    code: &str,
    why: &str,
    to: CountyStatus,
) -> Result<County, AppError> {
    let why = reason(why)?;
    let county = super::county(ctx, actor, code).await?;
    let (action, audit_action) = match to {
        CountyStatus::Suspended => ("suspend", AuditAction::CountySuspended),
        CountyStatus::Active => ("reinstate", AuditAction::CountyReinstated),
    };
    if county.status.0 == to {
        let allowed = match to {
            CountyStatus::Suspended => "reinstate",
            CountyStatus::Active => "suspend",
        };
        return Err(AppError::InvalidTransition {
            state: county.status.0.code().to_owned(),
            action: action.to_owned(),
            allowed: vec![allowed.to_owned()],
        });
    }
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await?;
    let changed = repo::set_status(&txn, county.id, to, &why, now).await?;
    let mut detail = serde_json::json!({"county": county.code, "reason": why});
    if to == CountyStatus::Suspended {
        let revoked = repo::end_sessions(&txn, county.id, now).await?;
        detail["refresh_tokens_revoked"] = revoked.into();
    }
    audit_county_change(&txn, meta, actor, county.id, audit_action, detail, now).await?;
    txn.commit().await?;
    // This server stops honouring the county's tokens at once; others within the gate's TTL.
    ctx.sessions.forget_all();
    let counts = repo::counts(&ctx.db, county.id).await?;
    Ok(County::of(changed, counts))
}

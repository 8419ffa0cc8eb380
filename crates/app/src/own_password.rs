//! A person changes their own password: the current one proves who asks (a wrong one counts
//! towards the lockout, as at sign-in), the new one follows the house's policy and differs
//! from the current. The change replaces the hash, clears the mark of an initial password,
//! ends every other session (its refresh tokens revoked, its access tokens refused from now
//! on) and is written to the audit trail; the caller goes on in a fresh session.

use butler_domain::api_access::AccountKind;
use butler_domain::audit::{AuditAction, AuditOutcome};
use butler_domain::policy::Actor;
use butler_domain::text::NewPassword;
use butler_persistence::StoreError;
use butler_persistence::repo::users::{self, UserChanges};
use butler_persistence::repo::{audit, tokens};
use uuid::Uuid;

use crate::audit_trail::{self, RequestMeta};
use crate::sign_in::{Session, SignInPolicy, new_session};
use crate::{AppError, Context, password};

/// What a password change asks with.
#[derive(Debug, Clone)]
pub struct PasswordChange {
    /// The password the account holds now.
    pub current: String,
    /// Its replacement, parsed by the house's policy already.
    pub new: NewPassword,
}

/// Changes the caller's own password and returns the caller's new session (every other one,
/// the caller's old one included, has ended).
pub async fn change(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    change: PasswordChange,
    policy: &SignInPolicy,
) -> Result<Session, AppError> {
    let now = ctx.now();
    let user = users::get(&ctx.db, actor.tenant_id, actor.user_id).await.map_err(|e| match e {
        StoreError::NotFound => AppError::Unauthenticated,
        other => other.into(),
    })?;
    if user.account_kind != AccountKind::Person || !user.active {
        return Err(AppError::Unauthenticated);
    }
    if let Some(until) = user.locked_until.filter(|until| *until > now) {
        refused(ctx, meta, actor, "locked", false).await?;
        return Err(AppError::locked_until(until, now));
    }
    let PasswordChange { current, new } = change;
    let same = current == new.expose();
    if !password::verify_blocking(current, user.password_hash.clone()).await? {
        let locked =
            users::record_failed_login(&ctx.db, user.id, policy.max_failed_logins, now, now + policy.lockout).await?;
        refused(ctx, meta, actor, "wrong_password", locked).await?;
        if locked {
            return Err(AppError::locked_until(now + policy.lockout, now));
        }
        return Err(AppError::field(
            "current_password",
            "wrong_password",
            "当前密码不正确",
            "the current password is not correct",
        ));
    }
    if same {
        return Err(AppError::field(
            "new_password",
            "same_as_current",
            "新密码不能与当前密码相同",
            "the new password must differ from the current one",
        ));
    }
    let hash = password::hash_blocking(new.expose().to_owned()).await?;
    let txn = butler_persistence::begin_write(&ctx.db).await?;
    let changes = UserChanges {
        password_hash: Some(hash),
        must_change_password: Some(false),
        // The current password was proven: earlier failures no longer count.
        unlock: true,
        end_sessions: true,
        ..UserChanges::default()
    };
    let row = users::update(&txn, actor.tenant_id, actor.user_id, changes, now).await?;
    tokens::revoke_all_of_user(&txn, row.id, now).await?;
    let session = new_session(&txn, actor.clone(), false, Uuid::now_v7(), now, policy).await?;
    let detail = serde_json::json!({"user_id": row.id, "username": row.username, "initial": user.must_change_password});
    audit_trail::record(&txn, meta, actor, AuditAction::PasswordChanged, detail, now).await?;
    txn.commit().await?;
    // Its other sessions' tokens are judged afresh from now on.
    ctx.sessions.forget(row.id);
    Ok(session)
}

/// Writes a refused change to the audit trail.
async fn refused(ctx: &Context, meta: &RequestMeta, actor: &Actor, reason: &str, locked: bool) -> Result<(), AppError> {
    audit::append(
        &ctx.db,
        audit::AuditEntry {
            tenant_id: Some(actor.tenant_id),
            user_id: Some(actor.user_id),
            action: AuditAction::PasswordChanged,
            outcome: AuditOutcome::Failure,
            detail: Some(serde_json::json!({"reason": reason, "locked": locked})),
            ip: Some(&meta.ip),
            request_id: meta.request_id.as_deref(),
        },
        ctx.now(),
    )
    .await?;
    Ok(())
}

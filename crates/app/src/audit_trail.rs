//! Recording privileged changes (calendar, clock, supervision notices) in the security audit
//! trail, with the request they came from.

use butler_domain::audit::{AuditAction, AuditOutcome};
use butler_domain::policy::Actor;
use butler_persistence::repo::audit::{self, AuditEntry};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;

use crate::error::AppError;

/// Where a request came from, for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestMeta {
    pub ip: String,
    pub request_id: Option<String>,
}

/// Appends a successful `action` of `actor` with `detail`.
pub async fn record(
    db: &impl ConnectionTrait,
    meta: &RequestMeta,
    actor: &Actor,
    action: AuditAction,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    audit::append(
        db,
        AuditEntry {
            tenant_id: Some(actor.tenant_id),
            user_id: Some(actor.user_id),
            action,
            outcome: AuditOutcome::Success,
            detail: Some(detail),
            ip: Some(&meta.ip),
            request_id: meta.request_id.as_deref(),
        },
        now,
    )
    .await?;
    Ok(())
}

/// Appends a successful `action` in `tenant_id` by someone without an account (a member of
/// the public sending a consultation).
pub async fn record_public(
    db: &impl ConnectionTrait,
    meta: &RequestMeta,
    tenant_id: uuid::Uuid,
    action: AuditAction,
    detail: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    audit::append(
        db,
        AuditEntry {
            tenant_id: Some(tenant_id),
            user_id: None,
            action,
            outcome: AuditOutcome::Success,
            detail: Some(detail),
            ip: Some(&meta.ip),
            request_id: meta.request_id.as_deref(),
        },
        now,
    )
    .await?;
    Ok(())
}

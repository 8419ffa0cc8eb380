//! The audit-log reader (审计日志, 等保 2.0 / SPEC §10): who did what, when, from where and with
//! what outcome, for the admin of the tenant the entries belong to (a county's admin its
//! county's, the platform administrator the platform's). Filtered, paged newest first,
//! exported as a workbook (the export is itself recorded); entries are kept at least 180
//! days and removed by the sweep only past the configured retention ([`purge`]). Nothing here
//! changes or deletes an entry on a caller's request.

mod export;

pub use export::{EXPORT_MAX_ROWS, export};

use butler_domain::audit::{AuditAction, AuditOutcome};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_persistence::repo::audit::{self as repo, AuditFilter, AuditView};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::Context;
use crate::error::{AppError, FieldError};
use crate::paging::{Page, PageRequest};

/// The longest client address or request id a filter may name.
const TEXT_FILTER_MAX: usize = 64;

/// Which entries to read; every filter is optional and they all hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditLogQuery {
    /// Entries of this user's doing.
    pub user_id: Option<Uuid>,
    pub action: Option<AuditAction>,
    pub outcome: Option<AuditOutcome>,
    /// Entries at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Entries before this instant.
    pub until: Option<DateTime<Utc>>,
    /// From this client address (exactly).
    pub ip: Option<String>,
    /// Of this request (exactly, the `X-Request-Id` the server answered).
    pub request_id: Option<String>,
}

impl AuditLogQuery {
    /// The store's filter; a time range ending before it starts, or an over-long text filter,
    /// is a field error. Blank text filters filter nothing.
    fn checked(&self) -> Result<AuditFilter, AppError> {
        let mut problems = Vec::new();
        if let (Some(from), Some(until)) = (self.from, self.until)
            && until <= from
        {
            problems.push(FieldError::new("until", "before_from", "须晚于开始时间", "must be after `from`"));
        }
        let text = |name: &str, value: &Option<String>, problems: &mut Vec<FieldError>| {
            let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty());
            if value.is_some_and(|v| v.chars().count() > TEXT_FILTER_MAX) {
                problems.push(FieldError::new(
                    name,
                    "too_long",
                    format!("不得超过 {TEXT_FILTER_MAX} 个字符"),
                    format!("must be at most {TEXT_FILTER_MAX} characters"),
                ));
            }
            value.map(str::to_owned)
        };
        let ip = text("ip", &self.ip, &mut problems);
        let request_id = text("request_id", &self.request_id, &mut problems);
        if !problems.is_empty() {
            return Err(AppError::Validation(problems));
        }
        Ok(AuditFilter {
            user_id: self.user_id,
            action: self.action,
            outcome: self.outcome,
            from: self.from,
            until: self.until,
            ip,
            request_id,
        })
    }
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditLogEntry {
    pub id: Uuid,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The tenant whose trail holds it.
    pub tenant_id: Option<Uuid>,
    /// Who: the account (none for the public and for a sign-in with an unknown user name).
    pub user_id: Option<Uuid>,
    /// The account's display name, while it exists.
    pub user_name: Option<String>,
    /// The account's role.
    pub user_role: Option<Role>,
    pub action: AuditAction,
    pub outcome: AuditOutcome,
    /// From where: the client's address.
    pub ip: Option<String>,
    /// The request it was recorded in.
    pub request_id: Option<String>,
    /// What the action touched (ids, names, the fields changed; never a password or key).
    pub detail: Option<serde_json::Value>,
}

impl From<AuditView> for AuditLogEntry {
    fn from(v: AuditView) -> Self {
        let r = v.row;
        AuditLogEntry {
            id: r.id,
            at: r.at,
            tenant_id: r.tenant_id,
            user_id: r.user_id,
            user_name: v.user.as_ref().map(|u| u.display_name.clone()),
            user_role: v.user.map(|u| u.role),
            action: r.action.0,
            outcome: r.outcome.0,
            ip: r.ip,
            request_id: r.request_id,
            detail: r.detail,
        }
    }
}

/// One page of the caller's tenant's entries matching `query`, newest first: the tenant's
/// admin (and the platform administrator, the platform's) only.
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    query: &AuditLogQuery,
    page: PageRequest,
) -> Result<Page<AuditLogEntry>, AppError> {
    authorize(actor, Action::ReadAuditLog, Scope::tenant(actor.tenant_id))?;
    let filter = query.checked()?;
    let page = repo::list(&ctx.db, actor.tenant_id, &filter, page.checked()?).await?;
    Ok(Page::from(page).map(AuditLogEntry::from))
}

/// Removes the entries recorded before the configured retention (never fewer than 180 days
/// kept; the database refuses younger ones anyway) at `now`; answers how many.
pub async fn purge(ctx: &Context, now: DateTime<Utc>) -> Result<u64, AppError> {
    Ok(repo::purge_before(&ctx.db, ctx.audit_retention.cutoff(now)).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).map(|t| t.with_timezone(&Utc)).unwrap()
    }

    #[test]
    fn a_range_ending_before_it_starts_and_long_text_are_field_errors() {
        let q = AuditLogQuery {
            from: Some(at("2026-12-05T00:00:00Z")),
            until: Some(at("2026-12-04T00:00:00Z")),
            ip: Some("1".repeat(65)),
            ..AuditLogQuery::default()
        };
        match q.checked() {
            Err(AppError::Validation(fields)) => {
                let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
                assert_eq!(named, ["until", "ip"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn blank_text_filters_filter_nothing() {
        let q = AuditLogQuery { ip: Some("  ".into()), request_id: Some(" r-1 ".into()), ..AuditLogQuery::default() };
        let filter = q.checked().unwrap();
        assert_eq!(filter.ip, None);
        assert_eq!(filter.request_id.as_deref(), Some("r-1"));
    }
}

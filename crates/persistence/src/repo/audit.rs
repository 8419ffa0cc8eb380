//! The security audit trail (等保 2.0: who did what, when, from where, with what outcome).
//! Rows are only ever appended and read; the database refuses to change them and to delete
//! those younger than 180 days (migration `000032`); [`purge_before`] removes those past the
//! retention.

use std::collections::HashMap;

use butler_domain::audit::{AuditAction, AuditOutcome};
use butler_domain::role::Role;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entity::{audit_log, user};
use crate::page::{Order, fetch_page_in};
use crate::{Code, Page, PageRequest, StoreError};

pub use audit_log::Model as AuditRow;

pub struct AuditEntry<'a> {
    pub tenant_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub action: AuditAction,
    pub outcome: AuditOutcome,
    pub detail: Option<serde_json::Value>,
    pub ip: Option<&'a str>,
    pub request_id: Option<&'a str>,
}

pub async fn append(db: &impl ConnectionTrait, entry: AuditEntry<'_>, now: DateTime<Utc>) -> Result<(), StoreError> {
    let row = audit_log::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(entry.tenant_id),
        user_id: Set(entry.user_id),
        action: Set(Code(entry.action)),
        outcome: Set(Code(entry.outcome)),
        detail: Set(entry.detail),
        ip: Set(entry.ip.map(str::to_owned)),
        request_id: Set(entry.request_id.map(str::to_owned)),
        at: Set(now),
    };
    audit_log::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

/// Which of a tenant's entries to read; every filter is optional and they all hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Entries by this user.
    pub user_id: Option<Uuid>,
    pub action: Option<AuditAction>,
    pub outcome: Option<AuditOutcome>,
    /// Entries at or after this instant.
    pub from: Option<DateTime<Utc>>,
    /// Entries before this instant.
    pub until: Option<DateTime<Utc>>,
    /// From this client address (exactly).
    pub ip: Option<String>,
    /// Of this request (exactly).
    pub request_id: Option<String>,
}

/// Who an entry names: the account's display name and role (of any tenant: the platform
/// administrator acting on a county is named in the county's trail).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditUser {
    pub display_name: String,
    pub role: Role,
}

/// An entry with the account it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditView {
    pub row: AuditRow,
    pub user: Option<AuditUser>,
}

/// One page of `tenant_id`'s entries matching `filter`, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &AuditFilter,
    req: PageRequest,
) -> Result<Page<AuditView>, StoreError> {
    let mut select = audit_log::Entity::find().filter(audit_log::Column::TenantId.eq(tenant_id));
    if let Some(user_id) = filter.user_id {
        select = select.filter(audit_log::Column::UserId.eq(user_id));
    }
    if let Some(action) = filter.action {
        select = select.filter(audit_log::Column::Action.eq(Code(action)));
    }
    if let Some(outcome) = filter.outcome {
        select = select.filter(audit_log::Column::Outcome.eq(Code(outcome)));
    }
    if let Some(from) = filter.from {
        select = select.filter(audit_log::Column::At.gte(from));
    }
    if let Some(until) = filter.until {
        select = select.filter(audit_log::Column::At.lt(until));
    }
    if let Some(ip) = &filter.ip {
        select = select.filter(audit_log::Column::Ip.eq(ip.as_str()));
    }
    if let Some(request_id) = &filter.request_id {
        select = select.filter(audit_log::Column::RequestId.eq(request_id.as_str()));
    }
    let page = fetch_page_in(db, select, audit_log::Column::Id, |m| m.id, req, Order::NewestFirst).await?;
    let mut ids: Vec<Uuid> = page.items.iter().filter_map(|r| r.user_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let users: HashMap<Uuid, AuditUser> = if ids.is_empty() {
        HashMap::new()
    } else {
        user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .column(user::Column::DisplayName)
            .column(user::Column::Role)
            .filter(user::Column::Id.is_in(ids))
            .into_tuple::<(Uuid, String, Code<Role>)>()
            .all(db)
            .await?
            .into_iter()
            .map(|(id, display_name, role)| (id, AuditUser { display_name, role: role.0 }))
            .collect()
    };
    Ok(page.map(|row| {
        let user = row.user_id.and_then(|id| users.get(&id).cloned());
        AuditView { row, user }
    }))
}

/// Removes the entries recorded before `cutoff` (the retention's end); answers how many.
/// The database refuses to remove any younger than 180 days, whatever `cutoff` says.
pub async fn purge_before(db: &impl ConnectionTrait, cutoff: DateTime<Utc>) -> Result<u64, StoreError> {
    let done = audit_log::Entity::delete_many().filter(audit_log::Column::At.lt(cutoff)).exec(db).await?;
    Ok(done.rows_affected)
}

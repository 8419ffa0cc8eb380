//! The security audit trail (等保 2.0: who did what, when, from where, with what outcome).
//! Rows are only ever appended; no API changes or deletes them.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::audit_log;

pub struct AuditEntry<'a> {
    pub tenant_id: Option<Uuid>,
    pub user_id: Option<Uuid>,
    pub action: &'a str,
    pub outcome: &'a str,
    pub detail: Option<serde_json::Value>,
    pub ip: Option<&'a str>,
    pub request_id: Option<&'a str>,
}

pub async fn append(db: &impl ConnectionTrait, entry: AuditEntry<'_>, now: DateTime<Utc>) -> Result<(), StoreError> {
    let row = audit_log::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(entry.tenant_id),
        user_id: Set(entry.user_id),
        action: Set(entry.action.to_owned()),
        outcome: Set(entry.outcome.to_owned()),
        detail: Set(entry.detail),
        ip: Set(entry.ip.map(str::to_owned)),
        request_id: Set(entry.request_id.map(str::to_owned)),
        at: Set(now),
    };
    audit_log::Entity::insert(row).exec_without_returning(db).await?;
    Ok(())
}

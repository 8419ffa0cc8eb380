//! In-app notifications (the outbox): who to address, and writing one notification per
//! recipient in the caller's transaction, once per recipient and dedupe key.

use butler_domain::notice::NotificationKind;
use butler_domain::role::Role;
use butler_persistence::repo::notifications::{self, NewNotification};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use std::collections::BTreeSet;
use uuid::Uuid;

use crate::error::AppError;

/// What to tell: the same text for every recipient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Notice<'a> {
    pub tenant_id: Uuid,
    pub case_id: Option<Uuid>,
    pub sheet_id: Option<Uuid>,
    /// What happened.
    pub kind: NotificationKind,
    /// Stable for the event told: a recipient gets one notification per key, however often
    /// the event is retried or replayed.
    pub dedupe_key: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    /// What it says as its kind's parameters (rendered in each reader's language).
    pub params: Option<&'a serde_json::Value>,
}

/// Writes `notice` to each distinct recipient (skipping those who already have its dedupe
/// key), and the deliveries over the external channels each recipient gets
/// ([`crate::delivery::enqueue`]); returns how many notifications were written. Pass the
/// transaction of what caused it, so they all commit or roll back together.
pub async fn notify(
    db: &impl ConnectionTrait,
    recipients: &[Uuid],
    notice: &Notice<'_>,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    // One row per distinct recipient, written in one statement.
    let news: Vec<NewNotification> = recipients
        .iter()
        .copied()
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|recipient| NewNotification {
            tenant_id: notice.tenant_id,
            recipient_id: recipient,
            case_id: notice.case_id,
            sheet_id: notice.sheet_id,
            kind: notice.kind,
            dedupe_key: notice.dedupe_key.to_owned(),
            title: notice.title.to_owned(),
            body: notice.body.to_owned(),
            params: notice.params.cloned(),
        })
        .collect();
    let written = notifications::insert_once_many(db, news, now).await?;
    crate::delivery::enqueue::enqueue(db, notice.tenant_id, notice.kind, &written, now).await?;
    Ok(written.len())
}

/// The active users of a tenant with `role`.
pub async fn users_with_role(db: &impl ConnectionTrait, tenant_id: Uuid, role: Role) -> Result<Vec<Uuid>, AppError> {
    Ok(notifications::recipients(db, tenant_id, role, None, None).await?)
}

/// The active users of one department with `role` (department agents or leaders).
pub async fn department_users(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    department_id: Uuid,
    role: Role,
) -> Result<Vec<Uuid>, AppError> {
    Ok(notifications::recipients(db, tenant_id, role, Some(department_id), None).await?)
}

/// The active users acting for one enterprise (its project contacts).
pub async fn enterprise_users(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    enterprise_id: Uuid,
) -> Result<Vec<Uuid>, AppError> {
    Ok(notifications::recipients(db, tenant_id, Role::Enterprise, None, Some(enterprise_id)).await?)
}

/// Which of `ids` are active users of the tenant (a named assignee, leader or team member
/// may have left).
pub async fn active_users(db: &impl ConnectionTrait, tenant_id: Uuid, ids: &[Uuid]) -> Result<Vec<Uuid>, AppError> {
    Ok(notifications::active_users(db, tenant_id, ids).await?)
}

/// Which of `ids` are people of the tenant (API clients receive no notifications).
pub async fn people(db: &impl ConnectionTrait, tenant_id: Uuid, ids: &[Uuid]) -> Result<Vec<Uuid>, AppError> {
    Ok(notifications::people(db, tenant_id, ids).await?)
}

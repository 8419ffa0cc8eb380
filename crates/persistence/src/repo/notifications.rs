//! In-app notifications: the outbox. A notification is written in the same transaction as
//! what caused it, at most once per recipient and dedupe key (unique index
//! `ux_notifications_dedupe`), so a retried command or a second scheduler never sends twice.

use butler_domain::api_access::AccountKind;
use butler_domain::notice::NotificationKind;
use butler_domain::role::Role;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect, QueryTrait,
};
use uuid::Uuid;

use crate::entity::notification::{self, Entity as Notification};
use crate::entity::user::{self, Entity as User};
use crate::page::{Order, fetch_page_in};
use crate::{Code, Page, PageRequest, StoreError};

pub use notification::Model as NotificationRow;

/// Longest stored title, in characters (the column's width).
pub const TITLE_MAX_CHARS: usize = 200;
/// Longest dedupe key, in characters (the column's width).
pub const DEDUPE_KEY_MAX_CHARS: usize = 200;

/// A notification to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub tenant_id: Uuid,
    pub recipient_id: Uuid,
    pub case_id: Option<Uuid>,
    pub sheet_id: Option<Uuid>,
    /// What happened.
    pub kind: NotificationKind,
    /// Written once per recipient and key; e.g. a reminder step's stable key.
    pub dedupe_key: String,
    pub title: String,
    pub body: String,
    /// What it says, as its kind's parameters, for rendering in the reader's language.
    pub params: Option<serde_json::Value>,
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((at, _)) => text[..at].to_owned(),
        None => text.to_owned(),
    }
}

/// Writes `new` unless the recipient already has a notification with its dedupe key;
/// returns the new row's id when one was written. One `INSERT … ON CONFLICT DO NOTHING`: concurrent
/// writers of the same key (two scheduler processes) end with exactly one row. A title
/// The stored row of `new` under `id`, its title cut to the column's length.
fn active(id: Uuid, new: NewNotification, now: DateTime<Utc>) -> notification::ActiveModel {
    notification::ActiveModel {
        id: Set(id),
        tenant_id: Set(new.tenant_id),
        recipient_id: Set(new.recipient_id),
        case_id: Set(new.case_id),
        sheet_id: Set(new.sheet_id),
        kind: Set(Code(new.kind)),
        dedupe_key: Set(new.dedupe_key),
        title: Set(truncate(&new.title, TITLE_MAX_CHARS)),
        body: Set(new.body),
        params: Set(new.params),
        created_at: Set(now),
        read_at: Set(None),
    }
}

/// longer than the column is shortened; a longer dedupe key is refused as a conflict.
pub async fn insert_once(
    db: &impl ConnectionTrait,
    new: NewNotification,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, StoreError> {
    if new.dedupe_key.chars().count() > DEDUPE_KEY_MAX_CHARS {
        return Err(StoreError::Conflict(format!("dedupe key longer than {DEDUPE_KEY_MAX_CHARS} characters")));
    }
    let id = super::new_id();
    let row = active(id, new, now);
    let written = Notification::insert(row)
        .on_conflict(
            OnConflict::columns([notification::Column::RecipientId, notification::Column::DedupeKey])
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok((written > 0).then_some(id))
}

/// Writes each of `news` unless its recipient already has a notification with its dedupe
/// key, in one multi-row `INSERT … ON CONFLICT DO NOTHING RETURNING`; answers the
/// `(recipient, notification)` pairs written, by recipient. What [`insert_once`] does for
/// one, with the same guarantee under concurrent writers.
pub async fn insert_once_many(
    db: &impl ConnectionTrait,
    news: Vec<NewNotification>,
    now: DateTime<Utc>,
) -> Result<Vec<(Uuid, Uuid)>, StoreError> {
    if news.is_empty() {
        return Ok(Vec::new());
    }
    if news.iter().any(|n| n.dedupe_key.chars().count() > DEDUPE_KEY_MAX_CHARS) {
        return Err(StoreError::Conflict(format!("dedupe key longer than {DEDUPE_KEY_MAX_CHARS} characters")));
    }
    let rows = news.into_iter().map(|new| active(super::new_id(), new, now));
    let mut insert = Notification::insert_many(rows)
        .on_conflict(
            OnConflict::columns([notification::Column::RecipientId, notification::Column::DedupeKey])
                .do_nothing()
                .to_owned(),
        )
        .into_query();
    insert.returning_all();
    let stmt = db.get_database_backend().build(&insert);
    let mut written: Vec<(Uuid, Uuid)> =
        Notification::find().from_raw_sql(stmt).all(db).await?.into_iter().map(|n| (n.recipient_id, n.id)).collect();
    written.sort();
    Ok(written)
}

/// One notification by id (what a delivery of it sends).
pub async fn get(db: &impl ConnectionTrait, id: Uuid) -> Result<NotificationRow, StoreError> {
    Notification::find_by_id(id).one(db).await?.ok_or(StoreError::NotFound)
}

/// A recipient's notifications, newest first; only unread ones when `unread_only`.
pub async fn list_for(
    db: &impl ConnectionTrait,
    recipient_id: Uuid,
    unread_only: bool,
    page: PageRequest,
) -> Result<Page<NotificationRow>, StoreError> {
    let mut select = Notification::find().filter(notification::Column::RecipientId.eq(recipient_id));
    if unread_only {
        select = select.filter(notification::Column::ReadAt.is_null());
    }
    fetch_page_in(db, select, notification::Column::Id, |n| n.id, page, Order::NewestFirst).await
}

/// How many notifications the recipient has not read.
pub async fn count_unread(db: &impl ConnectionTrait, recipient_id: Uuid) -> Result<u64, StoreError> {
    Ok(Notification::find()
        .filter(notification::Column::RecipientId.eq(recipient_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks one of the recipient's notifications read (keeping the first reading time);
/// `NotFound` when it is not the recipient's.
pub async fn mark_read(
    db: &impl ConnectionTrait,
    recipient_id: Uuid,
    id: Uuid,
    now: DateTime<Utc>,
) -> Result<NotificationRow, StoreError> {
    Notification::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(Some(now)))
        .filter(notification::Column::Id.eq(id))
        .filter(notification::Column::RecipientId.eq(recipient_id))
        .filter(notification::Column::ReadAt.is_null())
        .exec(db)
        .await?;
    Notification::find_by_id(id)
        .filter(notification::Column::RecipientId.eq(recipient_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Who to address: the active users of a tenant with `role`, optionally only those of one
/// department or bound to one enterprise. Read from `ix_users_tenant_role`.
pub async fn recipients(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    role: Role,
    department_id: Option<Uuid>,
    enterprise_id: Option<Uuid>,
) -> Result<Vec<Uuid>, StoreError> {
    let mut select = User::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::TenantId.eq(tenant_id))
        .filter(user::Column::Role.eq(Code(role)))
        .filter(user::Column::Active.eq(true))
        // API clients receive no notifications: they read what they need.
        .filter(user::Column::AccountKind.eq(Code(AccountKind::Person)));
    if let Some(department_id) = department_id {
        select = select.filter(user::Column::DepartmentId.eq(department_id));
    }
    if let Some(enterprise_id) = enterprise_id {
        select = select.filter(user::Column::EnterpriseId.eq(enterprise_id));
    }
    Ok(select.into_tuple::<Uuid>().all(db).await?)
}

/// Which of `ids` are active users of the tenant (to address a named person safely).
pub async fn active_users(db: &impl ConnectionTrait, tenant_id: Uuid, ids: &[Uuid]) -> Result<Vec<Uuid>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(User::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::TenantId.eq(tenant_id))
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .filter(user::Column::Active.eq(true))
        .filter(user::Column::AccountKind.eq(Code(AccountKind::Person)))
        .into_tuple::<Uuid>()
        .all(db)
        .await?)
}

/// Which of `ids` are people of the tenant (an API client's account is addressed by no
/// notification), active or not.
pub async fn people(db: &impl ConnectionTrait, tenant_id: Uuid, ids: &[Uuid]) -> Result<Vec<Uuid>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(User::find()
        .select_only()
        .column(user::Column::Id)
        .filter(user::Column::TenantId.eq(tenant_id))
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .filter(user::Column::AccountKind.eq(Code(AccountKind::Person)))
        .into_tuple::<Uuid>()
        .all(db)
        .await?)
}

#[cfg(test)]
mod tests {
    use super::truncate;

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncate("任务单即将超时", 3), "任务单");
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("", 3), "");
    }
}

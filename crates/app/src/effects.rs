//! Carrying out what the domain decided besides the state: the deadlines to open and close
//! and the notifications to send, in the caller's transaction. The domain names recipients
//! by role, department, enterprise or team; here they become the tenant's active users.

use butler_domain::case::deadline::{DeadlineChange, DeadlineSubject};
use butler_domain::notice::{KeyIds, Language, Notice, Recipient};
use butler_persistence::repo::deadlines::{self, NewDeadline};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use std::collections::BTreeSet;
use uuid::Uuid;

use crate::AppError;
use crate::notify::{self, Notice as Outgoing};

/// The case (and the sheet) a decision is about; a notice may be about no case (a
/// department's supervision notice).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope<'a> {
    pub tenant_id: Uuid,
    pub case_id: Option<Uuid>,
    /// The case's enterprise.
    pub enterprise_id: Option<Uuid>,
    /// The case's butler team.
    pub team: &'a [Uuid],
    /// The sheet the decision is about, if any.
    pub sheet_id: Option<Uuid>,
}

impl Scope<'_> {
    fn sheet_of(&self, subject: DeadlineSubject) -> Option<Uuid> {
        match subject {
            DeadlineSubject::Case => None,
            DeadlineSubject::Sheet => self.sheet_id,
        }
    }
}

/// Opens and closes the deadlines of `changes` (an opened deadline is chased from `now`).
pub async fn apply_deadlines(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    changes: &[DeadlineChange],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if changes.is_empty() {
        return Ok(());
    }
    let case_id =
        scope.case_id.ok_or_else(|| AppError::internal(std::io::Error::other("a deadline needs its case")))?;
    for change in changes {
        match change {
            DeadlineChange::Open { subject, kind, due_at } => {
                let sheet_id = scope.sheet_of(*subject);
                // An open deadline of the same kind is replaced (its time moved): `open`
                // closes it first.
                let new = NewDeadline {
                    tenant_id: scope.tenant_id,
                    case_id,
                    sheet_id,
                    kind: *kind,
                    due_at: *due_at,
                    next_step_at: Some(now),
                };
                deadlines::open(db, new, now).await?;
            }
            DeadlineChange::Close { subject, kind } => {
                deadlines::close(db, case_id, scope.sheet_of(*subject), *kind, now).await?;
            }
            DeadlineChange::CloseAll { subject } => {
                deadlines::close_all(db, case_id, scope.sheet_of(*subject), now).await?;
            }
        }
    }
    Ok(())
}

/// The active users `recipient` names.
async fn resolve(db: &impl ConnectionTrait, scope: &Scope<'_>, recipient: &Recipient) -> Result<Vec<Uuid>, AppError> {
    let tenant = scope.tenant_id;
    Ok(match recipient {
        Recipient::Role { role } => notify::users_with_role(db, tenant, *role).await?,
        Recipient::Department { department_id, role } => {
            notify::department_users(db, tenant, *department_id, *role).await?
        }
        Recipient::Enterprise => match scope.enterprise_id {
            Some(enterprise) => notify::enterprise_users(db, tenant, enterprise).await?,
            None => Vec::new(),
        },
        Recipient::Team => notify::active_users(db, tenant, scope.team).await?,
        Recipient::User { user_id } => notify::people(db, tenant, &[*user_id]).await?,
        Recipient::ActiveUser { user_id } => notify::active_users(db, tenant, &[*user_id]).await?,
        Recipient::FirstOf { options } => {
            for option in options {
                let found = Box::pin(resolve(db, scope, option)).await?;
                if !found.is_empty() {
                    return Ok(found);
                }
            }
            Vec::new()
        }
    })
}

/// Everyone `notice` reaches, once each, without its `except`.
pub async fn recipients(db: &impl ConnectionTrait, scope: &Scope<'_>, notice: &Notice) -> Result<Vec<Uuid>, AppError> {
    let mut to = BTreeSet::new();
    for recipient in &notice.to {
        to.extend(resolve(db, scope, recipient).await?);
    }
    if let Some(except) = notice.except {
        to.remove(&except);
    }
    Ok(to.into_iter().collect())
}

/// Writes each notice to its recipients, once per recipient and key; `ids` completes the
/// keys (the version a key names, the record created with the notice). Returns how many
/// notifications were written.
pub async fn deliver(
    db: &impl ConnectionTrait,
    scope: &Scope<'_>,
    notices: &[Notice],
    ids: KeyIds,
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    let mut written = 0;
    for notice in notices {
        let to = recipients(db, scope, notice).await?;
        if to.is_empty() {
            continue;
        }
        let sheet_id = if notice.on_sheet { scope.sheet_id } else { None };
        let key =
            notice.key.render(KeyIds { case_id: scope.case_id.unwrap_or_default(), sheet_id: scope.sheet_id, ..ids });
        let text = notice.render(Language::Chinese);
        let params = serde_json::to_value(&notice.params).map_err(AppError::internal)?;
        let outgoing = Outgoing {
            tenant_id: scope.tenant_id,
            case_id: scope.case_id,
            sheet_id,
            kind: notice.kind(),
            dedupe_key: &key,
            title: &text.title,
            body: &text.body,
            params: Some(&params),
        };
        written += notify::notify(db, &to, &outgoing, now).await?;
    }
    Ok(written)
}

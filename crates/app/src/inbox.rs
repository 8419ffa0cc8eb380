//! The caller's own in-app notifications (reminders, escalations, supervision notices, what
//! happens to their cases and task sheets): reading them newest first, in the reader's
//! language, and marking one read.

use butler_domain::notice::template::Templates;
use butler_domain::notice::{Language, NoticeParams, NotificationKind};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::notifications::{self as repo, NotificationRow};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::Context;
use crate::error::AppError;
use crate::paging::{Page, PageRequest};

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    pub id: Uuid,
    /// What happened.
    pub kind: NotificationKind,
    pub title: String,
    pub body: String,
    /// The case it is about, if any.
    pub case_id: Option<Uuid>,
    /// The task sheet it is about, if any.
    pub sheet_id: Option<Uuid>,
    /// A stored file it links (a result notice's approval document).
    pub file_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// When the recipient marked it read; `None` while unread.
    pub read_at: Option<DateTime<Utc>>,
}

impl Notification {
    /// The stored notification in `language`: rendered from its parameters (with the tenant's
    /// template of its kind, if any) when it has them, else the text written with it.
    fn read(n: NotificationRow, language: Language, templates: &Templates) -> Self {
        let params = n.params.as_ref().and_then(|p| serde_json::from_value::<NoticeParams>(p.clone()).ok());
        let file_id = match &params {
            Some(NoticeParams::ResultNoticed { document_file_id, .. }) => *document_file_id,
            _ => None,
        };
        let rendered = params.map(|p| templates.render(&p, language));
        let (title, body) = match rendered {
            Some(text) => (text.title, text.body),
            None => (n.title, n.body),
        };
        Notification {
            id: n.id,
            kind: n.kind.0,
            title,
            body,
            case_id: n.case_id,
            sheet_id: n.sheet_id,
            file_id,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

/// A page of the caller's notifications and how many of all of them are unread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inbox {
    pub page: Page<Notification>,
    /// Unread notifications of the caller, on every page.
    pub unread_count: u64,
}

/// The caller's notifications, newest first; only unread ones when `unread_only`.
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    unread_only: bool,
    page: PageRequest,
    language: Language,
) -> Result<Inbox, AppError> {
    authorize(actor, Action::ReadOwnNotifications, Scope::tenant(actor.tenant_id))?;
    let page = repo::list_for(&ctx.db, actor.user_id, unread_only, page.checked()?).await?;
    let unread_count = repo::count_unread(&ctx.db, actor.user_id).await?;
    let templates = crate::templates::load(&ctx.db, actor.tenant_id).await?;
    Ok(Inbox { page: Page::from(page).map(|n| Notification::read(n, language, &templates)), unread_count })
}

/// Marks one of the caller's notifications read, keeping the first reading time; another's
/// is [`AppError::NotFound`].
pub async fn mark_read(ctx: &Context, actor: &Actor, id: Uuid, language: Language) -> Result<Notification, AppError> {
    authorize(actor, Action::ReadOwnNotifications, Scope::tenant(actor.tenant_id))?;
    let row = repo::mark_read(&ctx.db, actor.user_id, id, ctx.now()).await?;
    let templates = crate::templates::load(&ctx.db, actor.tenant_id).await?;
    Ok(Notification::read(row, language, &templates))
}

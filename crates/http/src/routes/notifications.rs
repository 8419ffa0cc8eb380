//! The caller's in-app notifications: reminders, escalations, supervision notices and what
//! happens to their cases and task sheets.

use actix_web::{HttpRequest, get, post, web};
use butler_app::inbox::{self, Notification};
use butler_domain::notice::NotificationKind;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::dto::page_request;
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams};
use crate::i18n::Lang;
use crate::state::AppState;

/// One notification.
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a0c2-0000-7000-8000-000000000001",
    "kind": "deadline_reminder",
    "title": "任务单即将超时：建设用地规划许可",
    "body": "项目“光伏组件项目”（DY-2026-0001）的“建设用地规划许可”（自然资源局）须于 2026-03-04 18:00 前办结，请抓紧办理。",
    "case_id": "0193a0c2-0000-7000-8000-000000000002",
    "sheet_id": "0193a0c2-0000-7000-8000-000000000003",
    "created_at": "2026-03-04T01:00:00Z",
    "read_at": null
}))]
pub struct NotificationOut {
    pub id: Uuid,
    /// What happened: `deadline_reminder`, `deadline_overdue`, `deadline_escalation`,
    /// `supervision_notice`, `task_dispatched`, ...
    pub kind: NotificationKind,
    /// In the reader's language (`Accept-Language`), rendered from what the notification
    /// says; one written before that was kept shows its Chinese text.
    pub title: String,
    pub body: String,
    /// The case it is about, if any.
    pub case_id: Option<Uuid>,
    /// The task sheet it is about, if any.
    pub sheet_id: Option<Uuid>,
    /// A stored file it links (a result notice's approval document): download it at
    /// `/api/v1/files/{id}`.
    pub file_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// When the recipient marked it read; `null` while unread.
    pub read_at: Option<DateTime<Utc>>,
}

impl From<Notification> for NotificationOut {
    fn from(n: Notification) -> Self {
        NotificationOut {
            id: n.id,
            kind: n.kind,
            title: n.title,
            body: n.body,
            case_id: n.case_id,
            sheet_id: n.sheet_id,
            file_id: n.file_id,
            created_at: n.created_at,
            read_at: n.read_at,
        }
    }
}

/// A page of the caller's notifications, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct NotificationsOut {
    pub items: Vec<NotificationOut>,
    /// Pass as `cursor` to read the next page; `null` when this is the last page.
    pub next_cursor: Option<String>,
    /// How many of the caller's notifications are unread (all pages).
    pub unread_count: u64,
}

/// Filters of the notification list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// `true`: only unread notifications.
    pub unread: Option<bool>,
}

/// List the caller's own notifications, newest first.
#[utoipa::path(
    tag = "notifications",
    operation_id = "listNotifications",
    params(PageParams, NotificationQuery),
    responses(
        (status = 200, description = "A page of notifications", body = NotificationsOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging or filter", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/notifications")]
pub async fn list_notifications(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<NotificationQuery>,
    req: HttpRequest,
) -> Result<web::Json<NotificationsOut>, ApiError> {
    let unread_only = query.unread.unwrap_or(false);
    let language = Lang::of(&req).language();
    let inbox = inbox::list(&state.app, &auth.0, unread_only, page_request(&page), language).await?;
    Ok(web::Json(NotificationsOut {
        items: inbox.page.items.into_iter().map(NotificationOut::from).collect(),
        next_cursor: inbox.page.next_cursor,
        unread_count: inbox.unread_count,
    }))
}

/// Mark one of the caller's notifications read.
///
/// Marking a read notification again keeps its first reading time.
#[utoipa::path(
    tag = "notifications",
    operation_id = "markNotificationRead",
    params(("id" = Uuid, Path, description = "The notification's id")),
    responses(
        (status = 200, description = "The notification, read", body = NotificationOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "Not one of the caller's notifications", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/notifications/{id}/read")]
pub async fn mark_notification_read(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
    req: HttpRequest,
) -> Result<web::Json<NotificationOut>, ApiError> {
    let notification = inbox::mark_read(&state.app, &auth.0, id.into_inner(), Lang::of(&req).language()).await?;
    Ok(web::Json(notification.into()))
}

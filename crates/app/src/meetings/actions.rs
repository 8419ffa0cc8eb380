//! Follow-up actions: the list (department roles: their department's, e.g. "my actions"),
//! and completing or dropping one (its owner department or the office), which closes its
//! deadline.

use butler_domain::audit::AuditAction;
use butler_domain::meeting::{ActionState, FollowUpAction, follow_up};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_persistence::Code;
use butler_persistence::repo::deadlines;
use butler_persistence::repo::meetings::{self, ActionFilter, ActionRow};
use serde_json::json;
use uuid::Uuid;

use super::{ActionView, LIMITS, action_view, meeting_actor, refusal};
use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::error::AppError;
use crate::paging::{Page, PageRequest};

/// Filters of the action list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionQuery {
    /// Department roles: always their own.
    pub department_id: Option<Uuid>,
    pub state: Option<ActionState>,
    /// Only open actions past their deadline.
    pub overdue: bool,
}

/// A page of follow-up actions, the earliest decided first, each with its meeting's title.
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    query: ActionQuery,
    page: PageRequest,
) -> Result<Page<ActionView>, AppError> {
    authorize(actor, Action::ReadMeetings, Scope::tenant(actor.tenant_id))?;
    let mut department_id = query.department_id;
    if actor.role.needs_department() {
        if department_id.is_some() && department_id != actor.department_id {
            return Err(AppError::Forbidden);
        }
        department_id = actor.department_id;
    }
    let now = ctx.clock.now();
    let filter = ActionFilter { department_id, state: query.state, overdue_at: query.overdue.then_some(now) };
    let rows = meetings::list_actions(&ctx.db, actor.tenant_id, &filter, page.checked()?).await?;
    let mut ids: Vec<Uuid> = rows.items.iter().map(|a| a.meeting_id).collect();
    ids.sort();
    ids.dedup();
    let titles = meetings::titles(&ctx.db, actor.tenant_id, &ids).await?;
    let items = rows
        .items
        .into_iter()
        .map(|a| {
            let title = titles.get(&a.meeting_id).cloned();
            action_view(a, actor, title, now)
        })
        .collect();
    Ok(Page { items, next_cursor: rows.next_cursor })
}

async fn readable(ctx: &Context, actor: &Actor, id: Uuid) -> Result<ActionRow, AppError> {
    authorize(actor, Action::ReadMeetings, Scope::tenant(actor.tenant_id)).map_err(|_| AppError::NotFound)?;
    let row = meetings::get_action(&ctx.db, actor.tenant_id, id).await?;
    let sees_all = matches!(actor.role, Role::Office | Role::Supervisor | Role::InvestmentLeader);
    if sees_all || actor.department_id == Some(row.department_id) { Ok(row) } else { Err(AppError::NotFound) }
}

/// One follow-up action.
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<ActionView, AppError> {
    let row = readable(ctx, actor, id).await?;
    let title = meetings::titles(&ctx.db, actor.tenant_id, &[row.meeting_id]).await?.remove(&row.meeting_id);
    Ok(action_view(row, actor, title, ctx.clock.now()))
}

/// Completes (with a note) or drops (with a reason) an open action; its deadline closes.
pub async fn settle(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    version: Option<i32>,
    action: FollowUpAction,
    note: &str,
) -> Result<ActionView, AppError> {
    let row = readable(ctx, actor, id).await?;
    if let Some(v) = version
        && v != row.version
    {
        return Err(AppError::VersionMismatch { current: row.version });
    }
    let (to, note) =
        follow_up(row.state.0, row.department_id, action, note, &meeting_actor(actor), &LIMITS).map_err(refusal)?;
    let now = ctx.clock.now();
    let after = ActionRow {
        state: Code(to),
        version: row.version + 1,
        note: Some(note),
        settled_by: Some(actor.user_id),
        settled_at: Some(now),
        updated_at: now,
        ..row.clone()
    };
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    meetings::save_action(&txn, &after).await?;
    deadlines::close_for_meeting_action(&txn, id, now).await?;
    audit_trail::record(
        &txn,
        meta,
        actor,
        AuditAction::of_follow_up(action),
        json!({"action_id": id, "meeting_id": row.meeting_id, "department_id": row.department_id}),
        now,
    )
    .await?;
    txn.commit().await.map_err(AppError::internal)?;
    get(ctx, actor, id).await
}

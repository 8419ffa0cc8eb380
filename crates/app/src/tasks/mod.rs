//! Task sheets as their readers see them: one sheet, the work queues (each one index range
//! ordered by deadline), and the department's commands answered with the sheet as it is now.

mod view;

pub(crate) use view::task_view;
pub use view::{MissingMaterial, Pause, TaskView, mark_critical};

use butler_domain::case::sheet::{SheetKind, SheetState};
use butler_domain::policy::{Action, Actor, Scope as DomainScope, authorize};
use butler_domain::role::Role;
use butler_persistence::repo::sheets::{self, QueueFilter, SheetRow};
use butler_persistence::repo::users;
use chrono::Duration;
use std::collections::HashMap;
use uuid::Uuid;

use crate::cases::{CaseBundle, calendar, check_visible, load};
use crate::commands::{ResultNotice, TaskCommand};
use crate::paging::{Page, PageRequest};
use crate::{AppError, Context};

/// Which work queue to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Queue {
    /// Open sheets the caller holds.
    Mine,
    /// Open sheets of the caller's department.
    Department,
    /// Open sheets past their deadline (a department's own, or all for the office).
    Overdue,
    /// Open sheets due within the next `within_hours`.
    DueSoon { within_hours: Option<i64> },
    /// Every sheet the caller may see, open or closed.
    All,
    /// Finished approval sheets whose result the window has not yet told the enterprise.
    ResultsToNotify,
    /// Sheets a department sent back to the window (退回), waiting to be re-dispatched.
    SentBack,
}

/// A work queue asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QueueQuery {
    /// `None`: the department's queue for department roles, every sheet for the others.
    pub queue: Option<Queue>,
    /// Only sheets of this case.
    pub case_id: Option<Uuid>,
}

/// One sheet, if the caller may see its case: from its case's current facts
/// ([`crate::cases::facts`]).
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<TaskView, AppError> {
    let case_id = match ctx.reads.case_of_sheet(actor.tenant_id, id) {
        Some(case_id) => case_id,
        None => sheets::get(&ctx.db, actor.tenant_id, id).await?.case_id,
    };
    let facts = crate::cases::facts::current(ctx, actor.tenant_id, case_id).await?;
    check_visible(actor, &facts.bundle)?;
    let row = facts.bundle.sheets.iter().find(|s| s.id == id).ok_or(AppError::NotFound)?;
    sheet_view(ctx, actor, row, &facts.bundle, &facts.names).await
}

/// The sheet `row` for `actor`, its case's visibility checked.
pub(crate) async fn view_of(ctx: &Context, actor: &Actor, row: SheetRow) -> Result<TaskView, AppError> {
    let b = load(&ctx.db, actor.tenant_id, row.case_id).await?;
    view_in(ctx, actor, row, &b).await
}

/// The sheet `row` of the case `b` (as read with it) for `actor`, its visibility checked.
async fn view_in(ctx: &Context, actor: &Actor, row: SheetRow, b: &CaseBundle) -> Result<TaskView, AppError> {
    check_visible(actor, b)?;
    let holders: Vec<Uuid> = row.assignee_id.into_iter().collect();
    let names = users::display_names(&ctx.db, actor.tenant_id, &holders).await?;
    sheet_view(ctx, actor, &row, b, &names).await
}

/// The sheet `row` of the case `b` for `actor` (who may see it); `names` holds its holder's.
async fn sheet_view(
    ctx: &Context,
    actor: &Actor,
    row: &SheetRow,
    b: &crate::cases::CaseBundle,
    names: &HashMap<Uuid, String>,
) -> Result<TaskView, AppError> {
    let cal = calendar(ctx, actor.tenant_id).await?;
    let item = b.items.iter().find(|i| i.id == row.case_item_id);
    let now = ctx.now();
    let mut view = view::task_view(actor, row, &b.case, item, names, &cal, now)?;
    if row.open {
        mark_critical(std::slice::from_mut(&mut view), &crate::analytics::case_path(b, &cal, now));
    }
    Ok(view)
}

/// Runs a department's (or the window's) command on a sheet; answers the sheet as it is now.
pub async fn command(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    if_match: Option<i32>,
    cmd: TaskCommand,
) -> Result<TaskView, AppError> {
    match crate::sheets::run_keeping_case(ctx, actor, id, if_match, cmd).await? {
        // The case as the command's transaction left it: nothing to read again.
        (row, Some(b)) => view_in(ctx, actor, row, &b).await,
        (row, None) => view_of(ctx, actor, row).await,
    }
}

/// The window records how the enterprise was told of a sheet's result.
pub async fn record_result_notice(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    input: &ResultNotice,
) -> Result<TaskView, AppError> {
    let row = crate::sheets::record_result_notice(ctx, actor, id, input).await?;
    view_of(ctx, actor, row).await
}

/// Attaches the approval document to an approved sheet; the sheet as the caller sees it
/// now and the file.
pub async fn attach_result_document<S, E>(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    file_name: Option<String>,
    body: S,
) -> Result<(TaskView, crate::files::FileInfo), AppError>
where
    S: futures_util::Stream<Item = Result<bytes::Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    let (row, file) = crate::sheets::attach_result_document(ctx, actor, id, file_name, body).await?;
    Ok((view_of(ctx, actor, row).await?, file))
}

/// A work queue of sheets, most urgent first. Department roles see their department's sheets
/// only; an enterprise has no queue.
pub async fn queue(
    ctx: &Context,
    actor: &Actor,
    query: QueueQuery,
    page: &PageRequest,
) -> Result<Page<TaskView>, AppError> {
    let now = ctx.now();
    let department_role = matches!(actor.role, Role::DepartmentAgent | Role::DepartmentLeader);
    authorize(actor, Action::ReadTaskQueues, DomainScope::tenant(actor.tenant_id))?;
    let queue = query.queue.unwrap_or(if department_role { Queue::Department } else { Queue::All });
    let mut filter = QueueFilter { case_id: query.case_id, ..Default::default() };
    if department_role {
        filter.department_id = Some(actor.department_id.unwrap_or(Uuid::nil()));
    }
    match queue {
        Queue::Mine => {
            filter.assignee_id = Some(actor.user_id);
            filter.open = Some(true);
        }
        Queue::Department => {
            if !department_role {
                return Err(AppError::field(
                    "queue",
                    "not_a_department_role",
                    "只有部门角色有本部门队列",
                    "only department roles have a department queue",
                ));
            }
            filter.open = Some(true);
        }
        Queue::Overdue => {
            filter.open = Some(true);
            filter.running_clock = true;
            filter.due_before = Some(now);
        }
        Queue::DueSoon { within_hours } => {
            let hours = within_hours.unwrap_or(24);
            if !(1..=720).contains(&hours) {
                return Err(AppError::field(
                    "within_hours",
                    "range",
                    "须在 1 到 720 之间",
                    "must be between 1 and 720",
                ));
            }
            filter.open = Some(true);
            filter.running_clock = true;
            filter.due_from = Some(now);
            filter.due_before = Some(now + Duration::hours(hours));
        }
        Queue::All => {}
        Queue::ResultsToNotify => {
            filter.state = Some(SheetState::Finished);
            filter.kind = Some(SheetKind::Approval);
            filter.result_unnoticed = true;
        }
        Queue::SentBack => filter.state = Some(SheetState::SentBack),
    }
    // A queue's cursor is its own (deadline, id) position, which `sheets::queue` decodes; only
    // the limit is checked here.
    let limit = page.checked_limit()?;
    let rows = sheets::queue(&ctx.db, actor.tenant_id, &filter, limit, page.cursor.as_deref()).await?;
    // The page's cases from their current facts: the case, its plan and sheets, the holders'
    // names (the sheets themselves as the queue read them).
    let mut case_ids: Vec<Uuid> = rows.items.iter().map(|s| s.case_id).collect();
    case_ids.sort_unstable();
    case_ids.dedup();
    let facts = crate::cases::facts::current_many(ctx, actor.tenant_id, &case_ids).await?;
    let cal = calendar(ctx, actor.tenant_id).await?;
    let mut items = Vec::with_capacity(rows.items.len());
    for s in &rows.items {
        let f = facts.get(&s.case_id).ok_or(AppError::NotFound)?;
        let b = &f.bundle;
        let item = b.items.iter().find(|i| i.id == s.case_item_id);
        let mut names = HashMap::new();
        if let Some(holder) = s.assignee_id {
            let name = match f.names.get(&holder) {
                Some(name) => name.clone(),
                None => {
                    users::display_names(&ctx.db, actor.tenant_id, &[holder]).await?.remove(&holder).unwrap_or_default()
                }
            };
            names.insert(holder, name);
        }
        items.push(view::task_view(actor, s, &b.case, item, &names, &cal, now)?);
    }
    // The open sheets that hold up their case's project (critical path).
    let open_cases: std::collections::BTreeSet<Uuid> = items
        .iter()
        .filter(|t| matches!(t.state, SheetState::Dispatched | SheetState::Acknowledged | SheetState::Paused))
        .map(|t| t.case_id)
        .collect();
    for id in open_cases {
        if let Some(f) = facts.get(&id) {
            mark_critical(&mut items, &crate::analytics::case_path(&f.bundle, &cal, now));
        }
    }
    Ok(Page { items, next_cursor: rows.next_cursor })
}

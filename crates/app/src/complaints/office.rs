//! The office's side of complaints: the list (filters, paging, phones masked), one complaint
//! with its timeline, and the commands — assign, reply (the assignee, the department or the
//! office), close, reject. Department roles read the complaints assigned to their department.

use butler_domain::audit::AuditAction;
use butler_domain::complaint::{ComplaintActor, ComplaintCommand, ComplaintState, ComplaintSubject, decide};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_persistence::StoreError;
use butler_persistence::repo::complaints::{self, ComplaintFilter};
use butler_persistence::repo::{departments, users};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Change, ComplaintView, POLICY, TimelineEntry, events_of, facts, refusal, view, with_facts, write};
use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::calendar::tenant_calendar;
use crate::error::{AppError, FieldError};
use crate::paging::{Page, PageRequest};

/// Filters of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComplaintQuery {
    pub state: Option<ComplaintState>,
    pub subject: Option<ComplaintSubject>,
    /// Department roles: always their own.
    pub department_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    /// Only those awaiting their reply past the deadline.
    pub overdue: bool,
    /// One tracking number.
    pub tracking_number: Option<String>,
}

fn official(actor: &Actor) -> ComplaintActor {
    ComplaintActor::Official { role: actor.role, user_id: actor.user_id, department_id: actor.department_id }
}

/// A page of complaints, newest first, phones masked.
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    query: ComplaintQuery,
    page: PageRequest,
    now: DateTime<Utc>,
) -> Result<Page<ComplaintView>, AppError> {
    let mut department_id = query.department_id;
    if actor.role.needs_department() && department_id.is_none() {
        department_id = actor.department_id;
    }
    authorize(actor, Action::ReadComplaints, Scope { department_id, ..Scope::tenant(actor.tenant_id) })?;
    let page = page.checked()?;
    let filter = ComplaintFilter {
        state: query.state,
        subject: query.subject,
        department_id,
        assignee_id: query.assignee_id,
        overdue_at: query.overdue.then_some(now),
        tracking_number: query.tracking_number.map(|n| n.trim().to_uppercase()).filter(|n| !n.is_empty()),
    };
    let rows = complaints::list(&ctx.db, actor.tenant_id, &filter, page).await?;
    let who = official(actor);
    crate::paging::Page::from(rows).try_map(|row| view(&ctx.pii, row, &who, now))
}

pub(crate) async fn readable(ctx: &Context, actor: &Actor, id: Uuid) -> Result<complaints::ComplaintRow, AppError> {
    let row = complaints::get(&ctx.db, actor.tenant_id, id).await?;
    let scope = Scope { department_id: row.department_id, ..Scope::tenant(actor.tenant_id) };
    // A department sees the complaints assigned to it, or to one of its people.
    let assigned_to_me = row.assignee_id == Some(actor.user_id);
    if !assigned_to_me {
        authorize(actor, Action::ReadComplaints, scope).map_err(|_| AppError::NotFound)?;
    }
    Ok(row)
}

/// One complaint with its timeline (the mobile masked: the office reveals it to call back).
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid, now: DateTime<Utc>) -> Result<ComplaintView, AppError> {
    let row = readable(ctx, actor, id).await?;
    let timeline = complaints::events(&ctx.db, row.id).await?.into_iter().map(TimelineEntry::from).collect();
    Ok(ComplaintView { timeline, ..view(&ctx.pii, row, &official(actor), now)? })
}

/// Checks an assignment's department and official, filling in the official's department.
async fn check_assignment(
    ctx: &Context,
    tenant_id: Uuid,
    department_id: Option<Uuid>,
    assignee_id: Option<Uuid>,
) -> Result<Option<Uuid>, AppError> {
    let mut errors = Vec::new();
    if let Some(d) = department_id {
        match departments::get(&ctx.db, tenant_id, d).await {
            Ok(_) => {}
            Err(StoreError::NotFound) => errors.push(FieldError::new(
                "department_id",
                "unknown_department",
                "没有这个部门",
                "no such department",
            )),
            Err(e) => return Err(e.into()),
        }
    }
    let mut department = department_id;
    if let Some(a) = assignee_id {
        match users::get(&ctx.db, tenant_id, a).await {
            Ok(u)
                if u.active
                    && matches!(
                        u.role.0,
                        Role::Office | Role::DepartmentAgent | Role::DepartmentLeader | Role::WindowAgent
                    ) =>
            {
                if department_id.is_some() && u.department_id.is_some() && u.department_id != department_id {
                    errors.push(FieldError::new(
                        "assignee_id",
                        "not_in_department",
                        "该工作人员不属于所选部门",
                        "the official is not of that department",
                    ));
                }
                department = department.or(u.department_id);
            }
            Ok(_) | Err(StoreError::NotFound) => errors.push(FieldError::new(
                "assignee_id",
                "unknown_official",
                "没有这位可交办的工作人员",
                "no such official to assign",
            )),
            Err(e) => return Err(e.into()),
        }
    }
    if errors.is_empty() { Ok(department) } else { Err(AppError::Validation(errors)) }
}

/// Applies an office command (assign, reply, close, reject) and answers the complaint as the
/// caller now sees it. `version`, when given, must be the complaint's current one.
pub async fn command(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    version: Option<i32>,
    mut command: ComplaintCommand,
    now: DateTime<Utc>,
) -> Result<ComplaintView, AppError> {
    let row = readable(ctx, actor, id).await?;
    if let Some(v) = version
        && v != row.version
    {
        return Err(AppError::VersionMismatch { current: row.version });
    }
    if let ComplaintCommand::Assign { department_id, assignee_id } = &mut command {
        authorize(actor, Action::HandleComplaints, Scope::tenant(actor.tenant_id))?;
        *department_id = check_assignment(ctx, actor.tenant_id, *department_id, *assignee_id).await?;
    }
    let calendar = tenant_calendar(ctx, actor.tenant_id).await?;
    let before = facts(&row);
    let decision = decide(&before, &command, &official(actor), now, &calendar, &POLICY).map_err(refusal)?;
    let note = match &command {
        ComplaintCommand::Reply { .. } => decision.complaint.reply.clone(),
        ComplaintCommand::Reject { .. } => decision.complaint.reject_reason.clone(),
        _ => None,
    };
    let events = events_of(&decision.recorded, before.state, decision.complaint.state, Some(actor.user_id), note);
    let after = with_facts(&row, &decision.complaint, now);
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let change = Change {
        before: &row,
        after: after.clone(),
        events,
        open_deadline: decision.open_deadline,
        close_deadline: decision.close_deadline,
    };
    write(&txn, change, now).await?;
    audit_trail::record(
        &txn,
        meta,
        actor,
        AuditAction::of_complaint(command.action()),
        serde_json::json!({
            "complaint_id": row.id,
            "from": before.state,
            "to": decision.complaint.state,
            "department_id": after.department_id,
            "assignee_id": after.assignee_id,
        }),
        now,
    )
    .await?;
    txn.commit().await.map_err(AppError::internal)?;
    get(ctx, actor, id, now).await
}

//! Aftercare as its pages read it: a case's evaluations, follow-up visits (回访) and
//! rectifications (整改), the rectifications waiting across cases, each record with the
//! actions the caller may take on it now.

use std::collections::HashMap;

use butler_domain::case::aftercare::{self, AftercareAction, FollowUpMethod};
use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::case::lifecycle::CaseState;
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_persistence::repo::cases::{self as case_repo, CaseRow};
use butler_persistence::repo::evaluations::{self as repo, EvaluationRow, FollowUpRow, RectificationRow};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::Context;
use crate::error::AppError;
use crate::paging::{Page, PageRequest};

use super::get;

/// An evaluation (满意度评价, 附件9): of the case as a whole, or of one department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvaluationRecord {
    pub id: Uuid,
    pub case_id: Uuid,
    /// The department evaluated; absent for the case as a whole.
    pub department_id: Option<Uuid>,
    pub level: EvaluationLevel,
    pub comment: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// A follow-up visit (回访).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub id: Uuid,
    pub case_id: Uuid,
    pub scheduled_for: NaiveDate,
    pub method: FollowUpMethod,
    /// When it was recorded; absent while planned.
    pub done_at: Option<DateTime<Utc>>,
    pub notes: Option<String>,
    /// What the caller may do with it now: [`AftercareAction::RecordFollowUp`].
    pub allowed_actions: Vec<AftercareAction>,
}

/// A rectification (整改) opened by a bad review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rectification {
    pub id: Uuid,
    pub case_id: Uuid,
    pub evaluation_id: Uuid,
    /// The department reviewed; absent for the case as a whole.
    pub department_id: Option<Uuid>,
    pub due_at: DateTime<Utc>,
    pub reply: Option<String>,
    pub replied_at: Option<DateTime<Utc>>,
    /// What the caller may do with it now: [`AftercareAction::ReplyRectification`].
    pub allowed_actions: Vec<AftercareAction>,
}

/// A rectification in a list across cases, with its case named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationItem {
    pub rectification: Rectification,
    pub case_number: String,
    pub project_name: String,
}

/// Which rectifications a list across cases shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RectificationFilter {
    /// Also those answered already (by default only those waiting for a reply).
    pub include_answered: bool,
}

/// The case's evaluations: the case as a whole first, then each department. Only for those
/// who may see the case.
pub async fn evaluations(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Vec<EvaluationRecord>, AppError> {
    let b = get(ctx, actor, case_id).await?;
    let mut rows = repo::for_case(&ctx.db, b.case.id).await?;
    rows.sort_by_key(|e| (e.department_id.is_some(), e.id));
    rows.into_iter().map(evaluation).collect()
}

/// The case's follow-up visits, earliest first. Only for those who may see the case.
pub async fn follow_ups(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Vec<FollowUp>, AppError> {
    let b = get(ctx, actor, case_id).await?;
    let rows = repo::follow_ups(&ctx.db, b.case.id).await?;
    rows.into_iter().map(|r| follow_up(r, actor, b.case.state.0)).collect()
}

/// The case's rectifications and their replies, oldest first. Only for those who may see the
/// case.
pub async fn rectifications(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<Vec<Rectification>, AppError> {
    let b = get(ctx, actor, case_id).await?;
    let rows = repo::rectifications(&ctx.db, b.case.id).await?;
    Ok(rows.into_iter().map(|r| rectification(r, actor, b.case.state.0)).collect())
}

/// A page of rectifications across the tenant's cases, oldest first: those waiting for a
/// reply, or all of them. The office and supervisors see every one; a department's agents and
/// leader see their department's; other roles are refused.
pub async fn open_rectifications(
    ctx: &Context,
    actor: &Actor,
    filter: RectificationFilter,
    page: PageRequest,
) -> Result<Page<RectificationItem>, AppError> {
    if !butler_domain::case::aftercare::reads_rectification_queue(actor.role) {
        return Err(AppError::Forbidden);
    }
    let department_id = match actor.role {
        Role::DepartmentAgent | Role::DepartmentLeader => Some(actor.department_id.ok_or(AppError::Forbidden)?),
        _ => None,
    };
    let rows =
        repo::list_rectifications(&ctx.db, actor.tenant_id, department_id, filter.include_answered, page.checked()?)
            .await?;
    let case_ids: Vec<Uuid> = rows.items.iter().map(|r| r.case_id).collect();
    let cases: HashMap<Uuid, CaseRow> =
        case_repo::get_many(&ctx.db, actor.tenant_id, &case_ids).await?.into_iter().map(|c| (c.id, c)).collect();
    Page::from(rows).try_map(|r| {
        let case = cases.get(&r.case_id).ok_or(AppError::NotFound)?;
        Ok(RectificationItem {
            case_number: case.number.clone(),
            project_name: case.project_name.clone(),
            rectification: rectification(r, actor, case.state.0),
        })
    })
}

fn evaluation(e: EvaluationRow) -> Result<EvaluationRecord, AppError> {
    Ok(EvaluationRecord {
        id: e.id,
        case_id: e.case_id,
        department_id: e.department_id,
        level: e.level.0,
        comment: e.comment,
        created_at: e.created_at,
    })
}

/// The stored visit, with what `actor` may do with it now.
pub(super) fn follow_up(f: FollowUpRow, actor: &Actor, state: CaseState) -> Result<FollowUp, AppError> {
    let allowed =
        aftercare::may_record_follow_up(actor, state, f.done_at.is_some()).then_some(AftercareAction::RecordFollowUp);
    Ok(FollowUp {
        id: f.id,
        case_id: f.case_id,
        scheduled_for: f.scheduled_for,
        method: f.method.0,
        done_at: f.done_at,
        notes: f.notes,
        allowed_actions: allowed.into_iter().collect(),
    })
}

/// The stored rectification, with what `actor` may do with it now.
pub(super) fn rectification(r: RectificationRow, actor: &Actor, state: CaseState) -> Rectification {
    let allowed = aftercare::may_reply_rectification(actor, state, r.department_id, r.replied_at.is_some())
        .then_some(AftercareAction::ReplyRectification);
    Rectification {
        id: r.id,
        case_id: r.case_id,
        evaluation_id: r.evaluation_id,
        department_id: r.department_id,
        due_at: r.due_at,
        reply: r.reply,
        replied_at: r.replied_at,
        allowed_actions: allowed.into_iter().collect(),
    }
}

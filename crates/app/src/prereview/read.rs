//! Reading a case's pre-review: its last round with the departments' current opinions (and
//! the replaced ones), the consolidated list once closed, and what the caller may do; and a
//! sheet's gaps from the last closed round.

use butler_domain::case::prereview::{self, DepartmentOpinion, Gap, PreReviewAction, PreReviewState};
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_persistence::repo::prereviews::{self as repo, OpinionRow, PreReviewRow};
use butler_persistence::repo::sheets;
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use super::{departments_of, gaps_of, plan_departments};
use crate::Context;
use crate::cases::{case_actor, check_visible, load};
use crate::error::AppError;

/// A department's opinion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opinion {
    pub id: Uuid,
    pub department_id: Uuid,
    /// Empty: no gaps.
    pub gaps: Vec<Gap>,
    pub given_by: Uuid,
    pub given_at: DateTime<Utc>,
    /// When a later opinion of the department replaced it.
    pub superseded_at: Option<DateTime<Utc>>,
}

impl From<OpinionRow> for Opinion {
    fn from(o: OpinionRow) -> Self {
        Opinion {
            id: o.id,
            department_id: o.department_id,
            gaps: gaps_of(&o.gaps),
            given_by: o.given_by,
            given_at: o.given_at,
            superseded_at: o.superseded_at,
        }
    }
}

/// One pre-review round.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreReview {
    pub id: Uuid,
    pub state: PreReviewState,
    /// The plan's departments asked, in the plan's order.
    pub departments: Vec<Uuid>,
    pub opened_by: Uuid,
    pub opened_at: DateTime<Utc>,
    pub closed_by: Option<Uuid>,
    pub closed_at: Option<DateTime<Utc>>,
    /// The departments' current opinions (officials only).
    pub opinions: Vec<Opinion>,
    /// Opinions replaced by a later one of the same department (officials only).
    pub replaced: Vec<Opinion>,
    /// Once closed: one list of gaps per department.
    pub consolidated: Option<Vec<DepartmentOpinion>>,
}

/// A case's pre-review as the caller sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePreReview {
    pub case_id: Uuid,
    /// The last round (absent: none was opened).
    pub current: Option<PreReview>,
    /// What the caller may do now.
    pub allowed_actions: Vec<PreReviewAction>,
}

pub(crate) fn consolidated_json(list: &[DepartmentOpinion]) -> Result<serde_json::Value, AppError> {
    let mut out = Vec::with_capacity(list.len());
    for d in list {
        out.push(json!({"department_id": d.department_id, "gaps": serde_json::to_value(&d.gaps).map_err(AppError::internal)?}));
    }
    Ok(serde_json::Value::Array(out))
}

fn consolidated_of(row: &PreReviewRow) -> Option<Vec<DepartmentOpinion>> {
    let list = row.consolidated.as_ref()?.as_array()?;
    Some(
        list.iter()
            .filter_map(|d| {
                Some(DepartmentOpinion {
                    department_id: d["department_id"].as_str()?.parse().ok()?,
                    gaps: gaps_of(&d["gaps"]),
                })
            })
            .collect(),
    )
}

/// The case's last pre-review round, for whoever sees the case; the enterprise sees the
/// consolidated list, not the departments' working opinions.
pub async fn get(ctx: &Context, actor: &Actor, case_id: Uuid) -> Result<CasePreReview, AppError> {
    let b = load(&ctx.db, actor.tenant_id, case_id).await?;
    check_visible(actor, &b)?;
    let rows = repo::for_case(&ctx.db, case_id).await?;
    let last = rows.iter().rev().find(|r| r.state == PreReviewState::Open).or(rows.last());
    let state = b.case.state.0;
    let Some(row) = last else {
        let actions = prereview::allowed_actions(&case_actor(actor), None, state, &plan_departments(&b));
        return Ok(CasePreReview { case_id, current: None, allowed_actions: actions });
    };
    let departments = departments_of(row);
    let (mut opinions, mut replaced) = (Vec::new(), Vec::new());
    if actor.role != Role::Enterprise {
        for o in repo::opinions(&ctx.db, row.id).await? {
            let opinion = Opinion::from(o);
            if opinion.superseded_at.is_some() { replaced.push(opinion) } else { opinions.push(opinion) }
        }
    }
    let actions = prereview::allowed_actions(&case_actor(actor), Some(row.state.0), state, &departments);
    Ok(CasePreReview {
        case_id,
        current: Some(PreReview {
            id: row.id,
            state: row.state.0,
            departments,
            opened_by: row.opened_by,
            opened_at: row.opened_at,
            closed_by: row.closed_by,
            closed_at: row.closed_at,
            opinions,
            replaced,
            consolidated: consolidated_of(row),
        }),
        allowed_actions: actions,
    })
}

/// The gaps a sheet starts from: its department's in the case's last closed pre-review
/// (none when there was none).
pub async fn sheet_gaps(ctx: &Context, actor: &Actor, sheet_id: Uuid) -> Result<Vec<Gap>, AppError> {
    let sheet = sheets::get(&ctx.db, actor.tenant_id, sheet_id).await?;
    let b = load(&ctx.db, actor.tenant_id, sheet.case_id).await?;
    check_visible(actor, &b)?;
    let rows = repo::for_case(&ctx.db, sheet.case_id).await?;
    let closed = rows.iter().rev().find(|r| r.state == PreReviewState::Closed);
    Ok(closed
        .and_then(consolidated_of)
        .and_then(|list| list.into_iter().find(|d| d.department_id == sheet.department_id))
        .map(|d| d.gaps)
        .unwrap_or_default())
}

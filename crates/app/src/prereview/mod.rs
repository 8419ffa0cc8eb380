//! Joint pre-review (联合预审) before dispatch: the office (or the window) opens it for the
//! plan's departments, each department records its opinion (its own only; a repeated one
//! replaces the last, which stays in the history), and the office closes it into one list of
//! gaps per department. The departments are told when it opens, the enterprise gets the whole
//! list when it closes (一次性告知), and each dispatched sheet shows its department's gaps.
//! Dispatch waits while a review is open (the lifecycle's `no_open_prereview` guard). The
//! domain decides (`butler_domain::case::prereview`); every step is one transaction with its
//! history event (and, for opening and closing, the audit trail).

mod read;

pub use read::{CasePreReview, Opinion, PreReview, get, sheet_gaps};

use butler_domain::audit::AuditAction;
use butler_domain::case::event_action::{CaseOperation, EventAction};
use butler_domain::case::prereview::{self, DepartmentOpinion, Gap, OpinionInput, PreReviewError, PreReviewState};
use butler_domain::notice::KeyIds;
use butler_domain::policy::Actor;
use butler_persistence::repo::history as history_repo;
use butler_persistence::repo::history::NewEvent;
use butler_persistence::repo::prereviews::{self as repo, PreReviewRow};
use sea_orm::ConnectionTrait;
use serde_json::json;
use uuid::Uuid;

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::cases::{CaseBundle, case_actor, head, load_for_change};
use crate::effects;
use crate::error::{AppError, FieldError};
use crate::sheets::{project_of, scope, team_of};

/// Whether the case has an open pre-review (the lifecycle's guard reads it).
pub async fn is_open(db: &impl ConnectionTrait, case_id: Uuid) -> Result<bool, AppError> {
    Ok(repo::for_case(db, case_id).await?.iter().any(|r| r.state == PreReviewState::Open))
}

/// The plan's departments, in the plan's order, each once.
pub(crate) fn plan_departments(b: &CaseBundle) -> Vec<Uuid> {
    let mut departments = Vec::new();
    for item in b.items.iter().filter(|i| i.planned) {
        if !departments.contains(&item.department_id) {
            departments.push(item.department_id);
        }
    }
    departments
}

pub(crate) fn departments_of(row: &PreReviewRow) -> Vec<Uuid> {
    serde_json::from_value(row.departments.clone()).unwrap_or_default()
}

pub(crate) fn gaps_of(value: &serde_json::Value) -> Vec<Gap> {
    serde_json::from_value(value.clone()).unwrap_or_default()
}

fn refusal(e: PreReviewError, state: &str) -> AppError {
    let precondition = |code: &str, zh: &str, en: &str| {
        AppError::PreconditionsNotMet(vec![FieldError::new("prereview", code, zh, en)])
    };
    match e {
        PreReviewError::Forbidden => AppError::Forbidden,
        PreReviewError::CaseState { .. } => AppError::InvalidTransition {
            state: state.to_owned(),
            action: CaseOperation::PreReview.code().to_owned(),
            allowed: vec![],
        },
        PreReviewError::AlreadyOpen => {
            precondition("already_open", "联合预审已在进行中", "a pre-review is open already")
        }
        PreReviewError::NotOpen => precondition("not_open", "没有进行中的联合预审", "no pre-review is open"),
        PreReviewError::OpinionsMissing(missing) => AppError::PreconditionsNotMet(
            missing
                .into_iter()
                .map(|d| {
                    FieldError::new(
                        "prereview",
                        "opinion_missing",
                        format!("部门 {d} 尚未提出预审意见"),
                        format!("department {d} has not given its opinion"),
                    )
                })
                .collect(),
        ),
    }
}

async fn append(
    db: &impl ConnectionTrait,
    actor: &Actor,
    b: &CaseBundle,
    action: EventAction,
    payload: serde_json::Value,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let event =
        NewEvent { actor_id: Some(actor.user_id), action, sheet_id: None, from_state: None, to_state: None, payload };
    history_repo::append(db, actor.tenant_id, b.case.id, &head(&b.case), vec![event], now).await?;
    Ok(())
}

/// Opens a pre-review of the case for the plan's departments and asks them for opinions.
pub async fn open(ctx: &Context, actor: &Actor, meta: &RequestMeta, case_id: Uuid) -> Result<CasePreReview, AppError> {
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, case_id, now, butler_domain::case::frozen::CaseWrite::Prereview).await?;
    let state = b.case.state.0;
    let one_open = is_open(&txn, case_id).await?;
    prereview::may_open(&case_actor(actor), state, one_open).map_err(|e| refusal(e, state.code()))?;
    let departments = plan_departments(&b);
    let row = repo::open(&txn, actor.tenant_id, case_id, &departments, actor.user_id, now).await?;
    let team = team_of(&b);
    let notices = prereview::opened_notices(&project_of(&b), &departments);
    let ids = KeyIds { record_id: Some(row.id), ..KeyIds::default() };
    effects::deliver(&txn, &scope(&b, &team, None), &notices, ids, now).await?;
    let payload = json!({"prereview_id": row.id.to_string(), "departments": departments});
    append(&txn, actor, &b, EventAction::PreReviewOpened, payload.clone(), now).await?;
    audit_trail::record(&txn, meta, actor, AuditAction::PrereviewOpened, payload, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    get(ctx, actor, case_id).await
}

/// The case's open pre-review, if any.
fn current_open(rows: &[PreReviewRow]) -> Option<&PreReviewRow> {
    rows.iter().rev().find(|r| r.state == PreReviewState::Open)
}

/// Records the caller's department's opinion on the case's open pre-review (replacing its
/// earlier one).
pub async fn give_opinion(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    input: &OpinionInput,
) -> Result<CasePreReview, AppError> {
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, case_id, now, butler_domain::case::frozen::CaseWrite::Prereview).await?;
    let state = b.case.state.0;
    let rows = repo::for_case(&txn, case_id).await?;
    let (review_state, departments, review) = match (current_open(&rows), rows.last()) {
        (Some(r), _) | (None, Some(r)) => (r.state.0, departments_of(r), Some(r)),
        (None, None) => (PreReviewState::Closed, plan_departments(&b), None),
    };
    let department = prereview::may_give_opinion(&case_actor(actor), review_state, state, &departments)
        .map_err(|e| refusal(e, state.code()))?;
    let review = review.ok_or_else(|| refusal(PreReviewError::NotOpen, state.code()))?;
    let gaps = prereview::check_opinion(input).map_err(|errors| {
        AppError::Validation(errors.into_iter().map(|e| FieldError::new(e.field, e.code, e.zh, e.en)).collect())
    })?;
    let gaps_json = serde_json::to_value(&gaps).map_err(AppError::internal)?;
    let row = repo::give_opinion(&txn, review, department, gaps_json.clone(), actor.user_id, now).await?;
    let payload = json!({
        "prereview_id": review.id.to_string(),
        "opinion_id": row.id.to_string(),
        "department_id": department.to_string(),
        "gaps": gaps_json,
    });
    append(&txn, actor, &b, EventAction::PreReviewOpinion, payload, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    get(ctx, actor, case_id).await
}

/// Closes the case's open pre-review into one list of gaps per department; the enterprise
/// gets the list at once, the departments learn it is settled.
pub async fn close(ctx: &Context, actor: &Actor, meta: &RequestMeta, case_id: Uuid) -> Result<CasePreReview, AppError> {
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, case_id, now, butler_domain::case::frozen::CaseWrite::Prereview).await?;
    let state = b.case.state.0;
    let rows = repo::for_case(&txn, case_id).await?;
    let review = current_open(&rows).or(rows.last());
    let review_state = review.map_or(PreReviewState::Closed, |r| r.state.0);
    let departments = review.map(departments_of).unwrap_or_default();
    let opinions: Vec<DepartmentOpinion> = match review {
        Some(r) => repo::opinions(&txn, r.id)
            .await?
            .into_iter()
            .filter(|o| o.superseded_at.is_none())
            .map(|o| DepartmentOpinion { department_id: o.department_id, gaps: gaps_of(&o.gaps) })
            .collect(),
        None => Vec::new(),
    };
    let list = prereview::close(&case_actor(actor), review_state, state, &departments, &opinions)
        .map_err(|e| refusal(e, state.code()))?;
    let review = review.ok_or_else(|| refusal(PreReviewError::NotOpen, state.code()))?;
    let consolidated = read::consolidated_json(&list)?;
    repo::close(&txn, review.id, consolidated.clone(), actor.user_id, now).await?;
    let team = team_of(&b);
    let notices = prereview::closed_notices(&project_of(&b), &list);
    let ids = KeyIds { record_id: Some(review.id), ..KeyIds::default() };
    effects::deliver(&txn, &scope(&b, &team, None), &notices, ids, now).await?;
    let payload = json!({"prereview_id": review.id.to_string(), "consolidated": consolidated});
    append(&txn, actor, &b, EventAction::PreReviewClosed, payload.clone(), now).await?;
    audit_trail::record(&txn, meta, actor, AuditAction::PrereviewClosed, payload, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    get(ctx, actor, case_id).await
}

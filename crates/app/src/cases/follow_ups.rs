//! Aftercare: follow-up visits (回访) and the written answers to rectifications (整改).

use butler_domain::case::aftercare::{self, AftercareAction};
use butler_domain::case::deadline::DeadlineKind;
use butler_domain::case::event_action::{CaseOperation, EventAction};
use butler_domain::policy::Actor;
use butler_persistence::repo::history as history_repo;
use butler_persistence::repo::history::NewEvent;
use serde_json::json;
use uuid::Uuid;

use crate::Context;
use crate::commands::*;
use crate::error::AppError;

use super::aftercare_views::{FollowUp, Rectification, follow_up, rectification};
use super::*;

/// Schedules a follow-up visit (回访) of a closed case; recorded in the history.
pub async fn schedule_follow_up(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    input: &FollowUpPlan,
) -> Result<FollowUp, AppError> {
    if !aftercare::role_may(actor, AftercareAction::ScheduleFollowUp) {
        return Err(AppError::Forbidden);
    }
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, id, now, butler_domain::case::frozen::CaseWrite::FollowUp).await?;
    if !aftercare::may_schedule_follow_up(actor, state_of(&b.case)?) {
        return Err(AppError::InvalidTransition {
            state: b.case.state.0.code().to_owned(),
            action: CaseOperation::ScheduleFollowUp.code().to_owned(),
            allowed: vec![],
        });
    }
    let row = butler_persistence::repo::evaluations::schedule_follow_up(
        &txn,
        actor.tenant_id,
        id,
        input.scheduled_for,
        input.method,
        now,
    )
    .await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::FollowUpScheduled,
        sheet_id: None,
        from_state: None,
        to_state: None,
        payload: json!({"follow_up_id": row.id.to_string(), "scheduled_for": input.scheduled_for, "method": input.method.code()}),
    };
    history_repo::append(&txn, actor.tenant_id, id, &head(&b.case), vec![event], now)
        .await
        .map_err(conflict_as_version)?;
    txn.commit().await.map_err(AppError::internal)?;
    follow_up(row, actor, b.case.state.0)
}

/// Records a follow-up visit's result; recorded in the history.
pub async fn record_follow_up(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    follow_up_id: Uuid,
    notes: &str,
) -> Result<FollowUp, AppError> {
    use butler_persistence::repo::evaluations;
    if !aftercare::role_may(actor, AftercareAction::RecordFollowUp) {
        return Err(AppError::Forbidden);
    }
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load_for_change(&txn, actor, case_id, now, butler_domain::case::frozen::CaseWrite::FollowUp).await?;
    let visit = evaluations::get_follow_up(&txn, actor.tenant_id, follow_up_id).await?;
    if visit.case_id != case_id {
        return Err(AppError::NotFound);
    }
    evaluations::record_follow_up(&txn, follow_up_id, notes.trim(), actor.user_id, now)
        .await
        .map_err(conflict_as_version)?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::FollowUpRecorded,
        sheet_id: None,
        from_state: None,
        to_state: None,
        payload: json!({"follow_up_id": follow_up_id.to_string(), "notes": notes.trim()}),
    };
    history_repo::append(&txn, actor.tenant_id, case_id, &head(&b.case), vec![event], now)
        .await
        .map_err(conflict_as_version)?;
    let row = evaluations::get_follow_up(&txn, actor.tenant_id, follow_up_id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    follow_up(row, actor, b.case.state.0)
}

/// Answers a rectification (整改) in writing: the office, or the leader of the department
/// reviewed. Closes its deadline; recorded in the case's history.
pub async fn reply_rectification(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    reply: &str,
) -> Result<Rectification, AppError> {
    use butler_persistence::repo::{deadlines, evaluations};
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let rect = evaluations::get_rectification(&txn, actor.tenant_id, id).await?;
    let b =
        load_for_change(&txn, actor, rect.case_id, now, butler_domain::case::frozen::CaseWrite::Rectification).await?;
    // Whose it is to answer; answering twice is refused below, as a conflict.
    if !aftercare::may_reply_rectification(actor, b.case.state.0, rect.department_id, false) {
        return Err(AppError::Forbidden);
    }
    evaluations::reply_rectification(&txn, id, reply.trim(), now).await.map_err(conflict_as_version)?;
    if evaluations::rectifications(&txn, b.case.id).await?.iter().all(|r| r.id == id || r.replied_at.is_some()) {
        deadlines::close(&txn, b.case.id, None, DeadlineKind::Rectification, now).await?;
    }
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: EventAction::RectificationReplied,
        sheet_id: None,
        from_state: None,
        to_state: None,
        payload: json!({"rectification_id": id.to_string(), "reply": reply.trim()}),
    };
    history_repo::append(&txn, actor.tenant_id, b.case.id, &head(&b.case), vec![event], now)
        .await
        .map_err(conflict_as_version)?;
    let row = evaluations::get_rectification(&txn, actor.tenant_id, id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(rectification(row, actor, b.case.state.0))
}

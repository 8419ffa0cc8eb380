//! The reminder sweep (督办): for every deadline whose next step has come, tell the people of
//! each due step — a reminder before the deadline, a notice at it, escalations after it up
//! the ladder agent → department leader → office → supervisor — once each.
//!
//! One sweep claims due deadlines in batches (see `butler_persistence::repo::deadlines` for
//! the claim and its lease) and handles each in its own transaction: the deadline's done
//! steps and next step time are recorded together with the notifications, whose dedupe key
//! is the step's stable key, so a step is told exactly once even with several server
//! processes sweeping one database.
//!
//! What each deadline needs is the domain's decision (`butler_domain::case::chase`): whether
//! it is stale (closed without a word) or waiting (a paused or sent-back sheet), which steps
//! of its ladder are due, who is told on each rung (with the office as the fallback) and what
//! the notice says; the sweep claims, reads, and writes the outcome.

use butler_domain::case::chase;

pub mod keys;
pub(crate) mod tell;

use butler_domain::notice::ProjectRef;
use butler_persistence::repo::deadlines::{self, DeadlineContext, DeadlineRow};
use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use crate::effects::Scope;
use crate::{AppError, Context};
pub use keys::{done_keys, subject};
use tell::{Chased, tell_due_steps};

/// Deadlines claimed per query.
pub const CLAIM_BATCH: u64 = 100;
/// How long a claim holds a deadline (a failed one is retried after it).
pub const LEASE: TimeDelta = TimeDelta::minutes(5);
/// Deadlines handled by one sweep at most; the rest wait for the next.
pub const MAX_PER_SWEEP: u32 = 10_000;

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SweepReport {
    /// Deadlines claimed because a step of theirs was due.
    pub deadlines: u32,
    /// Steps that fell due and were handled.
    pub steps: u32,
    /// Notifications written.
    pub notifications: u32,
    /// Deadlines closed because their sheet or case step had ended.
    pub closed: u32,
    /// Deadlines changed by someone else meanwhile (closed, moved); left to them.
    pub lost: u32,
    /// Deadlines that failed; retried when their claim expires.
    pub failed: u32,
}

impl SweepReport {
    /// Whether the sweep found nothing to do.
    pub fn is_empty(&self) -> bool {
        *self == SweepReport::default()
    }
}

/// Runs one sweep at `now`: every due step of every open deadline is told once.
pub async fn sweep(ctx: &Context, now: DateTime<Utc>) -> Result<SweepReport, AppError> {
    let mut report = SweepReport::default();
    loop {
        let claimed = deadlines::claim_due(&ctx.db, now, now + LEASE, CLAIM_BATCH).await?;
        let batch = claimed.len() as u64;
        for row in claimed {
            report.deadlines += 1;
            match chase(ctx, &row, now).await {
                Ok(c) => {
                    report.steps += c.steps;
                    report.notifications += c.notifications;
                    report.closed += u32::from(c.closed);
                    report.lost += u32::from(c.lost);
                }
                Err(err) => {
                    report.failed += 1;
                    tracing::error!(deadline = %row.id, kind = %row.kind, error = %err, "chasing a deadline failed; retried after its lease");
                }
            }
        }
        // Failed rows keep their claim, so they are not picked again in this sweep.
        if batch < CLAIM_BATCH || report.deadlines >= MAX_PER_SWEEP {
            break;
        }
    }
    Ok(report)
}

/// What the deadline is about, as the domain's sweep rules read it.
fn about(ctx: &DeadlineContext) -> chase::Chased {
    chase::Chased {
        case: ctx.case.as_ref().map(|c| chase::ChasedCase {
            state: c.state.0,
            project: ProjectRef { name: c.project_name.clone(), number: c.number.clone() },
            responsible_leader_id: c.responsible_leader_id,
        }),
        sheet: ctx.sheet.as_ref().map(|s| chase::ChasedSheet {
            state: s.state.0,
            acknowledged: s.acknowledged_at.is_some(),
            assignee_id: s.assignee_id,
            department_id: s.department_id,
            item_name: ctx.item_name.clone(),
            department_name: ctx.department_name.clone(),
        }),
    }
}

async fn chase(app: &Context, row: &DeadlineRow, now: DateTime<Utc>) -> Result<Chased, AppError> {
    if let Some(complaint_id) = row.complaint_id {
        return crate::complaints::chase::chase(app, row, complaint_id, now).await;
    }
    if let Some(action_id) = row.meeting_action_id {
        return crate::meetings::chase::chase(app, row, action_id, now).await;
    }
    let kind = Some(row.kind.0);
    let ctx = deadlines::context(&app.db, row).await?;
    let chased = about(&ctx);
    if chase::is_stale(kind, row.sheet_id.is_some(), &chased) {
        deadlines::close_by_id(&app.db, row.id, now).await?;
        tracing::debug!(deadline = %row.id, kind = %row.kind, "closed a stale deadline");
        return Ok(Chased { closed: true, ..Chased::default() });
    }
    let done = done_keys(row);
    if chase::is_waiting(kind, &chased) {
        let kept = deadlines::complete_claim(&app.db, row, serde_json::json!(done), None).await?;
        return Ok(Chased { lost: !kept, ..Chased::default() });
    }
    let scope = Scope {
        tenant_id: row.tenant_id,
        case_id: row.case_id,
        enterprise_id: ctx.case.as_ref().map(|c| c.enterprise_id),
        team: &[],
        sheet_id: row.sheet_id,
    };
    tell_due_steps(app, row, kind, &scope, now, |step, calendar| chase::step_notice(kind, step, &chased, now, calendar))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use butler_domain::case::deadline::DeadlineKind;
    use butler_persistence::Code;
    use uuid::Uuid;

    fn row(kind: DeadlineKind, sheet: Option<Uuid>) -> DeadlineRow {
        DeadlineRow {
            id: Uuid::from_u128(1),
            tenant_id: Uuid::from_u128(2),
            case_id: Some(Uuid::from_u128(3)),
            sheet_id: sheet,
            kind: Code(kind),
            due_at: chrono::DateTime::<Utc>::MIN_UTC,
            next_step_at: None,
            done_steps: serde_json::json!(["a", "b", 3]),
            claimed_until: None,
            closed_at: None,
            complaint_id: None,
            meeting_action_id: None,
            settings_version: 0,
        }
    }

    #[test]
    fn subjects_are_the_keys_the_sheet_ladders_use() {
        let sheet = Uuid::from_u128(4);
        assert_eq!(subject(&row(DeadlineKind::Acknowledgement, Some(sheet))), format!("sheet:{sheet}:acknowledge"));
        assert_eq!(subject(&row(DeadlineKind::Finish, Some(sheet))), format!("sheet:{sheet}:finish"));
        assert_eq!(
            subject(&row(DeadlineKind::MaterialCommitment, Some(sheet))),
            format!("sheet:{sheet}:material_commitment")
        );
        assert_eq!(
            subject(&row(DeadlineKind::TeamFormation, None)),
            format!("case:{}:team_formation", Uuid::from_u128(3))
        );
    }

    #[test]
    fn done_steps_are_read_as_text_keys_only() {
        let done = done_keys(&row(DeadlineKind::Finish, None));
        assert_eq!(done.into_iter().collect::<Vec<_>>(), vec!["a".to_owned(), "b".to_owned()]);
    }
}

//! Telling a claimed deadline's due steps, once each — the part every kind of deadline shares
//! (a sheet's or a case's, a complaint's reply, a meeting action): which steps of its ladder
//! are due on the county's calendar, their notices, and, fenced by the claim, the claim's
//! completion with the notifications in one transaction.

use butler_domain::calendar::Calendar;
use butler_domain::case::chase::steps_due;
use butler_domain::case::deadline::DeadlineKind;
use butler_domain::case::escalation::DueStep;
use butler_domain::notice::{KeyIds, Notice};
use butler_persistence::repo::deadlines::{self, DeadlineRow};
use chrono::{DateTime, Utc};

use super::keys::{done_keys, subject};
use crate::calendar::tenant_calendar;
use crate::effects::{self, Scope};
use crate::{AppError, Context};

/// What chasing one deadline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Chased {
    /// Steps that fell due and were handled.
    pub steps: u32,
    /// Notifications written.
    pub notifications: u32,
    /// Closed because what it chased had ended.
    pub closed: bool,
    /// Changed by someone else meanwhile; left to them.
    pub lost: bool,
}

/// Tells the due steps of the claimed deadline `row` of `kind`: `notice` words each step (or
/// says nothing for it), delivered to `scope`.
pub(crate) async fn tell_due_steps(
    app: &Context,
    row: &DeadlineRow,
    kind: Option<DeadlineKind>,
    scope: &Scope<'_>,
    now: DateTime<Utc>,
    notice: impl Fn(&DueStep, &Calendar) -> Option<Notice>,
) -> Result<Chased, AppError> {
    let done = done_keys(row);
    let calendar = tenant_calendar(app, row.tenant_id).await?;
    // The ladder of the settings the deadline was opened under, whatever changed since.
    let settings = crate::settings::of_version(app, row.tenant_id, row.settings_version).await?;
    let ladder = settings.ladder(kind);
    let (due, next_step_at) = match steps_due(ladder, &subject(row), row.due_at, &done, now, &calendar) {
        Ok(steps) => steps,
        Err(err) => {
            // A deadline the calendar cannot place is parked rather than retried forever.
            deadlines::complete_claim(&app.db, row, serde_json::json!(done), None).await?;
            return Err(AppError::internal(err));
        }
    };
    let notices: Vec<_> = due.iter().filter_map(|step| notice(step, &calendar)).collect();
    let mut all_done = done;
    all_done.extend(due.iter().map(|s| s.key.clone()));

    let txn = butler_persistence::begin_write(&app.db).await.map_err(AppError::internal)?;
    // The fenced update first: it also locks the row for the rest of the transaction.
    if !deadlines::complete_claim(&txn, row, serde_json::json!(all_done), next_step_at).await? {
        txn.rollback().await.map_err(AppError::internal)?;
        return Ok(Chased { lost: true, ..Chased::default() });
    }
    let written = effects::deliver(&txn, scope, &notices, KeyIds::default(), now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    tracing::debug!(deadline = %row.id, steps = due.len(), notifications = written, "chased a deadline");
    Ok(Chased { steps: due.len() as u32, notifications: written as u32, ..Chased::default() })
}

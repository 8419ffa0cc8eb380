//! Chasing a meeting action's deadline in the reminder sweep (`crate::reminders`): the same
//! claim, ladder and exactly-once notifications as a sheet's deadline, with the action's
//! people as the domain names them (`butler_domain::meeting::chase`).

use butler_domain::case::deadline::DeadlineKind;
use butler_domain::meeting::chase::{self as rules, ChasedAction};
use butler_persistence::StoreError;
use butler_persistence::repo::deadlines::{self, DeadlineRow};
use butler_persistence::repo::{complaints, meetings};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::effects::Scope;
use crate::reminders::tell::{Chased, tell_due_steps};
use crate::{AppError, Context};

async fn about(app: &Context, row: &DeadlineRow, action_id: Uuid) -> Result<Option<ChasedAction>, AppError> {
    let action = match meetings::get_action(&app.db, row.tenant_id, action_id).await {
        Ok(a) => a,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let meeting_title = meetings::titles(&app.db, row.tenant_id, &[action.meeting_id])
        .await?
        .remove(&action.meeting_id)
        .unwrap_or_default();
    let department_name = complaints::department_name(&app.db, action.department_id).await?;
    Ok(Some(ChasedAction {
        state: action.state.0,
        what: action.what,
        meeting_title,
        department_id: action.department_id,
        department_name,
        owner_id: action.owner_id,
    }))
}

/// Chases one claimed meeting action deadline at `now`.
pub(crate) async fn chase(
    app: &Context,
    row: &DeadlineRow,
    action_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Chased, AppError> {
    let about = about(app, row, action_id).await?;
    let Some(chased) = about.filter(|a| !rules::is_stale(Some(a))) else {
        deadlines::close_by_id(&app.db, row.id, now).await?;
        return Ok(Chased { closed: true, ..Chased::default() });
    };
    let scope = Scope { tenant_id: row.tenant_id, case_id: None, enterprise_id: None, team: &[], sheet_id: None };
    tell_due_steps(app, row, Some(DeadlineKind::MeetingAction), &scope, now, |step, calendar| {
        rules::step_notice(step, &chased, now, calendar)
    })
    .await
}

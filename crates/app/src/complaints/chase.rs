//! Chasing a complaint's reply deadline in the reminder sweep (`crate::reminders`): the same
//! claim, ladder and exactly-once notifications as a sheet's deadline, with the complaint's
//! people as the domain names them (`butler_domain::complaint::chase`).

use butler_domain::case::deadline::DeadlineKind;
use butler_domain::complaint::chase::{self as rules, ChasedComplaint};
use butler_persistence::StoreError;
use butler_persistence::repo::complaints;
use butler_persistence::repo::deadlines::{self, DeadlineRow};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::effects::Scope;
use crate::reminders::tell::{Chased, tell_due_steps};
use crate::{AppError, Context};

async fn about(app: &Context, row: &DeadlineRow, complaint_id: Uuid) -> Result<Option<ChasedComplaint>, AppError> {
    let complaint = match complaints::get(&app.db, row.tenant_id, complaint_id).await {
        Ok(c) => c,
        Err(StoreError::NotFound) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let department_name = match complaint.department_id {
        Some(d) => complaints::department_name(&app.db, d).await?,
        None => None,
    };
    Ok(Some(ChasedComplaint {
        state: complaint.state.0,
        tracking_number: complaint.tracking_number,
        department_id: complaint.department_id,
        department_name,
        assignee_id: complaint.assignee_id,
    }))
}

/// Chases one claimed complaint deadline at `now`.
pub(crate) async fn chase(
    app: &Context,
    row: &DeadlineRow,
    complaint_id: Uuid,
    now: DateTime<Utc>,
) -> Result<Chased, AppError> {
    let about = about(app, row, complaint_id).await?;
    let Some(chased) = about.filter(|c| !rules::is_stale(Some(c))) else {
        deadlines::close_by_id(&app.db, row.id, now).await?;
        return Ok(Chased { closed: true, ..Chased::default() });
    };
    let scope = Scope { tenant_id: row.tenant_id, case_id: None, enterprise_id: None, team: &[], sheet_id: None };
    tell_due_steps(app, row, Some(DeadlineKind::ComplaintReply), &scope, now, |step, calendar| {
        rules::step_notice(step, &chased, now, calendar)
    })
    .await
}

//! Chasing a complaint's reply deadline in the reminder sweep (`crate::reminders`): the same
//! claim, ladder and exactly-once notifications as a sheet's deadline, with the complaint's
//! people as the domain names them (`butler_domain::complaint::chase`).

use butler_domain::case::chase::steps_due;
use butler_domain::case::deadline::DeadlineKind;
use butler_domain::complaint::chase::{self as rules, ChasedComplaint};
use butler_domain::notice::KeyIds;
use butler_persistence::StoreError;
use butler_persistence::repo::complaints;
use butler_persistence::repo::deadlines::{self, DeadlineRow};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::calendar::tenant_calendar;
use crate::effects::{self, Scope};
use crate::reminders::keys::{done_keys, subject};
use crate::{AppError, Context};

/// What chasing one complaint deadline did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Chased {
    pub steps: u32,
    pub notifications: u32,
    pub closed: bool,
    pub lost: bool,
}

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
    let done = done_keys(row);
    let calendar = tenant_calendar(app, row.tenant_id).await?;
    let (due, next_step_at) =
        match steps_due(Some(DeadlineKind::ComplaintReply), &subject(row), row.due_at, &done, now, &calendar) {
            Ok(steps) => steps,
            Err(err) => {
                deadlines::complete_claim(&app.db, row, serde_json::json!(done), None).await?;
                return Err(AppError::internal(err));
            }
        };
    let notices: Vec<_> = due.iter().filter_map(|step| rules::step_notice(step, &chased, now, &calendar)).collect();
    let mut all_done = done;
    all_done.extend(due.iter().map(|s| s.key.clone()));

    let txn = butler_persistence::begin_write(&app.db).await.map_err(AppError::internal)?;
    if !deadlines::complete_claim(&txn, row, serde_json::json!(all_done), next_step_at).await? {
        txn.rollback().await.map_err(AppError::internal)?;
        return Ok(Chased { lost: true, ..Chased::default() });
    }
    let scope = Scope { tenant_id: row.tenant_id, case_id: None, enterprise_id: None, team: &[], sheet_id: None };
    let written = effects::deliver(&txn, &scope, &notices, KeyIds::default(), now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(Chased { steps: due.len() as u32, notifications: written as u32, ..Chased::default() })
}

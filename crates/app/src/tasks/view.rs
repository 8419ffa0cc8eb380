//! A task sheet as its reader sees it: the sheet with its case, item and holder named, its
//! clock read at `now`, and the actions the reader may take (the domain's rule).

use butler_domain::calendar::Calendar;
use butler_domain::case::sheet::{
    self, Decision, ResultNoticeChannel, SheetAction, SheetKind, SheetOutcome, SheetState, TaskSheet,
};
use butler_domain::policy::Actor;
use butler_persistence::repo::cases::{CaseItemRow, CaseRow};
use butler_persistence::repo::sheets::SheetRow;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;
use uuid::Uuid;

use crate::AppError;
use crate::cases::case_actor;

/// One clock stop (补正) of a sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pause {
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub reason: String,
}

/// A material accepted as missing (容缺), with its committed date and arrival.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingMaterial {
    pub name: String,
    pub committed_by: NaiveDate,
    pub supplied_at: Option<DateTime<Utc>>,
}

/// A task sheet for its reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskView {
    pub id: Uuid,
    pub case_id: Uuid,
    pub case_number: String,
    pub project_name: String,
    pub case_item_id: Uuid,
    pub item_name: String,
    pub kind: SheetKind,
    pub department_id: Uuid,
    pub assignee_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    pub state: SheetState,
    pub version: i32,
    pub dispatched_at: DateTime<Utc>,
    pub acknowledge_by: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub finish_by: DateTime<Utc>,
    /// Open, its clock running, and past its deadline.
    pub overdue: bool,
    pub pauses: Vec<Pause>,
    pub paused_office_minutes: i64,
    pub extension_working_days: Option<u32>,
    pub missing_materials: Vec<MissingMaterial>,
    pub outcome: Option<SheetOutcome>,
    pub document_number: Option<String>,
    /// Why it was not approved or withdrawn.
    pub outcome_reason: Option<String>,
    pub approved_on_commitment: bool,
    pub closed_at: Option<DateTime<Utc>>,
    pub result_notice_channel: Option<ResultNoticeChannel>,
    pub result_noticed_at: Option<DateTime<Utc>>,
    /// The approval document (批文) attached, a stored file.
    pub result_file_id: Option<Uuid>,
    /// What the reader may do to the sheet now.
    pub allowed_actions: Vec<SheetAction>,
    /// On its case's critical path: its delay moves the project's end (see
    /// [`crate::analytics::critical`]).
    pub critical: bool,
    /// Working days its lateness so far has moved the project's end.
    pub holds_up_working_days: i64,
}

/// Marks the sheets of `tasks` that are on `path` (one case's critical path).
pub fn mark_critical(tasks: &mut [TaskView], path: &crate::analytics::CasePath) {
    for t in tasks.iter_mut() {
        if let Some(p) = path.sheets.iter().find(|p| p.sheet_id == t.id) {
            t.critical = p.critical;
            t.holds_up_working_days = p.holds_up_working_days;
        }
    }
}

/// The sheet `s` of `case` for `actor`; `names` holds its holder's name.
pub(crate) fn task_view(
    actor: &Actor,
    s: &SheetRow,
    case: &CaseRow,
    item: Option<&CaseItemRow>,
    names: &HashMap<Uuid, String>,
    cal: &Calendar,
    now: DateTime<Utc>,
) -> Result<TaskView, AppError> {
    let task: TaskSheet = serde_json::from_value(s.data.clone()).map_err(AppError::internal)?;
    let outcome_reason = task.decision.as_ref().and_then(Decision::reason).map(str::to_owned);
    Ok(TaskView {
        id: s.id,
        case_id: s.case_id,
        case_number: case.number.clone(),
        project_name: case.project_name.clone(),
        case_item_id: s.case_item_id,
        item_name: item.map(|i| i.name.clone()).unwrap_or_default(),
        kind: s.kind.0,
        department_id: s.department_id,
        assignee_id: s.assignee_id,
        assignee_name: s.assignee_id.and_then(|id| names.get(&id).cloned()),
        state: task.state,
        version: s.version,
        dispatched_at: s.dispatched_at,
        acknowledge_by: s.acknowledge_by,
        acknowledged_at: s.acknowledged_at,
        finish_by: s.finish_by,
        overdue: s.open && task.state != SheetState::Paused && s.finish_by < now,
        pauses: task
            .stops
            .iter()
            .map(|p| Pause { start: p.pause.start, end: p.pause.end, reason: p.reason.clone() })
            .collect(),
        paused_office_minutes: task.paused_office_time(cal, now).num_minutes(),
        extension_working_days: task.extension.as_ref().map(|e| e.working_days),
        missing_materials: task
            .missing_materials
            .iter()
            .map(|m| MissingMaterial { name: m.name.clone(), committed_by: m.committed_by, supplied_at: m.supplied_at })
            .collect(),
        outcome: task.decision.as_ref().map(Decision::outcome),
        document_number: s.document_number.clone(),
        outcome_reason,
        approved_on_commitment: task.approved_on_commitment,
        closed_at: s.closed_at,
        result_notice_channel: s.result_notice_channel.map(|c| c.0),
        result_noticed_at: s.result_noticed_at,
        result_file_id: s.result_file_id,
        allowed_actions: sheet::actions_for(&task, &case_actor(actor)),
        critical: false,
        holds_up_working_days: 0,
    })
}

//! Sheets made and ended by the case: the ready items dispatched (并联审批), the verification
//! sheet of a 告知承诺 approval, and the open sheets cancelled when the case is terminated.

use butler_domain::calendar::Calendar;
use butler_domain::case::sheet::{self, Dispatch, ItemToDispatch, SheetCommand, SheetFacts, TaskSheet};
use butler_domain::notice::KeyIds;
use butler_domain::policy::Actor;
use butler_persistence::DatabaseTransaction;
use butler_persistence::repo::cases::{self, CaseItemRow, NewCaseItem};
use butler_persistence::repo::history::NewEvent;
use butler_persistence::repo::sheets::{self, NewSheet, SheetRow};
use chrono::{DateTime, Utc};
use serde_json::json;
use uuid::Uuid;

use super::{
    event_of, item_rules, missing_of, plan_items, plan_sheets, project_of, scope, sheet_error, sheet_state, team_of,
    write_sheet,
};
use crate::AppError;
use crate::cases::{CaseBundle, case_actor};
use crate::effects;

/// Dispatches the plan items `item_ids` (those the domain found ready), each with its
/// deadlines and a notice to its agent. Returns the history events.
pub async fn dispatch_items(
    txn: &DatabaseTransaction,
    actor: Option<&Actor>,
    b: &CaseBundle,
    item_ids: &[Uuid],
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<Vec<NewEvent>, AppError> {
    let mut events = Vec::new();
    if item_ids.is_empty() {
        return Ok(events);
    }
    let project = project_of(b);
    // The acknowledgement window in force when the sheet is dispatched stays with the sheet.
    let window = crate::settings::load_in_force(txn, b.case.tenant_id).await?.settings.acknowledge_within_minutes;
    for item in item_ids.iter().filter_map(|id| b.items.iter().find(|i| i.id == *id)) {
        let to_dispatch = ItemToDispatch {
            name: item.name.clone(),
            department_id: item.department_id,
            agent_id: item.agent_id,
            rules: item_rules(item, window),
            missing_materials: missing_of(item),
        };
        let dispatched = sheet::dispatch(&to_dispatch, &project, now, cal).map_err(sheet_error)?;
        events.push(create_sheet(txn, actor, b, item, dispatched, now, cal).await?);
    }
    Ok(events)
}

/// Writes a dispatched sheet with its deadlines and notices; returns its dispatch event.
async fn create_sheet(
    txn: &DatabaseTransaction,
    actor: Option<&Actor>,
    b: &CaseBundle,
    item: &CaseItemRow,
    dispatched: Dispatch,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<NewEvent, AppError> {
    let row = insert_sheet(txn, b, item, &dispatched, now, cal).await?;
    let team = team_of(b);
    let here = scope(b, &team, Some(row.id));
    effects::apply_deadlines(txn, &here, &dispatched.deadlines, now).await?;
    let ids = KeyIds { version: Some(row.version), ..KeyIds::default() };
    effects::deliver(txn, &here, &dispatched.notifications, ids, now).await?;
    Ok(event_of(actor, row.id, None, dispatched.sheet.state, &dispatched.event))
}

async fn insert_sheet(
    txn: &DatabaseTransaction,
    b: &CaseBundle,
    item: &CaseItemRow,
    dispatched: &Dispatch,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<SheetRow, AppError> {
    let task: &TaskSheet = &dispatched.sheet;
    let new = NewSheet {
        case_id: b.case.id,
        case_item_id: item.id,
        kind: dispatched.kind,
        department_id: task.department_id,
        assignee_id: item.agent_id,
        state: task.state,
        dispatched_at: task.dispatched_at,
        acknowledge_by: task.acknowledgement_deadline(cal).map_err(AppError::internal)?,
        finish_by: task.finish_deadline(cal, now).map_err(AppError::internal)?,
        data: serde_json::to_value(task).map_err(AppError::internal)?,
    };
    Ok(sheets::create(txn, b.case.tenant_id, new, now).await?)
}

/// 告知承诺: the verification item (unplanned) and its sheet in the department the approval
/// names. Returns the sheet's dispatch event.
pub(crate) async fn verification(
    txn: &DatabaseTransaction,
    actor: &Actor,
    b: &CaseBundle,
    approved: &CaseItemRow,
    dispatched: Dispatch,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<NewEvent, AppError> {
    let item = cases::add_item(
        txn,
        b.case.tenant_id,
        b.case.id,
        NewCaseItem {
            catalog_item_id: approved.catalog_item_id,
            catalog_version: approved.catalog_version,
            name: sheet::verification_item_name(&approved.name),
            department_id: dispatched.sheet.department_id,
            stage: approved.stage.map(|s| s.0),
            legal_limit: None,
            promised_limit: approved.promised_limit.clone(),
            allows_tolerance: false,
            allows_commitment: false,
            max_extension_days: None,
            agent_id: approved.agent_id,
            materials: json!([]),
            missing_materials: json!([]),
            prerequisites: vec![],
        },
        false,
    )
    .await?;
    create_sheet(txn, Some(actor), b, &item, dispatched, now, cal).await
}

/// Cancels every open sheet of a terminated case: the clock stops, its deadlines close and
/// the department is told. Returns the history events.
pub async fn cancel_open_sheets(
    txn: &DatabaseTransaction,
    actor: &Actor,
    b: &CaseBundle,
    reason: &str,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<Vec<NewEvent>, AppError> {
    let mut events = Vec::new();
    let team = team_of(b);
    let (items, sheets) = (plan_items(b), plan_sheets(b));
    for row in b.sheets.iter().filter(|s| s.open) {
        let task = sheet_state(row)?;
        let facts = SheetFacts {
            sheet_id: row.id,
            kind: row.kind.0,
            project: project_of(b),
            item_name: b.items.iter().find(|i| i.id == row.case_item_id).map(|i| i.name.clone()).unwrap_or_default(),
            items: items.clone(),
            sheets: sheets.clone(),
        };
        let cancel = SheetCommand::Cancel { reason: reason.to_owned() };
        let decision = sheet::decide(&task, cancel, &case_actor(actor), now, cal, &facts).map_err(sheet_error)?;
        let outcome = decision.outcome;
        let updated = write_sheet(txn, row, &outcome.sheet, now, cal).await?;
        events.extend(
            outcome.events.iter().map(|e| event_of(Some(actor), row.id, Some(row.state.0), updated.state.0, e)),
        );
        let here = scope(b, &team, Some(row.id));
        effects::apply_deadlines(txn, &here, &outcome.deadlines, now).await?;
        let ids = KeyIds { version: Some(updated.version), ..KeyIds::default() };
        effects::deliver(txn, &here, &outcome.notifications, ids, now).await?;
    }
    Ok(events)
}

//! Task sheets (任务分送单): the department's commands on a sheet, decided whole by the
//! domain (the sheet, its events, its deadlines, who is told, a 告知承诺 verification sheet,
//! the items an approval makes ready) and written in one transaction; the dispatch of ready
//! items, cancellation, evaluations and result notices.

mod dispatch;
mod documents;
mod evaluation;
mod results;

pub use dispatch::{cancel_open_sheets, dispatch_items};
pub use documents::attach_result_document;
pub use evaluation::record_evaluation;
pub use results::{measure_unmeasured, record_result_notice};

use butler_domain::calendar::Calendar;
use butler_domain::case::dependencies::{PlanItem, PlanSheet};
use butler_domain::case::event_action::{CaseOperation, EventAction};
use butler_domain::case::lifecycle::CaseState;
use butler_domain::case::sheet::{
    self, Decision, ItemRules, MissingMaterial, SheetCommand, SheetError, SheetEvent, SheetFacts, SheetState,
    TaskSheet, TimeUsed,
};
use butler_domain::notice::{KeyIds, ProjectRef};
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_domain::time_limit::TimeLimit;
use butler_persistence::repo::cases::CaseItemRow;
use butler_persistence::repo::history::NewEvent;
use butler_persistence::repo::sheets::{self, SheetRow};
use butler_persistence::repo::{history as history_repo, users};
use butler_persistence::{Code, DatabaseTransaction};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::Context;
use crate::cases::{CaseBundle, case_actor, check_version, head, load_for_change_of_sheet};
use crate::commands::TaskCommand;
use crate::effects::{self, Scope};
use crate::error::{AppError, FieldError};

pub(crate) fn sheet_state(row: &SheetRow) -> Result<TaskSheet, AppError> {
    serde_json::from_value(row.data.clone()).map_err(AppError::internal)
}

pub(crate) fn item_rules(item: &CaseItemRow, acknowledge_within_minutes: u32) -> ItemRules {
    ItemRules {
        acknowledge_within_minutes,
        promised: item
            .promised_limit
            .as_deref()
            .and_then(|t| TimeLimit::parse(t).ok().flatten())
            .unwrap_or(TimeLimit::Immediate),
        max_extension_working_days: item.max_extension_days.and_then(|d| u32::try_from(d).ok()),
        allows_commitment: item.allows_commitment,
    }
}

pub(crate) fn missing_of(item: &CaseItemRow) -> Vec<MissingMaterial> {
    item.missing_materials
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|m| {
                    Some(MissingMaterial {
                        name: m["name"].as_str()?.to_owned(),
                        committed_by: m["committed_by"].as_str()?.parse().ok()?,
                        supplied_at: None,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Maps a sheet refusal to the API's error.
pub fn sheet_error(e: SheetError) -> AppError {
    match e {
        SheetError::NotAllowed { state, action, allowed } => AppError::InvalidTransition {
            state: state.code().to_owned(),
            action: action.code().to_owned(),
            allowed: allowed.into_iter().map(|a| a.code().to_owned()).collect(),
        },
        SheetError::Forbidden { .. } | SheetError::OtherDepartment { .. } | SheetError::NotTheHolder { .. } => {
            AppError::Forbidden
        }
        SheetError::Calendar(c) => AppError::internal(c),
        other => {
            let (code, zh) = match &other {
                SheetError::ReasonRequired { .. } => ("reason_required", "须填写理由".to_owned()),
                SheetError::DocumentNumberRequired => ("document_number_required", "批准须填写批准文号".to_owned()),
                SheetError::MaterialsOutstanding { names } => {
                    ("materials_outstanding", format!("容缺材料尚未补齐：{}", names.join("、")))
                }
                SheetError::UnknownMaterials { names } => {
                    ("unknown_materials", format!("不是待补的容缺材料：{}", names.join("、")))
                }
                SheetError::ExtensionNotAllowed => ("extension_not_allowed", "该事项不允许延期".to_owned()),
                SheetError::AlreadyExtended => ("already_extended", "已延期过一次，不能再次延期".to_owned()),
                SheetError::ExtensionOutOfBounds { requested, max } => {
                    ("extension_out_of_bounds", format!("延期须为 1–{max} 个工作日，申请了 {requested} 个"))
                }
                SheetError::ExtensionAfterDeadline { .. } => {
                    ("extension_after_deadline", "已超过办理时限，不能延期".to_owned())
                }
                SheetError::CommitmentNotAllowed => ("commitment_not_allowed", "该事项不适用告知承诺".to_owned()),
                SheetError::ApprovalWhilePaused => ("approval_while_paused", "补正期间不能作出批准决定".to_owned()),
                SheetError::TransferOutsideDepartment => {
                    ("transfer_outside_department", "只能转办给本部门同事".to_owned())
                }
                SheetError::AlreadyHeld => ("already_held", "该同事已经是承办人".to_owned()),
                _ => ("sheet_rule", other.to_string()),
            };
            AppError::PreconditionsNotMet(vec![FieldError::new("task", code, zh, other.to_string())])
        }
    }
}

pub(crate) fn event_of(
    actor: Option<&Actor>,
    sheet_id: Uuid,
    from: Option<SheetState>,
    to: SheetState,
    e: &SheetEvent,
) -> NewEvent {
    NewEvent {
        actor_id: actor.map(|a| a.user_id),
        action: EventAction::from(e),
        sheet_id: Some(sheet_id),
        // A new sheet comes from `none`.
        from_state: Some(from.map_or("none", SheetState::code).to_owned()),
        to_state: Some(to.code().to_owned()),
        payload: serde_json::to_value(e).unwrap_or_default(),
    }
}

/// The project as notices name it.
pub(crate) fn project_of(b: &CaseBundle) -> ProjectRef {
    ProjectRef { name: b.case.project_name.clone(), number: b.case.number.clone() }
}

/// The case's items as readiness sees them.
pub(crate) fn plan_items(b: &CaseBundle) -> Vec<PlanItem> {
    b.items
        .iter()
        .map(|i| PlanItem { id: i.id, planned: i.planned, prerequisites: crate::cases::prerequisite_ids(i) })
        .collect()
}

/// The case's sheets as readiness sees them.
pub(crate) fn plan_sheets(b: &CaseBundle) -> Vec<PlanSheet> {
    b.sheets
        .iter()
        .map(|s| PlanSheet {
            id: s.id,
            item_id: s.case_item_id,
            kind: s.kind.0,
            state: s.state.0,
            outcome: s.outcome.map(|o| o.0),
        })
        .collect()
}

/// The users on the case's team.
pub(crate) fn team_of(b: &CaseBundle) -> Vec<Uuid> {
    b.team.iter().map(|m| m.user_id).collect()
}

/// The scope of effects about the case (and one of its sheets).
pub(crate) fn scope<'a>(b: &CaseBundle, team: &'a [Uuid], sheet_id: Option<Uuid>) -> Scope<'a> {
    Scope {
        tenant_id: b.case.tenant_id,
        case_id: Some(b.case.id),
        enterprise_id: Some(b.case.enterprise_id),
        team,
        sheet_id,
    }
}

/// Writes the domain's sheet back onto its row (version-guarded), with the queue columns.
pub(crate) async fn write_sheet(
    txn: &DatabaseTransaction,
    row: &SheetRow,
    task: &TaskSheet,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<SheetRow, AppError> {
    let mut changed = row.clone();
    changed.state = Code(task.state);
    changed.open = !task.state.is_final();
    changed.department_id = task.department_id;
    changed.assignee_id = task.assignee_id;
    changed.dispatched_at = task.dispatched_at;
    changed.acknowledged_at = task.acknowledged_at;
    changed.acknowledge_by = task.acknowledgement_deadline(cal).map_err(AppError::internal)?;
    changed.finish_by = task.finish_deadline(cal, now).map_err(AppError::internal)?;
    changed.closed_at = task.closed_at;
    let used = task.time_used(cal).map_err(AppError::internal)?;
    changed.office_minutes_used = used.map(TimeUsed::used_minutes);
    changed.office_minutes_promised = used.map(TimeUsed::promised_minutes);
    changed.outcome = task.decision.as_ref().map(|d| Code(d.outcome()));
    changed.document_number = task.decision.as_ref().and_then(Decision::document_number).map(str::to_owned);
    changed.data = serde_json::to_value(task).map_err(AppError::internal)?;
    Ok(sheets::update_guarded(txn, changed, row.version, now).await?)
}

fn domain_command(cmd: &TaskCommand, row: &SheetRow) -> SheetCommand {
    match cmd.clone() {
        TaskCommand::Acknowledge => SheetCommand::Acknowledge,
        TaskCommand::RequestCorrection { reason, materials } => SheetCommand::RequestCorrection { reason, materials },
        TaskCommand::SupplyCorrection => SheetCommand::SupplyCorrection,
        TaskCommand::SupplyMissingMaterials { names } => SheetCommand::SupplyMissingMaterials { names },
        TaskCommand::Extend { working_days, reason } => SheetCommand::Extend { working_days, reason },
        TaskCommand::Finish(decision) => SheetCommand::Finish { decision },
        TaskCommand::ApproveOnCommitment { document_number } => SheetCommand::ApproveOnCommitment { document_number },
        TaskCommand::SendBack { reason } => SheetCommand::SendBack { reason },
        TaskCommand::Redispatch { department_id } => {
            SheetCommand::Redispatch { department_id: department_id.unwrap_or(row.department_id) }
        }
        TaskCommand::Transfer { to_user_id } => {
            SheetCommand::Transfer { to_user_id, to_department_id: row.department_id }
        }
    }
}

/// Runs a command on a sheet. A lost race on the case's history (another department's
/// sheet of the same case moved at the same instant) is retried; a changed sheet is not.
pub async fn run(
    ctx: &Context,
    actor: &Actor,
    sheet_id: Uuid,
    if_match: Option<i32>,
    cmd: TaskCommand,
) -> Result<SheetRow, AppError> {
    Ok(run_keeping_case(ctx, actor, sheet_id, if_match, cmd).await?.0)
}

/// [`run`], also answering the case as the command left it when the command changed no
/// more than the sheet (no item made ready, no verification sheet): the bundle read in the
/// transaction with the sheet's new row and the chain head it moved, so the answer needs no
/// second read. `None` when more changed.
pub(crate) async fn run_keeping_case(
    ctx: &Context,
    actor: &Actor,
    sheet_id: Uuid,
    if_match: Option<i32>,
    cmd: TaskCommand,
) -> Result<(SheetRow, Option<CaseBundle>), AppError> {
    let mut attempt = 0;
    loop {
        match run_once(ctx, actor, sheet_id, if_match, &cmd).await {
            Err(AppError::HistoryRace) if attempt < 5 => attempt += 1,
            other => return other,
        }
    }
}

async fn run_once(
    ctx: &Context,
    actor: &Actor,
    sheet_id: Uuid,
    if_match: Option<i32>,
    cmd: &TaskCommand,
) -> Result<(SheetRow, Option<CaseBundle>), AppError> {
    let now = ctx.clock.now();
    let cal = crate::cases::calendar(ctx, actor.tenant_id).await?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    // The sheet is read with its case's bundle.
    let b = load_for_change_of_sheet(&txn, actor, sheet_id, now, butler_domain::case::frozen::CaseWrite::Sheet).await?;
    let row = b.sheets.iter().find(|s| s.id == sheet_id).cloned().ok_or(AppError::NotFound)?;
    check_version(row.version, if_match)?;
    if crate::cases::state_of(&b.case)? != CaseState::InService {
        return Err(AppError::InvalidTransition {
            state: b.case.state.0.code().to_owned(),
            action: CaseOperation::TaskCommand.code().to_owned(),
            allowed: vec![],
        });
    }
    if let TaskCommand::Transfer { to_user_id } = cmd {
        let colleague = users::get(&txn, actor.tenant_id, *to_user_id)
            .await
            .map_err(|_| AppError::field("to_user_id", "unknown_user", "没有这个用户", "no such user"))?;
        if colleague.department_id != Some(row.department_id) || colleague.role != Role::DepartmentAgent {
            return Err(AppError::field(
                "to_user_id",
                "not_a_colleague",
                "只能转办给本部门的帮办代办员",
                "only to an agent of the sheet's department",
            ));
        }
    }
    let task = sheet_state(&row)?;
    let item = b.items.iter().find(|i| i.id == row.case_item_id);
    let facts = SheetFacts {
        sheet_id: row.id,
        kind: row.kind.0,
        project: project_of(&b),
        item_name: item.map(|i| i.name.clone()).unwrap_or_default(),
        items: plan_items(&b),
        sheets: plan_sheets(&b),
    };
    let decision =
        sheet::decide(&task, domain_command(cmd, &row), &case_actor(actor), now, &cal, &facts).map_err(sheet_error)?;
    let outcome = decision.outcome;
    let updated = write_sheet(&txn, &row, &outcome.sheet, now, &cal).await?;
    let mut events: Vec<NewEvent> =
        outcome.events.iter().map(|e| event_of(Some(actor), row.id, Some(row.state.0), updated.state.0, e)).collect();
    let team = team_of(&b);
    let here = scope(&b, &team, Some(row.id));
    effects::apply_deadlines(&txn, &here, &outcome.deadlines, now).await?;
    let ids = KeyIds { version: Some(updated.version), ..KeyIds::default() };
    effects::deliver(&txn, &here, &outcome.notifications, ids, now).await?;
    let mut only_the_sheet = decision.ready.is_empty();
    if let (Some(verification), Some(item)) = (decision.verification, item) {
        events.push(dispatch::verification(&txn, actor, &b, item, verification, now, &cal).await?);
        only_the_sheet = false;
    }
    // An approval may make dependent items ready: they are dispatched by themselves.
    events.extend(dispatch_items(&txn, None, &b, &decision.ready, now, &cal).await?);

    // The chain head read with the case in this transaction: nothing above appends to the
    // history, and a writer that appended since makes `append` fail (retried by `run`).
    let moved = history_repo::append(&txn, b.case.tenant_id, b.case.id, &head(&b.case), events, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    let after = only_the_sheet.then(|| {
        let mut after = b;
        after.case.chain_length = moved.length;
        after.case.chain_head = moved.hash;
        if let Some(s) = after.sheets.iter_mut().find(|s| s.id == updated.id) {
            *s = updated.clone();
        }
        after
    });
    Ok((updated, after))
}

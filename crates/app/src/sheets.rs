//! Task sheets (任务分送单): dispatch when prerequisites are approved, the department's
//! commands, result notices, cancellation, and the side effects of lifecycle steps
//! (deadlines, notifications, evaluations).

use butler_domain::calendar::Calendar;
use butler_domain::case::lifecycle::CaseState;
use butler_domain::case::sheet::{
    self, Decision, FollowUp, ItemRules, MissingMaterial, SheetCommand, SheetError, SheetEvent, TaskSheet, TimeUsed,
};
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_domain::time_limit::TimeLimit;
use butler_persistence::repo::cases::{self, CaseItemRow, NewCaseItem};
use butler_persistence::repo::deadlines::{self, NewDeadline};
use butler_persistence::repo::history::NewEvent;
use butler_persistence::repo::sheets::{self, NewSheet, SheetRow};
use butler_persistence::repo::{evaluations, history as history_repo, users};
use butler_persistence::{DatabaseTransaction, StoreError};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::collections::HashSet;
use uuid::Uuid;

use super::cases::{CaseBundle, case_actor, check_version, check_visible, head, load};
use super::notify::Notice;
use crate::Context;
use crate::commands::*;
use crate::error::{AppError, FieldError};

/// Rectification of a bad review: due in this many working days (好差评 rules).
pub const RECTIFICATION_WORKING_DAYS: u32 = 15;

fn sheet_state(row: &SheetRow) -> Result<TaskSheet, AppError> {
    serde_json::from_value(row.data.clone()).map_err(AppError::internal)
}

fn item_rules(item: &CaseItemRow) -> ItemRules {
    ItemRules {
        promised: item
            .promised_limit
            .as_deref()
            .and_then(|t| TimeLimit::parse(t).ok().flatten())
            .unwrap_or(TimeLimit::Immediate),
        max_extension_working_days: item.max_extension_days.and_then(|d| u32::try_from(d).ok()),
        allows_commitment: item.allows_commitment,
    }
}

fn missing_of(item: &CaseItemRow) -> Vec<MissingMaterial> {
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

fn event_of(actor: Option<&Actor>, sheet_id: Uuid, from: &str, to: &str, e: &SheetEvent) -> NewEvent {
    NewEvent {
        actor_id: actor.map(|a| a.user_id),
        action: format!("task_{}", e.code()),
        sheet_id: Some(sheet_id),
        from_state: Some(from.to_owned()),
        to_state: Some(to.to_owned()),
        payload: serde_json::to_value(e).unwrap_or_default(),
    }
}

/// Writes one in-app notification per recipient about this case, once per `dedupe_key`.
#[allow(clippy::too_many_arguments)]
async fn notify(
    txn: &DatabaseTransaction,
    b: &CaseBundle,
    sheet_id: Option<Uuid>,
    to: &[Uuid],
    kind: &str,
    dedupe_key: &str,
    title: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let notice =
        Notice { tenant_id: b.case.tenant_id, case_id: Some(b.case.id), sheet_id, kind, dedupe_key, title, body };
    super::notify::notify(txn, to, &notice, now).await?;
    Ok(())
}

async fn enterprise_users(txn: &DatabaseTransaction, b: &CaseBundle) -> Result<Vec<Uuid>, AppError> {
    super::notify::enterprise_users(txn, b.case.tenant_id, b.case.enterprise_id).await
}

/// Dispatches every planned item that has no sheet yet and whose prerequisites are all
/// approved (parallel approval: all such items at once). Returns the history events.
pub async fn dispatch_ready(
    txn: &DatabaseTransaction,
    actor: Option<&Actor>,
    b: &CaseBundle,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<Vec<NewEvent>, AppError> {
    let approved: HashSet<Uuid> = b
        .sheets
        .iter()
        .filter(|s| s.kind == "approval" && s.outcome.as_deref() == Some("approved"))
        .map(|s| s.case_item_id)
        .collect();
    // A cancelled sheet (of a terminated, then reopened case) does not count: its item is
    // dispatched again.
    let has_sheet: HashSet<Uuid> =
        b.sheets.iter().filter(|s| s.kind == "approval" && s.state != "cancelled").map(|s| s.case_item_id).collect();
    let mut events = Vec::new();
    for item in b.items.iter().filter(|i| i.planned && !has_sheet.contains(&i.id)) {
        if !super::cases::prerequisite_ids(item).iter().all(|p| approved.contains(p)) {
            continue;
        }
        let (task, event) = TaskSheet::dispatch(item.department_id, item_rules(item), missing_of(item), now, cal)
            .map_err(sheet_error)?;
        let row = create_sheet(txn, b, item, "approval", task, now, cal).await?;
        events.push(event_of(actor, row.id, "none", "dispatched", &event));
        let agents = match item.agent_id {
            Some(a) => vec![a],
            None => {
                super::notify::department_users(txn, b.case.tenant_id, item.department_id, Role::DepartmentAgent)
                    .await?
            }
        };
        notify(
            txn,
            b,
            Some(row.id),
            &agents,
            "task_dispatched",
            &format!("task:{}:dispatched", row.id),
            &format!("新任务单：{}", item.name),
            &format!(
                "项目“{}”（{}）的“{}”已分送贵部门，请于 30 分钟内回执。",
                b.case.project_name, b.case.number, item.name
            ),
            now,
        )
        .await?;
    }
    Ok(events)
}

async fn create_sheet(
    txn: &DatabaseTransaction,
    b: &CaseBundle,
    item: &CaseItemRow,
    kind: &'static str,
    task: TaskSheet,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<SheetRow, AppError> {
    let acknowledge_by = task.acknowledgement_deadline(cal).map_err(AppError::internal)?;
    let finish_by = task.finish_deadline(cal, now).map_err(AppError::internal)?;
    let row = sheets::create(
        txn,
        b.case.tenant_id,
        NewSheet {
            case_id: b.case.id,
            case_item_id: item.id,
            kind,
            department_id: task.department_id,
            assignee_id: item.agent_id,
            state: task.state.code().to_owned(),
            dispatched_at: now,
            acknowledge_by,
            finish_by,
            data: serde_json::to_value(&task).map_err(AppError::internal)?,
        },
        now,
    )
    .await?;
    open_deadline(txn, b, Some(row.id), "acknowledgement", acknowledge_by, now).await?;
    open_deadline(txn, b, Some(row.id), "finish", finish_by, now).await?;
    chase_commitments(txn, b, &row, &task, now, cal).await?;
    Ok(row)
}

/// 容缺: the enterprise's committed dates are chased like any deadline — due at the close of
/// the earliest committed day among the materials still missing; closed when all arrived.
async fn chase_commitments(
    txn: &DatabaseTransaction,
    b: &CaseBundle,
    row: &SheetRow,
    task: &TaskSheet,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<(), AppError> {
    let earliest = task.missing_materials.iter().filter(|m| m.supplied_at.is_none()).map(|m| m.committed_by).min();
    match earliest {
        Some(date) if !task.state.is_final() => {
            open_deadline(txn, b, Some(row.id), "material_commitment", cal.closing(date), now).await
        }
        _ => {
            deadlines::close(txn, b.case.id, Some(row.id), "material_commitment", now).await?;
            Ok(())
        }
    }
}

async fn open_deadline(
    txn: &DatabaseTransaction,
    b: &CaseBundle,
    sheet_id: Option<Uuid>,
    kind: &str,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    deadlines::open(
        txn,
        NewDeadline {
            tenant_id: b.case.tenant_id,
            case_id: b.case.id,
            sheet_id,
            kind: kind.to_owned(),
            due_at,
            next_step_at: Some(now),
        },
        now,
    )
    .await?;
    Ok(())
}

/// Deadlines and notifications that follow a lifecycle step.
#[allow(clippy::too_many_arguments)]
pub async fn on_case_transition(
    txn: &DatabaseTransaction,
    _ctx: &Context,
    _actor: &Actor,
    b: &CaseBundle,
    from: CaseState,
    to: CaseState,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<(), AppError> {
    let tenant = b.case.tenant_id;
    let number = &b.case.number;
    let name = &b.case.project_name;
    match to {
        CaseState::Accepted if from != to => {
            let due = cal.add_working_days(now, 1).map_err(AppError::internal)?;
            open_deadline(txn, b, None, "team_formation", due, now).await?;
            let office = super::notify::users_with_role(txn, tenant, Role::Office).await?;
            notify(
                txn,
                b,
                None,
                &office,
                "case_accepted",
                &format!("case:{}:accepted:{}", b.case.id, b.case.version),
                &format!("请组建项目管家团队：{name}"),
                &format!("项目“{name}”（{number}）已受理，请在 1 个工作日内组建项目管家团队。"),
                now,
            )
            .await?;
            let ent = enterprise_users(txn, b).await?;
            notify(
                txn,
                b,
                None,
                &ent,
                "case_accepted",
                &format!("case:{}:accepted:{}", b.case.id, b.case.version),
                "帮办代办申请已受理",
                &format!("您的项目“{name}”（{number}）已受理，项目管家团队将在 1 个工作日内组建。"),
                now,
            )
            .await?;
        }
        CaseState::TeamFormed if from == CaseState::Accepted => {
            deadlines::close(txn, b.case.id, None, "team_formation", now).await?;
            let due = cal.add_working_days(now, 1).map_err(AppError::internal)?;
            open_deadline(txn, b, None, "plan_proposal", due, now).await?;
        }
        CaseState::PlanProposed => {
            deadlines::close(txn, b.case.id, None, "plan_proposal", now).await?;
            let ent = enterprise_users(txn, b).await?;
            notify(
                txn,
                b,
                None,
                &ent,
                "plan_proposed",
                &format!("case:{}:plan:{}", b.case.id, b.case.version),
                "服务方案待确认",
                &format!("项目“{name}”（{number}）的帮办代办服务方案已拟定，请查看并确认。"),
                now,
            )
            .await?;
        }
        CaseState::Entrusted => {
            let ent = enterprise_users(txn, b).await?;
            notify(
                txn,
                b,
                None,
                &ent,
                "one_time_notification",
                &format!("case:{}:notification", b.case.id),
                "一次性告知书",
                b.case.notification_text.as_deref().unwrap_or(""),
                now,
            )
            .await?;
        }
        CaseState::Completed | CaseState::Terminated if from != to => {
            deadlines::close_all(txn, b.case.id, None, now).await?;
            let ent = enterprise_users(txn, b).await?;
            let (title, body) = if to == CaseState::Completed {
                ("请确认办结单", format!("项目“{name}”（{number}）帮办代办服务已办结，请签字确认办结单并评价。"))
            } else {
                ("请确认终止单", format!("项目“{name}”（{number}）帮办代办服务已终止，请签字确认终止单。"))
            };
            notify(
                txn,
                b,
                None,
                &ent,
                "case_closed",
                &format!("case:{}:closed:{}", b.case.id, b.case.version),
                title,
                &body,
                now,
            )
            .await?;
        }
        CaseState::Rejected => {
            let ent = enterprise_users(txn, b).await?;
            notify(
                txn,
                b,
                None,
                &ent,
                "case_rejected",
                &format!("case:{}:rejected:{}", b.case.id, b.case.version),
                "帮办代办申请未予受理",
                &format!("项目“{name}”（{number}）未予受理：{}", b.case.closing_reason.as_deref().unwrap_or("")),
                now,
            )
            .await?;
        }
        _ => {}
    }
    Ok(())
}

/// Cancels every open sheet of a terminated case (the clock stops, the department is told).
pub async fn cancel_open_sheets(
    txn: &DatabaseTransaction,
    actor: &Actor,
    b: &CaseBundle,
    reason: &str,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<Vec<NewEvent>, AppError> {
    let mut events = Vec::new();
    for row in b.sheets.iter().filter(|s| s.open) {
        let task = sheet_state(row)?;
        let outcome =
            sheet::apply(&task, SheetCommand::Cancel { reason: reason.to_owned() }, &case_actor(actor), now, cal)
                .map_err(sheet_error)?;
        let updated = write_sheet(txn, row, &outcome.sheet, now, cal).await?;
        for e in &outcome.events {
            events.push(event_of(Some(actor), row.id, &row.state, &updated.state, e));
        }
        deadlines::close_all(txn, b.case.id, Some(row.id), now).await?;
        let agents =
            super::notify::department_users(txn, b.case.tenant_id, row.department_id, Role::DepartmentAgent).await?;
        notify(
            txn,
            b,
            Some(row.id),
            &agents,
            "task_cancelled",
            &format!("task:{}:cancelled", row.id),
            "任务单已取消",
            &format!("项目“{}”（{}）已终止，任务单取消：{reason}", b.case.project_name, b.case.number),
            now,
        )
        .await?;
    }
    Ok(events)
}

/// Stores the case's and the departments' evaluations; a bad one opens a rectification
/// (整改) due in 15 working days, with a deadline and a notice to the department.
#[allow(clippy::too_many_arguments)]
pub async fn record_evaluation(
    txn: &DatabaseTransaction,
    _ctx: &Context,
    actor: &Actor,
    b: &CaseBundle,
    e: &Evaluation,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<Vec<NewEvent>, AppError> {
    let mut events = Vec::new();
    let mut entries: Vec<(Option<Uuid>, EvaluationLevel, Option<String>)> = Vec::new();
    if let Some(level) = e.level {
        entries.push((None, level, e.comment.clone()));
    }
    let case_departments: HashSet<Uuid> = b.items.iter().map(|i| i.department_id).collect();
    for (i, d) in e.departments.iter().enumerate() {
        if !case_departments.contains(&d.department_id) {
            return Err(AppError::field(
                &format!("departments[{i}].department_id"),
                "not_in_case",
                "该部门未参与本项目",
                "the department has no item in this case",
            ));
        }
        entries.push((Some(d.department_id), d.level, d.comment.clone()));
    }
    for (department_id, level, comment) in entries {
        let id = evaluations::create(
            txn,
            b.case.tenant_id,
            b.case.id,
            department_id,
            level.code(),
            comment.as_deref(),
            actor.user_id,
            now,
        )
        .await?;
        if level.is_bad() {
            let due = cal.add_working_days(now, RECTIFICATION_WORKING_DAYS).map_err(AppError::internal)?;
            let rect =
                evaluations::open_rectification(txn, b.case.tenant_id, b.case.id, id, department_id, due, now).await?;
            open_deadline(txn, b, None, "rectification", due, now).await?;
            let mut to = super::notify::users_with_role(txn, b.case.tenant_id, Role::Office).await?;
            if let Some(d) = department_id {
                to.extend(super::notify::department_users(txn, b.case.tenant_id, d, Role::DepartmentLeader).await?);
            }
            notify(
                txn,
                b,
                None,
                &to,
                "rectification_opened",
                &format!("rectification:{rect}"),
                "差评整改",
                &format!(
                    "项目“{}”（{}）收到“{}”评价，请在 15 个工作日内整改并书面回复，并回访企业。",
                    b.case.project_name,
                    b.case.number,
                    level_zh(level)
                ),
                now,
            )
            .await?;
            events.push(NewEvent {
                actor_id: Some(actor.user_id),
                action: "rectification_opened".into(),
                sheet_id: None,
                from_state: None,
                to_state: None,
                payload: json!({"rectification_id": rect.to_string(), "department_id": department_id.map(|d| d.to_string()), "level": level.code(), "due_at": due}),
            });
        }
    }
    Ok(events)
}

pub fn level_zh(l: EvaluationLevel) -> &'static str {
    match l {
        EvaluationLevel::VerySatisfied => "非常满意",
        EvaluationLevel::Satisfied => "满意",
        EvaluationLevel::BasicallySatisfied => "基本满意",
        EvaluationLevel::Dissatisfied => "不满意",
        EvaluationLevel::VeryDissatisfied => "非常不满意",
    }
}

/// Writes the domain's sheet back onto its row (version-guarded), with the queue columns.
async fn write_sheet(
    txn: &DatabaseTransaction,
    row: &SheetRow,
    task: &TaskSheet,
    now: DateTime<Utc>,
    cal: &Calendar,
) -> Result<SheetRow, AppError> {
    let mut changed = row.clone();
    changed.state = task.state.code().to_owned();
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
    let (outcome, number) = match &task.decision {
        Some(Decision::Approved { document_number }) => (Some("approved"), Some(document_number.clone())),
        Some(Decision::NotApproved { .. }) => (Some("not_approved"), None),
        Some(Decision::Withdrawn { .. }) => (Some("withdrawn"), None),
        None => (None, None),
    };
    changed.outcome = outcome.map(str::to_owned);
    changed.document_number = number;
    changed.data = serde_json::to_value(task).map_err(AppError::internal)?;
    sheets::update_guarded(txn, changed, row.version, now).await.map_err(|e| match e {
        StoreError::Conflict(m) => AppError::Conflict(m),
        other => other.into(),
    })
}

/// Records the office time used and promised of finished sheets that have none: those
/// finished before it was kept (migration `000005`). Each is measured as the domain measures
/// a sheet when it finishes, on its county's calendar. Returns how many were measured; a sheet
/// whose stored state cannot be read is left unmeasured (and so out of the averages).
pub async fn measure_unmeasured(ctx: &Context) -> Result<u64, AppError> {
    const BATCH: u64 = 500;
    let mut after = None;
    let mut measured = 0;
    loop {
        let rows = sheets::unmeasured(&ctx.db, after, BATCH).await?;
        let Some(last) = rows.last() else { break };
        after = Some(last.id);
        for row in &rows {
            let Ok(task) = sheet_state(row) else {
                tracing::warn!(sheet = %row.id, "a finished task sheet's stored state cannot be read; its time used is not measured");
                continue;
            };
            let cal = super::calendar::tenant_calendar(ctx, row.tenant_id).await?;
            if let Some(used) = task.time_used(&cal).map_err(AppError::internal)? {
                sheets::set_time_used(&ctx.db, row.id, used.used_minutes(), used.promised_minutes()).await?;
                measured += 1;
            }
        }
        if (rows.len() as u64) < BATCH {
            break;
        }
    }
    Ok(measured)
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
) -> Result<SheetRow, AppError> {
    let now = ctx.clock.now();
    let cal = super::cases::calendar(ctx, actor.tenant_id).await?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let row = sheets::get(&txn, actor.tenant_id, sheet_id).await?;
    let b = load(&txn, actor.tenant_id, row.case_id).await?;
    check_visible(actor, &b)?;
    check_version(row.version, if_match)?;
    if b.case.state != "in_service" {
        return Err(AppError::InvalidTransition {
            state: b.case.state.clone(),
            action: "task_command".into(),
            allowed: vec![],
        });
    }
    if let TaskCommand::Transfer { to_user_id } = cmd {
        let colleague = users::get(&txn, actor.tenant_id, *to_user_id)
            .await
            .map_err(|_| AppError::field("to_user_id", "unknown_user", "没有这个用户", "no such user"))?;
        if colleague.department_id != Some(row.department_id) || colleague.role != "department_agent" {
            return Err(AppError::field(
                "to_user_id",
                "not_a_colleague",
                "只能转办给本部门的帮办代办员",
                "only to an agent of the sheet's department",
            ));
        }
    }
    let task = sheet_state(&row)?;
    let outcome = sheet::apply(&task, domain_command(cmd, &row), &case_actor(actor), now, &cal).map_err(sheet_error)?;
    let updated = write_sheet(&txn, &row, &outcome.sheet, now, &cal).await?;
    let mut events: Vec<NewEvent> =
        outcome.events.iter().map(|e| event_of(Some(actor), row.id, &row.state, &updated.state, e)).collect();
    let item = b.items.iter().find(|i| i.id == row.case_item_id).cloned();
    let item_name = item.as_ref().map(|i| i.name.clone()).unwrap_or_default();

    // Deadlines follow the sheet's clock.
    if row.acknowledged_at.is_none() && updated.acknowledged_at.is_some() {
        deadlines::close(&txn, b.case.id, Some(row.id), "acknowledgement", now).await?;
    }
    if updated.open {
        if updated.state == "paused" {
            // A stopped clock sends no reminders; resumed, the deadline is reopened.
            deadlines::close(&txn, b.case.id, Some(row.id), "finish", now).await?;
        } else if updated.finish_by != row.finish_by
            || row.state == "paused"
            || updated.dispatched_at != row.dispatched_at
        {
            deadlines::close(&txn, b.case.id, Some(row.id), "finish", now).await?;
            open_deadline(&txn, &b, Some(row.id), "finish", updated.finish_by, now).await?;
            if updated.dispatched_at != row.dispatched_at {
                deadlines::close(&txn, b.case.id, Some(row.id), "acknowledgement", now).await?;
                open_deadline(&txn, &b, Some(row.id), "acknowledgement", updated.acknowledge_by, now).await?;
            }
        }
    } else {
        deadlines::close_all(&txn, b.case.id, Some(row.id), now).await?;
    }
    if let TaskCommand::SupplyMissingMaterials { .. } = cmd {
        chase_commitments(&txn, &b, &updated, &outcome.sheet, now, &cal).await?;
    }

    // Who hears of it.
    match cmd {
        TaskCommand::RequestCorrection { reason, materials } => {
            let ent = enterprise_users(&txn, &b).await?;
            notify(
                &txn,
                &b,
                Some(row.id),
                &ent,
                "correction_requested",
                &format!("task:{}:correction:{}", row.id, updated.version),
                &format!("请补正材料：{item_name}"),
                &format!("“{item_name}”需要补正：{}。所需材料：{}", reason.trim(), materials.join("、")),
                now,
            )
            .await?;
        }
        TaskCommand::Finish(_) | TaskCommand::ApproveOnCommitment { .. } | TaskCommand::SendBack { .. } => {
            // The window and the office, read only for the commands that tell them.
            let mut window = super::notify::users_with_role(&txn, b.case.tenant_id, Role::WindowAgent).await?;
            window.extend(super::notify::users_with_role(&txn, b.case.tenant_id, Role::Office).await?);
            notify(
                &txn,
                &b,
                Some(row.id),
                &window,
                "task_result",
                &format!("task:{}:result:{}", row.id, updated.version),
                &format!("任务单有结果：{item_name}"),
                &format!(
                    "项目“{}”（{}）的“{item_name}”：{}。请及时告知企业。",
                    b.case.project_name,
                    b.case.number,
                    updated.outcome.as_deref().map(outcome_zh).unwrap_or("已退回专窗")
                ),
                now,
            )
            .await?;
        }
        TaskCommand::Transfer { to_user_id } => {
            notify(
                &txn,
                &b,
                Some(row.id),
                &[*to_user_id],
                "task_transferred",
                &format!("task:{}:transfer:{}", row.id, updated.version),
                &format!("转办任务单：{item_name}"),
                &format!("项目“{}”（{}）的“{item_name}”已转由您办理，时限不变。", b.case.project_name, b.case.number),
                now,
            )
            .await?;
        }
        _ => {}
    }

    // 告知承诺: a verification sheet for the same department.
    if let (Some(FollowUp::VerificationSheet { department_id }), Some(item)) = (&outcome.follow_up, &item) {
        let verification = cases::add_item(
            &txn,
            b.case.tenant_id,
            b.case.id,
            NewCaseItem {
                catalog_item_id: item.catalog_item_id,
                catalog_version: item.catalog_version,
                name: format!("{}（告知承诺核查）", item.name),
                department_id: *department_id,
                stage: item.stage.clone(),
                legal_limit: None,
                promised_limit: item.promised_limit.clone(),
                allows_tolerance: false,
                allows_commitment: false,
                max_extension_days: None,
                agent_id: item.agent_id,
                materials: json!([]),
                missing_materials: json!([]),
                prerequisites: vec![],
            },
            false,
        )
        .await?;
        let rules = ItemRules { allows_commitment: false, ..item_rules(item) };
        let (vtask, vevent) = TaskSheet::dispatch(*department_id, rules, vec![], now, &cal).map_err(sheet_error)?;
        let vrow = create_sheet(&txn, &b, &verification, "verification", vtask, now, &cal).await?;
        events.push(event_of(Some(actor), vrow.id, "none", "dispatched", &vevent));
    }

    // An approval may make dependent items ready: they are dispatched by themselves. Only a
    // planned item still without a live sheet can be (`dispatch_ready`'s own test), so the
    // case is read again only when there is one.
    let undispatched = b.items.iter().any(|i| {
        i.planned && !b.sheets.iter().any(|s| s.case_item_id == i.id && s.kind == "approval" && s.state != "cancelled")
    });
    if updated.outcome.as_deref() == Some("approved") && updated.kind == "approval" && undispatched {
        let fresh = load(&txn, actor.tenant_id, b.case.id).await?;
        events.extend(dispatch_ready(&txn, None, &fresh, now, &cal).await?);
    }

    // The chain head as it is now (only the case row is needed).
    let case_now = cases::get(&txn, actor.tenant_id, b.case.id).await?;
    history_repo::append(&txn, b.case.tenant_id, b.case.id, &head(&case_now), events, now).await.map_err(
        |e| match e {
            StoreError::Conflict(_) => AppError::Conflict("the case history moved on".into()),
            other => other.into(),
        },
    )?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(updated)
}

pub fn outcome_zh(o: &str) -> &'static str {
    match o {
        "approved" => "已批准",
        "not_approved" => "不予批准",
        "withdrawn" => "已撤回",
        _ => "已办结",
    }
}

/// The window records how the enterprise was told of a sheet's result.
pub async fn record_result_notice(
    ctx: &Context,
    actor: &Actor,
    sheet_id: Uuid,
    input: &ResultNotice,
) -> Result<SheetRow, AppError> {
    if !matches!(actor.role, Role::WindowAgent | Role::Office) {
        return Err(AppError::Forbidden);
    }
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let row = sheets::get(&txn, actor.tenant_id, sheet_id).await?;
    let b = load(&txn, actor.tenant_id, row.case_id).await?;
    check_visible(actor, &b)?;
    if row.outcome.is_none() {
        return Err(AppError::InvalidTransition {
            state: row.state.clone(),
            action: "record_result_notice".into(),
            allowed: vec![],
        });
    }
    let mut changed = row.clone();
    changed.result_notice_channel = Some(input.channel.code().to_owned());
    changed.result_noticed_at = Some(now);
    let updated = sheets::update_guarded(&txn, changed, row.version, now).await.map_err(|e| match e {
        StoreError::Conflict(m) => AppError::Conflict(m),
        other => other.into(),
    })?;
    let item_name = b.items.iter().find(|i| i.id == row.case_item_id).map(|i| i.name.clone()).unwrap_or_default();
    let ent = enterprise_users(&txn, &b).await?;
    notify(
        &txn,
        &b,
        Some(row.id),
        &ent,
        "task_result",
        &format!("task:{}:notice", row.id),
        &format!("办理结果：{item_name}"),
        &format!(
            "“{item_name}”{}{}",
            outcome_zh(row.outcome.as_deref().unwrap_or("")),
            row.document_number.as_deref().map(|n| format!("，文号：{n}")).unwrap_or_default()
        ),
        now,
    )
    .await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: "task_result_noticed".into(),
        sheet_id: Some(row.id),
        from_state: None,
        to_state: None,
        payload: json!({"channel": input.channel.code(), "note": input.note}),
    };
    history_repo::append(&txn, b.case.tenant_id, b.case.id, &head(&b.case), vec![event], now).await.map_err(
        |e| match e {
            StoreError::Conflict(_) => AppError::Conflict("the case history moved on".into()),
            other => other.into(),
        },
    )?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(updated)
}

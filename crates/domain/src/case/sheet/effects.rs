//! What a sheet's change brings besides the sheet itself: the deadlines to open and close,
//! who is told, the verification sheet of a 告知承诺 approval, and the items it makes ready.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{
    FollowUp, ItemRules, MissingMaterial, Outcome, SA, SheetAction, SheetCommand, SheetError, SheetEvent, SheetKind,
    St, TaskSheet, apply,
};
use crate::calendar::{Calendar, CalendarError};
use crate::case::Actor;
use crate::case::deadline::{DeadlineChange, DeadlineKind, DeadlineSubject};
use crate::case::dependencies::{PlanItem, PlanSheet, ready_to_dispatch};
use crate::notice::{DedupeKey, Notice, NoticeParams, ProjectRef, Recipient};
use crate::role::Role;

const SHEET: DeadlineSubject = DeadlineSubject::Sheet;

/// The deadlines that follow a sheet's change from `before` to `after` by `action`: the
/// acknowledgement closes once given; a paused clock closes the finishing deadline (a stopped
/// clock sends no reminders) and a running one that moved (resumed, extended, re-dispatched)
/// opens it again, with a new acknowledgement deadline when re-dispatched; a closed sheet
/// closes them all. Arriving 容缺 materials move or close the commitment deadline.
pub fn deadline_changes(
    before: &TaskSheet,
    after: &TaskSheet,
    action: SheetAction,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<Vec<DeadlineChange>, CalendarError> {
    let mut out = Vec::new();
    if before.acknowledged_at.is_none() && after.acknowledged_at.is_some() {
        out.push(DeadlineChange::close(SHEET, DeadlineKind::Acknowledgement));
    }
    if after.state.is_final() {
        out.push(DeadlineChange::CloseAll { subject: SHEET });
    } else if after.state == St::Paused {
        out.push(DeadlineChange::close(SHEET, DeadlineKind::Finish));
    } else {
        let finish_by = after.finish_deadline(calendar, now)?;
        let redispatched = after.dispatched_at != before.dispatched_at;
        if finish_by != before.finish_deadline(calendar, now)? || before.state == St::Paused || redispatched {
            out.push(DeadlineChange::open(SHEET, DeadlineKind::Finish, finish_by));
            if redispatched {
                out.push(DeadlineChange::open(
                    SHEET,
                    DeadlineKind::Acknowledgement,
                    after.acknowledgement_deadline(calendar)?,
                ));
            }
        }
    }
    if action == SA::SupplyMissingMaterials {
        out.push(commitment_deadline(after, calendar));
    }
    Ok(out)
}

/// 容缺: the enterprise's committed dates are chased like any deadline — due at the close of
/// the earliest committed day among the materials still missing; closed when all arrived.
fn commitment_deadline(sheet: &TaskSheet, calendar: &Calendar) -> DeadlineChange {
    let earliest = sheet.missing_materials.iter().filter(|m| m.supplied_at.is_none()).map(|m| m.committed_by).min();
    match earliest {
        Some(date) if !sheet.state.is_final() => {
            DeadlineChange::open(SHEET, DeadlineKind::MaterialCommitment, calendar.closing(date))
        }
        _ => DeadlineChange::close(SHEET, DeadlineKind::MaterialCommitment),
    }
}

/// What the notifications and the dispatch of ready items need to know of a sheet's case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetFacts {
    /// The sheet's id (to find it among `sheets`).
    pub sheet_id: Uuid,
    /// Approval or verification.
    pub kind: SheetKind,
    /// The case's project.
    pub project: ProjectRef,
    /// The name of the item the sheet handles.
    pub item_name: String,
    /// The case's items.
    pub items: Vec<PlanItem>,
    /// The case's sheets as they were before the command.
    pub sheets: Vec<PlanSheet>,
}

/// A sheet to create, with what comes with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dispatch {
    /// Approval or verification.
    pub kind: SheetKind,
    /// The new sheet.
    pub sheet: TaskSheet,
    /// Its dispatch event.
    pub event: SheetEvent,
    /// Its deadlines (subject: the new sheet).
    pub deadlines: Vec<DeadlineChange>,
    /// Who is told (about the new sheet).
    pub notifications: Vec<Notice>,
}

/// A sheet command decided whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetDecision {
    /// The sheet, its events, its deadlines and its notifications.
    pub outcome: Outcome,
    /// 告知承诺: the verification sheet to create, for a new (unplanned) item named by
    /// [`verification_item_name`] in the department of the follow-up.
    pub verification: Option<Dispatch>,
    /// Plan items an approval made ready: dispatch each (see [`dispatch`]).
    pub ready: Vec<Uuid>,
}

/// The item a plan item dispatches, as [`dispatch`] needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemToDispatch {
    /// The item's name.
    pub name: String,
    /// The department handling it.
    pub department_id: Uuid,
    /// The agent the plan names for it.
    pub agent_id: Option<Uuid>,
    /// Its rules.
    pub rules: ItemRules,
    /// 容缺 materials committed.
    pub missing_materials: Vec<MissingMaterial>,
}

/// The name of the verification item of a 告知承诺 approval of `item`.
pub fn verification_item_name(item: &str) -> String {
    format!("{item}（告知承诺核查）")
}

/// Dispatches a ready item at `now`: the sheet, its event, its acknowledgement, finishing and
/// 容缺 deadlines, and a notice to the plan's agent (or, if none, the department's agents)
/// keyed `task:{id}:dispatched`.
pub fn dispatch(
    item: &ItemToDispatch,
    project: &ProjectRef,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<Dispatch, SheetError> {
    let mut out =
        new_sheet(SheetKind::Approval, item.department_id, item.rules, item.missing_materials.clone(), now, calendar)?;
    let to = match item.agent_id {
        Some(user_id) => Recipient::User { user_id },
        None => Recipient::department(item.department_id, Role::DepartmentAgent),
    };
    let params = NoticeParams::TaskDispatched { project: project.clone(), item: item.name.clone() };
    out.notifications.push(Notice::new(vec![to], DedupeKey::sheet("dispatched", false), params).on_sheet());
    Ok(out)
}

fn new_sheet(
    kind: SheetKind,
    department_id: Uuid,
    rules: ItemRules,
    missing: Vec<MissingMaterial>,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<Dispatch, SheetError> {
    let (sheet, event) = TaskSheet::dispatch(department_id, rules, missing, now, calendar)?;
    let mut deadlines = vec![
        DeadlineChange::open(SHEET, DeadlineKind::Acknowledgement, sheet.acknowledgement_deadline(calendar)?),
        DeadlineChange::open(SHEET, DeadlineKind::Finish, sheet.finish_deadline(calendar, now)?),
    ];
    if let DeadlineChange::Open { .. } = commitment_deadline(&sheet, calendar) {
        deadlines.push(commitment_deadline(&sheet, calendar));
    }
    Ok(Dispatch { kind, sheet, event, deadlines, notifications: Vec::new() })
}

/// Decides `command` on `sheet` whole: [`apply`], then who is told (补正: the enterprise; a
/// result or a send-back: the window and the office; a transfer: the colleague; a
/// cancellation: the department's agents), the verification sheet of a 告知承诺 approval
/// (the sheet's rules without commitment, no notice), and, when an approval sheet is
/// approved, the plan items that became ready.
pub fn decide(
    sheet: &TaskSheet,
    command: SheetCommand,
    actor: &Actor,
    now: DateTime<Utc>,
    calendar: &Calendar,
    facts: &SheetFacts,
) -> Result<SheetDecision, SheetError> {
    let mut outcome = apply(sheet, command.clone(), actor, now, calendar)?;
    let project = facts.project.clone();
    let item = facts.item_name.clone();
    let notice = match command {
        SheetCommand::RequestCorrection { reason, materials } => Some(Notice::new(
            vec![Recipient::Enterprise],
            DedupeKey::sheet("correction", true),
            NoticeParams::CorrectionRequested { item, reason, materials },
        )),
        SheetCommand::Finish { .. } | SheetCommand::ApproveOnCommitment { .. } | SheetCommand::SendBack { .. } => {
            Some(Notice::new(
                vec![Recipient::role(Role::WindowAgent), Recipient::role(Role::Office)],
                DedupeKey::sheet("result", true),
                NoticeParams::TaskResult {
                    project,
                    item,
                    outcome: outcome.sheet.decision.as_ref().map(|d| d.outcome()),
                },
            ))
        }
        SheetCommand::Transfer { to_user_id, .. } => Some(Notice::new(
            vec![Recipient::User { user_id: to_user_id }],
            DedupeKey::sheet("transfer", true),
            NoticeParams::TaskTransferred { project, item },
        )),
        SheetCommand::Cancel { reason } => Some(Notice::new(
            vec![Recipient::department(sheet.department_id, Role::DepartmentAgent)],
            DedupeKey::sheet("cancelled", false),
            NoticeParams::TaskCancelled { project, reason },
        )),
        _ => None,
    };
    outcome.notifications.extend(notice.map(Notice::on_sheet));
    let verification = match &outcome.follow_up {
        Some(FollowUp::VerificationSheet { department_id }) => {
            let rules = ItemRules { allows_commitment: false, ..sheet.rules };
            Some(new_sheet(SheetKind::Verification, *department_id, rules, Vec::new(), now, calendar)?)
        }
        None => None,
    };
    let approved = outcome.sheet.decision.as_ref().is_some_and(|d| d.outcome() == super::SheetOutcome::Approved);
    let ready = if approved && facts.kind == SheetKind::Approval {
        let mut sheets = facts.sheets.clone();
        for s in sheets.iter_mut().filter(|s| s.id == facts.sheet_id) {
            s.state = outcome.sheet.state;
            s.outcome = outcome.sheet.decision.as_ref().map(|d| d.outcome());
        }
        ready_to_dispatch(&facts.items, &sheets)
    } else {
        Vec::new()
    };
    Ok(SheetDecision { outcome, verification, ready })
}

/// The window may record how the enterprise was told of a result (the window and the office).
pub fn may_record_result_notice(role: Role) -> bool {
    matches!(role, Role::WindowAgent | Role::Office)
}

/// The enterprise's notice of a sheet's result, once recorded by the window, linking the
/// approval document when one is attached: keyed `task:{id}:notice`.
pub fn result_notice(item: &str, decision: &super::Decision, document_file_id: Option<uuid::Uuid>) -> Notice {
    let params = NoticeParams::ResultNoticed {
        item: item.to_owned(),
        outcome: decision.outcome(),
        document_number: decision.document_number().map(str::to_owned),
        document_file_id,
    };
    Notice::new(vec![Recipient::Enterprise], DedupeKey::sheet("notice", false), params).on_sheet()
}

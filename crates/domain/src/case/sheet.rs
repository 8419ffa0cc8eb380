//! Task sheets (任务分送单及回执): one per item per department, with their clock.
//!
//! ```text
//! dispatched   ──acknowledge───────────▶ acknowledged
//! acknowledged ──request_correction────▶ paused ──supply_correction──▶ acknowledged
//! acknowledged ──finish────────────────▶ finished (approved | not_approved | withdrawn)
//! paused       ──finish────────────────▶ finished (not_approved | withdrawn)
//! acknowledged ──approve_on_commitment─▶ finished (approved) + a verification sheet to create
//! dispatched | acknowledged ──send_back▶ sent_back ──redispatch──▶ dispatched (new clock)
//! dispatched | acknowledged | paused | sent_back ──cancel──▶ cancelled
//! extend (acknowledged), transfer and supply_missing_materials (open states) keep the state
//! ```
//!
//! **Clock.** The sheet must be acknowledged within [`ACKNOWLEDGE_WITHIN_OFFICE_MINUTES`]
//! office minutes of dispatch, and finished within the item's promised [`TimeLimit`] counted
//! from dispatch (the first handler's clock does not wait for the acknowledgement). Every 补正
//! pause is recorded and its office time added back (see [`crate::calendar::Pause`]); an
//! extension adds its working days as whole office days of time. A transfer keeps the clock; a
//! re-dispatch after a send-back starts a new one (earlier pauses then no longer count, a used
//! extension stays used).
//!
//! **容缺.** A sheet may start with committed missing materials; an approval waits until all
//! are supplied. **告知承诺.** Where the item allows it, the sheet is approved at once and
//! the outcome asks the caller to create a verification sheet.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Actor, list};
use crate::calendar::{Calendar, CalendarError, Pause};
use crate::role::Role;
use crate::time_limit::TimeLimit;

/// Office minutes allowed for the acknowledgement (回执), SPEC §4.
pub const ACKNOWLEDGE_WITHIN_OFFICE_MINUTES: u32 = 30;

/// Where a sheet stands. The snake_case codes are part of the HTTP contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetState {
    /// Sent to the department, waiting for its acknowledgement.
    Dispatched,
    /// Acknowledged; the department handles it.
    Acknowledged,
    /// Waiting for the enterprise's corrected or extra materials (补正); the clock is stopped.
    Paused,
    /// Finished with a [`Decision`].
    Finished,
    /// Sent back to the window (退回), to be re-dispatched or cancelled.
    SentBack,
    /// Cancelled because the case was terminated.
    Cancelled,
}

impl SheetState {
    /// Whether nothing more can happen to the sheet.
    pub fn is_final(self) -> bool {
        matches!(self, SheetState::Finished | SheetState::Cancelled)
    }
}

/// What is done to a sheet. The snake_case codes are part of the HTTP contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetAction {
    /// 回执: the department takes the sheet.
    Acknowledge,
    /// 补正: ask the enterprise for corrected or extra materials; stops the clock.
    RequestCorrection,
    /// The corrected materials arrived; the clock runs again.
    SupplyCorrection,
    /// 容缺 materials arrived.
    SupplyMissingMaterials,
    /// 延期: extend the time limit, once, where the item allows.
    Extend,
    /// Record the decision.
    Finish,
    /// 告知承诺: approve on the enterprise's commitment.
    ApproveOnCommitment,
    /// 退回: send the sheet back to the window.
    SendBack,
    /// Dispatch a sent-back sheet again.
    Redispatch,
    /// 转办: hand the sheet to a colleague of the same department.
    Transfer,
    /// Cancel (the case was terminated).
    Cancel,
}

impl SheetAction {
    /// The stable code (as serialised).
    pub fn code(self) -> &'static str {
        match self {
            SheetAction::Acknowledge => "acknowledge",
            SheetAction::RequestCorrection => "request_correction",
            SheetAction::SupplyCorrection => "supply_correction",
            SheetAction::SupplyMissingMaterials => "supply_missing_materials",
            SheetAction::Extend => "extend",
            SheetAction::Finish => "finish",
            SheetAction::ApproveOnCommitment => "approve_on_commitment",
            SheetAction::SendBack => "send_back",
            SheetAction::Redispatch => "redispatch",
            SheetAction::Transfer => "transfer",
            SheetAction::Cancel => "cancel",
        }
    }
}

impl std::fmt::Display for SheetAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl SheetState {
    /// The stable code (as serialised).
    pub fn code(self) -> &'static str {
        match self {
            SheetState::Dispatched => "dispatched",
            SheetState::Acknowledged => "acknowledged",
            SheetState::Paused => "paused",
            SheetState::Finished => "finished",
            SheetState::SentBack => "sent_back",
            SheetState::Cancelled => "cancelled",
        }
    }
}

impl std::fmt::Display for SheetState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

/// Who may take an action on a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    /// The holder: the sheet's assigned agent or, while nobody holds it, any agent of its
    /// department; the department's leader always.
    Holder,
    /// The leader of the sheet's department.
    DepartmentLeader,
    /// The service window: window agents and the office.
    Window,
    /// Whoever brings materials: the enterprise, the window, the office, the department.
    Supplier,
}

/// One row of [`SHEET_RULES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SheetRule {
    /// The action.
    pub action: SheetAction,
    /// States it may be taken from.
    pub from: &'static [SheetState],
    /// Who may take it.
    pub who: Who,
}

use SheetAction as SA;
use SheetState as St;

const OPEN: &[SheetState] = &[St::Dispatched, St::Acknowledged, St::Paused];

/// Which action is possible from which states, and by whom. Targets: see the module diagram.
#[rustfmt::skip]
pub static SHEET_RULES: &[SheetRule] = &[
    SheetRule { action: SA::Acknowledge,            from: &[St::Dispatched],                    who: Who::Holder },
    SheetRule { action: SA::RequestCorrection,      from: &[St::Acknowledged],                  who: Who::Holder },
    SheetRule { action: SA::SupplyCorrection,       from: &[St::Paused],                        who: Who::Supplier },
    SheetRule { action: SA::SupplyMissingMaterials, from: OPEN,                                 who: Who::Supplier },
    SheetRule { action: SA::Extend,                 from: &[St::Acknowledged],                  who: Who::DepartmentLeader },
    SheetRule { action: SA::Finish,                 from: &[St::Acknowledged, St::Paused],      who: Who::Holder },
    SheetRule { action: SA::ApproveOnCommitment,    from: &[St::Acknowledged],                  who: Who::Holder },
    SheetRule { action: SA::SendBack,               from: &[St::Dispatched, St::Acknowledged],  who: Who::Holder },
    SheetRule { action: SA::Redispatch,             from: &[St::SentBack],                      who: Who::Window },
    SheetRule { action: SA::Transfer,               from: OPEN,                                 who: Who::Holder },
    SheetRule { action: SA::Cancel,                 from: &[St::Dispatched, St::Acknowledged, St::Paused, St::SentBack], who: Who::Window },
];

/// The rules of the item a sheet handles, as planned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRules {
    /// The promised time limit (承诺时限).
    pub promised: TimeLimit,
    /// The longest extension in working days; `None` when the item allows none.
    pub max_extension_working_days: Option<u32>,
    /// Whether the item supports notification-commitment (告知承诺).
    pub allows_commitment: bool,
}

/// A material accepted as missing (容缺), with the enterprise's committed date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingMaterial {
    /// The material's name.
    pub name: String,
    /// The date the enterprise committed to supply it by.
    pub committed_by: NaiveDate,
    /// When it arrived.
    pub supplied_at: Option<DateTime<Utc>>,
}

/// One clock stop with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClockStop {
    /// Start and end of the stop.
    #[serde(flatten)]
    pub pause: Pause,
    /// Why, e.g. the materials asked for.
    pub reason: String,
}

/// A granted extension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    /// Working days added.
    pub working_days: u32,
    /// Why.
    pub reason: String,
    /// When it was granted.
    pub granted_at: DateTime<Utc>,
}

/// How a sheet ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Decision {
    /// Approved, with the approval document's number.
    Approved {
        /// The document number (文号).
        document_number: String,
    },
    /// Not approved.
    NotApproved {
        /// Why.
        reason: String,
    },
    /// The enterprise withdrew the application.
    Withdrawn {
        /// Why.
        reason: String,
    },
}

/// A task sheet as the rules see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskSheet {
    /// The department it is sent to.
    pub department_id: Uuid,
    /// Where it stands.
    pub state: SheetState,
    /// The item's rules.
    pub rules: ItemRules,
    /// When the current clock started.
    pub dispatched_at: DateTime<Utc>,
    /// Who holds it.
    pub assignee_id: Option<Uuid>,
    /// When it was acknowledged.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// Every clock stop, oldest first.
    pub stops: Vec<ClockStop>,
    /// The extension, if granted.
    pub extension: Option<Extension>,
    /// Materials accepted as missing (容缺).
    pub missing_materials: Vec<MissingMaterial>,
    /// The decision, once finished.
    pub decision: Option<Decision>,
    /// Whether the approval was granted on commitment (告知承诺).
    pub approved_on_commitment: bool,
    /// When it was finished or cancelled.
    pub closed_at: Option<DateTime<Utc>>,
}

/// What a finished sheet's clock used against what it was promised, in office time (see
/// [`TaskSheet::time_used`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeUsed {
    /// Office time from dispatch to close, pauses left out.
    pub used: TimeDelta,
    /// Office time from dispatch to the promised deadline, with the extension.
    pub promised: TimeDelta,
}

impl TimeUsed {
    /// Whole office minutes used, as stored (saturating).
    pub fn used_minutes(self) -> i32 {
        i32::try_from(self.used.num_minutes()).unwrap_or(i32::MAX)
    }

    /// Whole office minutes promised, as stored (saturating).
    pub fn promised_minutes(self) -> i32 {
        i32::try_from(self.promised.num_minutes()).unwrap_or(i32::MAX)
    }
}

/// A command to a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum SheetCommand {
    /// See [`SheetAction::Acknowledge`].
    Acknowledge,
    /// See [`SheetAction::RequestCorrection`].
    RequestCorrection {
        /// Why.
        reason: String,
        /// The materials asked for.
        materials: Vec<String>,
    },
    /// See [`SheetAction::SupplyCorrection`].
    SupplyCorrection,
    /// See [`SheetAction::SupplyMissingMaterials`].
    SupplyMissingMaterials {
        /// Names of the materials that arrived.
        names: Vec<String>,
    },
    /// See [`SheetAction::Extend`].
    Extend {
        /// Working days to add.
        working_days: u32,
        /// Why.
        reason: String,
    },
    /// See [`SheetAction::Finish`].
    Finish {
        /// The decision.
        decision: Decision,
    },
    /// See [`SheetAction::ApproveOnCommitment`].
    ApproveOnCommitment {
        /// The document number.
        document_number: String,
    },
    /// See [`SheetAction::SendBack`].
    SendBack {
        /// Why.
        reason: String,
    },
    /// See [`SheetAction::Redispatch`].
    Redispatch {
        /// The department to send it to (the same or another).
        department_id: Uuid,
    },
    /// See [`SheetAction::Transfer`].
    Transfer {
        /// The colleague.
        to_user_id: Uuid,
        /// The colleague's department; must be the sheet's.
        to_department_id: Uuid,
    },
    /// See [`SheetAction::Cancel`].
    Cancel {
        /// Why.
        reason: String,
    },
}

impl SheetCommand {
    /// The action the command performs.
    pub fn action(&self) -> SheetAction {
        match self {
            SheetCommand::Acknowledge => SA::Acknowledge,
            SheetCommand::RequestCorrection { .. } => SA::RequestCorrection,
            SheetCommand::SupplyCorrection => SA::SupplyCorrection,
            SheetCommand::SupplyMissingMaterials { .. } => SA::SupplyMissingMaterials,
            SheetCommand::Extend { .. } => SA::Extend,
            SheetCommand::Finish { .. } => SA::Finish,
            SheetCommand::ApproveOnCommitment { .. } => SA::ApproveOnCommitment,
            SheetCommand::SendBack { .. } => SA::SendBack,
            SheetCommand::Redispatch { .. } => SA::Redispatch,
            SheetCommand::Transfer { .. } => SA::Transfer,
            SheetCommand::Cancel { .. } => SA::Cancel,
        }
    }
}

/// What happened, to append to the case history (the payload of one history event).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SheetEvent {
    /// The sheet was dispatched.
    Dispatched {
        /// Department.
        department_id: Uuid,
        /// Acknowledgement due.
        acknowledge_by: DateTime<Utc>,
        /// Finishing due (without pauses).
        finish_by: DateTime<Utc>,
    },
    /// The department acknowledged.
    Acknowledged {
        /// Within the 30 office minutes.
        on_time: bool,
    },
    /// 补正 requested; the clock stopped.
    CorrectionRequested {
        /// Why.
        reason: String,
        /// Materials asked for.
        materials: Vec<String>,
    },
    /// Corrections arrived; the clock runs again.
    CorrectionSupplied {
        /// Office minutes this stop lasted.
        paused_office_minutes: i64,
        /// The finishing deadline now.
        finish_by: DateTime<Utc>,
    },
    /// 容缺 materials arrived.
    MissingMaterialsSupplied {
        /// Which.
        names: Vec<String>,
        /// How many are still missing.
        still_missing: usize,
    },
    /// Extension granted.
    Extended {
        /// Working days added.
        working_days: u32,
        /// Why.
        reason: String,
        /// The finishing deadline now.
        finish_by: DateTime<Utc>,
    },
    /// Finished.
    Finished {
        /// The decision.
        decision: Decision,
        /// Within the (shifted, extended) deadline.
        on_time: bool,
    },
    /// Approved on commitment (告知承诺); a verification sheet is due.
    ApprovedOnCommitment {
        /// The document number.
        document_number: String,
        /// Within the deadline.
        on_time: bool,
    },
    /// Sent back to the window.
    SentBack {
        /// Why.
        reason: String,
    },
    /// Dispatched again; a new clock.
    Redispatched {
        /// Department.
        department_id: Uuid,
        /// Acknowledgement due.
        acknowledge_by: DateTime<Utc>,
        /// Finishing due (without pauses).
        finish_by: DateTime<Utc>,
    },
    /// Handed to a colleague; the clock continues.
    Transferred {
        /// The previous holder.
        from_user_id: Option<Uuid>,
        /// The new holder.
        to_user_id: Uuid,
    },
    /// Cancelled.
    Cancelled {
        /// Why.
        reason: String,
    },
}

impl SheetEvent {
    /// The event's stable code (its serialised `type`), e.g. for the history's `action`.
    pub fn code(&self) -> &'static str {
        match self {
            SheetEvent::Dispatched { .. } => "dispatched",
            SheetEvent::Acknowledged { .. } => "acknowledged",
            SheetEvent::CorrectionRequested { .. } => "correction_requested",
            SheetEvent::CorrectionSupplied { .. } => "correction_supplied",
            SheetEvent::MissingMaterialsSupplied { .. } => "missing_materials_supplied",
            SheetEvent::Extended { .. } => "extended",
            SheetEvent::Finished { .. } => "finished",
            SheetEvent::ApprovedOnCommitment { .. } => "approved_on_commitment",
            SheetEvent::SentBack { .. } => "sent_back",
            SheetEvent::Redispatched { .. } => "redispatched",
            SheetEvent::Transferred { .. } => "transferred",
            SheetEvent::Cancelled { .. } => "cancelled",
        }
    }
}

/// Work the caller must create because of an outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum FollowUp {
    /// 告知承诺: a verification sheet for the same item and department.
    VerificationSheet {
        /// The department that verifies the commitment.
        department_id: Uuid,
    },
}

/// The result of an accepted command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outcome {
    /// The sheet after the command.
    pub sheet: TaskSheet,
    /// Events to append, in order.
    pub events: Vec<SheetEvent>,
    /// Work to create, if any.
    pub follow_up: Option<FollowUp>,
}

/// Why a sheet command is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SheetError {
    /// The action does not exist from this state.
    #[error("cannot {action} a sheet that is {state}; possible: {}", list(allowed))]
    NotAllowed {
        /// Current state.
        state: SheetState,
        /// The refused action.
        action: SheetAction,
        /// Actions possible from `state`.
        allowed: Vec<SheetAction>,
    },
    /// The actor's role may not take the action.
    #[error("role {role} may not {action} a task sheet")]
    Forbidden {
        /// The refused action.
        action: SheetAction,
        /// The actor's role.
        role: Role,
    },
    /// The actor is not of the sheet's department.
    #[error("only the sheet's department may {action} it")]
    OtherDepartment {
        /// The refused action.
        action: SheetAction,
    },
    /// Another agent holds the sheet.
    #[error("only the holder of the sheet or the department leader may {action} it")]
    NotTheHolder {
        /// The refused action.
        action: SheetAction,
    },
    /// A reason is required.
    #[error("{action} needs a reason")]
    ReasonRequired {
        /// The refused action.
        action: SheetAction,
    },
    /// An approval needs its document number.
    #[error("an approval needs the document number")]
    DocumentNumberRequired,
    /// Committed materials are still missing (容缺).
    #[error("materials still missing: {}", list(names))]
    MaterialsOutstanding {
        /// Their names.
        names: Vec<String>,
    },
    /// Materials named that are not outstanding.
    #[error("not among the missing materials: {}", list(names))]
    UnknownMaterials {
        /// The unknown names (all names when none were given).
        names: Vec<String>,
    },
    /// The item allows no extension.
    #[error("the item allows no extension")]
    ExtensionNotAllowed,
    /// The sheet was already extended once.
    #[error("the sheet was already extended")]
    AlreadyExtended,
    /// The extension is zero or longer than the item's maximum.
    #[error("an extension must be 1 to {max} working days, not {requested}")]
    ExtensionOutOfBounds {
        /// Requested working days.
        requested: u32,
        /// The item's maximum.
        max: u32,
    },
    /// The deadline has already passed.
    #[error("the deadline {deadline} has passed; no extension")]
    ExtensionAfterDeadline {
        /// The deadline.
        deadline: DateTime<Utc>,
    },
    /// The item does not support 告知承诺.
    #[error("the item does not support approval on commitment")]
    CommitmentNotAllowed,
    /// A paused sheet can be refused or withdrawn but not approved.
    #[error("a sheet waiting for corrections cannot be approved")]
    ApprovalWhilePaused,
    /// A transfer stays within the department.
    #[error("a sheet can only be transferred within its department")]
    TransferOutsideDepartment,
    /// The colleague already holds the sheet.
    #[error("the sheet is already held by that user")]
    AlreadyHeld,
    /// A deadline could not be computed.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

impl TaskSheet {
    /// A sheet dispatched at `now` to `department_id`, with its dispatch event.
    pub fn dispatch(
        department_id: Uuid,
        rules: ItemRules,
        missing_materials: Vec<MissingMaterial>,
        now: DateTime<Utc>,
        calendar: &Calendar,
    ) -> Result<(TaskSheet, SheetEvent), SheetError> {
        let sheet = TaskSheet {
            department_id,
            state: St::Dispatched,
            rules,
            dispatched_at: now,
            assignee_id: None,
            acknowledged_at: None,
            stops: Vec::new(),
            extension: None,
            missing_materials,
            decision: None,
            approved_on_commitment: false,
            closed_at: None,
        };
        let event = SheetEvent::Dispatched {
            department_id,
            acknowledge_by: sheet.acknowledgement_deadline(calendar)?,
            finish_by: sheet.finish_deadline(calendar, now)?,
        };
        Ok((sheet, event))
    }

    /// When the acknowledgement is due: 30 office minutes after dispatch.
    pub fn acknowledgement_deadline(&self, calendar: &Calendar) -> Result<DateTime<Utc>, CalendarError> {
        calendar.add_office_minutes(self.dispatched_at, ACKNOWLEDGE_WITHIN_OFFICE_MINUTES)
    }

    /// When the sheet must be finished: the promised limit from dispatch, plus the extension
    /// (as whole office days), shifted by the clock stops (an open one counting until `now`).
    pub fn finish_deadline(&self, calendar: &Calendar, now: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        let base = self.rules.promised.deadline(self.dispatched_at, calendar)?;
        let extra_days = self.extension.as_ref().map_or(0, |e| e.working_days);
        let extra = calendar.office_hours().per_day() * i32::try_from(extra_days).unwrap_or(i32::MAX);
        let extended = calendar.add_office_time(base, extra)?;
        let pauses: Vec<Pause> = self.stops.iter().map(|s| s.pause).collect();
        calendar.shift_deadline(self.dispatched_at, extended, &pauses, now)
    }

    /// Office time the clock ran and office time it was promised, once the sheet is finished:
    /// the figures behind "average working days used against promised" (SPEC §6). Both are
    /// counted from dispatch on the same calendar, so a sheet finished on its deadline used
    /// exactly what it was promised:
    /// - used: dispatch to close, less the office time spent paused (补正);
    /// - promised: dispatch to the promised limit's deadline, plus the extension's days.
    ///
    /// `None` while the sheet is open, and for a cancelled sheet (nobody was asked to finish it).
    pub fn time_used(&self, calendar: &Calendar) -> Result<Option<TimeUsed>, CalendarError> {
        let Some(closed_at) = self.closed_at.filter(|_| self.state == St::Finished) else {
            return Ok(None);
        };
        let ran = calendar.office_time_between(self.dispatched_at, closed_at);
        let used = (ran - self.paused_office_time(calendar, closed_at)).max(TimeDelta::zero());
        let base = self.rules.promised.deadline(self.dispatched_at, calendar)?;
        let extra_days = self.extension.as_ref().map_or(0, |e| e.working_days);
        let promised = calendar.office_time_between(self.dispatched_at, base)
            + calendar.office_hours().per_day() * i32::try_from(extra_days).unwrap_or(i32::MAX);
        Ok(Some(TimeUsed { used, promised }))
    }

    /// Whether the clock is stopped.
    pub fn is_paused(&self) -> bool {
        self.state == St::Paused
    }

    /// Whether the open sheet has passed its finishing deadline at `now`.
    pub fn is_overdue(&self, calendar: &Calendar, now: DateTime<Utc>) -> Result<bool, CalendarError> {
        Ok(OPEN.contains(&self.state) && now > self.finish_deadline(calendar, now)?)
    }

    /// Names of committed materials not yet supplied.
    pub fn outstanding_materials(&self) -> Vec<String> {
        self.missing_materials.iter().filter(|m| m.supplied_at.is_none()).map(|m| m.name.clone()).collect()
    }

    /// Office time the sheet has spent stopped (open stop until `now`).
    pub fn paused_office_time(&self, calendar: &Calendar, now: DateTime<Utc>) -> TimeDelta {
        let pauses: Vec<Pause> = self.stops.iter().map(|s| s.pause).collect();
        calendar.paused_office_time(self.dispatched_at, &pauses, now)
    }

    fn close_open_stop(&mut self, now: DateTime<Utc>) -> Option<Pause> {
        let stop = self.stops.last_mut().filter(|s| s.pause.is_open())?;
        stop.pause.end = Some(now.max(stop.pause.start));
        Some(stop.pause)
    }
}

/// The actions possible from `state`, in table order.
pub fn allowed_sheet_actions(state: SheetState) -> Vec<SheetAction> {
    SHEET_RULES.iter().filter(|r| r.from.contains(&state)).map(|r| r.action).collect()
}

/// Decides `command` on `sheet` by `actor` at `now`: checks the table, the actor and the
/// command's own rules, and returns the new sheet with the events to append.
pub fn apply(
    sheet: &TaskSheet,
    command: SheetCommand,
    actor: &Actor,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<Outcome, SheetError> {
    let action = command.action();
    let rule = SHEET_RULES.iter().find(|r| r.action == action && r.from.contains(&sheet.state)).ok_or_else(|| {
        SheetError::NotAllowed { state: sheet.state, action, allowed: allowed_sheet_actions(sheet.state) }
    })?;
    check_who(rule.who, sheet, action, actor)?;
    let mut next = sheet.clone();
    let mut follow_up = None;
    let event = match command {
        SheetCommand::Acknowledge => acknowledge(&mut next, actor, now, calendar)?,
        SheetCommand::RequestCorrection { reason, materials } => {
            let reason = required(reason, action)?;
            next.stops.push(ClockStop { pause: Pause::open(now), reason: reason.clone() });
            next.state = St::Paused;
            SheetEvent::CorrectionRequested { reason, materials }
        }
        SheetCommand::SupplyCorrection => {
            let pause = next.close_open_stop(now);
            next.state = St::Acknowledged;
            let paused =
                pause.map_or(TimeDelta::zero(), |p| calendar.office_time_between(p.start, p.end.unwrap_or(now)));
            SheetEvent::CorrectionSupplied {
                paused_office_minutes: paused.num_minutes(),
                finish_by: next.finish_deadline(calendar, now)?,
            }
        }
        SheetCommand::SupplyMissingMaterials { names } => supply(&mut next, names, now)?,
        SheetCommand::Extend { working_days, reason } => extend(&mut next, working_days, reason, now, calendar)?,
        SheetCommand::Finish { decision } => {
            let on_time = finish(&mut next, &decision, now, calendar)?;
            SheetEvent::Finished { decision, on_time }
        }
        SheetCommand::ApproveOnCommitment { document_number } => {
            if !next.rules.allows_commitment {
                return Err(SheetError::CommitmentNotAllowed);
            }
            let decision = Decision::Approved { document_number: document_number.clone() };
            let on_time = finish(&mut next, &decision, now, calendar)?;
            next.approved_on_commitment = true;
            follow_up = Some(FollowUp::VerificationSheet { department_id: next.department_id });
            SheetEvent::ApprovedOnCommitment { document_number, on_time }
        }
        SheetCommand::SendBack { reason } => {
            next.state = St::SentBack;
            SheetEvent::SentBack { reason: required(reason, action)? }
        }
        SheetCommand::Redispatch { department_id } => {
            next.state = St::Dispatched;
            next.department_id = department_id;
            next.dispatched_at = now;
            next.assignee_id = None;
            next.acknowledged_at = None;
            SheetEvent::Redispatched {
                department_id,
                acknowledge_by: next.acknowledgement_deadline(calendar)?,
                finish_by: next.finish_deadline(calendar, now)?,
            }
        }
        SheetCommand::Transfer { to_user_id, to_department_id } => {
            if to_department_id != next.department_id {
                return Err(SheetError::TransferOutsideDepartment);
            }
            if next.assignee_id == Some(to_user_id) {
                return Err(SheetError::AlreadyHeld);
            }
            let from_user_id = next.assignee_id.replace(to_user_id);
            SheetEvent::Transferred { from_user_id, to_user_id }
        }
        SheetCommand::Cancel { reason } => {
            let reason = required(reason, action)?;
            next.close_open_stop(now);
            next.state = St::Cancelled;
            next.closed_at = Some(now);
            SheetEvent::Cancelled { reason }
        }
    };
    Ok(Outcome { sheet: next, events: vec![event], follow_up })
}

fn check_who(who: Who, sheet: &TaskSheet, action: SheetAction, actor: &Actor) -> Result<(), SheetError> {
    let forbidden = || SheetError::Forbidden { action, role: actor.role };
    let in_department = actor.department_id == Some(sheet.department_id);
    match who {
        Who::Window => matches!(actor.role, Role::WindowAgent | Role::Office).then_some(()).ok_or_else(forbidden),
        Who::Supplier => match actor.role {
            Role::Enterprise | Role::WindowAgent | Role::Office => Ok(()),
            Role::DepartmentAgent | Role::DepartmentLeader if in_department => Ok(()),
            Role::DepartmentAgent | Role::DepartmentLeader => Err(SheetError::OtherDepartment { action }),
            _ => Err(forbidden()),
        },
        Who::DepartmentLeader => match actor.role {
            Role::DepartmentLeader if in_department => Ok(()),
            Role::DepartmentLeader => Err(SheetError::OtherDepartment { action }),
            _ => Err(forbidden()),
        },
        Who::Holder => match actor.role {
            Role::DepartmentAgent | Role::DepartmentLeader if !in_department => {
                Err(SheetError::OtherDepartment { action })
            }
            Role::DepartmentLeader => Ok(()),
            Role::DepartmentAgent => match sheet.assignee_id {
                Some(holder) if holder != actor.user_id => Err(SheetError::NotTheHolder { action }),
                _ => Ok(()),
            },
            _ => Err(forbidden()),
        },
    }
}

fn required(text: String, action: SheetAction) -> Result<String, SheetError> {
    if text.trim().is_empty() { Err(SheetError::ReasonRequired { action }) } else { Ok(text) }
}

fn acknowledge(
    sheet: &mut TaskSheet,
    actor: &Actor,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<SheetEvent, SheetError> {
    let on_time = now <= sheet.acknowledgement_deadline(calendar)?;
    sheet.state = St::Acknowledged;
    sheet.acknowledged_at = Some(now);
    sheet.assignee_id.get_or_insert(actor.user_id);
    Ok(SheetEvent::Acknowledged { on_time })
}

fn supply(sheet: &mut TaskSheet, names: Vec<String>, now: DateTime<Utc>) -> Result<SheetEvent, SheetError> {
    let outstanding = sheet.outstanding_materials();
    let unknown: Vec<String> = names.iter().filter(|n| !outstanding.contains(n)).cloned().collect();
    if names.is_empty() || !unknown.is_empty() {
        return Err(SheetError::UnknownMaterials { names: unknown });
    }
    for material in &mut sheet.missing_materials {
        if material.supplied_at.is_none() && names.contains(&material.name) {
            material.supplied_at = Some(now);
        }
    }
    Ok(SheetEvent::MissingMaterialsSupplied { names, still_missing: sheet.outstanding_materials().len() })
}

fn extend(
    sheet: &mut TaskSheet,
    working_days: u32,
    reason: String,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<SheetEvent, SheetError> {
    let max = sheet.rules.max_extension_working_days.ok_or(SheetError::ExtensionNotAllowed)?;
    if sheet.extension.is_some() {
        return Err(SheetError::AlreadyExtended);
    }
    if working_days == 0 || working_days > max {
        return Err(SheetError::ExtensionOutOfBounds { requested: working_days, max });
    }
    let reason = required(reason, SA::Extend)?;
    let deadline = sheet.finish_deadline(calendar, now)?;
    if now > deadline {
        return Err(SheetError::ExtensionAfterDeadline { deadline });
    }
    sheet.extension = Some(Extension { working_days, reason: reason.clone(), granted_at: now });
    Ok(SheetEvent::Extended { working_days, reason, finish_by: sheet.finish_deadline(calendar, now)? })
}

/// Records `decision`; returns whether it came within the deadline.
fn finish(
    sheet: &mut TaskSheet,
    decision: &Decision,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<bool, SheetError> {
    match decision {
        Decision::Approved { document_number } => {
            if sheet.state == St::Paused {
                return Err(SheetError::ApprovalWhilePaused);
            }
            if document_number.trim().is_empty() {
                return Err(SheetError::DocumentNumberRequired);
            }
            let names = sheet.outstanding_materials();
            if !names.is_empty() {
                return Err(SheetError::MaterialsOutstanding { names });
            }
        }
        Decision::NotApproved { reason } | Decision::Withdrawn { reason } => {
            required(reason.clone(), SA::Finish)?;
        }
    }
    let on_time = now <= sheet.finish_deadline(calendar, now)?;
    sheet.close_open_stop(now);
    sheet.state = St::Finished;
    sheet.decision = Some(decision.clone());
    sheet.closed_at = Some(now);
    Ok(on_time)
}

#[cfg(test)]
mod tests;

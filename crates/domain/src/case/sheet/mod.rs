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
//! The diagram is [`SHEET_RULES`]: each row names its target ([`SheetTarget`]), and
//! [`apply`] takes the new state from it.
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

mod apply;
mod command;
mod effects;
mod kinds;
mod model;

use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub use apply::{actions_for, apply, may};
pub use command::{FollowUp, Outcome, SheetCommand, SheetError, SheetEvent};
pub use effects::*;
pub use kinds::{ResultNoticeChannel, SheetKind, SheetOutcome};
pub use model::{ClockStop, Decision, Extension, ItemRules, MissingMaterial, TaskSheet, TimeUsed};

use crate::codes::UnknownCode;
use crate::role::Role;

/// Office minutes allowed for the acknowledgement (回执), SPEC §4.
pub const ACKNOWLEDGE_WITHIN_OFFICE_MINUTES: u32 = 30;

/// Where a sheet stands. The snake_case codes are part of the HTTP contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
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
    /// Every action, in table order.
    pub const ALL: [SheetAction; 11] = [
        SA::Acknowledge,
        SA::RequestCorrection,
        SA::SupplyCorrection,
        SA::SupplyMissingMaterials,
        SA::Extend,
        SA::Finish,
        SA::ApproveOnCommitment,
        SA::SendBack,
        SA::Redispatch,
        SA::Transfer,
        SA::Cancel,
    ];

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
    /// Every state, dispatch first.
    pub const ALL: [SheetState; 6] =
        [St::Dispatched, St::Acknowledged, St::Paused, St::Finished, St::SentBack, St::Cancelled];

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

impl FromStr for SheetState {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|x| x.code() == s)
            .ok_or_else(|| UnknownCode { kind: "sheet state", code: s.to_owned() })
    }
}

impl FromStr for SheetAction {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|x| x.code() == s)
            .ok_or_else(|| UnknownCode { kind: "sheet action", code: s.to_owned() })
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

impl Who {
    /// Whether `role` is ever among those who may act (the sheet's department and holder
    /// decide further, see `apply`): what a caller's role alone allows, before any sheet is
    /// read.
    pub fn admits(self, role: Role) -> bool {
        match self {
            Who::Holder => matches!(role, Role::DepartmentAgent | Role::DepartmentLeader),
            Who::DepartmentLeader => role == Role::DepartmentLeader,
            Who::Window => matches!(role, Role::WindowAgent | Role::Office),
            Who::Supplier => matches!(
                role,
                Role::Enterprise | Role::WindowAgent | Role::Office | Role::DepartmentAgent | Role::DepartmentLeader
            ),
        }
    }
}

/// Who may take `action`, by its row in [`SHEET_RULES`] (one per action).
pub fn who_takes(action: SheetAction) -> Option<Who> {
    SHEET_RULES.iter().find(|r| r.action == action).map(|r| r.who)
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
    /// Where it leads.
    pub to: SheetTarget,
}

/// Where a sheet action leads, as [`SHEET_RULES`] names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetTarget {
    /// A fixed state.
    To(SheetState),
    /// The state the sheet is in (the action changes the clock, the holder or the materials).
    Same,
}

impl SheetTarget {
    /// The state a sheet in `from` is in after the action.
    pub fn state_from(self, from: SheetState) -> SheetState {
        match self {
            SheetTarget::To(to) => to,
            SheetTarget::Same => from,
        }
    }
}

use SheetAction as SA;
use SheetState as St;
use SheetTarget::{Same, To};

const OPEN: &[SheetState] = &[St::Dispatched, St::Acknowledged, St::Paused];

/// Which action is possible from which states, by whom, and where it leads.
#[rustfmt::skip]
pub static SHEET_RULES: &[SheetRule] = &[
    rule(SA::Acknowledge,            &[St::Dispatched],                   Who::Holder,           To(St::Acknowledged)),
    rule(SA::RequestCorrection,      &[St::Acknowledged],                 Who::Holder,           To(St::Paused)),
    rule(SA::SupplyCorrection,       &[St::Paused],                       Who::Supplier,         To(St::Acknowledged)),
    rule(SA::SupplyMissingMaterials, OPEN,                                Who::Supplier,         Same),
    rule(SA::Extend,                 &[St::Acknowledged],                 Who::DepartmentLeader, Same),
    rule(SA::Finish,                 &[St::Acknowledged, St::Paused],     Who::Holder,           To(St::Finished)),
    rule(SA::ApproveOnCommitment,    &[St::Acknowledged],                 Who::Holder,           To(St::Finished)),
    rule(SA::SendBack,               &[St::Dispatched, St::Acknowledged], Who::Holder,           To(St::SentBack)),
    rule(SA::Redispatch,             &[St::SentBack],                     Who::Window,           To(St::Dispatched)),
    rule(SA::Transfer,               OPEN,                                Who::Holder,           Same),
    rule(SA::Cancel,                 CANCELLABLE,                         Who::Window,           To(St::Cancelled)),
];

const CANCELLABLE: &[SheetState] = &[St::Dispatched, St::Acknowledged, St::Paused, St::SentBack];

const fn rule(action: SheetAction, from: &'static [SheetState], who: Who, to: SheetTarget) -> SheetRule {
    SheetRule { action, from, who, to }
}

/// The row of [`SHEET_RULES`] for `action` from `state`, if the action is possible there.
pub fn sheet_rule(state: SheetState, action: SheetAction) -> Option<&'static SheetRule> {
    SHEET_RULES.iter().find(|r| r.action == action && r.from.contains(&state))
}

/// The actions possible from `state`, in table order.
pub fn allowed_sheet_actions(state: SheetState) -> Vec<SheetAction> {
    SHEET_RULES.iter().filter(|r| r.from.contains(&state)).map(|r| r.action).collect()
}

#[cfg(test)]
mod tests;

//! Commands to a sheet, the events they record, and why they are refused.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Decision, SA, SheetAction, SheetState, TaskSheet};
use crate::calendar::CalendarError;
use crate::case::deadline::DeadlineChange;
use crate::case::list;
use crate::notice::Notice;
use crate::role::Role;

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
    /// The sheet's deadlines to open and close (subject: this sheet), in order.
    pub deadlines: Vec<DeadlineChange>,
    /// Who is told: empty from [`super::apply`], filled by [`super::decide`] (which knows the
    /// project and the item).
    pub notifications: Vec<Notice>,
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

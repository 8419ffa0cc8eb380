//! Joint meetings (联席会议, SPEC §4): the office convenes a meeting for one case or for a set
//! of issues across cases, with the departments (and, optionally, named officials) attending
//! and an agenda; it records the minutes and the decisions taken, and each decision may
//! create follow-up actions owned by a department with a deadline in working days on the
//! county calendar, chased by the reminder sweep like a sheet ([`chase`]).
//!
//! **Meeting states** ([`TRANSITIONS`]): `scheduled` (editable) → `held` (minutes and
//! decisions recorded, in one step) → `closed`; `scheduled` → `cancelled` (with a reason).
//! Only the office moves a meeting. Closing a held meeting files its record; its open actions
//! stay open and chased until done or dropped.
//!
//! **Action states** ([`ACTION_TRANSITIONS`]): `open` → `done` (with a note) or `dropped`
//! (with a reason), by the owner department's agents and leaders or by the office.
//!
//! **Cases.** A meeting may discuss closed cases; nothing it records writes to a closed case
//! (its history only records meetings about cases still open, see [`writes_to_case`]).

pub mod chase;
mod input;

pub use input::{
    ActionInput, Attendee, DecisionInput, FieldProblem, MeetingDraft, MeetingLimits, Minutes, check_draft,
    check_minutes,
};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::calendar::{Calendar, CalendarError};
use crate::case::lifecycle::CaseState;
use crate::codes::code_enum;
use crate::notice::{DedupeKey, Notice, NoticeParams, Recipient};
use crate::role::Role;

code_enum! {
    /// What kind of meeting.
    pub enum MeetingKind: "meeting kind" {
        /// 联席会议: the leading group's joint meeting.
        JointMeeting = "joint_meeting",
        /// 联合预审会议: the departments review an application together.
        JointPreReview = "joint_pre_review",
        /// 专题协调会: a meeting on one issue.
        SpecialCoordination = "special_coordination",
    }
}

code_enum! {
    /// Where a meeting stands.
    pub enum MeetingState: "meeting state" {
        /// 已安排: convened, editable until held.
        Scheduled = "scheduled",
        /// 已召开: minutes and decisions recorded.
        Held = "held",
        /// 已归档: the record is filed.
        Closed = "closed",
        /// 已取消, with a reason.
        Cancelled = "cancelled",
    }
}

code_enum! {
    /// What is done to a meeting.
    pub enum MeetingAction: "meeting action" {
        /// The office convenes it.
        Convene = "convene",
        /// The office changes it while scheduled.
        Edit = "edit",
        /// The office records the minutes and decisions: the meeting was held.
        Hold = "hold",
        /// The office files the record.
        Close = "close",
        /// The office calls it off, with a reason.
        Cancel = "cancel",
    }
}

code_enum! {
    /// What a decision settles.
    pub enum DecisionKind: "decision kind" {
        /// 联合预审: the departments reviewed the materials together.
        JointPreReview = "joint_pre_review",
        /// 并联审批: items approved in parallel.
        ParallelApproval = "parallel_approval",
        /// 容缺受理: accepted with materials to follow.
        Tolerance = "tolerance",
        /// 告知承诺: approved on the applicant's commitment.
        Commitment = "commitment",
        /// Anything else.
        Other = "other",
    }
}

code_enum! {
    /// Where a follow-up action stands.
    pub enum ActionState: "meeting action state" {
        /// 待落实: its owner is to do it by the deadline.
        Open = "open",
        /// 已落实, with a note.
        Done = "done",
        /// 已撤销, with a reason.
        Dropped = "dropped",
    }
}

code_enum! {
    /// What is done to a follow-up action.
    pub enum FollowUpAction: "follow-up action" {
        /// Its owner (or the office) reports it done.
        Complete = "complete",
        /// Its owner (or the office) drops it, with a reason.
        Drop = "drop",
    }
}

impl MeetingKind {
    /// The name officials know, in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            MeetingKind::JointMeeting => "联席会议",
            MeetingKind::JointPreReview => "联合预审会议",
            MeetingKind::SpecialCoordination => "专题协调会",
        }
    }

    /// The name in English.
    pub fn name_en(self) -> &'static str {
        match self {
            MeetingKind::JointMeeting => "joint meeting",
            MeetingKind::JointPreReview => "joint pre-review meeting",
            MeetingKind::SpecialCoordination => "special coordination meeting",
        }
    }
}

impl MeetingState {
    /// Whether nothing more happens to the meeting.
    pub fn is_final(self) -> bool {
        matches!(self, MeetingState::Closed | MeetingState::Cancelled)
    }
}

/// One allowed (state, action) of a meeting with its target. Only the office moves meetings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    pub from: MeetingState,
    pub action: MeetingAction,
    pub to: MeetingState,
}

/// Every allowed transition of a meeting.
pub const TRANSITIONS: [Transition; 4] = {
    use MeetingAction as A;
    use MeetingState as S;
    [
        Transition { from: S::Scheduled, action: A::Edit, to: S::Scheduled },
        Transition { from: S::Scheduled, action: A::Hold, to: S::Held },
        Transition { from: S::Scheduled, action: A::Cancel, to: S::Cancelled },
        Transition { from: S::Held, action: A::Close, to: S::Closed },
    ]
};

/// One allowed (state, action) of a follow-up action with its target; the owner department's
/// agents and leaders, or the office, take it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActionTransition {
    pub from: ActionState,
    pub action: FollowUpAction,
    pub to: ActionState,
}

/// Every allowed transition of a follow-up action.
pub const ACTION_TRANSITIONS: [ActionTransition; 2] = [
    ActionTransition { from: ActionState::Open, action: FollowUpAction::Complete, to: ActionState::Done },
    ActionTransition { from: ActionState::Open, action: FollowUpAction::Drop, to: ActionState::Dropped },
];

/// Who acts on a meeting or an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingActor {
    pub role: Role,
    pub user_id: Uuid,
    pub department_id: Option<Uuid>,
}

/// Why a command is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MeetingError {
    /// Not allowed from this state; names the actions possible for the caller.
    #[error("{action} is not allowed from {state}")]
    NotAllowed { state: String, action: String, allowed: Vec<String> },
    /// The caller may not take this action.
    #[error("forbidden")]
    Forbidden,
    /// Fields of the command are wrong (every one named).
    #[error("invalid fields")]
    Fields(Vec<(String, FieldProblem)>),
    /// A deadline cannot be placed on the calendar.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// The actions `actor` may take on a meeting in `state` now.
pub fn allowed_actions(state: MeetingState, actor: &MeetingActor) -> Vec<MeetingAction> {
    if actor.role != Role::Office {
        return Vec::new();
    }
    TRANSITIONS.iter().filter(|t| t.from == state).map(|t| t.action).collect()
}

/// Whether `actor` may act on an action owned by `owner_department`.
pub fn may_follow_up(actor: &MeetingActor, owner_department: Uuid) -> bool {
    role_follows_up(actor.role) && (!actor.role.needs_department() || actor.department_id == Some(owner_department))
}

/// Whether `role` ever acts on a meeting's actions: the office, and a department's agents and
/// leader on their department's.
pub fn role_follows_up(role: Role) -> bool {
    matches!(role, Role::Office | Role::DepartmentAgent | Role::DepartmentLeader)
}

/// The actions `actor` may take on an action in `state` owned by `owner_department`.
pub fn allowed_follow_ups(state: ActionState, owner_department: Uuid, actor: &MeetingActor) -> Vec<FollowUpAction> {
    if !may_follow_up(actor, owner_department) {
        return Vec::new();
    }
    ACTION_TRANSITIONS.iter().filter(|t| t.from == state).map(|t| t.action).collect()
}

/// The state a meeting moves to on `action`, if `actor` may take it.
pub fn transition(
    state: MeetingState,
    action: MeetingAction,
    actor: &MeetingActor,
) -> Result<MeetingState, MeetingError> {
    let Some(row) = TRANSITIONS.iter().find(|t| t.from == state && t.action == action) else {
        return Err(MeetingError::NotAllowed {
            state: state.code().to_owned(),
            action: action.code().to_owned(),
            allowed: allowed_actions(state, actor).iter().map(|a| a.code().to_owned()).collect(),
        });
    };
    if actor.role != Role::Office {
        return Err(MeetingError::Forbidden);
    }
    Ok(row.to)
}

/// The state an action moves to on `action` by `actor`, with its note or reason checked.
pub fn follow_up(
    state: ActionState,
    owner_department: Uuid,
    action: FollowUpAction,
    note: &str,
    actor: &MeetingActor,
    limits: &MeetingLimits,
) -> Result<(ActionState, String), MeetingError> {
    if !may_follow_up(actor, owner_department) {
        return Err(MeetingError::Forbidden);
    }
    let Some(row) = ACTION_TRANSITIONS.iter().find(|t| t.from == state && t.action == action) else {
        return Err(MeetingError::NotAllowed {
            state: state.code().to_owned(),
            action: action.code().to_owned(),
            allowed: allowed_follow_ups(state, owner_department, actor).iter().map(|a| a.code().to_owned()).collect(),
        });
    };
    // The note of a done action, or the reason of a dropped one.
    let note =
        input::bounded(note, limits.text_max_chars).map_err(|p| MeetingError::Fields(vec![("note".to_owned(), p)]))?;
    Ok((row.to, note))
}

/// When an action decided at `held_at` with `working_days` is due: the close of office hours
/// of the working day that many working days on, on the county calendar.
pub fn action_due(
    held_at: DateTime<Utc>,
    working_days: u32,
    calendar: &Calendar,
) -> Result<DateTime<Utc>, CalendarError> {
    calendar.add_working_days(held_at, working_days)
}

/// Whether an action is overdue at `now`: still open past its deadline.
pub fn is_overdue(state: ActionState, due_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    state == ActionState::Open && now > due_at
}

/// The notification of a convened meeting: each attendee's named official if still active,
/// else its department's leaders and agents; never the office member who convened it. Keyed
/// by the meeting's id.
pub fn convened_notice(draft: &MeetingDraft, convener: Uuid) -> Notice {
    let to = draft
        .attendees
        .iter()
        .map(|a| {
            let department = [
                Recipient::department(a.department_id, Role::DepartmentLeader),
                Recipient::department(a.department_id, Role::DepartmentAgent),
            ];
            match a.user_id {
                Some(user_id) => Recipient::FirstOf {
                    options: vec![
                        Recipient::ActiveUser { user_id },
                        Recipient::department(a.department_id, Role::DepartmentLeader),
                    ],
                },
                None => Recipient::FirstOf { options: department.to_vec() },
            }
        })
        .collect();
    let params = NoticeParams::MeetingConvened {
        title: draft.title.clone(),
        kind: draft.kind,
        scheduled_at: draft.scheduled_at,
        place: draft.place.clone(),
    };
    Notice { except: Some(convener), ..Notice::new(to, DedupeKey::Meeting, params) }
}

/// Whether a meeting's record is written into the history of a case in `state`: never into
/// a closed case (rejected, completed, terminated, archived), which stays closed.
pub fn writes_to_case(state: CaseState) -> bool {
    !state.is_closed()
}

#[cfg(test)]
mod tests;

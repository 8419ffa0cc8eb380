//! Joint meetings (联席会议, SPEC §4): the office convenes a meeting for a case or for issues
//! across cases, edits it while scheduled, records its minutes with the decisions and their
//! follow-up actions in one step (the meeting is then held), closes or cancels it
//! ([`office`]); an action's owner department or the office completes or drops it
//! ([`actions`]); an open action's deadline is chased by the reminder sweep ([`chase`]). The
//! rules are the domain's (`butler_domain::meeting`).
//!
//! **Who reads what.** The office, the supervisors and the investment leader read every
//! meeting and action; department agents and leaders read the meetings their department
//! attends and their department's actions; enterprises read nothing of meetings (a case's
//! enterprise learns of decisions through the case's own steps, not the minutes).
//!
//! **Cases.** Each linked case still open records the meeting held and the decisions about it
//! in its history (`meeting_held`, `meeting_decision`), in the same transaction as the
//! minutes; a closed case (rejected, completed, terminated, archived) may be discussed, but
//! nothing is written to it.

pub mod actions;
pub mod chase;
pub mod office;

use butler_domain::meeting::{
    ActionState, DecisionKind, FieldProblem, FollowUpAction, MeetingAction, MeetingActor, MeetingError, MeetingKind,
    MeetingLimits, MeetingState, allowed_actions, allowed_follow_ups, is_overdue,
};
use butler_domain::policy::Actor;
use butler_persistence::repo::meetings::{ActionRow, AttendeeRow, DecisionRow, MeetingRow};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::{AppError, FieldError};

/// The limits this server applies (one place, see the domain's).
pub const LIMITS: MeetingLimits = MeetingLimits::DEFAULT;

/// A department attending, with its named official.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AttendeeView {
    pub department_id: Uuid,
    pub user_id: Option<Uuid>,
}

/// A follow-up action as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionView {
    pub id: Uuid,
    pub meeting_id: Uuid,
    /// The meeting's title (in lists of actions).
    pub meeting_title: Option<String>,
    pub decision_id: Uuid,
    pub department_id: Uuid,
    pub owner_id: Option<Uuid>,
    pub what: String,
    pub working_days: u32,
    pub due_at: DateTime<Utc>,
    pub state: ActionState,
    /// Open past its deadline now.
    pub overdue: bool,
    pub note: Option<String>,
    pub settled_at: Option<DateTime<Utc>>,
    pub version: i32,
    /// What the caller may do now.
    pub allowed_actions: Vec<FollowUpAction>,
}

/// A decision with its actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionView {
    pub id: Uuid,
    pub kind: DecisionKind,
    pub text: String,
    pub case_id: Option<Uuid>,
    pub actions: Vec<ActionView>,
}

/// A meeting as read: in lists without its minutes' details, whole on the detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingView {
    pub id: Uuid,
    pub title: String,
    pub kind: MeetingKind,
    pub state: MeetingState,
    pub version: i32,
    pub scheduled_at: DateTime<Utc>,
    pub place: String,
    pub agenda: Vec<String>,
    pub attendees: Vec<AttendeeView>,
    pub case_ids: Vec<Uuid>,
    pub minutes: Option<String>,
    pub held_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The decisions with their actions (detail only; empty in lists).
    pub decisions: Vec<DecisionView>,
    /// What the caller may do now.
    pub allowed_actions: Vec<MeetingAction>,
}

pub(crate) fn meeting_actor(actor: &Actor) -> MeetingActor {
    MeetingActor { role: actor.role, user_id: actor.user_id, department_id: actor.department_id }
}

pub(crate) fn action_view(
    row: ActionRow,
    actor: &Actor,
    meeting_title: Option<String>,
    now: DateTime<Utc>,
) -> ActionView {
    ActionView {
        allowed_actions: allowed_follow_ups(row.state.0, row.department_id, &meeting_actor(actor)),
        overdue: is_overdue(row.state.0, row.due_at, now),
        id: row.id,
        meeting_id: row.meeting_id,
        meeting_title,
        decision_id: row.decision_id,
        department_id: row.department_id,
        owner_id: row.owner_id,
        what: row.what,
        working_days: u32::try_from(row.working_days).unwrap_or_default(),
        due_at: row.due_at,
        state: row.state.0,
        note: row.note,
        settled_at: row.settled_at,
        version: row.version,
    }
}

pub(crate) fn meeting_view(
    row: MeetingRow,
    attendees: Vec<AttendeeRow>,
    case_ids: Vec<Uuid>,
    actor: &Actor,
) -> MeetingView {
    MeetingView {
        allowed_actions: allowed_actions(row.state.0, &meeting_actor(actor)),
        id: row.id,
        title: row.title,
        kind: row.kind.0,
        state: row.state.0,
        version: row.version,
        scheduled_at: row.scheduled_at,
        place: row.place,
        agenda: serde_json::from_value(row.agenda).unwrap_or_default(),
        attendees: attendees
            .into_iter()
            .map(|a| AttendeeView { department_id: a.department_id, user_id: a.user_id })
            .collect(),
        case_ids,
        minutes: row.minutes,
        held_at: row.held_at,
        closed_at: row.closed_at,
        cancel_reason: row.cancel_reason,
        created_at: row.created_at,
        decisions: Vec::new(),
    }
}

pub(crate) fn decision_views(
    decisions: Vec<DecisionRow>,
    actions: Vec<ActionRow>,
    actor: &Actor,
    now: DateTime<Utc>,
) -> Vec<DecisionView> {
    let mut actions = actions;
    decisions
        .into_iter()
        .map(|d| {
            let (mine, rest): (Vec<ActionRow>, Vec<ActionRow>) = actions.drain(..).partition(|a| a.decision_id == d.id);
            actions = rest;
            DecisionView {
                id: d.id,
                kind: d.kind.0,
                text: d.text,
                case_id: d.case_id,
                actions: mine.into_iter().map(|a| action_view(a, actor, None, now)).collect(),
            }
        })
        .collect()
}

/// A field problem in the reader's two languages.
pub(crate) fn field_error(field: &str, problem: FieldProblem) -> FieldError {
    let (code, zh, en) = match problem {
        FieldProblem::Required => ("required", "必填项".to_owned(), "must not be empty".to_owned()),
        FieldProblem::TooLong { max } => {
            ("length", format!("不能超过 {max} 个字符"), format!("must be at most {max} characters"))
        }
        FieldProblem::TooMany { max } => {
            ("too_many", format!("最多 {max} 项"), format!("must have at most {max} entries"))
        }
        FieldProblem::Duplicate => ("duplicate", "重复填写".to_owned(), "is named twice".to_owned()),
        FieldProblem::OutOfRange { min, max } => {
            ("range", format!("须在 {min} 至 {max} 之间"), format!("must be between {min} and {max}"))
        }
        FieldProblem::NotLinkedCase => {
            ("not_linked", "不是本次会议研究的项目".to_owned(), "is not one of the meeting's cases".to_owned())
        }
    };
    FieldError::new(field, code, zh, en)
}

pub(crate) fn field_errors(problems: Vec<(String, FieldProblem)>) -> AppError {
    AppError::Validation(problems.into_iter().map(|(f, p)| field_error(&f, p)).collect())
}

/// Maps a refusal of the rules to the application's error.
pub(crate) fn refusal(err: MeetingError) -> AppError {
    match err {
        MeetingError::NotAllowed { state, action, allowed } => AppError::InvalidTransition { state, action, allowed },
        MeetingError::Forbidden => AppError::Forbidden,
        MeetingError::Fields(problems) => field_errors(problems),
        MeetingError::Calendar(e) => AppError::internal(e),
    }
}

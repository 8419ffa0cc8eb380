//! The reminder sweep's decisions for a meeting action's deadline: the same ladder as a
//! sheet's finishing (reminder 1 working day before, a notice at the deadline, escalation to
//! the department leader, the office and the supervisors after it), told to the action's
//! people.
//!
//! **Recipients per rung.** Owner: the named official if still active, else the owner
//! department's agents. Department leader: the owner department's leaders. Office and
//! supervisor: the tenant's users of that role. A rung with nobody on it goes to the office.
//! A deadline whose action is no longer open (done, dropped, gone) is stale: closed without a
//! word.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::ActionState;
use crate::calendar::Calendar;
use crate::case::deadline::DeadlineKind;
use crate::case::escalation::{DueStep, Level, StepKind};
use crate::notice::{DedupeKey, Notice, NoticeParams, Recipient};
use crate::role::Role;

/// The action a deadline chases, as the sweep needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChasedAction {
    pub state: ActionState,
    /// What is to be done.
    pub what: String,
    /// The meeting's title.
    pub meeting_title: String,
    pub department_id: Uuid,
    /// The owner department's short name.
    pub department_name: Option<String>,
    /// The named official.
    pub owner_id: Option<Uuid>,
}

/// The subject that starts every step key of an action's deadline.
pub fn subject(action_id: Uuid) -> String {
    format!("meeting_action:{action_id}:{}", DeadlineKind::MeetingAction.code())
}

/// Whether the deadline chases nothing any more (the action is gone, done or dropped).
pub fn is_stale(about: Option<&ChasedAction>) -> bool {
    about.is_none_or(|a| a.state != ActionState::Open)
}

/// Who is told of `step` (see the module documentation).
pub fn recipients(step: &DueStep, about: &ChasedAction) -> Vec<Recipient> {
    let office = Recipient::role(Role::Office);
    let first_of = |mut options: Vec<Recipient>| {
        options.push(office.clone());
        Recipient::FirstOf { options }
    };
    let rung = match step.notify {
        Level::Agent => first_of(
            about
                .owner_id
                .map(|user_id| Recipient::ActiveUser { user_id })
                .into_iter()
                .chain([Recipient::department(about.department_id, Role::DepartmentAgent)])
                .collect(),
        ),
        Level::DepartmentLeader => first_of(vec![Recipient::department(about.department_id, Role::DepartmentLeader)]),
        Level::Office => office.clone(),
        Level::Supervisor => first_of(vec![Recipient::role(Role::Supervisor)]),
    };
    vec![rung]
}

/// The notification of a due `step`, or `None` for a reminder whose deadline has already
/// passed at `now`. Keyed by the step's key.
pub fn step_notice(step: &DueStep, about: &ChasedAction, now: DateTime<Utc>, calendar: &Calendar) -> Option<Notice> {
    if step.kind == StepKind::Reminder && now >= step.deadline {
        return None;
    }
    let params = NoticeParams::Deadline {
        step: step.kind,
        deadline: Some(DeadlineKind::MeetingAction),
        project: None,
        on_sheet: false,
        item: Some(format!("{}：{}", about.meeting_title, about.what)),
        department: about.department_name.clone(),
        due_at: step.deadline,
        late_working_days: calendar.working_days_between(step.deadline, now),
    };
    Some(Notice::new(recipients(step, about), DedupeKey::Step { key: step.key.clone() }, params))
}

//! The reminder sweep's decisions for a complaint's reply deadline: the same ladder as a
//! sheet's finishing (reminder 1 working day before, a notice at the deadline, escalation
//! after it), told to the complaint's people.
//!
//! **Recipients per rung.** Agent: the official assigned if still active, else the assigned
//! department's agents. Department leader: the assigned department's leaders. Office and
//! supervisor: the tenant's users of that role. A rung with nobody on it goes to the office.
//! A deadline whose complaint no longer awaits a reply is stale: closed without a word.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::ComplaintState;
use crate::calendar::Calendar;
use crate::case::deadline::DeadlineKind;
use crate::case::escalation::{DueStep, Level, StepKind};
use crate::notice::{DedupeKey, Notice, NoticeParams, Recipient};
use crate::role::Role;

/// The complaint a deadline chases, as the sweep needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChasedComplaint {
    pub state: ComplaintState,
    pub tracking_number: String,
    pub department_id: Option<Uuid>,
    /// The assigned department's short name.
    pub department_name: Option<String>,
    pub assignee_id: Option<Uuid>,
}

/// The subject that starts every step key of a complaint's deadline.
pub fn subject(complaint_id: Uuid) -> String {
    format!("complaint:{complaint_id}:{}", DeadlineKind::ComplaintReply.code())
}

/// Whether the deadline chases nothing any more (the complaint is gone or was answered).
pub fn is_stale(about: Option<&ChasedComplaint>) -> bool {
    about.is_none_or(|c| !c.state.awaits_reply())
}

/// Who is told of `step` (see the module documentation).
pub fn recipients(step: &DueStep, about: &ChasedComplaint) -> Vec<Recipient> {
    let office = Recipient::role(Role::Office);
    let first_of = |mut options: Vec<Recipient>| {
        options.push(office.clone());
        Recipient::FirstOf { options }
    };
    let in_department = |role| about.department_id.map(|d| Recipient::department(d, role));
    let rung = match step.notify {
        Level::Agent => first_of(
            about
                .assignee_id
                .map(|user_id| Recipient::ActiveUser { user_id })
                .into_iter()
                .chain(in_department(Role::DepartmentAgent))
                .collect(),
        ),
        Level::DepartmentLeader => first_of(in_department(Role::DepartmentLeader).into_iter().collect()),
        Level::Office => office.clone(),
        Level::Supervisor => first_of(vec![Recipient::role(Role::Supervisor)]),
    };
    vec![rung]
}

/// The notification of a due `step`, or `None` for a reminder whose deadline has already
/// passed at `now`. Keyed by the step's key.
pub fn step_notice(step: &DueStep, about: &ChasedComplaint, now: DateTime<Utc>, calendar: &Calendar) -> Option<Notice> {
    if step.kind == StepKind::Reminder && now >= step.deadline {
        return None;
    }
    let params = NoticeParams::Deadline {
        step: step.kind,
        deadline: Some(DeadlineKind::ComplaintReply),
        project: None,
        on_sheet: false,
        item: Some(about.tracking_number.clone()),
        department: about.department_name.clone(),
        due_at: step.deadline,
        late_working_days: calendar.working_days_between(step.deadline, now),
    };
    Some(Notice::new(recipients(step, about), DedupeKey::Step { key: step.key.clone() }, params))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::chase::steps_due;
    use crate::notice::Language;
    use chrono::TimeZone;
    use std::collections::BTreeSet;

    fn about() -> ChasedComplaint {
        ChasedComplaint {
            state: ComplaintState::Assigned,
            tracking_number: "TS20261204ABCDEFGH1".into(),
            department_id: Some(Uuid::from_u128(10)),
            department_name: Some("县住建局".into()),
            assignee_id: Some(Uuid::from_u128(7)),
        }
    }

    #[test]
    fn the_ladder_tells_the_assignee_then_climbs() {
        let cal = Calendar::china().unwrap();
        let due = Utc.with_ymd_and_hms(2026, 12, 11, 2, 0, 0).unwrap();
        let kind = Some(DeadlineKind::ComplaintReply);
        let subject = subject(Uuid::from_u128(3));
        let (steps, next) = steps_due(
            crate::settings::CountySettings::default().ladder(kind),
            &subject,
            due,
            &BTreeSet::new(),
            due,
            &cal,
        )
        .unwrap();
        assert_eq!(steps.iter().map(|s| s.code.as_str()).collect::<Vec<_>>(), ["remind_before", "at_deadline"]);
        assert!(next.is_some());
        assert!(steps[0].key.starts_with("complaint:"));
        // The reminder is past its deadline at `due`; the notice at the deadline goes out.
        assert_eq!(step_notice(&steps[0], &about(), due, &cal), None);
        let notice = step_notice(&steps[1], &about(), due, &cal).unwrap();
        assert_eq!(
            notice.to,
            [Recipient::FirstOf {
                options: vec![
                    Recipient::ActiveUser { user_id: Uuid::from_u128(7) },
                    Recipient::department(Uuid::from_u128(10), Role::DepartmentAgent),
                    Recipient::role(Role::Office),
                ]
            }]
        );
        let text = notice.render(Language::Chinese);
        assert!(text.title.contains("投诉答复已超时"), "{}", text.title);
        assert!(text.body.contains("投诉 TS20261204ABCDEFGH1（县住建局）"), "{}", text.body);
    }

    #[test]
    fn an_answered_or_missing_complaint_is_stale() {
        assert!(is_stale(None));
        assert!(!is_stale(Some(&about())));
        assert!(is_stale(Some(&ChasedComplaint { state: ComplaintState::Replied, ..about() })));
    }
}

//! Chasing (督办): reminders before a deadline, a notice at it, and escalation after it up the
//! ladder agent → department leader → office → supervisor.
//!
//! A policy is a list of steps, each at an offset from the deadline in office time
//! ([`Offset::OfficeMinutes`]) or whole working days of office time ([`Offset::WorkingDays`],
//! one day being the calendar's office hours per day). Offsets are counted in office time, so
//! a step never falls outside office hours: one working day before an 18:00 deadline is 09:00
//! of the same day; one working day after is 18:00 of the next working day.
//!
//! Each due step carries a stable key `"{subject}:{step}:{deadline as Unix seconds}"`: the
//! caller sends each key once. A deadline that moves (a pause, an extension) gets keys of its
//! own, so its ladder runs again for the new deadline. While a sheet's clock is stopped its
//! deadline moves with time, so [`sheet_due_steps`] returns nothing for a paused sheet.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::sheet::{SheetState, TaskSheet};
use crate::calendar::{Calendar, CalendarError};
use crate::codes::code_enum;
use crate::role::Role;

code_enum! {
    /// A rung of the ladder: who is told.
    pub enum Level: "escalation level" {
        /// The agent holding the work (or the department's agents when nobody holds it).
        Agent = "agent",
        /// The department's leader.
        DepartmentLeader = "department_leader",
        /// The leading group's office.
        Office = "office",
        /// The leading group (supervisors).
        Supervisor = "supervisor",
    }
}

impl Level {
    /// The role told at this level.
    pub fn role(self) -> Role {
        match self {
            Level::Agent => Role::DepartmentAgent,
            Level::DepartmentLeader => Role::DepartmentLeader,
            Level::Office => Role::Office,
            Level::Supervisor => Role::Supervisor,
        }
    }
}

code_enum! {
    /// Kind of step.
    pub enum StepKind: "step kind" {
        /// Before the deadline.
        Reminder = "reminder",
        /// At the deadline: now overdue.
        AtDeadline = "at_deadline",
        /// After the deadline, one rung up.
        Escalation = "escalation",
    }
}

/// Where a step lies relative to the deadline (negative: before).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum Offset {
    /// Office minutes.
    OfficeMinutes(i64),
    /// Whole working days of office time.
    WorkingDays(i32),
}

/// One step of a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// Stable code, part of the step's key, e.g. `escalate_office`.
    pub code: String,
    /// Kind.
    pub kind: StepKind,
    /// Who is told.
    pub notify: Level,
    /// When, relative to the deadline.
    pub offset: Offset,
}

/// A ladder of steps for one kind of deadline (tenant configuration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EscalationPolicy {
    /// The steps, in any order.
    pub steps: Vec<Step>,
}

/// A step that is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueStep {
    /// Send once per key.
    pub key: String,
    /// The step's code.
    pub code: String,
    /// Kind.
    pub kind: StepKind,
    /// Who is told.
    pub notify: Level,
    /// When it fell due.
    pub due_at: DateTime<Utc>,
    /// The deadline chased.
    pub deadline: DateTime<Utc>,
}

fn step(code: &str, kind: StepKind, notify: Level, offset: Offset) -> Step {
    Step { code: code.to_owned(), kind, notify, offset }
}

impl EscalationPolicy {
    /// Default ladder for finishing a sheet: remind the agent 1 working day before, tell the
    /// agent at the deadline, then the department leader 1, the office 3 and the supervisors
    /// 5 working days after.
    pub fn finishing() -> Self {
        use Level::*;
        use StepKind::*;
        Self {
            steps: vec![
                step("remind_before", Reminder, Agent, Offset::WorkingDays(-1)),
                step("at_deadline", AtDeadline, Agent, Offset::WorkingDays(0)),
                step("escalate_department_leader", Escalation, DepartmentLeader, Offset::WorkingDays(1)),
                step("escalate_office", Escalation, Office, Offset::WorkingDays(3)),
                step("escalate_supervisor", Escalation, Supervisor, Offset::WorkingDays(5)),
            ],
        }
    }

    /// Default ladder for the 30-minute acknowledgement: remind the department's agents 10
    /// office minutes before, tell the department leader at the deadline, the office 30
    /// office minutes after and the supervisors 1 working day after.
    pub fn acknowledgement() -> Self {
        use Level::*;
        use StepKind::*;
        Self {
            steps: vec![
                step("remind_before", Reminder, Agent, Offset::OfficeMinutes(-10)),
                step("at_deadline", AtDeadline, DepartmentLeader, Offset::OfficeMinutes(0)),
                step("escalate_office", Escalation, Office, Offset::OfficeMinutes(30)),
                step("escalate_supervisor", Escalation, Supervisor, Offset::WorkingDays(1)),
            ],
        }
    }

    /// Every step with its time for `deadline`, earliest first.
    pub fn schedule(
        &self,
        subject: &str,
        deadline: DateTime<Utc>,
        calendar: &Calendar,
    ) -> Result<Vec<DueStep>, CalendarError> {
        let mut steps = self
            .steps
            .iter()
            .map(|s| {
                let due_at = match s.offset {
                    Offset::OfficeMinutes(0) | Offset::WorkingDays(0) => deadline,
                    Offset::OfficeMinutes(m) => calendar.add_office_time(deadline, TimeDelta::minutes(m))?,
                    Offset::WorkingDays(d) => calendar.add_office_days(deadline, d.into())?,
                };
                Ok(DueStep {
                    key: format!("{subject}:{}:{}", s.code, deadline.timestamp()),
                    code: s.code.clone(),
                    kind: s.kind,
                    notify: s.notify,
                    due_at,
                    deadline,
                })
            })
            .collect::<Result<Vec<_>, CalendarError>>()?;
        steps.sort_by_key(|s| s.due_at);
        Ok(steps)
    }

    /// The steps due at `now` (due time not after `now`), earliest first. `subject` names
    /// what is chased, e.g. `sheet:<id>:finish`, and starts every key.
    pub fn due_steps(
        &self,
        subject: &str,
        deadline: DateTime<Utc>,
        now: DateTime<Utc>,
        calendar: &Calendar,
    ) -> Result<Vec<DueStep>, CalendarError> {
        let mut steps = self.schedule(subject, deadline, calendar)?;
        steps.retain(|s| s.due_at <= now);
        Ok(steps)
    }
}

/// The steps due for an open sheet: the acknowledgement ladder while it is dispatched
/// (subject `{sheet_subject}:acknowledge`) and the finishing ladder while it is dispatched or
/// acknowledged (subject `{sheet_subject}:finish`). Nothing while paused, sent back or closed.
pub fn sheet_due_steps(
    sheet: &TaskSheet,
    sheet_subject: &str,
    acknowledgement: &EscalationPolicy,
    finishing: &EscalationPolicy,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<Vec<DueStep>, CalendarError> {
    let mut due = Vec::new();
    if sheet.state == SheetState::Dispatched {
        let deadline = sheet.acknowledgement_deadline(calendar)?;
        let subject = format!("{sheet_subject}:acknowledge");
        due.extend(acknowledgement.due_steps(&subject, deadline, now, calendar)?);
    }
    if matches!(sheet.state, SheetState::Dispatched | SheetState::Acknowledged) {
        let deadline = sheet.finish_deadline(calendar, now)?;
        let subject = format!("{sheet_subject}:finish");
        due.extend(finishing.due_steps(&subject, deadline, now, calendar)?);
    }
    due.sort_by_key(|s| s.due_at);
    Ok(due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::TIME_ZONE;
    use crate::case::sheet::ItemRules;
    use crate::time_limit::TimeLimit;
    use chrono::TimeZone;
    use uuid::Uuid;

    fn at(m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        TIME_ZONE.with_ymd_and_hms(2026, m, d, h, min, 0).single().unwrap().with_timezone(&Utc)
    }

    fn codes(steps: &[DueStep]) -> Vec<&str> {
        steps.iter().map(|s| s.code.as_str()).collect()
    }

    #[test]
    fn finishing_ladder_over_a_holiday() {
        let cal = Calendar::china().unwrap();
        let policy = EscalationPolicy::finishing();
        let deadline = at(9, 30, 18, 0); // before 国庆
        let all = policy.schedule("s", deadline, &cal).unwrap();
        let times: Vec<_> = all.iter().map(|s| (s.code.as_str(), s.due_at)).collect();
        assert_eq!(
            times,
            vec![
                ("remind_before", at(9, 30, 9, 0)),
                ("at_deadline", at(9, 30, 18, 0)),
                ("escalate_department_leader", at(10, 8, 18, 0)),
                ("escalate_office", at(10, 10, 18, 0)),
                ("escalate_supervisor", at(10, 13, 18, 0)),
            ]
        );
        assert!(policy.due_steps("s", deadline, at(9, 30, 8, 59), &cal).unwrap().is_empty());
        let due = policy.due_steps("s", deadline, at(10, 9, 10, 0), &cal).unwrap();
        assert_eq!(codes(&due), vec!["remind_before", "at_deadline", "escalate_department_leader"]);
        assert_eq!(due[2].notify, Level::DepartmentLeader);
        assert_eq!(due[2].key, format!("s:escalate_department_leader:{}", deadline.timestamp()));
    }

    #[test]
    fn keys_are_stable_for_a_deadline_and_new_for_a_moved_one() {
        let cal = Calendar::china().unwrap();
        let policy = EscalationPolicy::finishing();
        let d1 = at(3, 2, 18, 0);
        let now = at(3, 20, 9, 0);
        let first = policy.due_steps("x", d1, now, &cal).unwrap();
        let again = policy.due_steps("x", d1, now + TimeDelta::hours(1), &cal).unwrap();
        assert_eq!(first, again);
        let moved = policy.due_steps("x", at(3, 3, 18, 0), now, &cal).unwrap();
        assert!(moved.iter().all(|m| first.iter().all(|f| f.key != m.key)));
    }

    #[test]
    fn sheet_ladders_follow_the_sheet_state() {
        let cal = Calendar::china().unwrap();
        let rules = ItemRules {
            promised: TimeLimit::WorkingDays(2),
            max_extension_working_days: None,
            allows_commitment: false,
            acknowledge_within_minutes: 30,
        };
        let (mut sheet, _) = TaskSheet::dispatch(Uuid::nil(), rules, vec![], at(3, 2, 9, 0), &cal).unwrap();
        let ack = EscalationPolicy::acknowledgement();
        let fin = EscalationPolicy::finishing();
        let due = |s: &TaskSheet, now| sheet_due_steps(s, "sheet:1", &ack, &fin, now, &cal).unwrap();
        assert!(due(&sheet, at(3, 2, 9, 19)).is_empty());
        let late_ack = due(&sheet, at(3, 2, 10, 0));
        assert_eq!(codes(&late_ack), vec!["remind_before", "at_deadline", "escalate_office"]);
        assert!(late_ack[0].key.starts_with("sheet:1:acknowledge:remind_before:"));
        sheet.state = SheetState::Acknowledged;
        let finishing = due(&sheet, at(3, 5, 18, 30));
        assert_eq!(codes(&finishing), vec!["remind_before", "at_deadline", "escalate_department_leader"]);
        sheet.state = SheetState::Paused;
        assert!(due(&sheet, at(3, 4, 10, 0)).is_empty());
    }

    #[test]
    fn every_step_lies_in_office_hours() {
        let cal = Calendar::china().unwrap();
        for policy in [EscalationPolicy::finishing(), EscalationPolicy::acknowledgement()] {
            for deadline in [at(2, 13, 17, 50), at(9, 30, 18, 0), at(3, 4, 11, 30)] {
                for s in policy.schedule("s", deadline, &cal).unwrap() {
                    assert!(cal.is_office_time(s.due_at), "{} {}", s.code, s.due_at);
                }
            }
        }
    }
}

//! The reminder sweep's decisions (督办): which deadlines are stale or waiting, which steps of
//! a deadline's ladder are due, and who is told what for each.
//!
//! **Recipients per rung.** Agent: the sheet's holder if still active, else the department's
//! agents; for the case's own deadlines, the office. Department leader: the department's
//! leaders; for the case's own deadlines, the case's responsible leader if still active.
//! Office and supervisor: the tenant's users of that role. A rung with nobody on it goes to
//! the office. For 容缺 commitments the enterprise's contacts are also told before and at
//! the deadline. **Catching up.** A reminder whose deadline has passed is not sent.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::deadline::DeadlineKind;
use super::escalation::{DueStep, EscalationPolicy, Level, StepKind};
use super::lifecycle::CaseState;
use super::sheet::SheetState;
use crate::calendar::{Calendar, CalendarError};
use crate::notice::{DedupeKey, Notice, NoticeParams, ProjectRef, Recipient};
use crate::role::Role;

/// The case a deadline belongs to, as the sweep needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChasedCase {
    /// Its state.
    pub state: CaseState,
    /// Its project.
    pub project: ProjectRef,
    /// The team's responsible leader.
    pub responsible_leader_id: Option<Uuid>,
}

/// The sheet a deadline belongs to, as the sweep needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChasedSheet {
    /// Its state.
    pub state: SheetState,
    /// Whether it was acknowledged.
    pub acknowledged: bool,
    /// Its holder.
    pub assignee_id: Option<Uuid>,
    /// Its department.
    pub department_id: Uuid,
    /// The item it handles.
    pub item_name: Option<String>,
    /// Its department's short name.
    pub department_name: Option<String>,
}

/// What a deadline is about: its case (if found) and, for a sheet's deadline, its sheet (if
/// found).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chased {
    /// The case.
    pub case: Option<ChasedCase>,
    /// The sheet.
    pub sheet: Option<ChasedSheet>,
}

/// The subject that starts every step key of a deadline: `sheet:<id>:acknowledge` and
/// `sheet:<id>:finish` (as [`super::escalation::sheet_due_steps`] names them),
/// `sheet:<id>:<kind>` or `case:<id>:<kind>`.
pub fn subject(case_id: Uuid, sheet_id: Option<Uuid>, kind: &str) -> String {
    match (sheet_id, kind.parse::<DeadlineKind>().ok()) {
        (Some(sheet), Some(DeadlineKind::Acknowledgement)) => format!("sheet:{sheet}:acknowledge"),
        (Some(sheet), Some(DeadlineKind::Finish)) => format!("sheet:{sheet}:finish"),
        (Some(sheet), _) => format!("sheet:{sheet}:{kind}"),
        (None, _) => format!("case:{case_id}:{kind}"),
    }
}

/// Whether the deadline no longer chases anything (its sheet closed or is gone, its
/// acknowledgement was given, or the case step's case has ended): close it without a word.
pub fn is_stale(kind: Option<DeadlineKind>, on_sheet: bool, about: &Chased) -> bool {
    if on_sheet {
        return match &about.sheet {
            None => true,
            Some(s) => s.state.is_final() || (kind == Some(DeadlineKind::Acknowledgement) && s.acknowledged),
        };
    }
    match &about.case {
        None => true,
        Some(c) => {
            matches!(kind, Some(DeadlineKind::TeamFormation | DeadlineKind::PlanProposal)) && c.state.is_closed()
        }
    }
}

/// Whether the deadline's clock is stopped (its sheet is paused or sent back): it waits,
/// silent, until the sheet's owner moves it.
pub fn is_waiting(kind: Option<DeadlineKind>, about: &Chased) -> bool {
    matches!(kind, Some(DeadlineKind::Acknowledgement | DeadlineKind::Finish))
        && about.sheet.as_ref().is_some_and(|s| matches!(s.state, SheetState::Paused | SheetState::SentBack))
}

/// The steps of `ladder` (the deadline's, from the settings it was opened under) for the
/// deadline `due_at` not yet `done`: those due at `now`, and when the next falls due.
pub fn steps_due(
    ladder: &EscalationPolicy,
    subject: &str,
    due_at: DateTime<Utc>,
    done: &BTreeSet<String>,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<(Vec<DueStep>, Option<DateTime<Utc>>), CalendarError> {
    let schedule = ladder.schedule(subject, due_at, calendar)?;
    let (due, later): (Vec<DueStep>, Vec<DueStep>) =
        schedule.into_iter().filter(|s| !done.contains(&s.key)).partition(|s| s.due_at <= now);
    Ok((due, later.iter().map(|s| s.due_at).min()))
}

/// Who is told of `step` (see the module documentation).
pub fn recipients(kind: Option<DeadlineKind>, step: &DueStep, about: &Chased) -> Vec<Recipient> {
    let office = Recipient::role(Role::Office);
    let first_of = |mut options: Vec<Recipient>| {
        options.push(office.clone());
        Recipient::FirstOf { options }
    };
    let rung = match (step.notify, &about.sheet) {
        (Level::Agent, Some(sheet)) => {
            let mut options: Vec<Recipient> =
                sheet.assignee_id.map(|user_id| Recipient::ActiveUser { user_id }).into_iter().collect();
            options.push(Recipient::department(sheet.department_id, Role::DepartmentAgent));
            first_of(options)
        }
        (Level::DepartmentLeader, Some(sheet)) => {
            first_of(vec![Recipient::department(sheet.department_id, Role::DepartmentLeader)])
        }
        (Level::DepartmentLeader, None) => first_of(
            about
                .case
                .as_ref()
                .and_then(|c| c.responsible_leader_id)
                .map(|user_id| Recipient::ActiveUser { user_id })
                .into_iter()
                .collect(),
        ),
        (Level::Agent | Level::Office, _) => office.clone(),
        (Level::Supervisor, _) => first_of(vec![Recipient::role(Role::Supervisor)]),
    };
    let mut to = vec![rung];
    if kind == Some(DeadlineKind::MaterialCommitment) && step.kind != StepKind::Escalation && about.case.is_some() {
        to.push(Recipient::Enterprise);
    }
    to
}

/// The notification of a due `step`, or `None` for a reminder whose deadline has already
/// passed at `now` (the deadline's own notice says more). Keyed by the step's key.
pub fn step_notice(
    kind: Option<DeadlineKind>,
    step: &DueStep,
    about: &Chased,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Option<Notice> {
    if step.kind == StepKind::Reminder && now >= step.deadline {
        return None;
    }
    let params = NoticeParams::Deadline {
        step: step.kind,
        deadline: kind,
        project: about.case.as_ref().map(|c| c.project.clone()),
        on_sheet: about.sheet.is_some(),
        item: about.sheet.as_ref().and_then(|s| s.item_name.clone()),
        department: about.sheet.as_ref().and_then(|s| s.department_name.clone()),
        due_at: step.deadline,
        late_working_days: calendar.working_days_between(step.deadline, now),
    };
    let notice = Notice::new(recipients(kind, step, about), DedupeKey::Step { key: step.key.clone() }, params);
    Some(if about.sheet.is_some() { notice.on_sheet() } else { notice })
}

#[cfg(test)]
mod tests;

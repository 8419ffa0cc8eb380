//! What the office sends to convene a meeting and to record its minutes, checked field by
//! field (every wrong field named, as `agenda[1]` or `decisions[0].actions[1].working_days`).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{DecisionKind, MeetingKind};

/// Why a field is refused (each becomes a field-level message).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FieldProblem {
    #[error("must not be empty")]
    Required,
    #[error("must be at most {max} characters")]
    TooLong { max: usize },
    #[error("must have at most {max} entries")]
    TooMany { max: usize },
    #[error("is named twice")]
    Duplicate,
    #[error("must be between {min} and {max}")]
    OutOfRange { min: u32, max: u32 },
    #[error("is not one of the meeting's cases")]
    NotLinkedCase,
}

/// The limits a county keeps for meetings, in one place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingLimits {
    pub title_max_chars: usize,
    pub place_max_chars: usize,
    /// Longest agenda item, decision, action, note or reason.
    pub text_max_chars: usize,
    /// Longest minutes.
    pub minutes_max_chars: usize,
    pub max_agenda_items: usize,
    pub max_attendees: usize,
    pub max_cases: usize,
    pub max_decisions: usize,
    pub max_actions_per_decision: usize,
    /// Most working days an action may be given.
    pub max_working_days: u32,
}

impl MeetingLimits {
    pub const DEFAULT: MeetingLimits = MeetingLimits {
        title_max_chars: 100,
        place_max_chars: 100,
        text_max_chars: 1000,
        minutes_max_chars: 20_000,
        max_agenda_items: 30,
        max_attendees: 50,
        max_cases: 50,
        max_decisions: 50,
        max_actions_per_decision: 20,
        max_working_days: 60,
    };
}

impl Default for MeetingLimits {
    fn default() -> Self {
        MeetingLimits::DEFAULT
    }
}

/// A department attending, optionally with a named official of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attendee {
    pub department_id: Uuid,
    pub user_id: Option<Uuid>,
}

/// A meeting as convened or edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingDraft {
    pub title: String,
    pub kind: MeetingKind,
    pub scheduled_at: DateTime<Utc>,
    pub place: String,
    pub agenda: Vec<String>,
    pub attendees: Vec<Attendee>,
    /// The cases discussed (none for a meeting on issues across cases).
    pub case_ids: Vec<Uuid>,
}

/// A follow-up action as decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionInput {
    /// The owner department.
    pub department_id: Uuid,
    /// A named official of it, optionally.
    pub user_id: Option<Uuid>,
    pub what: String,
    /// Working days from the meeting's record to the deadline.
    pub working_days: u32,
}

/// A decision as recorded with the minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionInput {
    pub text: String,
    pub kind: DecisionKind,
    /// The case it is about, one of the meeting's.
    pub case_id: Option<Uuid>,
    pub actions: Vec<ActionInput>,
}

/// The minutes and decisions of a held meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minutes {
    pub minutes: String,
    pub decisions: Vec<DecisionInput>,
}

pub(crate) fn bounded(input: &str, max: usize) -> Result<String, FieldProblem> {
    let t = input.trim();
    if t.is_empty() {
        Err(FieldProblem::Required)
    } else if t.chars().count() > max {
        Err(FieldProblem::TooLong { max })
    } else {
        Ok(t.to_owned())
    }
}

type Problems = Vec<(String, FieldProblem)>;

fn text(errors: &mut Problems, field: impl Into<String>, value: &str, max: usize) -> String {
    match bounded(value, max) {
        Ok(t) => t,
        Err(p) => {
            errors.push((field.into(), p));
            String::new()
        }
    }
}

fn at_most(errors: &mut Problems, field: &str, len: usize, max: usize) {
    if len > max {
        errors.push((field.to_owned(), FieldProblem::TooMany { max }));
    }
}

/// Checks a meeting draft, trimming its texts; names every wrong field.
pub fn check_draft(draft: &MeetingDraft, limits: &MeetingLimits) -> Result<MeetingDraft, Problems> {
    let mut errors = Vec::new();
    let title = text(&mut errors, "title", &draft.title, limits.title_max_chars);
    let place = text(&mut errors, "place", &draft.place, limits.place_max_chars);
    at_most(&mut errors, "agenda", draft.agenda.len(), limits.max_agenda_items);
    let agenda: Vec<String> = draft
        .agenda
        .iter()
        .enumerate()
        .map(|(i, item)| text(&mut errors, format!("agenda[{i}]"), item, limits.text_max_chars))
        .collect();
    if draft.agenda.is_empty() {
        errors.push(("agenda".to_owned(), FieldProblem::Required));
    }
    if draft.attendees.is_empty() {
        errors.push(("attendees".to_owned(), FieldProblem::Required));
    }
    at_most(&mut errors, "attendees", draft.attendees.len(), limits.max_attendees);
    for (i, a) in draft.attendees.iter().enumerate() {
        if draft.attendees[..i].iter().any(|b| b.department_id == a.department_id) {
            errors.push((format!("attendees[{i}].department_id"), FieldProblem::Duplicate));
        }
    }
    at_most(&mut errors, "case_ids", draft.case_ids.len(), limits.max_cases);
    for (i, c) in draft.case_ids.iter().enumerate() {
        if draft.case_ids[..i].contains(c) {
            errors.push((format!("case_ids[{i}]"), FieldProblem::Duplicate));
        }
    }
    if errors.is_empty() { Ok(MeetingDraft { title, place, agenda, ..draft.clone() }) } else { Err(errors) }
}

/// Checks the minutes of a meeting discussing `case_ids`, trimming their texts; names every
/// wrong field.
pub fn check_minutes(minutes: &Minutes, case_ids: &[Uuid], limits: &MeetingLimits) -> Result<Minutes, Problems> {
    let mut errors = Vec::new();
    let text_of_minutes = text(&mut errors, "minutes", &minutes.minutes, limits.minutes_max_chars);
    at_most(&mut errors, "decisions", minutes.decisions.len(), limits.max_decisions);
    let mut decisions = Vec::new();
    for (i, d) in minutes.decisions.iter().enumerate() {
        let at = format!("decisions[{i}]");
        let decision_text = text(&mut errors, format!("{at}.text"), &d.text, limits.text_max_chars);
        if let Some(c) = d.case_id
            && !case_ids.contains(&c)
        {
            errors.push((format!("{at}.case_id"), FieldProblem::NotLinkedCase));
        }
        at_most(&mut errors, &format!("{at}.actions"), d.actions.len(), limits.max_actions_per_decision);
        let mut actions = Vec::new();
        for (j, a) in d.actions.iter().enumerate() {
            let at = format!("{at}.actions[{j}]");
            let what = text(&mut errors, format!("{at}.what"), &a.what, limits.text_max_chars);
            if !(1..=limits.max_working_days).contains(&a.working_days) {
                errors.push((
                    format!("{at}.working_days"),
                    FieldProblem::OutOfRange { min: 1, max: limits.max_working_days },
                ));
            }
            actions.push(ActionInput { what, ..a.clone() });
        }
        decisions.push(DecisionInput { text: decision_text, actions, ..d.clone() });
    }
    if errors.is_empty() { Ok(Minutes { minutes: text_of_minutes, decisions }) } else { Err(errors) }
}

//! What the forms say of a case's history: who reviewed and accepted it and when, when the plan
//! was agreed and the agreement signed, how the service ended, the enterprise's confirmation
//! and evaluation, and who dispatched, acknowledged and finished each sheet. Only the latest
//! of each counts; a reopening clears the closing, the confirmation and the evaluation.

use std::collections::{HashMap, HashSet};

use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::case::event_action::EventAction as A;
use butler_domain::case::forms::Closing;
use butler_domain::case::lifecycle::CaseState;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::cases::HistoryEvent;

/// Someone did something at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Done {
    pub at: DateTime<Utc>,
    /// The actor's name; `None` for the system's own steps.
    pub by: Option<String>,
}

/// Who dispatched, acknowledged and finished a sheet.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SheetPeople {
    pub dispatched: Option<Done>,
    pub acknowledged: Option<Done>,
    pub finished: Option<Done>,
}

/// The enterprise's evaluation of the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub done: Done,
    pub declined: bool,
    pub level: Option<EvaluationLevel>,
    pub comment: Option<String>,
}

/// The milestones of a case as its history records them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Milestones {
    reached: HashSet<String>,
    pub submitted: Option<Done>,
    pub reviewed: Option<(Done, Option<String>)>,
    pub accepted: Option<Done>,
    pub plan_agreed: Option<Done>,
    pub agreement_signed: Option<Done>,
    /// The completion and the documents handed over.
    pub completed: Option<(Done, Vec<String>)>,
    /// The termination, its reason and the state it ended.
    pub terminated: Option<(Done, Option<String>, Option<String>)>,
    /// The enterprise's confirmation of the current completion or termination.
    pub confirmed: Option<Done>,
    pub evaluation: Option<Evaluation>,
    /// How the service ended, unless reopened since.
    pub closing: Option<Closing>,
    /// Departments' own levels, where the history holds them.
    pub department_levels: HashMap<Uuid, EvaluationLevel>,
    pub sheets: HashMap<Uuid, SheetPeople>,
}

fn text(v: &serde_json::Value) -> Option<String> {
    v.as_str().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned)
}

impl Milestones {
    /// Whether the case has been in `state` (its code).
    pub fn reached(&self, state: &str) -> bool {
        self.reached.contains(state)
    }

    /// Reads the history (oldest first) of a case now in `state`.
    pub fn read(state: CaseState, events: &[HistoryEvent]) -> Milestones {
        let mut m = Milestones::default();
        m.reached.insert(state.code().to_owned());
        let mut closed_in_history = false;
        for e in events {
            if let (Some(to), None) = (&e.to_state, e.sheet_id) {
                m.reached.insert(to.clone());
            }
            let done = Done { at: e.occurred_at, by: e.actor_name.clone() };
            let p = &e.payload;
            if let Some(sheet) = e.sheet_id {
                let people = m.sheets.entry(sheet).or_default();
                match e.action {
                    A::TaskDispatched => people.dispatched = Some(done.clone()),
                    A::TaskAcknowledged => people.acknowledged = Some(done.clone()),
                    A::TaskFinished => people.finished = Some(done.clone()),
                    _ => {}
                }
            }
            match e.action {
                A::Submit => m.submitted = Some(done),
                A::Review => m.reviewed = Some((done, text(&p["recommendation"]))),
                A::Accept => m.accepted = Some(done),
                A::AgreePlan => m.plan_agreed = Some(done),
                A::SignAgreement => m.agreement_signed = Some(done),
                A::Complete => {
                    let documents = p["handed_over_documents"]
                        .as_array()
                        .map(|a| a.iter().filter_map(text).collect())
                        .unwrap_or_default();
                    m.completed = Some((done, documents));
                    m.closing = Some(Closing::Completed);
                    m.confirmed = None;
                    closed_in_history = true;
                }
                A::Terminate => {
                    m.terminated = Some((done, text(&p["reason"]), e.from_state.clone()));
                    m.closing = Some(Closing::Terminated);
                    m.confirmed = None;
                    closed_in_history = true;
                }
                A::Reopen => {
                    m.closing = None;
                    m.confirmed = None;
                    m.evaluation = None;
                    m.department_levels.clear();
                    closed_in_history = true;
                }
                A::Confirm => m.confirmed = Some(done),
                A::Evaluate | A::DeclineEvaluation => {
                    let declined = e.action == A::DeclineEvaluation || p["declined"].as_bool() == Some(true);
                    let level = p["level"].as_str().and_then(|l| l.parse().ok());
                    m.evaluation = Some(Evaluation { done, declined, level, comment: text(&p["comment"]) });
                }
                A::RectificationOpened => {
                    let department = p["department_id"].as_str().and_then(|d| d.parse().ok());
                    let level = p["level"].as_str().and_then(|l| l.parse().ok());
                    if let (Some(d), Some(l)) = (department, level) {
                        m.department_levels.insert(d, l);
                    }
                }
                _ => {}
            }
        }
        // A history that says nothing of the closing still has the state.
        if !closed_in_history {
            m.closing = match state {
                CaseState::Completed => Some(Closing::Completed),
                CaseState::Terminated => Some(Closing::Terminated),
                _ => None,
            };
        }
        m
    }
}

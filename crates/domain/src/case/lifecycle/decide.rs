//! A lifecycle step decided whole: the new state with the deadlines, notifications and
//! sheets that follow it (what the services did after each transition).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{CaseAction, CaseContext, CaseError, CaseState, apply};
use crate::calendar::{Calendar, CalendarError};
use crate::case::deadline::{DeadlineChange, DeadlineKind, DeadlineSubject};
use crate::case::dependencies::{PlanItem, PlanSheet, ready_to_dispatch};
use crate::notice::{DedupeKey, Notice, NoticeParams, ProjectRef, Recipient};
use crate::role::Role;

/// What the step's consequences need to know of the case, besides the guards' facts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseFacts {
    /// The project.
    pub project: ProjectRef,
    /// The one-time notification's text as the case holds it after the command (the
    /// agreement's, or the one generated from the plan).
    pub notification_text: Option<String>,
    /// The case's items.
    pub items: Vec<PlanItem>,
    /// The case's sheets.
    pub sheets: Vec<PlanSheet>,
}

/// A lifecycle step decided whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseOutcome {
    /// The new state.
    pub to: CaseState,
    /// The state to record as the one before closing (terminate, reject, complete, archive:
    /// the state left), for a later `reopen`.
    pub state_before_closing: Option<CaseState>,
    /// The case's deadlines to open and close (subject: the case).
    pub deadlines: Vec<DeadlineChange>,
    /// Who is told; the keys are versioned with the case's version as read.
    pub notifications: Vec<Notice>,
    /// Terminate: cancel every open sheet with this reason, each by
    /// [`crate::case::sheet::decide`] with [`crate::case::sheet::SheetCommand::Cancel`].
    pub cancel_open_sheets: Option<String>,
    /// Start of service, or a reopening back into service: the plan items to dispatch now,
    /// each by [`crate::case::sheet::dispatch`].
    pub dispatch: Vec<Uuid>,
}

/// Why a step cannot be decided.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecisionError {
    /// The lifecycle refuses it.
    #[error(transparent)]
    Case(#[from] CaseError),
    /// A deadline could not be computed.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
}

/// Decides `action` on a case in `state` whole: [`apply`], then the consequences of going
/// from `state` to the new state (see [`consequences`]). An evaluation's rectifications are
/// decided by [`crate::case::evaluation::rectifications`].
pub fn decide(
    state: CaseState,
    action: CaseAction,
    ctx: &CaseContext,
    facts: &CaseFacts,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<CaseOutcome, DecisionError> {
    let to = apply(state, action, ctx)?;
    let (deadlines, notifications) = consequences(state, to, ctx.reason.as_deref(), facts, now, calendar)?;
    let state_before_closing =
        matches!(action, CaseAction::Terminate | CaseAction::Reject | CaseAction::Complete | CaseAction::Archive)
            .then_some(state);
    let cancel_open_sheets = (action == CaseAction::Terminate).then(|| ctx.reason.clone().unwrap_or_default());
    let dispatch = if action == CaseAction::StartService || (action == CaseAction::Reopen && to == CaseState::InService)
    {
        ready_to_dispatch(&facts.items, &facts.sheets)
    } else {
        Vec::new()
    };
    Ok(CaseOutcome { to, state_before_closing, deadlines, notifications, cancel_open_sheets, dispatch })
}

/// The deadlines and notifications of going from `from` to `to` at `now`:
/// - accepted (from elsewhere): the team is formed within 1 working day (deadline; the office
///   is asked, the enterprise told);
/// - team formed from accepted: that deadline closes, the plan is due within 1 working day;
/// - plan proposed: that deadline closes, the enterprise is asked to agree;
/// - entrusted: the enterprise gets the one-time notification;
/// - completed or terminated (from elsewhere): every deadline of the case and its sheets
///   closes, the enterprise is asked to confirm the form;
/// - rejected: the enterprise is told why (`reason`).
pub fn consequences(
    from: CaseState,
    to: CaseState,
    reason: Option<&str>,
    facts: &CaseFacts,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<(Vec<DeadlineChange>, Vec<Notice>), CalendarError> {
    const CASE: DeadlineSubject = DeadlineSubject::Case;
    let project = facts.project.clone();
    let enterprise = |key: DedupeKey, params| Notice::new(vec![Recipient::Enterprise], key, params);
    let mut deadlines = Vec::new();
    let mut notices = Vec::new();
    match to {
        CaseState::Accepted if from != to => {
            let due = calendar.add_working_days(now, 1)?;
            deadlines.push(DeadlineChange::open(CASE, DeadlineKind::TeamFormation, due));
            let key = DedupeKey::case("accepted", true);
            notices.push(Notice::new(
                vec![Recipient::role(Role::Office)],
                key.clone(),
                NoticeParams::TeamToForm { project: project.clone() },
            ));
            notices.push(enterprise(key, NoticeParams::CaseAccepted { project }));
        }
        CaseState::TeamFormed if from == CaseState::Accepted => {
            deadlines.push(DeadlineChange::close(CASE, DeadlineKind::TeamFormation));
            let due = calendar.add_working_days(now, 1)?;
            deadlines.push(DeadlineChange::open(CASE, DeadlineKind::PlanProposal, due));
        }
        CaseState::PlanProposed => {
            deadlines.push(DeadlineChange::close(CASE, DeadlineKind::PlanProposal));
            notices.push(enterprise(DedupeKey::case("plan", true), NoticeParams::PlanProposed { project }));
        }
        CaseState::Entrusted => {
            let text = facts.notification_text.clone().unwrap_or_default();
            notices
                .push(enterprise(DedupeKey::case("notification", false), NoticeParams::OneTimeNotification { text }));
        }
        CaseState::Completed | CaseState::Terminated if from != to => {
            deadlines.push(DeadlineChange::CloseAll { subject: CASE });
            let params = if to == CaseState::Completed {
                NoticeParams::CaseCompleted { project }
            } else {
                NoticeParams::CaseTerminated { project }
            };
            notices.push(enterprise(DedupeKey::case("closed", true), params));
        }
        CaseState::Rejected => {
            let reason = reason.unwrap_or_default().to_owned();
            notices.push(enterprise(DedupeKey::case("rejected", true), NoticeParams::CaseRejected { project, reason }));
        }
        _ => {}
    }
    Ok((deadlines, notices))
}

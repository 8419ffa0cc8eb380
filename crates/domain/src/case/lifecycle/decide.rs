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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::Actor;
    use crate::case::lifecycle::{DEFAULT_THRESHOLD_FEN, EvaluationStatus, TRANSITIONS, Target};
    use crate::case::sheet::{SheetKind, SheetOutcome, SheetState};
    use crate::notice::{KeyIds, Language, NotificationKind};
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        crate::calendar::TIME_ZONE.with_ymd_and_hms(2026, 9, 30, 15, 0, 0).unwrap().with_timezone(&Utc)
    }

    fn facts() -> CaseFacts {
        let id = Uuid::from_u128;
        CaseFacts {
            project: ProjectRef { name: "光伏组件项目".into(), number: "DY-2026-0001".into() },
            notification_text: Some("告知书".into()),
            items: vec![
                PlanItem { id: id(1), planned: true, prerequisites: vec![] },
                PlanItem { id: id(2), planned: true, prerequisites: vec![id(1)] },
                PlanItem { id: id(3), planned: true, prerequisites: vec![] },
            ],
            sheets: vec![PlanSheet {
                id: id(10),
                item_id: id(3),
                kind: SheetKind::Approval,
                state: SheetState::Cancelled,
                outcome: None,
            }],
        }
    }

    /// A context in which every guard of `row` holds, for its first role.
    fn ctx(row: &super::super::Transition) -> CaseContext {
        let mut c = CaseContext::new(Actor { user_id: Uuid::from_u128(1), role: row.roles[0], department_id: None });
        c.reason = Some("企业申请终止".into());
        c.reviewer_id = Some(Uuid::from_u128(2));
        c.investment_fen = DEFAULT_THRESHOLD_FEN;
        (c.team_complete, c.plan_complete, c.all_sheets_finished, c.documents_handed_over, c.dossier_complete) =
            (true, true, true, true, true);
        c.enterprise_confirmed = row.guards.contains(&super::super::Guard::Confirmed);
        if row.guards.contains(&super::super::Guard::EvaluationSettled) {
            c.evaluation = EvaluationStatus::Given;
        }
        c.state_before_closing = match row.from {
            CaseState::Rejected => Some(CaseState::Reviewed),
            CaseState::Completed => Some(CaseState::InService),
            CaseState::Terminated => Some(CaseState::InService),
            CaseState::Archived => Some(CaseState::Completed),
            _ => None,
        };
        c
    }

    #[test]
    fn decide_agrees_with_apply_on_every_row() {
        let cal = Calendar::china().unwrap();
        for row in TRANSITIONS {
            let c = ctx(row);
            let out = decide(row.from, row.action, &c, &facts(), now(), &cal).unwrap();
            assert_eq!(Ok(out.to), apply(row.from, row.action, &c), "{} {}", row.from, row.action);
            if let Target::To(to) = row.to {
                assert_eq!(out.to, to);
            }
            let closing = matches!(
                row.action,
                CaseAction::Terminate | CaseAction::Reject | CaseAction::Complete | CaseAction::Archive
            );
            assert_eq!(out.state_before_closing, closing.then_some(row.from), "{}", row.action);
            assert_eq!(out.cancel_open_sheets.is_some(), row.action == CaseAction::Terminate);
            for n in &out.notifications {
                assert!(!n.render(Language::Chinese).body.is_empty(), "{n:?}");
            }
        }
        let refused = decide(
            CaseState::Draft,
            CaseAction::Accept,
            &CaseContext::new(ctx(&TRANSITIONS[0]).actor),
            &facts(),
            now(),
            &cal,
        );
        assert!(matches!(refused, Err(DecisionError::Case(CaseError::NotAllowed { .. }))));
    }

    #[test]
    fn acceptance_opens_the_team_deadline_and_tells_the_office_and_the_enterprise() {
        let cal = Calendar::china().unwrap();
        let (deadlines, notices) =
            consequences(CaseState::Reviewed, CaseState::Accepted, None, &facts(), now(), &cal).unwrap();
        // Wednesday 30 September 15:00, before 国庆: one working day lands after the holiday.
        let due = cal.add_working_days(now(), 1).unwrap();
        assert!(cal.local_date(due) >= chrono::NaiveDate::from_ymd_opt(2026, 10, 8).unwrap(), "{due}");
        assert_eq!(deadlines, vec![DeadlineChange::open(DeadlineSubject::Case, DeadlineKind::TeamFormation, due)]);
        assert_eq!(notices.len(), 2);
        assert_eq!(notices[0].to, vec![Recipient::role(Role::Office)]);
        assert_eq!(notices[1].to, vec![Recipient::Enterprise]);
        let ids = KeyIds { case_id: Uuid::from_u128(5), version: Some(4), ..KeyIds::default() };
        for n in &notices {
            assert_eq!(n.kind(), NotificationKind::CaseAccepted);
            assert_eq!(n.key.render(ids), format!("case:{}:accepted:4", Uuid::from_u128(5)));
            assert!(!n.on_sheet);
        }
        assert_eq!(notices[0].render(Language::Chinese).title, "请组建项目管家团队：光伏组件项目");
        // Reopened into accepted from a closed state, it starts again; staying, nothing.
        assert_eq!(
            consequences(CaseState::Terminated, CaseState::Accepted, None, &facts(), now(), &cal).unwrap().1.len(),
            2
        );
        assert_eq!(
            consequences(CaseState::Accepted, CaseState::Accepted, None, &facts(), now(), &cal).unwrap(),
            (vec![], vec![])
        );
    }

    #[test]
    fn each_step_moves_its_deadlines() {
        let cal = Calendar::china().unwrap();
        let step = |from, to| consequences(from, to, Some("不符合产业政策"), &facts(), now(), &cal).unwrap();
        let (d, n) = step(CaseState::Accepted, CaseState::TeamFormed);
        assert_eq!(d[0], DeadlineChange::close(DeadlineSubject::Case, DeadlineKind::TeamFormation));
        assert!(matches!(d[1], DeadlineChange::Open { kind: DeadlineKind::PlanProposal, .. }));
        assert!(n.is_empty());
        assert!(step(CaseState::Terminated, CaseState::TeamFormed).0.is_empty(), "only from accepted");
        let (d, n) = step(CaseState::TeamFormed, CaseState::PlanProposed);
        assert_eq!(d, vec![DeadlineChange::close(DeadlineSubject::Case, DeadlineKind::PlanProposal)]);
        assert_eq!(n[0].kind(), NotificationKind::PlanProposed);
        let (_, n) = step(CaseState::PlanAgreed, CaseState::Entrusted);
        assert_eq!(n[0].render(Language::Chinese).body, "告知书");
        for to in [CaseState::Completed, CaseState::Terminated] {
            let (d, n) = step(CaseState::InService, to);
            assert_eq!(d, vec![DeadlineChange::CloseAll { subject: DeadlineSubject::Case }]);
            assert_eq!(n[0].kind(), NotificationKind::CaseClosed);
            assert!(step(to, to).1.is_empty(), "confirming or evaluating tells nobody");
        }
        let (_, n) = step(CaseState::Reviewed, CaseState::Rejected);
        assert_eq!(n[0].render(Language::Chinese).body, "项目“光伏组件项目”（DY-2026-0001）未予受理：不符合产业政策");
    }

    #[test]
    fn starting_or_resuming_service_dispatches_the_ready_items() {
        let cal = Calendar::china().unwrap();
        let start = TRANSITIONS.iter().find(|t| t.action == CaseAction::StartService).unwrap();
        let out = decide(start.from, start.action, &ctx(start), &facts(), now(), &cal).unwrap();
        assert_eq!(out.dispatch, vec![Uuid::from_u128(1), Uuid::from_u128(3)], "item 3's sheet was cancelled");
        let reopen =
            TRANSITIONS.iter().find(|t| t.action == CaseAction::Reopen && t.from == CaseState::Terminated).unwrap();
        let out = decide(reopen.from, reopen.action, &ctx(reopen), &facts(), now(), &cal).unwrap();
        assert_eq!(out.to, CaseState::InService);
        assert_eq!(out.dispatch.len(), 2);
        let mut c = ctx(reopen);
        c.state_before_closing = Some(CaseState::Entrusted);
        assert!(decide(reopen.from, reopen.action, &c, &facts(), now(), &cal).unwrap().dispatch.is_empty());
        let _ = SheetOutcome::Approved;
    }
}

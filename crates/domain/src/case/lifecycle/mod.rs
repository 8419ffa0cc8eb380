//! The case state machine of SPEC §4, as a table.
//!
//! [`TRANSITIONS`] lists every allowed (state, action) with its target, the roles that may
//! take it and the guards that must hold. Anything not in the table is refused with an error
//! naming the current state and the actions possible from it.
//!
//! Completion and termination are confirmed by the enterprise, then evaluated (or the
//! evaluation declined) while the case stays `completed` / `terminated`; archiving needs all of
//! that plus a complete dossier. In the closed states (`rejected`, `completed`, `terminated`,
//! `archived`) the service is over: only confirmation, evaluation and archiving remain, and
//! only a reasoned `reopen` brings the case back to the state it was in before it closed.

mod codes;
mod decide;

use std::fmt;

pub use codes::{UnknownCaseAction, UnknownCaseState};
pub use decide::*;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Actor, list};
use crate::role::Role;
use crate::time_limit::TimeLimit;

/// Where a case stands. The snake_case codes are part of the HTTP contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// 草稿: the application is being filled in.
    Draft,
    /// 已提交: waiting for the investment officer's review.
    Submitted,
    /// 已初审: reviewed, waiting for the leader's sign-off.
    Reviewed,
    /// 已受理: accepted; the office forms the butler team within 1 working day.
    Accepted,
    /// 不予受理: not accepted, with a reason.
    Rejected,
    /// 已组建管家团队: the team proposes the plan within 1 working day.
    TeamFormed,
    /// 方案已拟定: waiting for the enterprise's agreement.
    PlanProposed,
    /// 方案已确认: waiting for the entrustment agreement.
    PlanAgreed,
    /// 已委托: agreement signed at the window.
    Entrusted,
    /// 办理中: task sheets dispatched.
    InService,
    /// 已办结: all sheets finished and documents handed over.
    Completed,
    /// 已终止: terminated with a reason.
    Terminated,
    /// 已归档: the file is closed.
    Archived,
}

/// What is done to a case. The snake_case codes are part of the HTTP contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseAction {
    /// Submit the application (申请受理表).
    Submit,
    /// Send back for revision: the application to its author, or the plan to the team.
    ReturnForRevision,
    /// The investment officer's review and recommendation.
    Review,
    /// The leader signs the acceptance (受理).
    Accept,
    /// The leader refuses acceptance, with a reason.
    Reject,
    /// The office forms the butler team (项目管家).
    FormTeam,
    /// The team proposes the service plan (服务方案).
    ProposePlan,
    /// The enterprise agrees to the plan.
    AgreePlan,
    /// The entrustment agreement (委托协议) is signed at the window.
    SignAgreement,
    /// The first task sheets are dispatched.
    StartService,
    /// All sheets finished, documents handed over: the completion form (办结单).
    Complete,
    /// Terminate with a reason (终止单).
    Terminate,
    /// The enterprise confirms the completion or termination form.
    Confirm,
    /// The enterprise evaluates the service (满意度评价).
    Evaluate,
    /// The enterprise declines to evaluate.
    DeclineEvaluation,
    /// Close the file (一事一档).
    Archive,
    /// Reopen a closed case, with a reason.
    Reopen,
}

/// A named precondition of a transition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Guard {
    /// A non-blank reason is given.
    ReasonGiven,
    /// The acting leader is not the reviewer (four eyes).
    FourEyes,
    /// Total investment reaches the tenant's threshold.
    InvestmentAtLeastThreshold,
    /// The enterprise is not on the credit blacklist.
    NotOnCreditBlacklist,
    /// Responsible leader, lead agent and a co-agent per department are named.
    TeamComplete,
    /// Every item of the plan has its department, time limit and agents.
    PlanComplete,
    /// Every task sheet is finished.
    AllSheetsFinished,
    /// The documents are handed over to the enterprise.
    DocumentsHandedOver,
    /// The enterprise has not yet confirmed.
    NotYetConfirmed,
    /// The enterprise has confirmed.
    Confirmed,
    /// No evaluation is given or declined yet.
    NotYetEvaluated,
    /// An evaluation is given or declined.
    EvaluationSettled,
    /// The dossier's completeness check passes.
    DossierComplete,
    /// No joint pre-review (联合预审) of the application is open: sheets are dispatched from
    /// its consolidated list of gaps, so dispatch waits for the office to close it.
    NoOpenPreReview,
}

/// Where a transition leads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A fixed state.
    To(CaseState),
    /// The state the case was in before it closed (from its history).
    StateBeforeClosing,
}

/// One row of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Transition {
    /// The state the case must be in.
    pub from: CaseState,
    /// The action.
    pub action: CaseAction,
    /// Where it leads.
    pub to: Target,
    /// Roles that may take it.
    pub roles: &'static [Role],
    /// Guards that must all hold.
    pub guards: &'static [Guard],
}

/// The evaluation of a completed or terminated case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EvaluationStatus {
    /// Neither given nor declined.
    #[default]
    Pending,
    /// Given (满意度评价表).
    Given,
    /// Declined by the enterprise.
    Declined,
}

/// What the guards look at: the actor, the reason given, and facts the caller loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseContext {
    /// Who acts.
    pub actor: Actor,
    /// The reason given with the action, if any.
    pub reason: Option<String>,
    /// Who reviewed the application.
    pub reviewer_id: Option<Uuid>,
    /// Total investment of the project, in fen (分).
    pub investment_fen: i64,
    /// The tenant's threshold, in fen (default 5000 万元).
    pub threshold_fen: i64,
    /// Whether the enterprise is on the credit blacklist.
    pub on_credit_blacklist: bool,
    /// Whether the butler team is complete.
    pub team_complete: bool,
    /// Whether the plan is complete.
    pub plan_complete: bool,
    /// Whether every task sheet is finished.
    pub all_sheets_finished: bool,
    /// Whether the documents are handed over.
    pub documents_handed_over: bool,
    /// Whether the enterprise confirmed the completion or termination form.
    pub enterprise_confirmed: bool,
    /// The evaluation status.
    pub evaluation: EvaluationStatus,
    /// Whether the dossier's completeness check passes.
    pub dossier_complete: bool,
    /// The state before the case closed (for `reopen`).
    pub state_before_closing: Option<CaseState>,
    /// Whether a joint pre-review (联合预审) of the application is open.
    pub prereview_open: bool,
}

/// The default investment threshold: 5000 万元 in fen.
pub const DEFAULT_THRESHOLD_FEN: i64 = 50_000_000 * 100;

impl CaseContext {
    /// A context with no facts established yet and the default threshold.
    pub fn new(actor: Actor) -> Self {
        Self {
            actor,
            reason: None,
            reviewer_id: None,
            investment_fen: 0,
            threshold_fen: DEFAULT_THRESHOLD_FEN,
            on_credit_blacklist: false,
            team_complete: false,
            plan_complete: false,
            all_sheets_finished: false,
            documents_handed_over: false,
            enterprise_confirmed: false,
            evaluation: EvaluationStatus::Pending,
            dossier_complete: false,
            state_before_closing: None,
            prereview_open: false,
        }
    }
}

impl Guard {
    /// Whether the guard holds in `ctx`.
    pub fn holds(self, ctx: &CaseContext) -> bool {
        match self {
            Guard::ReasonGiven => ctx.reason.as_deref().is_some_and(|r| !r.trim().is_empty()),
            Guard::FourEyes => ctx.reviewer_id.is_some_and(|reviewer| reviewer != ctx.actor.user_id),
            Guard::InvestmentAtLeastThreshold => ctx.investment_fen >= ctx.threshold_fen,
            Guard::NotOnCreditBlacklist => !ctx.on_credit_blacklist,
            Guard::TeamComplete => ctx.team_complete,
            Guard::PlanComplete => ctx.plan_complete,
            Guard::AllSheetsFinished => ctx.all_sheets_finished,
            Guard::DocumentsHandedOver => ctx.documents_handed_over,
            Guard::NotYetConfirmed => !ctx.enterprise_confirmed,
            Guard::Confirmed => ctx.enterprise_confirmed,
            Guard::NotYetEvaluated => ctx.evaluation == EvaluationStatus::Pending,
            Guard::EvaluationSettled => ctx.evaluation != EvaluationStatus::Pending,
            Guard::DossierComplete => ctx.dossier_complete,
            Guard::NoOpenPreReview => !ctx.prereview_open,
        }
    }

    /// What the guard demands, for people.
    pub fn description(self) -> &'static str {
        match self {
            Guard::ReasonGiven => "a reason must be given",
            Guard::FourEyes => "the reviewer may not also accept (four eyes)",
            Guard::InvestmentAtLeastThreshold => "total investment must reach the threshold",
            Guard::NotOnCreditBlacklist => "the enterprise is on the credit blacklist",
            Guard::TeamComplete => "the butler team must be complete",
            Guard::PlanComplete => "every plan item needs department, time limit and agents",
            Guard::AllSheetsFinished => "every task sheet must be finished",
            Guard::DocumentsHandedOver => "the documents must be handed over",
            Guard::NotYetConfirmed => "the enterprise has already confirmed",
            Guard::Confirmed => "the enterprise must confirm first",
            Guard::NotYetEvaluated => "the evaluation is already settled",
            Guard::EvaluationSettled => "the evaluation must be given or declined",
            Guard::DossierComplete => "the dossier must be complete",
            Guard::NoOpenPreReview => "the joint pre-review must be closed before the sheets are dispatched",
        }
    }
}

impl fmt::Display for Guard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.description())
    }
}

use CaseAction as A;
use CaseState as S;
use Guard as G;

const ENTERPRISE: &[Role] = &[Role::Enterprise];
const APPLICANTS: &[Role] = &[Role::Enterprise, Role::InvestmentOfficer];
const OFFICER: &[Role] = &[Role::InvestmentOfficer];
const LEADER: &[Role] = &[Role::InvestmentLeader];
const OFFICE: &[Role] = &[Role::Office];
const WINDOW: &[Role] = &[Role::WindowAgent];
const TEAM: &[Role] = &[Role::Office, Role::WindowAgent];
const EVALUATION_RECORDERS: &[Role] = &[Role::Enterprise, Role::Office];
const REASON: &[Guard] = &[G::ReasonGiven];
const NONE: &[Guard] = &[];

const fn row(
    from: CaseState,
    action: CaseAction,
    to: CaseState,
    roles: &'static [Role],
    guards: &'static [Guard],
) -> Transition {
    Transition { from, action, to: Target::To(to), roles, guards }
}

const fn reopen(from: CaseState) -> Transition {
    Transition { from, action: A::Reopen, to: Target::StateBeforeClosing, roles: OFFICE, guards: REASON }
}

/// The case lifecycle: every allowed (state, action), its target, roles and guards.
#[rustfmt::skip]
pub static TRANSITIONS: &[Transition] = &[
    row(S::Draft,        A::Submit,            S::Submitted,    APPLICANTS, &[G::NotOnCreditBlacklist]),
    row(S::Submitted,    A::ReturnForRevision, S::Draft,        OFFICER,    REASON),
    row(S::Submitted,    A::Review,            S::Reviewed,     OFFICER,    NONE),
    row(S::Reviewed,     A::Accept,            S::Accepted,     LEADER,     &[G::FourEyes, G::InvestmentAtLeastThreshold, G::NotOnCreditBlacklist]),
    row(S::Reviewed,     A::Reject,            S::Rejected,     LEADER,     REASON),
    row(S::Accepted,     A::FormTeam,          S::TeamFormed,   OFFICE,     &[G::TeamComplete]),
    row(S::TeamFormed,   A::ProposePlan,       S::PlanProposed, TEAM,       &[G::PlanComplete]),
    row(S::PlanProposed, A::ReturnForRevision, S::TeamFormed,   ENTERPRISE, REASON),
    row(S::PlanProposed, A::AgreePlan,         S::PlanAgreed,   ENTERPRISE, NONE),
    row(S::PlanAgreed,   A::SignAgreement,     S::Entrusted,    WINDOW,     NONE),
    row(S::Entrusted,    A::StartService,      S::InService,    TEAM,       &[G::NoOpenPreReview]),
    row(S::InService,    A::Complete,          S::Completed,    TEAM,       &[G::AllSheetsFinished, G::DocumentsHandedOver]),
    row(S::Accepted,     A::Terminate,         S::Terminated,   OFFICE,     REASON),
    row(S::TeamFormed,   A::Terminate,         S::Terminated,   OFFICE,     REASON),
    row(S::PlanProposed, A::Terminate,         S::Terminated,   OFFICE,     REASON),
    row(S::PlanAgreed,   A::Terminate,         S::Terminated,   OFFICE,     REASON),
    row(S::Entrusted,    A::Terminate,         S::Terminated,   OFFICE,     REASON),
    row(S::InService,    A::Terminate,         S::Terminated,   OFFICE,     REASON),
    row(S::Completed,    A::Confirm,           S::Completed,    ENTERPRISE, &[G::NotYetConfirmed]),
    row(S::Terminated,   A::Confirm,           S::Terminated,   ENTERPRISE, &[G::NotYetConfirmed]),
    row(S::Completed,    A::Evaluate,          S::Completed,    ENTERPRISE, &[G::Confirmed, G::NotYetEvaluated]),
    row(S::Terminated,   A::Evaluate,          S::Terminated,   ENTERPRISE, &[G::Confirmed, G::NotYetEvaluated]),
    row(S::Completed,    A::DeclineEvaluation, S::Completed,    EVALUATION_RECORDERS, &[G::Confirmed, G::NotYetEvaluated]),
    row(S::Terminated,   A::DeclineEvaluation, S::Terminated,   EVALUATION_RECORDERS, &[G::Confirmed, G::NotYetEvaluated]),
    row(S::Completed,    A::Archive,           S::Archived,     OFFICE,     &[G::Confirmed, G::EvaluationSettled, G::DossierComplete]),
    row(S::Terminated,   A::Archive,           S::Archived,     OFFICE,     &[G::Confirmed, G::EvaluationSettled, G::DossierComplete]),
    reopen(S::Rejected),
    reopen(S::Completed),
    reopen(S::Terminated),
    reopen(S::Archived),
];

/// Why a case action is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// The action does not exist from this state.
    #[error("cannot {action} a case that is {state}; possible: {}", list(allowed))]
    NotAllowed {
        /// The current state.
        state: CaseState,
        /// The refused action.
        action: CaseAction,
        /// The actions possible from `state`.
        allowed: Vec<CaseAction>,
    },
    /// The actor's role may not take the action.
    #[error("role {role} may not {action}; roles allowed: {}", list(allowed))]
    RoleNotAllowed {
        /// The refused action.
        action: CaseAction,
        /// The actor's role.
        role: Role,
        /// The roles that may.
        allowed: Vec<Role>,
    },
    /// A guard does not hold.
    #[error("cannot {action}: {guard}")]
    GuardFailed {
        /// The refused action.
        action: CaseAction,
        /// The first guard that failed.
        guard: Guard,
    },
    /// `reopen` needs the state before closing, one from which the closed state is reached.
    #[error("cannot reopen a {state} case to {}", before.map_or("an unknown state".to_owned(), |s| s.to_string()))]
    NoStateToReopen {
        /// The closed state.
        state: CaseState,
        /// The state supplied as the one before closing.
        before: Option<CaseState>,
    },
}

impl CaseState {
    /// Every state, in lifecycle order.
    pub const ALL: [CaseState; 13] = [
        S::Draft,
        S::Submitted,
        S::Reviewed,
        S::Accepted,
        S::Rejected,
        S::TeamFormed,
        S::PlanProposed,
        S::PlanAgreed,
        S::Entrusted,
        S::InService,
        S::Completed,
        S::Terminated,
        S::Archived,
    ];

    /// The stable code (as serialised).
    pub fn code(self) -> &'static str {
        match self {
            S::Draft => "draft",
            S::Submitted => "submitted",
            S::Reviewed => "reviewed",
            S::Accepted => "accepted",
            S::Rejected => "rejected",
            S::TeamFormed => "team_formed",
            S::PlanProposed => "plan_proposed",
            S::PlanAgreed => "plan_agreed",
            S::Entrusted => "entrusted",
            S::InService => "in_service",
            S::Completed => "completed",
            S::Terminated => "terminated",
            S::Archived => "archived",
        }
    }

    /// The name users know, in Chinese.
    pub fn name_zh(self) -> &'static str {
        match self {
            S::Draft => "草稿",
            S::Submitted => "已提交",
            S::Reviewed => "已初审",
            S::Accepted => "已受理",
            S::Rejected => "不予受理",
            S::TeamFormed => "已组建管家团队",
            S::PlanProposed => "方案已拟定",
            S::PlanAgreed => "方案已确认",
            S::Entrusted => "已委托",
            S::InService => "办理中",
            S::Completed => "已办结",
            S::Terminated => "已终止",
            S::Archived => "已归档",
        }
    }

    /// Whether the service is over (`rejected`, `completed`, `terminated`, `archived`): only
    /// confirmation, evaluation, archiving and a reasoned `reopen` remain.
    pub fn is_closed(self) -> bool {
        matches!(self, S::Rejected | S::Completed | S::Terminated | S::Archived)
    }

    /// The actions in the table from this state, in table order, without repeats.
    pub fn allowed_actions(self) -> Vec<CaseAction> {
        let mut actions = Vec::new();
        for t in TRANSITIONS.iter().filter(|t| t.from == self) {
            if !actions.contains(&t.action) {
                actions.push(t.action);
            }
        }
        actions
    }

    /// The time the case may spend in this state before its next step is late: the team is
    /// formed within 1 working day of acceptance, the plan proposed within 1 working day of
    /// team formation (SPEC §4).
    pub fn time_limit(self) -> Option<TimeLimit> {
        match self {
            S::Accepted | S::TeamFormed => Some(TimeLimit::WorkingDays(1)),
            _ => None,
        }
    }
}

/// The table row for `action` from `state`, or [`CaseError::NotAllowed`] listing what is
/// possible from `state`.
pub fn transition(state: CaseState, action: CaseAction) -> Result<&'static Transition, CaseError> {
    TRANSITIONS.iter().find(|t| t.from == state && t.action == action).ok_or_else(|| CaseError::NotAllowed {
        state,
        action,
        allowed: state.allowed_actions(),
    })
}

/// Decides `action` on a case in `state`: the row must exist, the actor's role be allowed,
/// every guard hold (checked in table order), and for `reopen` the state before closing be
/// one from which `state` is reached. Returns the new state.
pub fn apply(state: CaseState, action: CaseAction, ctx: &CaseContext) -> Result<CaseState, CaseError> {
    let row = transition(state, action)?;
    if !row.roles.contains(&ctx.actor.role) {
        return Err(CaseError::RoleNotAllowed { action, role: ctx.actor.role, allowed: row.roles.to_vec() });
    }
    if let Some(guard) = row.guards.iter().find(|g| !g.holds(ctx)) {
        return Err(CaseError::GuardFailed { action, guard: *guard });
    }
    match row.to {
        Target::To(to) => Ok(to),
        Target::StateBeforeClosing => reopen_target(state, ctx.state_before_closing),
    }
}

/// Whether `role` may take `action` from any state by the table: what the role alone allows,
/// before any case is read.
pub fn role_may_ever(role: Role, action: CaseAction) -> bool {
    TRANSITIONS.iter().any(|t| t.action == action && t.roles.contains(&role))
}

/// The actions `role` may take from `state` by the table (guards not evaluated), e.g. for
/// the buttons a page shows.
pub fn actions_for(state: CaseState, role: Role) -> Vec<CaseAction> {
    state
        .allowed_actions()
        .into_iter()
        .filter(|a| TRANSITIONS.iter().any(|t| t.from == state && t.action == *a && t.roles.contains(&role)))
        .collect()
}

fn reopen_target(state: CaseState, before: Option<CaseState>) -> Result<CaseState, CaseError> {
    let leads_here = |b: CaseState| {
        TRANSITIONS.iter().any(|t| t.from == b && t.action != A::Reopen && b != state && t.to == Target::To(state))
    };
    match before {
        Some(b) if leads_here(b) => Ok(b),
        _ => Err(CaseError::NoStateToReopen { state, before }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(role: Role) -> CaseContext {
        let mut ctx = CaseContext::new(Actor { user_id: Uuid::from_u128(1), role, department_id: None });
        ctx.reason = Some("企业申请".into());
        ctx.reviewer_id = Some(Uuid::from_u128(2));
        ctx.investment_fen = DEFAULT_THRESHOLD_FEN;
        ctx.team_complete = true;
        ctx.plan_complete = true;
        ctx.all_sheets_finished = true;
        ctx.documents_handed_over = true;
        ctx.dossier_complete = true;
        ctx
    }

    /// A context in which every guard of `row` holds, for its first role.
    fn satisfying(row: &Transition) -> CaseContext {
        let mut c = ctx(row.roles[0]);
        if row.guards.contains(&G::Confirmed) {
            c.enterprise_confirmed = true;
        }
        if row.guards.contains(&G::EvaluationSettled) {
            c.evaluation = EvaluationStatus::Given;
        }
        c.state_before_closing = match row.from {
            S::Rejected => Some(S::Reviewed),
            S::Completed => Some(S::InService),
            S::Terminated => Some(S::Entrusted),
            S::Archived => Some(S::Completed),
            _ => None,
        };
        c
    }

    #[test]
    fn every_pair_outside_the_table_is_refused_with_the_allowed_actions() {
        let mut allowed_pairs = 0;
        for state in CaseState::ALL {
            for action in CaseAction::ALL {
                let in_table = TRANSITIONS.iter().any(|t| t.from == state && t.action == action);
                match transition(state, action) {
                    Ok(row) => {
                        assert!(in_table);
                        allowed_pairs += 1;
                        assert_eq!((row.from, row.action), (state, action));
                        assert!(apply(state, action, &satisfying(row)).is_ok(), "{state} {action}");
                    }
                    Err(err) => {
                        assert!(!in_table, "{state} {action}");
                        assert_eq!(err, CaseError::NotAllowed { state, action, allowed: state.allowed_actions() });
                        let any_role = apply(state, action, &satisfying_any());
                        assert_eq!(any_role, Err(err));
                    }
                }
            }
        }
        assert_eq!(allowed_pairs, TRANSITIONS.len(), "no duplicate rows");
    }

    fn satisfying_any() -> CaseContext {
        ctx(Role::Admin)
    }

    #[test]
    fn refusal_names_state_and_allowed_actions() {
        let err = transition(S::Draft, A::Accept).unwrap_err();
        assert_eq!(err.to_string(), "cannot accept a case that is draft; possible: submit");
        let err = transition(S::Archived, A::Submit).unwrap_err();
        assert_eq!(err.to_string(), "cannot submit a case that is archived; possible: reopen");
        let in_service = S::InService.allowed_actions();
        assert_eq!(in_service, vec![A::Complete, A::Terminate]);
    }

    #[test]
    fn every_state_but_archived_has_a_way_forward_and_every_state_is_reachable() {
        for state in CaseState::ALL {
            assert!(!state.allowed_actions().is_empty(), "{state}");
            if state != S::Draft {
                assert!(
                    TRANSITIONS.iter().any(|t| t.to == Target::To(state) && t.from != state),
                    "{state} unreachable"
                );
            }
        }
    }

    #[test]
    fn roles_are_enforced() {
        let err = apply(S::Reviewed, A::Accept, &ctx(Role::InvestmentOfficer)).unwrap_err();
        assert_eq!(
            err,
            CaseError::RoleNotAllowed {
                action: A::Accept,
                role: Role::InvestmentOfficer,
                allowed: vec![Role::InvestmentLeader]
            }
        );
        assert!(apply(S::Draft, A::Submit, &ctx(Role::Enterprise)).is_ok());
        assert!(apply(S::Draft, A::Submit, &ctx(Role::Supervisor)).is_err());
        assert_eq!(actions_for(S::Completed, Role::Enterprise), vec![A::Confirm, A::Evaluate, A::DeclineEvaluation]);
        assert_eq!(actions_for(S::Completed, Role::Office), vec![A::DeclineEvaluation, A::Archive, A::Reopen]);
    }

    #[test]
    fn acceptance_needs_four_eyes_and_eligibility() {
        let mut c = ctx(Role::InvestmentLeader);
        assert_eq!(apply(S::Reviewed, A::Accept, &c), Ok(S::Accepted));
        c.reviewer_id = Some(c.actor.user_id);
        assert_eq!(
            apply(S::Reviewed, A::Accept, &c),
            Err(CaseError::GuardFailed { action: A::Accept, guard: G::FourEyes })
        );
        c.reviewer_id = None;
        assert!(apply(S::Reviewed, A::Accept, &c).is_err(), "no review, no acceptance");
        let mut c = ctx(Role::InvestmentLeader);
        c.investment_fen = DEFAULT_THRESHOLD_FEN - 1;
        assert_eq!(
            apply(S::Reviewed, A::Accept, &c).unwrap_err().to_string(),
            "cannot accept: total investment must reach the threshold"
        );
        let mut c = ctx(Role::InvestmentLeader);
        c.on_credit_blacklist = true;
        assert!(apply(S::Reviewed, A::Accept, &c).is_err());
    }

    #[test]
    fn reasons_are_required_where_named() {
        for row in TRANSITIONS.iter().filter(|t| t.guards.contains(&G::ReasonGiven)) {
            let mut c = satisfying(row);
            c.reason = Some("   ".into());
            assert_eq!(
                apply(row.from, row.action, &c),
                Err(CaseError::GuardFailed { action: row.action, guard: G::ReasonGiven })
            );
        }
    }

    #[test]
    fn termination_is_possible_exactly_from_accepted_until_before_completion() {
        let terminable: Vec<_> = CaseState::ALL.into_iter().filter(|s| transition(*s, A::Terminate).is_ok()).collect();
        assert_eq!(
            terminable,
            vec![S::Accepted, S::TeamFormed, S::PlanProposed, S::PlanAgreed, S::Entrusted, S::InService]
        );
    }

    #[test]
    fn closing_needs_confirmation_evaluation_and_a_complete_dossier() {
        let mut c = ctx(Role::Office);
        assert!(apply(S::Completed, A::Archive, &c).is_err());
        c.enterprise_confirmed = true;
        assert_eq!(
            apply(S::Completed, A::Archive, &c),
            Err(CaseError::GuardFailed { action: A::Archive, guard: G::EvaluationSettled })
        );
        c.evaluation = EvaluationStatus::Declined;
        assert_eq!(apply(S::Completed, A::Archive, &c), Ok(S::Archived));
        c.dossier_complete = false;
        assert!(apply(S::Completed, A::Archive, &c).is_err());
        let mut e = ctx(Role::Enterprise);
        assert_eq!(apply(S::Terminated, A::Confirm, &e), Ok(S::Terminated));
        e.enterprise_confirmed = true;
        assert!(apply(S::Terminated, A::Confirm, &e).is_err(), "confirms once");
        assert_eq!(apply(S::Terminated, A::Evaluate, &e), Ok(S::Terminated));
    }

    #[test]
    fn reopen_returns_to_the_state_before_closing() {
        let mut c = ctx(Role::Office);
        c.state_before_closing = Some(S::Terminated);
        assert_eq!(apply(S::Archived, A::Reopen, &c), Ok(S::Terminated));
        c.state_before_closing = Some(S::PlanAgreed);
        assert_eq!(apply(S::Terminated, A::Reopen, &c), Ok(S::PlanAgreed));
        c.state_before_closing = Some(S::Draft);
        assert_eq!(
            apply(S::Terminated, A::Reopen, &c),
            Err(CaseError::NoStateToReopen { state: S::Terminated, before: Some(S::Draft) })
        );
        c.state_before_closing = Some(S::Completed);
        assert!(apply(S::Completed, A::Reopen, &c).is_err(), "not to itself");
        c.state_before_closing = None;
        assert!(apply(S::Rejected, A::Reopen, &c).is_err());
        c.reason = None;
        c.state_before_closing = Some(S::Reviewed);
        assert!(apply(S::Rejected, A::Reopen, &c).is_err(), "reason required");
    }

    #[test]
    fn codes_round_trip_through_serde_and_from_str() {
        for s in CaseState::ALL {
            assert_eq!(serde_json::to_string(&s).unwrap(), format!("\"{}\"", s.code()));
            assert_eq!(s.code().parse::<CaseState>(), Ok(s));
        }
        for a in CaseAction::ALL {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.code()));
            assert_eq!(a.code().parse::<CaseAction>(), Ok(a));
        }
        assert!("closed".parse::<CaseState>().is_err());
        assert_eq!(S::Accepted.time_limit(), Some(TimeLimit::WorkingDays(1)));
    }
}

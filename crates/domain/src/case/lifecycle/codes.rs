//! The codes of the lifecycle's enumerations: `ALL`, `code()`, `Display` and `FromStr`.

use std::fmt;
use std::str::FromStr;

use super::{CaseAction, CaseState, EvaluationStatus, Guard};
use crate::codes::UnknownCode;

use CaseAction as A;

impl CaseAction {
    /// Every action, in lifecycle order.
    pub const ALL: [CaseAction; 17] = [
        A::Submit,
        A::ReturnForRevision,
        A::Review,
        A::Accept,
        A::Reject,
        A::FormTeam,
        A::ProposePlan,
        A::AgreePlan,
        A::SignAgreement,
        A::StartService,
        A::Complete,
        A::Terminate,
        A::Confirm,
        A::Evaluate,
        A::DeclineEvaluation,
        A::Archive,
        A::Reopen,
    ];

    /// The stable code (as serialised).
    pub fn code(self) -> &'static str {
        match self {
            A::Submit => "submit",
            A::ReturnForRevision => "return_for_revision",
            A::Review => "review",
            A::Accept => "accept",
            A::Reject => "reject",
            A::FormTeam => "form_team",
            A::ProposePlan => "propose_plan",
            A::AgreePlan => "agree_plan",
            A::SignAgreement => "sign_agreement",
            A::StartService => "start_service",
            A::Complete => "complete",
            A::Terminate => "terminate",
            A::Confirm => "confirm",
            A::Evaluate => "evaluate",
            A::DeclineEvaluation => "decline_evaluation",
            A::Archive => "archive",
            A::Reopen => "reopen",
        }
    }
}

impl fmt::Display for CaseState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for CaseAction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The text was not a state code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown case state `{0}`")]
pub struct UnknownCaseState(pub String);

/// The text was not an action code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown case action `{0}`")]
pub struct UnknownCaseAction(pub String);

impl FromStr for CaseState {
    type Err = UnknownCaseState;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|x| x.code() == s).ok_or_else(|| UnknownCaseState(s.to_owned()))
    }
}

impl FromStr for CaseAction {
    type Err = UnknownCaseAction;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|x| x.code() == s).ok_or_else(|| UnknownCaseAction(s.to_owned()))
    }
}

impl Guard {
    /// Every guard, in declaration order.
    pub const ALL: [Guard; 14] = [
        Guard::ReasonGiven,
        Guard::FourEyes,
        Guard::InvestmentAtLeastThreshold,
        Guard::NotOnCreditBlacklist,
        Guard::TeamComplete,
        Guard::PlanComplete,
        Guard::AllSheetsFinished,
        Guard::DocumentsHandedOver,
        Guard::NotYetConfirmed,
        Guard::Confirmed,
        Guard::NotYetEvaluated,
        Guard::EvaluationSettled,
        Guard::DossierComplete,
        Guard::NoOpenPreReview,
    ];

    /// The stable code (as serialised; `Display` writes the description instead).
    pub fn code(self) -> &'static str {
        match self {
            Guard::ReasonGiven => "reason_given",
            Guard::FourEyes => "four_eyes",
            Guard::InvestmentAtLeastThreshold => "investment_at_least_threshold",
            Guard::NotOnCreditBlacklist => "not_on_credit_blacklist",
            Guard::TeamComplete => "team_complete",
            Guard::PlanComplete => "plan_complete",
            Guard::AllSheetsFinished => "all_sheets_finished",
            Guard::DocumentsHandedOver => "documents_handed_over",
            Guard::NotYetConfirmed => "not_yet_confirmed",
            Guard::Confirmed => "confirmed",
            Guard::NotYetEvaluated => "not_yet_evaluated",
            Guard::EvaluationSettled => "evaluation_settled",
            Guard::DossierComplete => "dossier_complete",
            Guard::NoOpenPreReview => "no_open_prereview",
        }
    }

    /// What the guard demands, in Chinese.
    pub fn description_zh(self) -> &'static str {
        match self {
            Guard::ReasonGiven => "须填写理由",
            Guard::FourEyes => "审核人与受理签字人不能是同一人",
            Guard::InvestmentAtLeastThreshold => "投资额须达到受理门槛",
            Guard::NotOnCreditBlacklist => "企业在失信名单上",
            Guard::TeamComplete => "管家团队不完整：须有负责领导、牵头代办员及各涉及部门的协同代办员",
            Guard::PlanComplete => "服务方案不完整：每个事项须有部门、时限和代办员",
            Guard::AllSheetsFinished => "仍有任务单未办结",
            Guard::DocumentsHandedOver => "尚未移交办理结果材料",
            Guard::NotYetConfirmed => "企业已确认",
            Guard::Confirmed => "须先由企业签字确认",
            Guard::NotYetEvaluated => "评价已完成",
            Guard::EvaluationSettled => "须先完成评价或记录企业放弃评价",
            Guard::DossierComplete => "档案不完整",
            Guard::NoOpenPreReview => "联合预审尚未结束：须先汇总各部门意见、结束预审，再分送任务单",
        }
    }
}

impl FromStr for Guard {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL.into_iter().find(|x| x.code() == s).ok_or_else(|| UnknownCode { kind: "guard", code: s.to_owned() })
    }
}

impl EvaluationStatus {
    /// Every status.
    pub const ALL: [EvaluationStatus; 3] =
        [EvaluationStatus::Pending, EvaluationStatus::Given, EvaluationStatus::Declined];

    /// The stable code (`cases.evaluation_status`).
    pub fn code(self) -> &'static str {
        match self {
            EvaluationStatus::Pending => "pending",
            EvaluationStatus::Given => "given",
            EvaluationStatus::Declined => "declined",
        }
    }
}

impl fmt::Display for EvaluationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for EvaluationStatus {
    type Err = UnknownCode;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::ALL
            .into_iter()
            .find(|x| x.code() == s)
            .ok_or_else(|| UnknownCode { kind: "evaluation status", code: s.to_owned() })
    }
}

//! The commands of the case use cases: what a caller asks for, already parsed (trimmed text,
//! decisions as domain values). The web crate builds them from its request bodies.

pub use butler_domain::case::aftercare::FollowUpMethod;
pub use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::case::sheet::Decision;
pub use butler_domain::case::sheet::ResultNoticeChannel;
pub use butler_domain::project_code::ProjectCode;
use chrono::NaiveDate;
use uuid::Uuid;

/// An item asked for in an application: a catalog item, or a named off-catalog item of a
/// department.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestedItem {
    pub catalog_item_id: Option<Uuid>,
    pub name: Option<String>,
    pub department_id: Option<Uuid>,
}

/// A new application (申请受理表).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Application {
    /// The applying enterprise; an enterprise user always applies for its own.
    pub enterprise_id: Option<Uuid>,
    pub project_name: String,
    pub industry_code: String,
    pub total_investment_fen: i64,
    pub location: String,
    /// The national project code (一项一码), when the platform has issued it.
    pub project_code: Option<ProjectCode>,
    pub agreement_signed_on: Option<NaiveDate>,
    pub brief: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub items: Vec<RequestedItem>,
}

/// Changes to a draft application; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplicationPatch {
    pub project_name: Option<String>,
    pub industry_code: Option<String>,
    pub total_investment_fen: Option<i64>,
    pub location: Option<String>,
    pub project_code: Option<ProjectCode>,
    pub agreement_signed_on: Option<NaiveDate>,
    pub brief: Option<String>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub items: Option<Vec<RequestedItem>>,
}

/// The investment officer's policy checks (初审).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PolicyChecks {
    pub industrial: bool,
    pub land: bool,
    pub environmental: bool,
    pub safety: bool,
    pub energy: bool,
}

/// The review and recommendation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub recommendation: String,
    pub policy_checks: PolicyChecks,
}

/// The butler team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub responsible_leader_id: Uuid,
    pub lead_agent_id: Uuid,
    pub co_agent_ids: Vec<Uuid>,
}

/// A material of a plan item's one-time list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Material {
    pub name: String,
    pub required: bool,
    pub may_be_missing: bool,
}

/// A material accepted as missing (容缺), with the committed date.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct MissingMaterial {
    pub name: String,
    pub committed_by: NaiveDate,
}

/// One item of the service plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    pub catalog_item_id: Option<Uuid>,
    pub name: Option<String>,
    pub department_id: Option<Uuid>,
    pub promised_limit: Option<String>,
    pub legal_limit: Option<String>,
    pub allows_commitment: Option<bool>,
    pub max_extension_days: Option<i32>,
    pub agent_id: Uuid,
    /// Positions (1-based) of prerequisite items in the same plan.
    pub prerequisites: Vec<i32>,
    pub materials: Option<Vec<Material>>,
    pub missing_materials: Vec<MissingMaterial>,
}

/// The service plan (服务方案).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub items: Vec<PlanItem>,
}

/// One department's evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DepartmentEvaluation {
    pub department_id: Uuid,
    pub level: EvaluationLevel,
    pub comment: Option<String>,
}

/// The enterprise's evaluation, or its declining.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    pub declined: bool,
    pub level: Option<EvaluationLevel>,
    pub comment: Option<String>,
    pub departments: Vec<DepartmentEvaluation>,
}

/// A follow-up visit to plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FollowUpPlan {
    pub scheduled_for: NaiveDate,
    pub method: FollowUpMethod,
}

/// A result notice (结果告知).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultNotice {
    pub channel: ResultNoticeChannel,
    pub note: Option<String>,
}

/// A command on one task sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskCommand {
    Acknowledge,
    RequestCorrection {
        reason: String,
        materials: Vec<String>,
    },
    SupplyCorrection,
    SupplyMissingMaterials {
        names: Vec<String>,
    },
    Extend {
        working_days: u32,
        reason: String,
    },
    Finish(Decision),
    ApproveOnCommitment {
        document_number: String,
    },
    SendBack {
        reason: String,
    },
    /// To another department, or (`None`) the same one again.
    Redispatch {
        department_id: Option<Uuid>,
    },
    Transfer {
        to_user_id: Uuid,
    },
}

/// A lifecycle command on a case, with what it brings besides its action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseCommand {
    Submit,
    ReturnForRevision { reason: String },
    Review(Review),
    Accept,
    Reject { reason: String },
    FormTeam(Team),
    ProposePlan(Plan),
    AgreePlan,
    SignAgreement { notification_text: Option<String> },
    StartService,
    Complete { handed_over_documents: Vec<String> },
    Terminate { reason: String },
    Confirm,
    Evaluate(Evaluation),
    Archive,
    Reopen { reason: String },
}

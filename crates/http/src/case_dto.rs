//! Request and response bodies of cases and task sheets. Amounts are in fen (分, integer);
//! dates are ISO 8601; instants are UTC.

use butler_domain::case::aftercare::AftercareAction;
pub use butler_domain::case::aftercare::FollowUpMethod;
pub use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::case::event_action::EventAction;
use butler_domain::case::lifecycle::{CaseAction, CaseState, EvaluationStatus};
use butler_domain::case::sheet::{ResultNoticeChannel, SheetAction, SheetKind, SheetOutcome, SheetState};
use butler_domain::case::team::TeamRole;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::dto::EnterpriseRef;
use crate::fields;
use crate::routes::items::TimeLimitOut;

/// An approval item the application asks for: from the catalog, or off-catalog with a name
/// and a department.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct RequestedItemIn {
    /// A catalog item (its current version is pinned).
    pub catalog_item_id: Option<Uuid>,
    /// For an item not in the catalog: its name.
    #[validate(custom(function = "fields::not_blank"), length(max = 200))]
    #[schema(
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub name: Option<String>,
    /// For an item not in the catalog: the department that handles it.
    pub department_id: Option<Uuid>,
}

/// A new application (申请受理表, 附件2).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "project_name": "年产 5 万吨绿色新材料项目",
    "industry_code": "C2662",
    "total_investment_fen": 12_000_000_000i64,
    "location": "示例县金碧镇工业片区",
    "agreement_signed_on": "2026-10-18",
    "brief": "新建生产线两条及配套设施。",
    "contact_name": "周晓明",
    "contact_phone": "13800000031",
    "items": [{"catalog_item_id": "01a21688-07f5-7058-96f8-8234ff100d2b"}]
}))]
pub struct CaseIn {
    /// The applying enterprise; an enterprise user applies for its own and may omit it.
    pub enterprise_id: Option<Uuid>,
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub project_name: String,
    /// Industry per GB/T 4754-2017: a section letter and up to four digits (`C2662`).
    #[validate(custom(function = "fields::industry_code"))]
    pub industry_code: String,
    /// Total investment in fen (分): 5000 万元 = 5,000,000,000.
    #[validate(range(min = 1))]
    #[schema(minimum = 1)]
    pub total_investment_fen: i64,
    #[validate(custom(function = "fields::not_blank"), length(max = 500))]
    #[schema(
        max_length = 500,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub location: String,
    /// The national project code (一项一码, GB/T 40058-2021) issued by the online approval and
    /// supervision platform, with or without hyphens (`2603-532326-00-01-012341`); unique in
    /// the county.
    #[validate(custom(function = "fields::project_code"))]
    pub project_code: Option<String>,
    /// The date the investment agreement was signed.
    pub agreement_signed_on: Option<NaiveDate>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub brief: String,
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub contact_name: String,
    #[validate(custom(function = "fields::phone"))]
    #[schema(pattern = r"^(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*$")]
    pub contact_phone: String,
    /// The items wanted, chosen from the catalog (others may be added).
    #[validate(nested, length(max = 100))]
    #[schema(max_items = 100)]
    pub items: Vec<RequestedItemIn>,
}

/// Changes to a draft application; absent fields stay as they are.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct CasePatch {
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub project_name: Option<String>,
    #[validate(custom(function = "fields::industry_code"))]
    pub industry_code: Option<String>,
    #[validate(range(min = 1))]
    #[schema(minimum = 1)]
    pub total_investment_fen: Option<i64>,
    #[validate(custom(function = "fields::not_blank"), length(max = 500))]
    #[schema(
        max_length = 500,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub location: Option<String>,
    /// The national project code (一项一码), with or without hyphens.
    #[validate(custom(function = "fields::project_code"))]
    pub project_code: Option<String>,
    pub agreement_signed_on: Option<NaiveDate>,
    #[validate(length(max = 5000))]
    #[schema(max_length = 5000)]
    pub brief: Option<String>,
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub contact_name: Option<String>,
    #[validate(custom(function = "fields::phone"))]
    #[schema(pattern = r"^(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*$")]
    pub contact_phone: Option<String>,
    #[validate(nested, length(max = 100))]
    #[schema(max_items = 100)]
    pub items: Option<Vec<RequestedItemIn>>,
}

/// A reason, required by returns, rejections, terminations and reopening.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct ReasonIn {
    #[validate(custom(function = "fields::not_blank"), length(max = 2000))]
    #[schema(
        max_length = 2000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub reason: String,
}

/// The national project code to set or change, and why.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"project_code": "2603-532326-00-01-012341", "reason": "企业已在投资项目在线审批监管平台完成赋码"}))]
pub struct ProjectCodeIn {
    /// With or without hyphens; shown and stored as `YYMM-RRRRRR-DD-TT-NNNNNC`.
    #[validate(custom(function = "fields::project_code"))]
    pub project_code: String,
    #[validate(custom(function = "fields::not_blank"), length(max = 2000))]
    #[schema(
        max_length = 2000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub reason: String,
}

/// The reviewer's policy checks (产业、土地、环保、安全生产、节能).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct PolicyChecksIn {
    pub industrial: bool,
    pub land: bool,
    pub environmental: bool,
    pub safety: bool,
    pub energy: bool,
}

/// The investment officer's review.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct ReviewIn {
    /// The recommendation to the leader.
    #[validate(custom(function = "fields::not_blank"), length(max = 2000))]
    #[schema(
        max_length = 2000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub recommendation: String,
    #[validate(nested)]
    pub policy_checks: PolicyChecksIn,
}

/// The butler team (一个项目、一名领导、一批人员).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct TeamIn {
    /// The responsible leader: a department or investment leader.
    pub responsible_leader_id: Uuid,
    /// The lead agent (牵头代办员).
    pub lead_agent_id: Uuid,
    /// Co-agents (协同代办员), at least one from each department of the case's items.
    #[validate(length(min = 1, max = 50))]
    #[schema(min_items = 1, max_items = 50)]
    pub co_agent_ids: Vec<Uuid>,
}

/// A material of a plan item.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct MaterialIn {
    #[validate(custom(function = "fields::not_blank"), length(max = 500))]
    #[schema(
        max_length = 500,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub name: String,
    pub required: bool,
    /// 容缺: may be missing at the start and supplied later.
    pub may_be_missing: bool,
}

/// A material accepted as missing (容缺), with the date the enterprise commits to.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct MissingMaterialIn {
    #[validate(custom(function = "fields::not_blank"), length(max = 500))]
    #[schema(
        max_length = 500,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub name: String,
    pub committed_by: NaiveDate,
}

/// One item of the service plan (服务方案, 附件4).
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct PlanItemIn {
    /// A catalog item; its current version is pinned in the plan.
    pub catalog_item_id: Option<Uuid>,
    /// Off-catalog: the name.
    #[validate(custom(function = "fields::not_blank"), length(max = 200))]
    #[schema(
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub name: Option<String>,
    /// Off-catalog: the department.
    pub department_id: Option<Uuid>,
    /// The promised limit (`5`, `5个工作日`, `60日`, `2小时`, `即办`); defaults to the catalog's.
    #[validate(length(max = 32))]
    #[schema(max_length = 32)]
    pub promised_limit: Option<String>,
    /// The legal limit; defaults to the catalog's.
    #[validate(length(max = 32))]
    #[schema(max_length = 32)]
    pub legal_limit: Option<String>,
    /// 告知承诺 allowed for this item.
    pub allows_commitment: Option<bool>,
    /// The longest extension (延期) in working days; none when absent.
    #[validate(range(min = 1, max = 60))]
    #[schema(minimum = 1, maximum = 60)]
    pub max_extension_days: Option<i32>,
    /// The agent handling it (of the item's department, in the team).
    pub agent_id: Uuid,
    /// Positions (1-based) in this list of items that must be approved first.
    #[serde(default)]
    pub prerequisites: Vec<i32>,
    /// The one-time material list; defaults to the catalog's.
    #[validate(nested)]
    pub materials: Option<Vec<MaterialIn>>,
    /// 容缺: materials accepted as missing, with committed dates.
    #[serde(default)]
    #[validate(nested)]
    pub missing_materials: Vec<MissingMaterialIn>,
}

/// The service plan.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct PlanIn {
    #[validate(nested, length(min = 1, max = 100))]
    #[schema(min_items = 1, max_items = 100)]
    pub items: Vec<PlanItemIn>,
}

/// The entrustment agreement (委托协议, 附件3) and the one-time written notification
/// (一次性告知).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct AgreementIn {
    /// The notification's text; generated from the plan when absent.
    #[validate(length(max = 20000))]
    #[schema(max_length = 20000)]
    pub notification_text: Option<String>,
}

/// Completion (办结单, 附件7): the documents handed over to the enterprise.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct CompletionIn {
    #[validate(length(min = 1, max = 100))]
    #[schema(min_items = 1, max_items = 100)]
    pub handed_over_documents: Vec<String>,
}

/// A department's evaluation.
#[derive(Debug, Clone, Serialize, Deserialize, Validate, ToSchema)]
pub struct DepartmentEvaluationIn {
    pub department_id: Uuid,
    pub level: EvaluationLevel,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
}

/// The evaluation (满意度评价表, 附件9), or declining it.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct EvaluationIn {
    /// Declines the evaluation (the other fields are then ignored).
    #[serde(default)]
    pub declined: bool,
    /// The case as a whole; required unless declined.
    pub level: Option<EvaluationLevel>,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub comment: Option<String>,
    #[serde(default)]
    #[validate(nested)]
    pub departments: Vec<DepartmentEvaluationIn>,
}

/// A follow-up visit to schedule (回访).
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct FollowUpIn {
    pub scheduled_for: NaiveDate,
    pub method: FollowUpMethod,
}

/// The record of a follow-up visit.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct FollowUpRecordIn {
    #[validate(custom(function = "fields::not_blank"), length(max = 5000))]
    #[schema(
        max_length = 5000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub notes: String,
}

/// A member of the butler team.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamMemberOut {
    pub user_id: Uuid,
    pub display_name: String,
    /// `responsible_leader`, `lead_agent` or `co_agent`.
    pub team_role: TeamRole,
    pub department_id: Option<Uuid>,
}

/// A material of an item.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct CaseMaterialOut {
    pub name: String,
    pub required: bool,
    pub may_be_missing: bool,
}

/// An item of the application or the plan, with its forecast on the roadmap.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseItemOut {
    pub id: Uuid,
    pub position: i32,
    pub name: String,
    pub department_id: Uuid,
    pub catalog_item_id: Option<Uuid>,
    /// The catalog version the plan pinned.
    pub catalog_version: Option<i32>,
    pub stage: Option<String>,
    pub legal_limit: Option<TimeLimitOut>,
    pub promised_limit: Option<TimeLimitOut>,
    pub allows_commitment: bool,
    pub max_extension_days: Option<i32>,
    pub agent_id: Option<Uuid>,
    /// Ids of items that must be approved first.
    pub prerequisites: Vec<Uuid>,
    pub materials: Vec<CaseMaterialOut>,
    pub missing_materials: Vec<MissingMaterialOut>,
    /// Part of the agreed plan (false: only asked for in the application).
    pub planned: bool,
    /// Forecast start and end on the roadmap (from dependencies and promised limits).
    pub forecast_start: Option<DateTime<Utc>>,
    pub forecast_end: Option<DateTime<Utc>>,
}

/// A 容缺 material with its commitment.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct MissingMaterialOut {
    pub name: String,
    pub committed_by: NaiveDate,
    pub supplied_at: Option<DateTime<Utc>>,
}

/// A task sheet (任务分送单及回执, 附件5).
#[derive(Debug, Serialize, ToSchema)]
pub struct TaskOut {
    pub id: Uuid,
    pub case_id: Uuid,
    pub case_number: String,
    pub project_name: String,
    pub case_item_id: Uuid,
    pub item_name: String,
    /// `approval`, or `verification` for a 告知承诺 check.
    pub kind: SheetKind,
    pub department_id: Uuid,
    pub assignee_id: Option<Uuid>,
    /// The holder's name (经办人), also after a transfer to someone outside the team.
    pub assignee_name: Option<String>,
    /// `dispatched`, `acknowledged`, `paused`, `finished`, `sent_back` or `cancelled`.
    pub state: SheetState,
    /// For `If-Match`.
    pub version: i32,
    pub dispatched_at: DateTime<Utc>,
    /// Acknowledgement due (30 office minutes after dispatch).
    pub acknowledge_by: DateTime<Utc>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// Finishing due, shifted by pauses and the extension.
    pub finish_by: DateTime<Utc>,
    pub overdue: bool,
    /// Clock stops (补正), each with start, end and reason.
    pub pauses: Vec<PauseOut>,
    /// Office minutes the clock has been stopped.
    pub paused_office_minutes: i64,
    pub extension_working_days: Option<u32>,
    pub missing_materials: Vec<MissingMaterialOut>,
    /// `approved`, `not_approved` or `withdrawn`, once finished.
    pub outcome: Option<SheetOutcome>,
    pub document_number: Option<String>,
    pub outcome_reason: Option<String>,
    pub approved_on_commitment: bool,
    pub closed_at: Option<DateTime<Utc>>,
    /// How the enterprise was told of the result.
    pub result_notice_channel: Option<ResultNoticeChannel>,
    pub result_noticed_at: Option<DateTime<Utc>>,
    /// The approval document (批文) attached: download it at `/api/v1/files/{id}`.
    pub result_file_id: Option<Uuid>,
    /// Actions the caller may take now.
    pub allowed_actions: Vec<SheetAction>,
    /// Open and on its case's critical path: any further delay moves the project's end.
    pub critical: bool,
    /// Working days (rounded up) its lateness so far has already moved the project's end.
    pub holds_up_working_days: i64,
}

/// A clock stop.
#[derive(Debug, Serialize, ToSchema)]
pub struct PauseOut {
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
    pub reason: String,
}

/// A case (一个项目、一个方案、一事一档).
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseOut {
    pub id: Uuid,
    /// `EXAMPLE-2026-0001`.
    pub number: String,
    /// One of the lifecycle's states (`draft` … `archived`).
    pub state: CaseState,
    /// For `If-Match`; also sent as the `ETag` header.
    pub version: i32,
    pub enterprise: EnterpriseRef,
    pub project_name: String,
    pub industry_code: String,
    pub total_investment_fen: i64,
    pub location: String,
    /// The national project code (一项一码), `YYMM-RRRRRR-DD-TT-NNNNNC`, once known.
    pub project_code: Option<String>,
    pub agreement_signed_on: Option<NaiveDate>,
    pub brief: String,
    pub contact_name: String,
    pub contact_phone_masked: String,
    pub reviewer_id: Option<Uuid>,
    pub review_note: Option<String>,
    pub accepter_id: Option<Uuid>,
    pub team: Vec<TeamMemberOut>,
    pub items: Vec<CaseItemOut>,
    pub tasks: Vec<TaskOut>,
    /// The one-time written notification (一次性告知), once sent.
    pub notification_text: Option<String>,
    pub documents_handed_over_at: Option<DateTime<Utc>>,
    pub enterprise_confirmed_at: Option<DateTime<Utc>>,
    /// `pending`, `given` or `declined`.
    pub evaluation_status: EvaluationStatus,
    pub closing_reason: Option<String>,
    /// The plan's forecast end, and its length in working days (held against the county's
    /// `target_working_days`, `getTenant`).
    pub forecast_end: Option<DateTime<Utc>>,
    pub forecast_working_days: Option<i64>,
    /// The critical path: the end projected with lateness so far, and the open sheets that
    /// hold it.
    pub critical_path: crate::routes::analytics::CriticalPathOut,
    /// Lifecycle actions the caller may take now.
    pub allowed_actions: Vec<CaseAction>,
    /// Aftercare the caller may start now: `schedule_follow_up` (a visit, 回访).
    pub aftercare_actions: Vec<AftercareAction>,
    /// The conditions in force on the case and its enterprise (notice / hold / lock), strongest
    /// first; for officials only (absent for the enterprise's own users).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub conditions: Option<Vec<crate::routes::conditions::ConditionOut>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A case in a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseSummaryOut {
    pub id: Uuid,
    pub number: String,
    pub state: CaseState,
    pub version: i32,
    pub enterprise_id: Uuid,
    pub project_name: String,
    /// The national project code (一项一码), `YYMM-RRRRRR-DD-TT-NNNNNC`.
    pub project_code: Option<String>,
    pub total_investment_fen: i64,
    /// The deadline of the case's current step, where it has one: the team within 1 working
    /// day of acceptance, the plan within 1 working day of the team.
    pub step_due_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One event of the case's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct EventOut {
    pub sequence: i32,
    pub occurred_at: DateTime<Utc>,
    pub actor_id: Option<Uuid>,
    pub actor_name: Option<String>,
    pub action: EventAction,
    pub task_id: Option<Uuid>,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub payload: serde_json::Value,
    pub prev_hash: String,
    /// SM3 of the event's canonical form, chained to `prev_hash`.
    pub hash: String,
    /// The version of the canonical form `hash` covers: 1 (before the case and tenant were
    /// bound into the hash) or 2.
    #[schema(minimum = 1, maximum = 2)]
    pub chain_version: u8,
}

/// The result of checking the history's hash chain.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChainVerificationOut {
    /// Whether every event's hash matches and the chain ends at the case's recorded head.
    pub valid: bool,
    /// `sm3`.
    pub algorithm: String,
    pub length: i32,
    pub head: String,
    /// The first broken sequence number, when invalid.
    pub broken_at: Option<i64>,
    pub detail: Option<String>,
    /// The canonical-form version (1 or 2) of each event, in sequence order.
    pub chain_versions: Vec<u8>,
}

impl From<butler_app::cases::ChainVerification> for ChainVerificationOut {
    fn from(v: butler_app::cases::ChainVerification) -> Self {
        ChainVerificationOut {
            valid: v.valid,
            algorithm: v.algorithm,
            length: v.length,
            head: v.head,
            broken_at: v.broken_at,
            detail: v.detail,
            chain_versions: v.chain_versions.into_iter().map(|c| c.number()).collect(),
        }
    }
}

/// The case's timeline with its verification.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimelineOut {
    pub events: Vec<EventOut>,
    pub verification: ChainVerificationOut,
}

/// 补正: ask the enterprise for corrected or extra materials; the clock stops.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct CorrectionIn {
    #[validate(custom(function = "fields::not_blank"), length(max = 2000))]
    #[schema(
        max_length = 2000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub reason: String,
    /// The materials asked for.
    #[validate(length(min = 1, max = 50))]
    #[schema(min_items = 1, max_items = 50)]
    pub materials: Vec<String>,
}

/// 容缺 materials that arrived.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct SuppliedMaterialsIn {
    #[validate(length(min = 1, max = 50))]
    #[schema(min_items = 1, max_items = 50)]
    pub names: Vec<String>,
}

/// 延期: extend the time limit, once, where the item allows.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct ExtensionIn {
    #[validate(range(min = 1, max = 60))]
    #[schema(minimum = 1, maximum = 60)]
    pub working_days: u32,
    #[validate(custom(function = "fields::not_blank"), length(max = 2000))]
    #[schema(
        max_length = 2000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub reason: String,
}

/// The department's decision on a sheet.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"outcome": "approved", "document_number": "姚自然资规〔2026〕12号"}))]
pub struct FinishIn {
    pub outcome: SheetOutcome,
    /// The approval document's number (文号); required when approved.
    #[validate(custom(function = "fields::not_blank"), length(max = 128))]
    #[schema(
        max_length = 128,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub document_number: Option<String>,
    /// Why, when not approved or withdrawn.
    #[validate(length(min = 1, max = 2000))]
    #[schema(min_length = 1, max_length = 2000)]
    pub reason: Option<String>,
    /// 告知承诺: approve on the enterprise's signed commitment (the item must allow it); a
    /// verification sheet is created.
    #[serde(default)]
    pub on_commitment: bool,
}

/// Dispatch a sent-back sheet again, to the same or another department.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct RedispatchIn {
    pub department_id: Option<Uuid>,
}

/// 转办: hand the sheet to a colleague of the same department; the clock continues.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct TransferIn {
    pub to_user_id: Uuid,
}

/// The record that the enterprise was told of a result.
#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
pub struct ResultNoticeIn {
    pub channel: ResultNoticeChannel,
    #[validate(length(max = 2000))]
    #[schema(max_length = 2000)]
    pub note: Option<String>,
}

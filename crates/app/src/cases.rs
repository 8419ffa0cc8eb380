//! The case lifecycle, from application to archive.

use butler_domain::calendar::Calendar;
use butler_domain::case::Actor as CaseActor;
use butler_domain::case::aftercare::{self, AftercareAction};
use butler_domain::case::dependencies::validate_dependencies;
use butler_domain::case::history::{self, GENESIS_HASH, HashAlgorithm};
use butler_domain::case::lifecycle::{self, CaseAction, CaseContext, CaseError, CaseState, EvaluationStatus};
use butler_domain::policy::Actor;
use butler_domain::role::Role;
use butler_domain::time_limit::{TimeLimit, promise_within_legal};
use butler_persistence::repo::cases::{self, CaseFilter, CaseRow, NewCase, NewCaseItem, NewTeamMember};
use butler_persistence::repo::history::{ChainHead, NewEvent};
use butler_persistence::repo::sheets::SheetRow;
use butler_persistence::repo::{departments, enterprises, history as history_repo, items, sheets, tenants, users};
use butler_persistence::{DatabaseTransaction, Page, PageRequest, StoreError};
use chrono::{DateTime, Utc};
use serde_json::json;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use uuid::Uuid;

use crate::Context;
use crate::commands::*;
use crate::error::{AppError, FieldError};

/// A case with everything its rules and its page need.
#[derive(Debug, Clone)]
pub struct CaseBundle {
    pub case: CaseRow,
    pub items: Vec<cases::CaseItemRow>,
    pub team: Vec<cases::TeamMemberRow>,
    pub sheets: Vec<SheetRow>,
}

/// The state of a stored case.
pub fn state_of(case: &CaseRow) -> Result<CaseState, AppError> {
    case.state.parse().map_err(|_| AppError::internal(StoreError::Conflict(format!("unknown state {}", case.state))))
}

pub fn case_actor(actor: &Actor) -> CaseActor {
    CaseActor { user_id: actor.user_id, role: actor.role, department_id: actor.department_id }
}

/// The tenant's working-day calendar.
pub async fn calendar(ctx: &Context, tenant_id: Uuid) -> Result<Arc<Calendar>, AppError> {
    super::calendar::tenant_calendar(ctx, tenant_id).await
}

/// Maps a lifecycle refusal to the API's error; with the context, a guard failure lists
/// every unmet guard of the transition, not only the first.
pub fn lifecycle_error_in(err: CaseError, from: CaseState, ctx: &CaseContext) -> AppError {
    if let CaseError::GuardFailed { action, .. } = &err
        && let Ok(t) = lifecycle::transition(from, *action)
    {
        let failed: Vec<lifecycle::Guard> = t.guards.iter().copied().filter(|g| !g.holds(ctx)).collect();
        if !failed.is_empty() {
            return guards_error(failed);
        }
    }
    lifecycle_error(err)
}

fn guards_error(failed: Vec<lifecycle::Guard>) -> AppError {
    AppError::PreconditionsNotMet(
        failed
            .into_iter()
            .map(|g| {
                let code = serde_json::to_value(g).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                FieldError::new("case", code, guard_zh(g), g.description())
            })
            .collect(),
    )
}

/// Maps a lifecycle refusal to the API's error.
pub fn lifecycle_error(err: CaseError) -> AppError {
    match err {
        CaseError::NotAllowed { state, action, allowed } => AppError::InvalidTransition {
            state: state.code().to_owned(),
            action: action_code(action).to_owned(),
            allowed: allowed.into_iter().map(|a| action_code(a).to_owned()).collect(),
        },
        CaseError::RoleNotAllowed { .. } => AppError::Forbidden,
        CaseError::GuardFailed { guard, .. } => guards_error(vec![guard]),
        CaseError::NoStateToReopen { .. } => AppError::PreconditionsNotMet(vec![FieldError::new(
            "case",
            "no_state_to_reopen",
            "找不到关闭前的状态",
            "no state to reopen to",
        )]),
    }
}

fn guard_zh(g: lifecycle::Guard) -> &'static str {
    use lifecycle::Guard as G;
    match g {
        G::ReasonGiven => "须填写理由",
        G::FourEyes => "审核人与受理签字人不能是同一人",
        G::InvestmentAtLeastThreshold => "投资额须达到受理门槛",
        G::NotOnCreditBlacklist => "企业在失信名单上",
        G::TeamComplete => "管家团队不完整：须有负责领导、牵头代办员及各涉及部门的协同代办员",
        G::PlanComplete => "服务方案不完整：每个事项须有部门、时限和代办员",
        G::AllSheetsFinished => "仍有任务单未办结",
        G::DocumentsHandedOver => "尚未移交办理结果材料",
        G::NotYetConfirmed => "企业已确认",
        G::Confirmed => "须先由企业签字确认",
        G::NotYetEvaluated => "评价已完成",
        G::EvaluationSettled => "须先完成评价或记录企业放弃评价",
        G::DossierComplete => "档案不完整",
    }
}

pub fn action_code(a: CaseAction) -> &'static str {
    match a {
        CaseAction::Submit => "submit",
        CaseAction::ReturnForRevision => "return_for_revision",
        CaseAction::Review => "review",
        CaseAction::Accept => "accept",
        CaseAction::Reject => "reject",
        CaseAction::FormTeam => "form_team",
        CaseAction::ProposePlan => "propose_plan",
        CaseAction::AgreePlan => "agree_plan",
        CaseAction::SignAgreement => "sign_agreement",
        CaseAction::StartService => "start_service",
        CaseAction::Complete => "complete",
        CaseAction::Terminate => "terminate",
        CaseAction::Confirm => "confirm",
        CaseAction::Evaluate => "evaluate",
        CaseAction::DeclineEvaluation => "decline_evaluation",
        CaseAction::Archive => "archive",
        CaseAction::Reopen => "reopen",
    }
}

/// Loads a case of the caller's tenant with items, team and sheets (four queries).
pub async fn load(db: &impl sea_orm::ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<CaseBundle, AppError> {
    let case = cases::get(db, tenant_id, id).await?;
    let items = cases::items(db, id).await?;
    let team = cases::team(db, id).await?;
    let sheets = sheets::for_case(db, id).await?;
    Ok(CaseBundle { case, items, team, sheets })
}

/// Whether `actor` may see the case: officials of the tenant; an enterprise its own; a
/// department its cases (an item, a sheet or a team seat). Others get 404.
pub fn check_visible(actor: &Actor, b: &CaseBundle) -> Result<(), AppError> {
    if b.case.tenant_id != actor.tenant_id {
        return Err(AppError::NotFound);
    }
    let visible = match actor.role {
        Role::Enterprise => actor.enterprise_id == Some(b.case.enterprise_id),
        Role::DepartmentAgent | Role::DepartmentLeader => {
            let dept = actor.department_id;
            b.items.iter().any(|i| Some(i.department_id) == dept)
                || b.sheets.iter().any(|s| Some(s.department_id) == dept)
                || b.team.iter().any(|m| m.user_id == actor.user_id)
        }
        _ => true,
    };
    if visible { Ok(()) } else { Err(AppError::NotFound) }
}

/// Facts the lifecycle's guards look at.
pub fn context(actor: &Actor, b: &CaseBundle, threshold_fen: i64, reason: Option<String>) -> CaseContext {
    let mut ctx = CaseContext::new(case_actor(actor));
    ctx.reason = reason;
    ctx.reviewer_id = b.case.reviewer_id;
    ctx.investment_fen = b.case.investment_fen;
    ctx.threshold_fen = threshold_fen;
    ctx.team_complete = team_complete(b);
    ctx.plan_complete = plan_complete(b);
    ctx.all_sheets_finished = !b.sheets.is_empty()
        && b.sheets.iter().all(|s| s.state == "finished" || s.state == "cancelled")
        && planned_items_all_approved_or_closed(b);
    ctx.documents_handed_over = b.case.documents_handed_over_at.is_some();
    ctx.enterprise_confirmed = b.case.enterprise_confirmed_at.is_some();
    ctx.evaluation = match b.case.evaluation_status.as_str() {
        "given" => EvaluationStatus::Given,
        "declined" => EvaluationStatus::Declined,
        _ => EvaluationStatus::Pending,
    };
    ctx.dossier_complete = dossier_missing(b).is_empty();
    ctx.state_before_closing = b.case.state_before_closing.as_deref().and_then(|s| s.parse().ok());
    ctx
}

/// Every planned item has a finished sheet (no item left undispatched).
fn planned_items_all_approved_or_closed(b: &CaseBundle) -> bool {
    b.items
        .iter()
        .filter(|i| i.planned)
        .all(|i| b.sheets.iter().any(|s| s.case_item_id == i.id && (s.state == "finished" || s.state == "cancelled")))
}

fn team_complete(b: &CaseBundle) -> bool {
    let has = |role: &str| b.team.iter().any(|m| m.team_role == role);
    let departments: HashSet<Uuid> = b.items.iter().map(|i| i.department_id).collect();
    let covered: HashSet<Uuid> =
        b.team.iter().filter(|m| m.team_role != "responsible_leader").filter_map(|m| m.department_id).collect();
    has("responsible_leader") && has("lead_agent") && departments.is_subset(&covered)
}

fn plan_complete(b: &CaseBundle) -> bool {
    let planned: Vec<_> = b.items.iter().filter(|i| i.planned).collect();
    !planned.is_empty() && planned.iter().all(|i| i.agent_id.is_some() && i.promised_limit.is_some())
}

/// What the dossier (一事一档) still lacks before it can be archived, as field errors.
pub fn dossier_missing(b: &CaseBundle) -> Vec<FieldError> {
    let mut missing = Vec::new();
    let c = &b.case;
    let mut need = |ok: bool, code: &str, zh: &str, en: &str| {
        if !ok {
            missing.push(FieldError::new("dossier", code, zh, en));
        }
    };
    need(c.reviewer_id.is_some(), "application_review", "缺少申请受理审核记录", "the application's review is missing");
    let terminated = c.state == "terminated" || c.state_before_closing.as_deref() == Some("terminated");
    if !terminated {
        need(
            c.notification_text.is_some(),
            "one_time_notification",
            "缺少一次性告知书",
            "the one-time notification is missing",
        );
        need(
            b.sheets.iter().filter(|s| s.outcome.is_some()).all(|s| s.result_noticed_at.is_some()),
            "result_notices",
            "有办理结果尚未告知企业",
            "some results were not passed to the enterprise",
        );
        need(c.documents_handed_over_at.is_some(), "handover", "缺少材料移交记录", "the hand-over is missing");
    } else {
        need(c.closing_reason.is_some(), "termination_reason", "缺少终止原因", "the termination reason is missing");
    }
    need(
        c.enterprise_confirmed_at.is_some(),
        "enterprise_confirmation",
        "缺少企业签字确认",
        "the enterprise's confirmation is missing",
    );
    need(
        c.evaluation_status != "pending",
        "evaluation",
        "缺少满意度评价（或放弃评价记录）",
        "the evaluation (or its declining) is missing",
    );
    missing
}

/// Checks `If-Match` against the stored version.
pub fn check_version(stored: i32, if_match: Option<i32>) -> Result<(), AppError> {
    match if_match {
        Some(v) if v != stored => Err(AppError::VersionMismatch { current: stored }),
        _ => Ok(()),
    }
}

pub(crate) fn head(case: &CaseRow) -> ChainHead {
    ChainHead { length: case.chain_length, hash: case.chain_head.clone() }
}

/// Appends a lifecycle event for `action` from `from` to the case's state.
pub(crate) fn lifecycle_event(
    actor: &Actor,
    action: &str,
    from: &str,
    to: &str,
    payload: serde_json::Value,
) -> NewEvent {
    NewEvent {
        actor_id: Some(actor.user_id),
        action: action.to_owned(),
        sheet_id: None,
        from_state: Some(from.to_owned()),
        to_state: Some(to.to_owned()),
        payload,
    }
}

/// Writes the changed case (version-guarded) and its events in `txn`.
pub(crate) async fn save(
    txn: &DatabaseTransaction,
    changed: CaseRow,
    expected_version: i32,
    events: Vec<NewEvent>,
    now: DateTime<Utc>,
) -> Result<CaseRow, AppError> {
    let tenant_id = changed.tenant_id;
    let case_id = changed.id;
    let head = head(&changed);
    cases::update_guarded(txn, changed, expected_version, now).await.map_err(conflict_as_version)?;
    history_repo::append(txn, tenant_id, case_id, &head, events, now).await.map_err(conflict_as_version)?;
    Ok(cases::get(txn, tenant_id, case_id).await?)
}

/// A lost optimistic race answers 409 `conflict`, never a silent overwrite.
fn conflict_as_version(e: StoreError) -> AppError {
    match e {
        StoreError::Conflict(msg) => AppError::Conflict(msg),
        other => other.into(),
    }
}

async fn threshold(ctx: &Context, tenant_id: Uuid) -> Result<i64, AppError> {
    Ok(tenants::get(&ctx.db, tenant_id).await?.investment_threshold_fen)
}

/// Resolves requested items against the catalog (pinning the current version) or takes
/// them as off-catalog items of a department of this tenant.
async fn requested_items(
    ctx: &Context,
    tenant_id: Uuid,
    wanted: &[RequestedItem],
) -> Result<Vec<NewCaseItem>, AppError> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, w) in wanted.iter().enumerate() {
        match (w.catalog_item_id, &w.name, w.department_id) {
            (Some(id), _, _) => match items::get(&ctx.db, tenant_id, id).await {
                Ok(found) => out.push(from_catalog(&found)),
                Err(StoreError::NotFound) => errors.push(FieldError::new(
                    format!("items[{i}].catalog_item_id"),
                    "unknown_item",
                    "事项清单中没有这个事项",
                    "no such catalog item",
                )),
                Err(e) => return Err(e.into()),
            },
            (None, Some(name), Some(dept)) => match departments::get(&ctx.db, tenant_id, dept).await {
                Ok(d) => out.push(off_catalog(name, d.id)),
                Err(StoreError::NotFound) => errors.push(FieldError::new(
                    format!("items[{i}].department_id"),
                    "unknown_department",
                    "没有这个部门",
                    "no such department",
                )),
                Err(e) => return Err(e.into()),
            },
            _ => errors.push(FieldError::new(
                format!("items[{i}]"),
                "item_incomplete",
                "请从事项清单选择，或填写清单外事项的名称和办理部门",
                "give a catalog item, or a name and a department",
            )),
        }
    }
    if errors.is_empty() { Ok(out) } else { Err(AppError::Validation(errors)) }
}

/// An item that is not in the catalog: a name and a department, everything else to be set
/// by the plan.
fn off_catalog(name: &str, department_id: Uuid) -> NewCaseItem {
    NewCaseItem {
        catalog_item_id: None,
        catalog_version: None,
        name: name.trim().to_owned(),
        department_id,
        stage: None,
        legal_limit: None,
        promised_limit: None,
        allows_tolerance: false,
        allows_commitment: false,
        max_extension_days: None,
        agent_id: None,
        materials: json!([]),
        missing_materials: json!([]),
        prerequisites: vec![],
    }
}

fn from_catalog(found: &items::ItemWithMaterials) -> NewCaseItem {
    let it = &found.item;
    let materials: Vec<serde_json::Value> = found
        .materials
        .iter()
        .map(|m| json!({"name": m.name, "required": m.required, "may_be_missing": m.may_be_missing}))
        .collect();
    NewCaseItem {
        catalog_item_id: Some(it.id),
        catalog_version: Some(it.version),
        name: it.name.clone(),
        department_id: it.department_id,
        stage: Some(it.stage.clone()),
        legal_limit: it.legal_limit.clone(),
        promised_limit: it.promised_limit.clone(),
        allows_tolerance: it.allows_tolerance,
        allows_commitment: it.allows_commitment,
        max_extension_days: it.max_extension_days,
        agent_id: None,
        materials: serde_json::Value::Array(materials),
        missing_materials: json!([]),
        prerequisites: vec![],
    }
}

/// Creates a draft application. An enterprise user applies for its own enterprise.
pub async fn create(ctx: &Context, actor: &Actor, input: &Application) -> Result<CaseBundle, AppError> {
    if !matches!(actor.role, Role::Enterprise | Role::InvestmentOfficer | Role::Office | Role::WindowAgent) {
        return Err(AppError::Forbidden);
    }
    let enterprise_id = match actor.role {
        Role::Enterprise => actor.enterprise_id.ok_or(AppError::Forbidden)?,
        _ => input.enterprise_id.ok_or_else(|| {
            AppError::field("enterprise_id", "required", "请选择申请企业", "the applying enterprise is required")
        })?,
    };
    let enterprise = enterprises::get(&ctx.db, actor.tenant_id, enterprise_id).await.map_err(|e| match e {
        StoreError::NotFound => {
            AppError::field("enterprise_id", "unknown_enterprise", "没有这个企业", "no such enterprise")
        }
        other => other.into(),
    })?;
    let wanted = requested_items(ctx, actor.tenant_id, &input.items).await?;
    let tenant = tenants::get(&ctx.db, actor.tenant_id).await?;
    let now = ctx.clock.now();
    let prefix = format!("{}-{}-", tenant.code.to_uppercase(), now.format("%Y"));
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let row = cases::create(
        &txn,
        actor.tenant_id,
        &prefix,
        NewCase {
            enterprise_id: enterprise.id,
            project_name: input.project_name.trim().to_owned(),
            industry_code: input.industry_code.trim().to_owned(),
            investment_fen: input.total_investment_fen,
            location: input.location.trim().to_owned(),
            agreement_signed_on: input.agreement_signed_on,
            brief: input.brief.trim().to_owned(),
            contact_name: input.contact_name.trim().to_owned(),
            contact_phone: input.contact_phone.chars().filter(|c| !c.is_whitespace()).collect(),
            created_by: actor.user_id,
        },
        GENESIS_HASH,
        now,
    )
    .await?;
    cases::replace_items(&txn, actor.tenant_id, row.id, wanted, false).await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: "create".into(),
        sheet_id: None,
        from_state: None,
        to_state: Some("draft".into()),
        payload: json!({"project_name": row.project_name, "total_investment_fen": row.investment_fen, "items": input.items.len()}),
    };
    history_repo::append(&txn, actor.tenant_id, row.id, &head(&row), vec![event], now).await?;
    let bundle = load(&txn, actor.tenant_id, row.id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(bundle)
}

/// Edits a draft (or a returned) application.
pub async fn update(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    if_match: Option<i32>,
    patch: &ApplicationPatch,
) -> Result<CaseBundle, AppError> {
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load(&txn, actor.tenant_id, id).await?;
    check_visible(actor, &b)?;
    if !matches!(actor.role, Role::Enterprise | Role::InvestmentOfficer) {
        return Err(AppError::Forbidden);
    }
    check_version(b.case.version, if_match)?;
    if b.case.state != "draft" {
        return Err(AppError::InvalidTransition {
            state: b.case.state.clone(),
            action: "update".into(),
            allowed: vec![],
        });
    }
    let mut c = b.case.clone();
    let mut changed = Vec::new();
    macro_rules! set {
        ($field:ident, $value:expr, $name:literal) => {
            if let Some(v) = $value {
                c.$field = v;
                changed.push($name);
            }
        };
    }
    set!(project_name, patch.project_name.as_ref().map(|s| s.trim().to_owned()), "project_name");
    set!(industry_code, patch.industry_code.as_ref().map(|s| s.trim().to_owned()), "industry_code");
    set!(investment_fen, patch.total_investment_fen, "total_investment_fen");
    set!(location, patch.location.as_ref().map(|s| s.trim().to_owned()), "location");
    set!(brief, patch.brief.as_ref().map(|s| s.trim().to_owned()), "brief");
    set!(contact_name, patch.contact_name.as_ref().map(|s| s.trim().to_owned()), "contact_name");
    set!(
        contact_phone,
        patch.contact_phone.as_ref().map(|s| s.chars().filter(|c| !c.is_whitespace()).collect()),
        "contact_phone"
    );
    if let Some(d) = patch.agreement_signed_on {
        c.agreement_signed_on = Some(d);
        changed.push("agreement_signed_on");
    }
    if let Some(wanted) = &patch.items {
        let resolved = requested_items(ctx, actor.tenant_id, wanted).await?;
        cases::replace_items(&txn, actor.tenant_id, id, resolved, false).await?;
        changed.push("items");
    }
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: "update".into(),
        sheet_id: None,
        from_state: None,
        to_state: None,
        payload: json!({"changed": changed}),
    };
    save(&txn, c, b.case.version, vec![event], now).await?;
    let bundle = load(&txn, actor.tenant_id, id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(bundle)
}

pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<CaseBundle, AppError> {
    let b = load(&ctx.db, actor.tenant_id, id).await?;
    check_visible(actor, &b)?;
    Ok(b)
}

pub async fn list(
    ctx: &Context,
    actor: &Actor,
    state_filter: Option<String>,
    page: PageRequest,
) -> Result<Page<CaseRow>, AppError> {
    let mut filter = CaseFilter { state: state_filter, ..Default::default() };
    match actor.role {
        Role::Enterprise => filter.enterprise_id = Some(actor.enterprise_id.unwrap_or(Uuid::nil())),
        Role::DepartmentAgent | Role::DepartmentLeader => {
            filter.department_id = Some(actor.department_id.unwrap_or(Uuid::nil()));
        }
        _ => {}
    }
    Ok(cases::list(&ctx.db, actor.tenant_id, &filter, page).await?)
}

fn action_of(cmd: &CaseCommand) -> CaseAction {
    match cmd {
        CaseCommand::Submit => CaseAction::Submit,
        CaseCommand::ReturnForRevision { .. } => CaseAction::ReturnForRevision,
        CaseCommand::Review(_) => CaseAction::Review,
        CaseCommand::Accept => CaseAction::Accept,
        CaseCommand::Reject { .. } => CaseAction::Reject,
        CaseCommand::FormTeam(_) => CaseAction::FormTeam,
        CaseCommand::ProposePlan(_) => CaseAction::ProposePlan,
        CaseCommand::AgreePlan => CaseAction::AgreePlan,
        CaseCommand::SignAgreement { .. } => CaseAction::SignAgreement,
        CaseCommand::StartService => CaseAction::StartService,
        CaseCommand::Complete { .. } => CaseAction::Complete,
        CaseCommand::Terminate { .. } => CaseAction::Terminate,
        CaseCommand::Confirm => CaseAction::Confirm,
        CaseCommand::Evaluate(e) if e.declined => CaseAction::DeclineEvaluation,
        CaseCommand::Evaluate(_) => CaseAction::Evaluate,
        CaseCommand::Archive => CaseAction::Archive,
        CaseCommand::Reopen { .. } => CaseAction::Reopen,
    }
}

fn reason_of(cmd: &CaseCommand) -> Option<String> {
    match cmd {
        CaseCommand::ReturnForRevision { reason }
        | CaseCommand::Reject { reason }
        | CaseCommand::Terminate { reason }
        | CaseCommand::Reopen { reason } => Some(reason.trim().to_owned()),
        _ => None,
    }
}

/// Runs one lifecycle command: checks visibility, version, the table and its guards, applies
/// the command's own changes, and writes state, history, deadlines and notifications in one
/// transaction.
pub async fn run(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    if_match: Option<i32>,
    cmd: CaseCommand,
) -> Result<CaseBundle, AppError> {
    let now = ctx.clock.now();
    let cal = calendar(ctx, actor.tenant_id).await?;
    let threshold_fen = threshold(ctx, actor.tenant_id).await?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let mut b = load(&txn, actor.tenant_id, id).await?;
    check_visible(actor, &b)?;
    check_version(b.case.version, if_match)?;
    let from = state_of(&b.case)?;
    let action = action_of(&cmd);
    // The command's own changes that guards depend on come first (team, plan, hand-over).
    let mut payload = json!({});
    let mut extra_events = Vec::new();
    let mut c = b.case.clone();
    // Structural checks the table cannot express, before anything is written.
    let row = lifecycle::transition(from, action).map_err(lifecycle_error)?;
    // The role is checked before the command's own checks, so a caller who may not act
    // learns nothing from them.
    if !row.roles.contains(&actor.role) {
        return Err(AppError::Forbidden);
    }
    match &cmd {
        CaseCommand::Submit => {
            if b.items.is_empty() {
                return Err(AppError::PreconditionsNotMet(vec![FieldError::new(
                    "items",
                    "no_items",
                    "请至少选择一个帮办代办事项",
                    "choose at least one item",
                )]));
            }
            check_threshold(c.investment_fen, threshold_fen)?;
        }
        CaseCommand::Review(r) => {
            let failed: Vec<&str> = [
                ("industrial", r.policy_checks.industrial),
                ("land", r.policy_checks.land),
                ("environmental", r.policy_checks.environmental),
                ("safety", r.policy_checks.safety),
                ("energy", r.policy_checks.energy),
            ]
            .into_iter()
            .filter(|(_, ok)| !ok)
            .map(|(n, _)| n)
            .collect();
            if !failed.is_empty() {
                return Err(AppError::PreconditionsNotMet(
                    failed
                        .into_iter()
                        .map(|f| {
                            FieldError::new(
                                format!("policy_checks.{f}"),
                                "policy_not_met",
                                "项目不符合该项政策要求，请退回申请并说明原因",
                                "the project does not meet this policy; return the application with a reason",
                            )
                        })
                        .collect(),
                ));
            }
            check_threshold(c.investment_fen, threshold_fen)?;
            c.reviewer_id = Some(actor.user_id);
            c.review_note = Some(r.recommendation.trim().to_owned());
            payload = json!({"recommendation": r.recommendation.trim(), "policy_checks": "all_met"});
        }
        CaseCommand::Accept => {
            c.accepter_id = Some(actor.user_id);
        }
        CaseCommand::FormTeam(t) => {
            let members = team_members(ctx, actor, &b, t, now).await?;
            cases::replace_team(&txn, id, members).await?;
            c.responsible_leader_id = Some(t.responsible_leader_id);
            c.lead_agent_id = Some(t.lead_agent_id);
            b.team = cases::team(&txn, id).await?;
            payload = json!({"responsible_leader_id": t.responsible_leader_id, "lead_agent_id": t.lead_agent_id, "co_agent_ids": t.co_agent_ids});
        }
        CaseCommand::ProposePlan(p) => {
            let new_items = plan_items(ctx, actor, &b, p, now, &cal).await?;
            b.items = cases::replace_items(&txn, actor.tenant_id, id, new_items, true).await?;
            payload = json!({"items": b.items.iter().map(|i| json!({"name": i.name, "promised_limit": i.promised_limit})).collect::<Vec<_>>()});
        }
        CaseCommand::SignAgreement { notification_text } => {
            let text = match notification_text {
                Some(t) if !t.trim().is_empty() => t.trim().to_owned(),
                _ => one_time_notification(&b, &cal, now),
            };
            c.notification_text = Some(text);
            payload = json!({"agreement": "signed", "one_time_notification": "sent"});
        }
        CaseCommand::Complete { handed_over_documents } => {
            c.documents_handed_over_at = Some(now);
            b.case.documents_handed_over_at = Some(now);
            payload = json!({"handed_over_documents": handed_over_documents});
        }
        CaseCommand::Terminate { reason } => {
            c.closing_reason = Some(reason.trim().to_owned());
            c.state_before_closing = Some(from.code().to_owned());
            payload = json!({"reason": reason.trim()});
        }
        CaseCommand::Reject { reason } => {
            c.closing_reason = Some(reason.trim().to_owned());
            c.state_before_closing = Some(from.code().to_owned());
            payload = json!({"reason": reason.trim()});
        }
        CaseCommand::ReturnForRevision { reason } | CaseCommand::Reopen { reason } => {
            payload = json!({"reason": reason.trim()});
        }
        CaseCommand::Confirm => {}
        CaseCommand::Evaluate(e) => {
            if !e.declined && e.level.is_none() {
                return Err(AppError::field(
                    "level",
                    "required",
                    "请选择满意度",
                    "the level is required unless declined",
                ));
            }
            payload = json!({"declined": e.declined, "level": e.level.map(|l| l.code()), "comment": e.comment});
        }
        CaseCommand::AgreePlan | CaseCommand::Archive | CaseCommand::StartService => {}
    }
    // Guards see the command's changes.
    b.case = c.clone();
    let facts = context(actor, &b, threshold_fen, reason_of(&cmd));
    let to = lifecycle::apply(from, action, &facts).map_err(|e| match (&cmd, &e) {
        (CaseCommand::Archive, CaseError::GuardFailed { .. }) => {
            let missing = dossier_missing(&b);
            if missing.is_empty() { lifecycle_error(e) } else { AppError::PreconditionsNotMet(missing) }
        }
        _ => lifecycle_error_in(e, from, &facts),
    })?;
    c.state = to.code().to_owned();
    if matches!(cmd, CaseCommand::Complete { .. } | CaseCommand::Archive) {
        c.state_before_closing = Some(from.code().to_owned());
    }
    match &cmd {
        CaseCommand::Reopen { .. } => c.closing_reason = None,
        CaseCommand::Confirm => c.enterprise_confirmed_at = Some(now),
        _ => {}
    }
    // Side effects that belong to the same transaction.
    match &cmd {
        CaseCommand::Evaluate(e) => {
            c.evaluation_status = if e.declined { "declined".into() } else { "given".into() };
            if !e.declined {
                extra_events.extend(super::sheets::record_evaluation(&txn, ctx, actor, &b, e, now, &cal).await?);
            }
        }
        CaseCommand::Terminate { reason } => {
            extra_events.extend(super::sheets::cancel_open_sheets(&txn, actor, &b, reason, now, &cal).await?);
        }
        CaseCommand::StartService => {
            extra_events.extend(super::sheets::dispatch_ready(&txn, Some(actor), &b, now, &cal).await?);
        }
        CaseCommand::Reopen { .. } if to == CaseState::InService => {
            // The sheets cancelled by the termination start again.
            extra_events.extend(super::sheets::dispatch_ready(&txn, Some(actor), &b, now, &cal).await?);
        }
        _ => {}
    }
    let mut events = vec![lifecycle_event(actor, action_code(action), from.code(), to.code(), payload)];
    events.extend(extra_events);
    super::sheets::on_case_transition(&txn, ctx, actor, &b, from, to, now, &cal).await?;
    save(&txn, c, b.case.version, events, now).await?;
    let bundle = load(&txn, actor.tenant_id, id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(bundle)
}

fn check_threshold(investment_fen: i64, threshold_fen: i64) -> Result<(), AppError> {
    if investment_fen >= threshold_fen {
        return Ok(());
    }
    let wan = |fen: i64| fen as f64 / 1_000_000.0;
    Err(AppError::PreconditionsNotMet(vec![FieldError::new(
        "total_investment_fen",
        "below_threshold",
        format!("总投资 {:.2} 万元低于帮办代办服务门槛 {:.0} 万元", wan(investment_fen), wan(threshold_fen)),
        format!(
            "total investment {:.2} 万元 is below the threshold of {:.0} 万元",
            wan(investment_fen),
            wan(threshold_fen)
        ),
    )]))
}

/// Checks and builds the butler team: roles, tenant, and the agents' qualification
/// (at least one year of approval work).
async fn team_members(
    ctx: &Context,
    actor: &Actor,
    b: &CaseBundle,
    t: &Team,
    now: DateTime<Utc>,
) -> Result<Vec<NewTeamMember>, AppError> {
    let mut errors = Vec::new();
    let mut members = Vec::new();
    let one_year_ago = (now - chrono::Duration::days(365)).date_naive();
    let leader = users::get(&ctx.db, actor.tenant_id, t.responsible_leader_id).await.ok();
    match leader {
        Some(u) if ["department_leader", "investment_leader", "office"].contains(&u.role.as_str()) => members
            .push(NewTeamMember { user_id: u.id, department_id: u.department_id, team_role: "responsible_leader" }),
        _ => errors.push(FieldError::new(
            "responsible_leader_id",
            "not_a_leader",
            "负责领导须为本县的部门分管领导、投资促进局领导或办公室人员",
            "the responsible leader must be a leader of this county",
        )),
    }
    let mut agent_ids = vec![("lead_agent_id".to_owned(), t.lead_agent_id, "lead_agent")];
    agent_ids.extend(t.co_agent_ids.iter().enumerate().map(|(i, id)| (format!("co_agent_ids[{i}]"), *id, "co_agent")));
    for (field, id, role) in agent_ids {
        match users::get(&ctx.db, actor.tenant_id, id).await {
            Ok(u) if ["department_agent", "window_agent", "investment_officer"].contains(&u.role.as_str()) => {
                let qualified =
                    u.role != "department_agent" || u.approval_work_since.is_some_and(|d| d <= one_year_ago);
                if qualified {
                    members.push(NewTeamMember { user_id: u.id, department_id: u.department_id, team_role: role });
                } else {
                    errors.push(FieldError::new(
                        field,
                        "agent_not_qualified",
                        "帮办代办员须从事审批工作 1 年以上",
                        "an agent needs at least one year of approval work",
                    ));
                }
            }
            _ => errors.push(FieldError::new(
                field,
                "not_an_agent",
                "须为本县的帮办代办员",
                "must be an agent of this county",
            )),
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let covered: HashSet<Uuid> =
        members.iter().filter(|m| m.team_role != "responsible_leader").filter_map(|m| m.department_id).collect();
    let names: HashMap<Uuid, String> =
        departments::all(&ctx.db, actor.tenant_id).await?.into_iter().map(|d| (d.id, d.short_name)).collect();
    let missing: Vec<FieldError> = b
        .items
        .iter()
        .map(|i| i.department_id)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|d| !covered.contains(d))
        .map(|d| {
            let name = names.get(&d).cloned().unwrap_or_default();
            FieldError::new(
                "co_agent_ids",
                "department_not_covered",
                format!("缺少{name}的协同代办员"),
                format!("no co-agent of department {name}"),
            )
        })
        .collect();
    if !missing.is_empty() {
        return Err(AppError::Validation(missing));
    }
    Ok(members)
}

/// Checks and builds the plan: items from the catalog (version pinned) or off-catalog,
/// limits (promise ≤ law), agents of the right department in the team, and dependencies
/// without cycles.
async fn plan_items(
    ctx: &Context,
    actor: &Actor,
    b: &CaseBundle,
    p: &Plan,
    now: DateTime<Utc>,
    _cal: &Calendar,
) -> Result<Vec<NewCaseItem>, AppError> {
    let mut errors = Vec::new();
    let mut out = Vec::new();
    let team: HashMap<Uuid, Option<Uuid>> = b.team.iter().map(|m| (m.user_id, m.department_id)).collect();
    let _ = now;
    for (i, it) in p.items.iter().enumerate() {
        let f = |name: &str| format!("items[{i}].{name}");
        let mut item = match (it.catalog_item_id, &it.name, it.department_id) {
            (Some(id), _, _) => match items::get(&ctx.db, actor.tenant_id, id).await {
                Ok(found) => from_catalog(&found),
                Err(StoreError::NotFound) => {
                    errors.push(FieldError::new(
                        f("catalog_item_id"),
                        "unknown_item",
                        "事项清单中没有这个事项",
                        "no such catalog item",
                    ));
                    continue;
                }
                Err(e) => return Err(e.into()),
            },
            (None, Some(name), Some(dept)) => {
                if departments::get(&ctx.db, actor.tenant_id, dept).await.is_err() {
                    errors.push(FieldError::new(
                        f("department_id"),
                        "unknown_department",
                        "没有这个部门",
                        "no such department",
                    ));
                    continue;
                }
                off_catalog(name, dept)
            }
            _ => {
                errors.push(FieldError::new(
                    format!("items[{i}]"),
                    "item_incomplete",
                    "请从事项清单选择，或填写清单外事项的名称和办理部门",
                    "give a catalog item, or a name and a department",
                ));
                continue;
            }
        };
        for (field, text, target) in [("promised_limit", &it.promised_limit, 0), ("legal_limit", &it.legal_limit, 1)] {
            if let Some(text) = text {
                match TimeLimit::parse(text) {
                    Ok(parsed) => {
                        let value = parsed.map(|l| l.to_string());
                        if target == 0 { item.promised_limit = value } else { item.legal_limit = value }
                    }
                    Err(e) => errors.push(FieldError::new(
                        f(field),
                        "time_limit",
                        format!("时限格式不正确：{text}"),
                        e.to_string(),
                    )),
                }
            }
        }
        let promised = item.promised_limit.as_deref().and_then(|t| TimeLimit::parse(t).ok().flatten());
        let legal = item.legal_limit.as_deref().and_then(|t| TimeLimit::parse(t).ok().flatten());
        match (promised, legal) {
            (None, _) => errors.push(FieldError::new(
                f("promised_limit"),
                "required",
                "请填写承诺时限（事项清单未载明）",
                "the promised limit is required (the catalog gives none)",
            )),
            (Some(p), Some(l)) => {
                if let Err(e) = promise_within_legal(p, l) {
                    errors.push(FieldError::new(
                        f("promised_limit"),
                        "promise_exceeds_legal",
                        format!("承诺时限 {p} 长于法定时限 {l}"),
                        e.to_string(),
                    ));
                }
            }
            _ => {}
        }
        if let Some(c) = it.allows_commitment {
            item.allows_commitment = c;
        }
        if it.max_extension_days.is_some() {
            item.max_extension_days = it.max_extension_days;
        }
        match team.get(&it.agent_id) {
            Some(dept) if *dept == Some(item.department_id) => item.agent_id = Some(it.agent_id),
            Some(_) => errors.push(FieldError::new(
                f("agent_id"),
                "agent_of_other_department",
                "代办员须属于该事项的办理部门",
                "the agent must belong to the item's department",
            )),
            None => errors.push(FieldError::new(
                f("agent_id"),
                "agent_not_in_team",
                "代办员须是本项目管家团队成员",
                "the agent must be in the butler team",
            )),
        }
        if let Some(materials) = &it.materials {
            item.materials = serde_json::to_value(materials).unwrap_or_default();
        }
        if !it.missing_materials.is_empty() {
            item.allows_tolerance = true;
            item.missing_materials = serde_json::to_value(
                it.missing_materials
                    .iter()
                    .map(|m| json!({"name": m.name.trim(), "committed_by": m.committed_by}))
                    .collect::<Vec<_>>(),
            )
            .unwrap_or_default();
        }
        for (k, pre) in it.prerequisites.iter().enumerate() {
            if *pre < 1 || *pre as usize > p.items.len() || *pre as usize == i + 1 {
                errors.push(FieldError::new(
                    format!("items[{i}].prerequisites[{k}]"),
                    "unknown_prerequisite",
                    "前置事项序号无效",
                    "no such item position",
                ));
            }
        }
        item.prerequisites = it.prerequisites.clone();
        out.push(item);
    }
    let edges: Vec<(i32, i32)> = p
        .items
        .iter()
        .enumerate()
        .flat_map(|(i, it)| it.prerequisites.iter().map(move |pre| (*pre, i as i32 + 1)))
        .collect();
    if let Err(cycle) = validate_dependencies(&edges) {
        let path = cycle.cycle.iter().map(|p| p.to_string()).collect::<Vec<_>>().join(" → ");
        errors.push(FieldError::new(
            "items",
            "dependency_cycle",
            format!("事项之间存在循环依赖：{path}"),
            format!("the dependencies form a cycle: {path}"),
        ));
    }
    if errors.is_empty() { Ok(out) } else { Err(AppError::Validation(errors)) }
}

/// The one-time written notification (一次性告知) generated from the plan.
fn one_time_notification(b: &CaseBundle, cal: &Calendar, now: DateTime<Utc>) -> String {
    let mut text = format!("{}（{}）一次性告知书\n", b.case.project_name, b.case.number);
    let forecast = forecast(b, cal, now);
    for item in b.items.iter().filter(|i| i.planned) {
        text.push_str(&format!(
            "\n{}. {}，承诺时限：{}",
            item.position,
            item.name,
            item.promised_limit.as_deref().unwrap_or("—")
        ));
        if let Some((_, end)) = forecast.get(&item.id) {
            text.push_str(&format!("，预计办结：{}", cal.local_date(*end)));
        }
        let materials: Vec<String> = item
            .materials
            .as_array()
            .map(|a| a.iter().filter_map(|m| m["name"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        if !materials.is_empty() {
            text.push_str(&format!("\n   所需材料：{}", materials.join("；")));
        }
    }
    text
}

/// The roadmap: each planned item starts when its prerequisites end (or now) and ends at its
/// promised limit on the tenant's calendar.
pub fn forecast(b: &CaseBundle, cal: &Calendar, now: DateTime<Utc>) -> BTreeMap<Uuid, (DateTime<Utc>, DateTime<Utc>)> {
    let mut out: BTreeMap<Uuid, (DateTime<Utc>, DateTime<Utc>)> = BTreeMap::new();
    let planned: Vec<_> = b.items.iter().filter(|i| i.planned).collect();
    // Items are few; relax until stable (the graph is acyclic, so |items| rounds suffice).
    for _ in 0..=planned.len() {
        for item in &planned {
            let pres = prerequisite_ids(item);
            if !pres.iter().all(|p| out.contains_key(p)) {
                continue;
            }
            let sheet = b
                .sheets
                .iter()
                .filter(|s| s.case_item_id == item.id && s.kind == "approval")
                .max_by_key(|s| s.dispatched_at);
            let start = match sheet {
                Some(s) => s.dispatched_at,
                None => pres.iter().filter_map(|p| out.get(p).map(|(_, e)| *e)).max().unwrap_or(now).max(now),
            };
            let end = match sheet {
                Some(s) => s.closed_at.unwrap_or(s.finish_by),
                None => item
                    .promised_limit
                    .as_deref()
                    .and_then(|t| TimeLimit::parse(t).ok().flatten())
                    .and_then(|l| l.deadline(start, cal).ok())
                    .unwrap_or(start),
            };
            out.insert(item.id, (start, end));
        }
    }
    out
}

pub fn prerequisite_ids(item: &cases::CaseItemRow) -> Vec<Uuid> {
    item.prerequisites
        .as_array()
        .map(|a| a.iter().filter_map(|v| v.as_str().and_then(|s| s.parse().ok())).collect())
        .unwrap_or_default()
}

/// What checking a case's hash chain found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainVerification {
    pub valid: bool,
    pub algorithm: String,
    pub length: i32,
    pub head: String,
    /// The first sequence number that does not verify.
    pub broken_at: Option<i64>,
    pub detail: Option<String>,
}

/// Checks the stored chain: every hash, and that it ends at the head kept on the case.
pub fn verify_chain(case: &CaseRow, rows: &[history_repo::EventRow]) -> ChainVerification {
    let chained = history_repo::chained(rows);
    let result = history::verify(HashAlgorithm::Sm3, &chained);
    let (valid, broken_at, detail) = match result {
        Ok(()) => {
            let last = rows.last().map(|r| (r.sequence, r.hash.clone())).unwrap_or((0, GENESIS_HASH.to_owned()));
            if last.0 == case.chain_length && last.1 == case.chain_head {
                (true, None, None)
            } else {
                (
                    false,
                    Some(i64::from(last.0) + 1),
                    Some("the history ends before the case's recorded head".to_owned()),
                )
            }
        }
        Err(b) => (false, Some(b.sequence as i64), Some(b.to_string())),
    };
    ChainVerification {
        valid,
        algorithm: "sm3".into(),
        length: case.chain_length,
        head: case.chain_head.clone(),
        broken_at,
        detail,
    }
}

/// Lifecycle actions `actor` may take on the case now (role and state, before guards).
pub fn allowed_actions(actor: &Actor, b: &CaseBundle) -> Vec<String> {
    let Ok(state) = state_of(&b.case) else { return vec![] };
    if actor.role == Role::Enterprise && actor.enterprise_id != Some(b.case.enterprise_id) {
        return vec![];
    }
    lifecycle::actions_for(state, actor.role).into_iter().map(|a| action_code(a).to_owned()).collect()
}

/// Schedules a follow-up visit (回访) of a closed case; recorded in the history.
pub async fn schedule_follow_up(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    input: &FollowUpPlan,
) -> Result<butler_persistence::repo::evaluations::FollowUpRow, AppError> {
    if !aftercare::role_may(actor, AftercareAction::ScheduleFollowUp) {
        return Err(AppError::Forbidden);
    }
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load(&txn, actor.tenant_id, id).await?;
    check_visible(actor, &b)?;
    if !aftercare::may_schedule_follow_up(actor, state_of(&b.case)?) {
        return Err(AppError::InvalidTransition {
            state: b.case.state.clone(),
            action: "schedule_follow_up".into(),
            allowed: vec![],
        });
    }
    let row = butler_persistence::repo::evaluations::schedule_follow_up(
        &txn,
        actor.tenant_id,
        id,
        input.scheduled_for,
        input.method.code(),
        now,
    )
    .await?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: "follow_up_scheduled".into(),
        sheet_id: None,
        from_state: None,
        to_state: None,
        payload: json!({"follow_up_id": row.id.to_string(), "scheduled_for": input.scheduled_for, "method": input.method.code()}),
    };
    history_repo::append(&txn, actor.tenant_id, id, &head(&b.case), vec![event], now)
        .await
        .map_err(conflict_as_version)?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(row)
}

/// Records a follow-up visit's result; recorded in the history.
pub async fn record_follow_up(
    ctx: &Context,
    actor: &Actor,
    case_id: Uuid,
    follow_up_id: Uuid,
    notes: &str,
) -> Result<butler_persistence::repo::evaluations::FollowUpRow, AppError> {
    use butler_persistence::repo::evaluations;
    if !aftercare::role_may(actor, AftercareAction::RecordFollowUp) {
        return Err(AppError::Forbidden);
    }
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let b = load(&txn, actor.tenant_id, case_id).await?;
    check_visible(actor, &b)?;
    let visit = evaluations::get_follow_up(&txn, actor.tenant_id, follow_up_id).await?;
    if visit.case_id != case_id {
        return Err(AppError::NotFound);
    }
    evaluations::record_follow_up(&txn, follow_up_id, notes.trim(), actor.user_id, now)
        .await
        .map_err(conflict_as_version)?;
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: "follow_up_recorded".into(),
        sheet_id: None,
        from_state: None,
        to_state: None,
        payload: json!({"follow_up_id": follow_up_id.to_string(), "notes": notes.trim()}),
    };
    history_repo::append(&txn, actor.tenant_id, case_id, &head(&b.case), vec![event], now)
        .await
        .map_err(conflict_as_version)?;
    let row = evaluations::get_follow_up(&txn, actor.tenant_id, follow_up_id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(row)
}

/// Answers a rectification (整改) in writing: the office, or the leader of the department
/// reviewed. Closes its deadline; recorded in the case's history.
pub async fn reply_rectification(
    ctx: &Context,
    actor: &Actor,
    id: Uuid,
    reply: &str,
) -> Result<butler_persistence::repo::evaluations::RectificationRow, AppError> {
    use butler_persistence::repo::{deadlines, evaluations};
    let now = ctx.clock.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let rect = evaluations::get_rectification(&txn, actor.tenant_id, id).await?;
    let b = load(&txn, actor.tenant_id, rect.case_id).await?;
    check_visible(actor, &b)?;
    // Whose it is to answer; answering twice is refused below, as a conflict.
    if !aftercare::may_reply_rectification(actor, rect.department_id, false) {
        return Err(AppError::Forbidden);
    }
    evaluations::reply_rectification(&txn, id, reply.trim(), now).await.map_err(conflict_as_version)?;
    if evaluations::rectifications(&txn, b.case.id).await?.iter().all(|r| r.id == id || r.replied_at.is_some()) {
        deadlines::close(&txn, b.case.id, None, "rectification", now).await?;
    }
    let event = NewEvent {
        actor_id: Some(actor.user_id),
        action: "rectification_replied".into(),
        sheet_id: None,
        from_state: None,
        to_state: None,
        payload: json!({"rectification_id": id.to_string(), "reply": reply.trim()}),
    };
    history_repo::append(&txn, actor.tenant_id, b.case.id, &head(&b.case), vec![event], now)
        .await
        .map_err(conflict_as_version)?;
    let row = evaluations::get_rectification(&txn, actor.tenant_id, id).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(row)
}

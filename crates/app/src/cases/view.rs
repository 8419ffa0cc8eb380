//! A case as its reader sees it: its facts, its enterprise, the team and the plan with the
//! roadmap, its task sheets, and what the reader may do now; and the case list's summaries
//! with the current step's deadline.

use butler_domain::case::aftercare::{self, AftercareAction};
use butler_domain::case::lifecycle::{self, CaseAction, CaseState, EvaluationStatus};
use butler_domain::case::team::TeamRole;
use butler_domain::policy::Actor;
use butler_domain::project_code::ProjectCode;
use butler_domain::role::Role;
use butler_domain::time_limit::TimeLimit;
use butler_persistence::repo::cases::CaseFilter;
use butler_persistence::repo::deadlines;
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use super::facts::CaseFacts;
use super::{CaseBundle, calendar, forecast, prerequisite_ids, state_of};
use crate::commands::Material;
use crate::paging::{Page, PageRequest};
use crate::tasks::{MissingMaterial, TaskView};
use crate::{AppError, Context};

/// An enterprise by id, name and credit code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnterpriseRef {
    pub id: Uuid,
    pub name: String,
    pub credit_code: String,
}

/// A seat on the butler team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamSeat {
    pub user_id: Uuid,
    pub display_name: String,
    pub role: TeamRole,
    pub department_id: Option<Uuid>,
}

/// An item of the case's plan, with its place on the roadmap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemView {
    pub id: Uuid,
    pub position: i32,
    pub name: String,
    pub department_id: Uuid,
    pub catalog_item_id: Option<Uuid>,
    pub catalog_version: Option<i32>,
    pub stage: Option<String>,
    pub legal_limit: Option<TimeLimit>,
    pub promised_limit: Option<TimeLimit>,
    pub allows_commitment: bool,
    pub max_extension_days: Option<i32>,
    pub agent_id: Option<Uuid>,
    pub prerequisites: Vec<Uuid>,
    pub materials: Vec<Material>,
    pub missing_materials: Vec<MissingMaterial>,
    pub planned: bool,
    pub forecast_start: Option<DateTime<Utc>>,
    pub forecast_end: Option<DateTime<Utc>>,
}

/// A case for its reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseView {
    pub id: Uuid,
    pub number: String,
    pub state: CaseState,
    pub version: i32,
    pub enterprise: EnterpriseRef,
    pub project_name: String,
    pub industry_code: String,
    pub total_investment_fen: i64,
    pub location: String,
    /// The national project code (一项一码), canonical.
    pub project_code: Option<String>,
    pub agreement_signed_on: Option<NaiveDate>,
    pub brief: String,
    pub contact_name: String,
    /// In full: the web masks it.
    pub contact_phone: String,
    pub reviewer_id: Option<Uuid>,
    pub review_note: Option<String>,
    pub accepter_id: Option<Uuid>,
    pub team: Vec<TeamSeat>,
    pub items: Vec<ItemView>,
    pub tasks: Vec<TaskView>,
    pub notification_text: Option<String>,
    pub documents_handed_over_at: Option<DateTime<Utc>>,
    pub enterprise_confirmed_at: Option<DateTime<Utc>>,
    pub evaluation_status: EvaluationStatus,
    pub closing_reason: Option<String>,
    pub forecast_end: Option<DateTime<Utc>>,
    pub forecast_working_days: Option<i64>,
    /// The critical path: the projected end with lateness so far, and which open sheets hold
    /// it (their `tasks` carry `critical` too).
    pub critical_path: crate::analytics::CasePath,
    /// Lifecycle actions the reader's role may take from the state (before guards).
    pub allowed_actions: Vec<CaseAction>,
    /// Aftercare the reader may start on the case.
    pub aftercare_actions: Vec<AftercareAction>,
    /// The conditions in force on the case and its enterprise, for officials only (`None` for
    /// the enterprise's own users).
    pub conditions: Option<Vec<crate::conditions::Condition>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A case in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSummary {
    pub id: Uuid,
    pub number: String,
    pub state: CaseState,
    pub version: i32,
    pub enterprise_id: Uuid,
    pub project_name: String,
    /// The national project code (一项一码), canonical.
    pub project_code: Option<String>,
    pub total_investment_fen: i64,
    /// When the current step (team formation, plan) is due, if one is open.
    pub step_due_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

fn limit(text: Option<&str>) -> Option<TimeLimit> {
    text.and_then(|t| TimeLimit::parse(t).ok().flatten())
}

/// Lifecycle actions `actor` may take on the case now (role and state, before guards).
pub fn allowed_actions(actor: &Actor, b: &CaseBundle) -> Vec<CaseAction> {
    let Ok(state) = state_of(&b.case) else { return vec![] };
    if actor.role == Role::Enterprise && actor.enterprise_id != Some(b.case.enterprise_id) {
        return vec![];
    }
    lifecycle::actions_for(state, actor.role)
}

/// The case `b` for `actor` (who may see it).
pub async fn view(ctx: &Context, actor: &Actor, b: CaseBundle) -> Result<CaseView, AppError> {
    render(ctx, actor, &super::facts::of(ctx, b).await?).await
}

/// The case of `facts` for `actor` (who may see it), at the clock's now.
pub async fn render(ctx: &Context, actor: &Actor, facts: &CaseFacts) -> Result<CaseView, AppError> {
    let CaseFacts { bundle: b, enterprise, names, .. } = facts;
    let cal = calendar(ctx, b.case.tenant_id).await?;
    let now = ctx.now();
    let roadmap = forecast(b, &cal, now);
    let items: Vec<ItemView> = b
        .items
        .iter()
        .map(|i| ItemView {
            id: i.id,
            position: i.position,
            name: i.name.clone(),
            department_id: i.department_id,
            catalog_item_id: i.catalog_item_id,
            catalog_version: i.catalog_version,
            stage: i.stage.map(|s| s.0.code().to_owned()),
            legal_limit: limit(i.legal_limit.as_deref()),
            promised_limit: limit(i.promised_limit.as_deref()),
            allows_commitment: i.allows_commitment,
            max_extension_days: i.max_extension_days,
            agent_id: i.agent_id,
            prerequisites: prerequisite_ids(i),
            materials: serde_json::from_value(i.materials.clone()).unwrap_or_default(),
            missing_materials: missing_materials(&i.missing_materials),
            planned: i.planned,
            forecast_start: roadmap.get(&i.id).map(|f| f.0),
            forecast_end: roadmap.get(&i.id).map(|f| f.1),
        })
        .collect();
    let forecast_end = roadmap.values().map(|f| f.1).max();
    let forecast_start = roadmap.values().map(|f| f.0).min();
    let forecast_working_days = match (forecast_start, forecast_end) {
        (Some(s), Some(e)) => Some(cal.working_days_between(s, e)),
        _ => None,
    };
    let mut tasks = b
        .sheets
        .iter()
        .map(|s| {
            let item = b.items.iter().find(|i| i.id == s.case_item_id);
            crate::tasks::task_view(actor, s, &b.case, item, names, &cal, now)
        })
        .collect::<Result<Vec<_>, _>>()?;
    let critical_path = crate::analytics::case_path(b, &cal, now);
    crate::tasks::mark_critical(&mut tasks, &critical_path);
    let team = b
        .team
        .iter()
        .map(|m| {
            Ok(TeamSeat {
                user_id: m.user_id,
                display_name: names.get(&m.user_id).cloned().unwrap_or_default(),
                role: m.team_role.0,
                department_id: m.department_id,
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;
    let state = state_of(&b.case)?;
    let c = &b.case;
    Ok(CaseView {
        id: c.id,
        number: c.number.clone(),
        state,
        version: c.version,
        enterprise: enterprise.clone(),
        project_name: c.project_name.clone(),
        industry_code: c.industry_code.clone(),
        total_investment_fen: c.investment_fen,
        location: c.location.clone(),
        project_code: c.project_code.clone(),
        agreement_signed_on: c.agreement_signed_on,
        brief: c.brief.clone(),
        contact_name: c.contact_name.clone(),
        contact_phone: ctx.pii.open(&c.contact_phone)?,
        reviewer_id: c.reviewer_id,
        review_note: c.review_note.clone(),
        accepter_id: c.accepter_id,
        team,
        items,
        tasks,
        notification_text: c.notification_text.clone(),
        documents_handed_over_at: c.documents_handed_over_at,
        enterprise_confirmed_at: c.enterprise_confirmed_at,
        evaluation_status: c.evaluation_status.0,
        closing_reason: c.closing_reason.clone(),
        forecast_end,
        forecast_working_days,
        critical_path,
        allowed_actions: allowed_actions(actor, b),
        aftercare_actions: aftercare::may_schedule_follow_up(actor, state)
            .then_some(AftercareAction::ScheduleFollowUp)
            .into_iter()
            .collect(),
        conditions: crate::conditions::in_force_for(actor, &b.conditions, now),
        created_at: c.created_at,
        updated_at: c.updated_at,
    })
}

fn missing_materials(stored: &serde_json::Value) -> Vec<MissingMaterial> {
    #[derive(serde::Deserialize)]
    struct Stored {
        name: String,
        committed_by: NaiveDate,
        #[serde(default)]
        supplied_at: Option<DateTime<Utc>>,
    }
    serde_json::from_value::<Vec<Stored>>(stored.clone())
        .unwrap_or_default()
        .into_iter()
        .map(|m| MissingMaterial { name: m.name, committed_by: m.committed_by, supplied_at: m.supplied_at })
        .collect()
}

/// One case for `actor`, from its current facts ([`super::facts`]).
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<CaseView, AppError> {
    let facts = super::facts::current(ctx, actor.tenant_id, id).await?;
    super::check_visible(actor, &facts.bundle)?;
    render(ctx, actor, &facts).await
}

/// What a case list asks for besides the caller's scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseListQuery {
    /// Only cases in this state.
    pub state: Option<CaseState>,
    /// Text in the number, the project name or the national project code (with or without
    /// hyphens).
    pub search: Option<String>,
    /// Only the case with this national project code.
    pub project_code: Option<ProjectCode>,
}

/// Which cases the case list holds for `actor` (its scope) and `query`; the case register
/// export (台账) lists the same.
pub(crate) fn list_filter(actor: &Actor, query: &CaseListQuery) -> CaseFilter {
    let scope = butler_domain::policy::case_list_scope(actor);
    CaseFilter {
        state: query.state,
        enterprise_id: scope.enterprise_id,
        department_id: scope.department_id,
        hide_drafts: scope.hide_drafts,
        project_code: query.project_code.as_ref().map(|c| c.as_str().to_owned()),
        search: query.search.clone(),
        ..Default::default()
    }
}

/// The cases `actor` may see (an enterprise its own, a department those it has items in),
/// filtered by `query`.
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    query: &CaseListQuery,
    page: &PageRequest,
) -> Result<Page<CaseSummary>, AppError> {
    let filter = list_filter(actor, query);
    let rows = butler_persistence::repo::cases::list(&ctx.db, actor.tenant_id, &filter, page.checked()?).await?;
    let ids: Vec<Uuid> = rows.items.iter().map(|c| c.id).collect();
    let due = deadlines::open_case_steps(&ctx.db, actor.tenant_id, &ids).await?;
    Page::from(rows).try_map(|c| {
        Ok(CaseSummary {
            step_due_at: due.get(&c.id).copied(),
            id: c.id,
            number: c.number,
            state: c.state.0,
            version: c.version,
            enterprise_id: c.enterprise_id,
            project_name: c.project_name,
            project_code: c.project_code,
            total_investment_fen: c.investment_fen,
            created_at: c.created_at,
            updated_at: c.updated_at,
        })
    })
}

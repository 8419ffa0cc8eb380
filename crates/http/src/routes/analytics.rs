//! Where the time goes (用时分析): the time split per item, stage, department and agent, the
//! slowest items, the running cases' forecasts against the county's target, and all of it as
//! a workbook.

use actix_web::{HttpResponse, get, web};
use butler_app::analytics::split::{AgentSplit, DepartmentSplit, ItemSplit, SplitFigures, StageSplit};
use butler_app::analytics::{self, CasePath, SplitQuery};
use butler_domain::case::lifecycle::CaseState;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::download::FileBytes;
use crate::error::{ApiError, Problem};
use crate::extract::Authenticated;
use crate::routes::forms::download;
use crate::state::AppState;

/// The period and department of a time split.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct AnalyticsQuery {
    /// Only this department (department leaders: always their own).
    pub department_id: Option<Uuid>,
    /// First day of the period (Asia/Shanghai), by the day sheets were dispatched; inclusive.
    pub from: Option<NaiveDate>,
    /// Last day of the period, inclusive.
    pub to: Option<NaiveDate>,
}

impl From<&AnalyticsQuery> for SplitQuery {
    fn from(q: &AnalyticsQuery) -> Self {
        SplitQuery { department_id: q.department_id, from: q.from, to: q.to }
    }
}

/// A group's working time. Every figure is office time on the county's calendar (office
/// hours of working days). Sheets are the approval sheets dispatched in the period, not
/// cancelled nor sent back; a finished sheet counts to its close, an open one to now.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SplitFiguresOut {
    /// Sheets counted, finished and open.
    pub sheets: i64,
    /// Of those, finished.
    pub finished: i64,
    /// Department handling: dispatch to close (or now) with the clock running, summed.
    pub handling_office_minutes: i64,
    /// Enterprise 补正: the clock stops in that span, summed.
    pub correction_office_minutes: i64,
    /// Waiting on prerequisites: for items with prerequisites, from the case's start of
    /// service (its first dispatch) to the sheet's dispatch, summed.
    pub waiting_office_minutes: i64,
    /// The promised limit from dispatch plus any extension, summed.
    pub promised_office_minutes: i64,
    /// Per sheet, in office days (`office_day_minutes`), to one decimal.
    pub average_handling_days: f64,
    pub average_correction_days: f64,
    pub average_waiting_days: f64,
    /// Handling, 补正 and waiting together, per sheet.
    pub average_used_days: f64,
    pub average_promised_days: f64,
}

impl From<SplitFigures> for SplitFiguresOut {
    fn from(f: SplitFigures) -> Self {
        SplitFiguresOut {
            sheets: f.sheets,
            finished: f.finished,
            handling_office_minutes: f.handling_office_minutes,
            correction_office_minutes: f.correction_office_minutes,
            waiting_office_minutes: f.waiting_office_minutes,
            promised_office_minutes: f.promised_office_minutes,
            average_handling_days: f.average_handling_days,
            average_correction_days: f.average_correction_days,
            average_waiting_days: f.average_waiting_days,
            average_used_days: f.average_used_days,
            average_promised_days: f.average_promised_days,
        }
    }
}

/// One item, by its catalog code (an item outside the catalog by its name).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ItemSplitOut {
    pub code: Option<String>,
    pub name: String,
    /// The stage code (`land_planning_permit`, …).
    pub stage: Option<String>,
    pub figures: SplitFiguresOut,
}

impl From<ItemSplit> for ItemSplitOut {
    fn from(i: ItemSplit) -> Self {
        ItemSplitOut {
            code: i.code,
            name: i.name,
            stage: i.stage.map(|s| s.code().to_owned()),
            figures: i.figures.into(),
        }
    }
}

/// One stage; absent `stage`: items outside the catalog's stages.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct StageSplitOut {
    pub stage: Option<String>,
    pub figures: SplitFiguresOut,
}

impl From<StageSplit> for StageSplitOut {
    fn from(s: StageSplit) -> Self {
        StageSplitOut { stage: s.stage.map(|s| s.code().to_owned()), figures: s.figures.into() }
    }
}

/// One department.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DepartmentSplitOut {
    pub department_id: Uuid,
    pub figures: SplitFiguresOut,
}

impl From<DepartmentSplit> for DepartmentSplitOut {
    fn from(d: DepartmentSplit) -> Self {
        DepartmentSplitOut { department_id: d.department_id, figures: d.figures.into() }
    }
}

/// One agent; absent `agent_id`: the department's sheets nobody holds.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgentSplitOut {
    pub department_id: Uuid,
    pub agent_id: Option<Uuid>,
    pub figures: SplitFiguresOut,
}

impl From<AgentSplit> for AgentSplitOut {
    fn from(a: AgentSplit) -> Self {
        AgentSplitOut { department_id: a.department_id, agent_id: a.agent_id, figures: a.figures.into() }
    }
}

/// The time split of a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct TimeSplitOut {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// "Now" for the open sheets.
    pub generated_at: DateTime<Utc>,
    /// The county's office day in minutes: what one day is in the averages.
    pub office_day_minutes: i64,
    /// By catalog code.
    pub items: Vec<ItemSplitOut>,
    /// In the order of the stages.
    pub stages: Vec<StageSplitOut>,
    pub departments: Vec<DepartmentSplitOut>,
    pub agents: Vec<AgentSplitOut>,
    /// The items that took longest per sheet, slowest first (at most 10).
    pub slowest: Vec<ItemSplitOut>,
    pub total: SplitFiguresOut,
}

/// Where the time went in a period (用时分析).
///
/// Each approval sheet's office time split into department handling, enterprise 补正 and
/// waiting on prerequisites, against what it was promised, per item, stage, department and
/// agent, with the slowest items. The office and supervisors see the county; a department's
/// leader its own department.
#[utoipa::path(
    tag = "supervision",
    operation_id = "getTimeSplit",
    params(AnalyticsQuery),
    responses(
        (status = 200, description = "The split", body = TimeSplitOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read analytics, or not another department's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A period that ends before it starts", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/analytics/time-split")]
pub async fn get_time_split(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<AnalyticsQuery>,
) -> Result<web::Json<TimeSplitOut>, ApiError> {
    let r = analytics::time_split(&state.app, &auth.0, (&*query).into()).await?;
    Ok(web::Json(TimeSplitOut {
        from: r.from,
        to: r.to,
        generated_at: r.generated_at,
        office_day_minutes: r.office_day_minutes,
        items: r.items.into_iter().map(Into::into).collect(),
        stages: r.stages.into_iter().map(Into::into).collect(),
        departments: r.departments.into_iter().map(Into::into).collect(),
        agents: r.agents.into_iter().map(Into::into).collect(),
        slowest: r.slowest.into_iter().map(Into::into).collect(),
        total: r.total.into(),
    }))
}

/// Which forecasts to list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ForecastQuery {
    /// Only the cases forecast to miss the target.
    pub missing_only: Option<bool>,
}

/// A running case's forecast against the target.
#[derive(Debug, Serialize, ToSchema)]
pub struct CaseForecastOut {
    pub case_id: Uuid,
    pub number: String,
    pub project_name: String,
    pub state: CaseState,
    /// When its last item is expected to end: the roadmap, with every overdue open sheet
    /// expected to end no earlier than now.
    pub projected_end: Option<DateTime<Utc>>,
    /// Working days from the roadmap's first start to `projected_end`.
    pub projected_working_days: Option<i64>,
    /// Working days beyond the target (0 within it).
    pub over_target_working_days: i64,
    /// `projected_working_days` exceeds the target.
    pub misses_target: bool,
    /// Open sheets on its critical path.
    pub critical_sheets: i64,
}

/// The running cases' forecasts.
#[derive(Debug, Serialize, ToSchema)]
pub struct ForecastsOut {
    /// The county's target in working days (`getTenant`'s `target_working_days`).
    pub target_working_days: i32,
    pub generated_at: DateTime<Utc>,
    /// Those missing the target first, furthest over first.
    pub cases: Vec<CaseForecastOut>,
}

/// The running cases' forecasts against the county's target in working days.
///
/// Cases whose plan is agreed, entrusted or in service; `missing_only=true` lists only those
/// forecast to miss the target. The office and supervisors.
#[utoipa::path(
    tag = "supervision",
    operation_id = "listCaseForecasts",
    params(ForecastQuery),
    responses(
        (status = 200, description = "The forecasts", body = ForecastsOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read the county's forecasts", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/analytics/forecasts")]
pub async fn list_case_forecasts(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<ForecastQuery>,
) -> Result<web::Json<ForecastsOut>, ApiError> {
    let f = analytics::forecasts(&state.app, &auth.0, query.missing_only.unwrap_or(false)).await?;
    Ok(web::Json(ForecastsOut {
        target_working_days: f.target_working_days,
        generated_at: f.generated_at,
        cases: f
            .cases
            .into_iter()
            .map(|c| CaseForecastOut {
                case_id: c.case_id,
                number: c.number,
                project_name: c.project_name,
                state: c.state,
                projected_end: c.projected_end,
                projected_working_days: c.projected_working_days,
                over_target_working_days: c.over_target_working_days,
                misses_target: c.misses_target,
                critical_sheets: c.critical_sheets,
            })
            .collect(),
    }))
}

/// The analytics as an Excel workbook.
///
/// Sheets per item, stage, department and agent, the slowest items and (office and
/// supervisors) the forecasts against the target: the figures of `getTimeSplit` and
/// `listCaseForecasts`.
#[utoipa::path(
    tag = "forms",
    operation_id = "exportAnalytics",
    params(AnalyticsQuery),
    responses(
        (status = 200, description = "The analytics (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''用时分析-<from>至<to>.xlsx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The role may not read analytics, or not another department's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A period that ends before it starts", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/analytics.xlsx")]
pub async fn export_analytics(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<AnalyticsQuery>,
) -> Result<HttpResponse, ApiError> {
    Ok(download(analytics::analytics_workbook(&state.app, &auth.0, (&*query).into()).await?))
}

/// One open sheet on a case's schedule.
#[derive(Debug, Serialize, ToSchema)]
pub struct SheetPathOut {
    pub sheet_id: Uuid,
    pub item_id: Uuid,
    /// No slack: any further delay moves the project's end by as much.
    pub critical: bool,
    /// Office minutes it could still slip without moving the end (0 when critical).
    pub slack_office_minutes: i64,
    /// Working days (rounded up) past its deadline so far.
    pub late_working_days: i64,
    /// Working days (rounded up) its lateness so far has moved the project's end.
    pub holds_up_working_days: i64,
}

/// A case's critical path. Each planned item is read through its latest approval sheet: a
/// finished one is done, an open one is due at its deadline but ends no earlier than now, an
/// item not dispatched yet waits for its prerequisites and then takes its promised limit.
#[derive(Debug, Serialize, ToSchema)]
pub struct CriticalPathOut {
    /// When the last item is expected to end, lateness so far included.
    pub projected_end: Option<DateTime<Utc>>,
    /// Working days from the roadmap's first start to `projected_end`.
    pub projected_working_days: Option<i64>,
    /// The open sheets, in plan order.
    pub sheets: Vec<SheetPathOut>,
}

impl From<CasePath> for CriticalPathOut {
    fn from(p: CasePath) -> Self {
        CriticalPathOut {
            projected_end: p.projected_end,
            projected_working_days: p.projected_working_days,
            sheets: p
                .sheets
                .into_iter()
                .map(|s| SheetPathOut {
                    sheet_id: s.sheet_id,
                    item_id: s.item_id,
                    critical: s.critical,
                    slack_office_minutes: s.slack_office_minutes,
                    late_working_days: s.late_working_days,
                    holds_up_working_days: s.holds_up_working_days,
                })
                .collect(),
        }
    }
}

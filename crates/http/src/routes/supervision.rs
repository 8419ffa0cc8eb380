//! Supervision notices (督办通知): the office chases a department, a case or a task sheet in
//! writing; the people concerned are notified. And the statistics supervision reads (SPEC §6).

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_domain::policy::{Action, Scope, authorize};
use butler_domain::role::Role;
use butler_persistence::repo::statistics::{self, GroupBy, StatisticsFilter};
use butler_persistence::repo::supervision::{self, NoticeFilter, SupervisionNoticeRow};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::PageOut;
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::middleware::request_meta;
use crate::state::AppState;
use butler_app::supervision::{self as service, IssueNotice};

/// A supervision notice.
#[derive(Debug, Serialize, ToSchema)]
pub struct SupervisionNoticeOut {
    pub id: Uuid,
    /// The case chased (also set when the notice names one of its sheets).
    pub case_id: Option<Uuid>,
    /// The task sheet chased.
    pub sheet_id: Option<Uuid>,
    /// The department chased (also set when the notice names one of its sheets).
    pub department_id: Option<Uuid>,
    /// The office user who issued it.
    pub issued_by: Uuid,
    pub content: String,
    pub created_at: DateTime<Utc>,
}

impl From<SupervisionNoticeRow> for SupervisionNoticeOut {
    fn from(n: SupervisionNoticeRow) -> Self {
        SupervisionNoticeOut {
            id: n.id,
            case_id: n.case_id,
            sheet_id: n.sheet_id,
            department_id: n.department_id,
            issued_by: n.issued_by,
            content: n.content,
            created_at: n.created_at,
        }
    }
}

/// A notice to issue: name at least one of a department, a case or a task sheet.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "sheet_id": "0193a0c2-0000-7000-8000-000000000003",
    "content": "“建设用地规划许可”已超承诺时限 3 个工作日，请于明日下班前办结并书面说明原因。"
}))]
pub struct SupervisionNoticeIn {
    /// The case chased.
    pub case_id: Option<Uuid>,
    /// The task sheet chased; its case and department are filled in.
    pub sheet_id: Option<Uuid>,
    /// The department chased.
    pub department_id: Option<Uuid>,
    /// What is asked, 1–2000 characters.
    #[validate(custom(function = "crate::fields::not_blank"), length(max = 2000))]
    pub content: String,
}

/// Filters of the notice list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SupervisionNoticeQuery {
    /// Only notices to this department (department roles: always their own).
    pub department_id: Option<Uuid>,
    /// Only notices about this case.
    pub case_id: Option<Uuid>,
}

/// Issue a supervision notice (督办, office only).
///
/// A notice naming a department (or one of its sheets) notifies the department's leaders
/// and agents; one naming only a case notifies the case's butler team and the office.
#[utoipa::path(
    tag = "supervision",
    operation_id = "issueSupervisionNotice",
    request_body = SupervisionNoticeIn,
    responses(
        (status = 201, description = "Issued", body = SupervisionNoticeOut),
        (status = 403, description = "Not the office", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No target, an unknown or inconsistent target, or invalid content", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/supervision-notices")]
pub async fn issue_supervision_notice(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<SupervisionNoticeIn>,
) -> Result<HttpResponse, ApiError> {
    let actor = auth.0;
    authorize(&actor, Action::IssueSupervisionNotice, Scope::tenant(actor.tenant_id))?;
    let body = body.0;
    let input = IssueNotice {
        case_id: body.case_id,
        sheet_id: body.sheet_id,
        department_id: body.department_id,
        content: body.content,
    };
    let issued = service::issue(&state.app, &actor, &request_meta(&req), input, state.app.clock.now()).await?;
    Ok(HttpResponse::Created().json(SupervisionNoticeOut::from(issued.notice)))
}

/// List supervision notices, newest first.
///
/// The office and supervisors see every notice; department agents and leaders see their
/// department's.
#[utoipa::path(
    tag = "supervision",
    operation_id = "listSupervisionNotices",
    params(PageParams, SupervisionNoticeQuery),
    responses(
        (status = 200, description = "A page of notices", body = PageOut<SupervisionNoticeOut>),
        (status = 403, description = "The role may not read notices, or not another department's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid paging", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/supervision-notices")]
pub async fn list_supervision_notices(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<SupervisionNoticeQuery>,
) -> Result<web::Json<PageOut<SupervisionNoticeOut>>, ApiError> {
    let actor = auth.0;
    let mut filter = NoticeFilter { department_id: query.department_id, case_id: query.case_id };
    if matches!(actor.role, Role::DepartmentAgent | Role::DepartmentLeader) && filter.department_id.is_none() {
        filter.department_id = actor.department_id;
    }
    let scope = Scope { department_id: filter.department_id, ..Scope::tenant(actor.tenant_id) };
    authorize(&actor, Action::ListSupervisionNotices, scope)?;
    let page = supervision::list(&state.app.db, actor.tenant_id, &filter, page.request()?).await?;
    Ok(web::Json(PageOut::from_page(page, SupervisionNoticeOut::from)))
}

/// How the statistics are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StatisticsGroup {
    /// One row per department.
    #[default]
    Department,
    /// One row per agent holding sheets, and per department one of the sheets nobody holds (a
    /// department's leader sees its own agents).
    Agent,
}

/// Filters of the statistics.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StatisticsQuery {
    /// `department` (default) or `agent`.
    pub group_by: Option<StatisticsGroup>,
    /// Only this department (department leaders: always their own).
    pub department_id: Option<Uuid>,
    /// First day of the period (Asia/Shanghai), by the day sheets were dispatched; inclusive.
    pub from: Option<NaiveDate>,
    /// Last day of the period, inclusive.
    pub to: Option<NaiveDate>,
}

/// The figures of one department or agent, or of all of them.
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct SheetStatisticsRow {
    /// The department (department rows).
    pub department_id: Option<Uuid>,
    /// The agent (agent rows); absent on a department's row of sheets nobody holds.
    pub agent_id: Option<Uuid>,
    /// Sheets dispatched to them, cancelled ones left out.
    pub received: i64,
    pub acknowledged: i64,
    /// Acknowledged within 30 office minutes (回执).
    pub acknowledged_on_time: i64,
    /// Still not acknowledged and past the 30 minutes now.
    pub unacknowledged_late: i64,
    pub finished: i64,
    /// Finished by the promised deadline (moved by pauses and extensions).
    pub finished_on_time: i64,
    /// Finished with the approval granted.
    pub approved: i64,
    /// Open now.
    pub open: i64,
    /// Open with the clock stopped for 补正.
    pub paused: i64,
    /// Open, clock running, and past the deadline now.
    pub overdue_now: i64,
    /// `acknowledged_on_time / acknowledged`; absent when nothing was acknowledged.
    pub acknowledge_rate: Option<f64>,
    /// `finished_on_time / finished`; absent when nothing was finished.
    pub on_time_rate: Option<f64>,
    /// Average working days the finished sheets' clocks ran, pauses (补正) left out: office
    /// time from dispatch to finishing, in the county's office days, to one decimal. Absent
    /// when no finished sheet was measured.
    pub average_working_days_used: Option<f64>,
    /// Average working days those same sheets were promised (their promised limit from
    /// dispatch, with any extension), counted the same way: compare it with
    /// `average_working_days_used`.
    pub average_working_days_promised: Option<f64>,
    /// Department evaluations written in the period (department rows and the total).
    pub evaluations: Option<i64>,
    /// Of those, 不满意 and 非常不满意 (each opened a rectification).
    pub dissatisfied: Option<i64>,
    /// The finished sheets measured, and their office minutes used and promised, together.
    #[serde(skip)]
    timed: (i64, i64, i64),
}

/// Task-sheet statistics for a period.
#[derive(Debug, Serialize, ToSchema)]
pub struct SheetStatisticsOut {
    pub group_by: StatisticsGroup,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// "Now" for `overdue_now` and `unacknowledged_late`.
    pub generated_at: DateTime<Utc>,
    /// Most overdue first, then the lowest on-time rate.
    pub rows: Vec<SheetStatisticsRow>,
    /// All rows together.
    pub total: SheetStatisticsRow,
}

fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// `minutes` over `sheets` sheets, in office days of `day_minutes`, to one decimal.
fn average_days(minutes: i64, sheets: i64, day_minutes: i64) -> Option<f64> {
    (sheets > 0 && day_minutes > 0).then(|| (minutes as f64 / (sheets * day_minutes) as f64 * 10.0).round() / 10.0)
}

impl SheetStatisticsRow {
    fn add(&mut self, c: &statistics::SheetCounts) {
        self.received += c.received;
        self.acknowledged += c.acknowledged;
        self.acknowledged_on_time += c.acknowledged_on_time;
        self.unacknowledged_late += c.unacknowledged_late;
        self.finished += c.finished;
        self.finished_on_time += c.finished_on_time;
        self.approved += c.approved;
        self.open += c.open;
        self.paused += c.paused;
        self.overdue_now += c.overdue_now;
        self.timed.0 += c.timed;
        self.timed.1 += c.office_minutes_used;
        self.timed.2 += c.office_minutes_promised;
    }

    /// Fills in the rates and averages; `day_minutes` is the county's office day.
    fn with_rates(mut self, day_minutes: i64) -> Self {
        self.acknowledge_rate = ratio(self.acknowledged_on_time, self.acknowledged);
        self.on_time_rate = ratio(self.finished_on_time, self.finished);
        let (sheets, used, promised) = self.timed;
        self.average_working_days_used = average_days(used, sheets, day_minutes);
        self.average_working_days_promised = average_days(promised, sheets, day_minutes);
        self
    }
}

/// Task-sheet statistics per department or per agent (督查统计).
///
/// Received, acknowledged in time, finished in time, overdue now, average working days used
/// against promised, and the departments' evaluations, computed by the database in one pass.
/// The office and supervisors see the county; a department's leader sees its own department
/// and its agents.
#[utoipa::path(
    tag = "supervision",
    operation_id = "getSheetStatistics",
    params(StatisticsQuery),
    responses(
        (status = 200, description = "The figures", body = SheetStatisticsOut),
        (status = 403, description = "The role may not read statistics, or not another department's", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A period that ends before it starts", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/statistics/sheets")]
pub async fn get_sheet_statistics(
    state: web::Data<AppState>,
    auth: Authenticated,
    query: web::Query<StatisticsQuery>,
) -> Result<web::Json<SheetStatisticsOut>, ApiError> {
    let actor = auth.0;
    let mut department_id = query.department_id;
    if actor.role.needs_department() && department_id.is_none() {
        department_id = actor.department_id;
    }
    authorize(&actor, Action::ReadStatistics, Scope { department_id, ..Scope::tenant(actor.tenant_id) })?;
    if let (Some(from), Some(to)) = (query.from, query.to)
        && to < from
    {
        return Err(ApiError::field("to", "before_from", "结束日期不能早于开始日期", "must not be before `from`"));
    }
    let now = state.app.clock.now();
    let cal = butler_app::cases::calendar(&state.app, actor.tenant_id).await?;
    let filter = StatisticsFilter {
        department_id,
        dispatched_from: query.from.map(|d| cal.instant(d, NaiveTime::MIN)),
        dispatched_before: query.to.and_then(|d| d.succ_opt()).map(|d| cal.instant(d, NaiveTime::MIN)),
    };
    let group_by = query.group_by.unwrap_or_default();
    let grouping = match group_by {
        StatisticsGroup::Department => GroupBy::Department,
        StatisticsGroup::Agent => GroupBy::Assignee,
    };
    let day_minutes = cal.office_hours().per_day().num_minutes();
    let counts = statistics::sheet_counts(&state.app.db, actor.tenant_id, grouping, &filter, now).await?;
    let evaluations = statistics::evaluation_counts(&state.app.db, actor.tenant_id, &filter).await?;

    let mut total = SheetStatisticsRow { department_id, ..Default::default() };
    let mut rows = Vec::with_capacity(counts.len());
    for c in &counts {
        total.add(c);
        let mut row = match group_by {
            StatisticsGroup::Department => SheetStatisticsRow { department_id: c.group_id, ..Default::default() },
            StatisticsGroup::Agent => {
                SheetStatisticsRow { agent_id: c.group_id, department_id: Some(c.department_id), ..Default::default() }
            }
        };
        row.add(c);
        if group_by == StatisticsGroup::Department {
            let e = evaluations.iter().find(|e| e.department_id == c.group_id);
            row.evaluations = Some(e.map_or(0, |e| e.evaluations));
            row.dissatisfied = Some(e.map_or(0, |e| e.dissatisfied));
        }
        rows.push(row.with_rates(day_minutes));
    }
    total.evaluations = Some(evaluations.iter().map(|e| e.evaluations).sum());
    total.dissatisfied = Some(evaluations.iter().map(|e| e.dissatisfied).sum());
    rows.sort_by(|a, b| {
        b.overdue_now
            .cmp(&a.overdue_now)
            .then_with(|| a.on_time_rate.unwrap_or(1.0).total_cmp(&b.on_time_rate.unwrap_or(1.0)))
            .then_with(|| b.received.cmp(&a.received))
            .then_with(|| a.department_id.cmp(&b.department_id).then(a.agent_id.cmp(&b.agent_id)))
    });
    Ok(web::Json(SheetStatisticsOut {
        group_by,
        from: query.from,
        to: query.to,
        generated_at: now,
        rows,
        total: total.with_rates(day_minutes),
    }))
}

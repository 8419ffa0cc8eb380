//! Supervision notices (督办通知): the office chases a department, a case or a task sheet in
//! writing; the people concerned are notified. And the statistics supervision reads (SPEC §6).

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_app::statistics::{self, Grouping, SheetFigures, StatisticsQuery as FiguresQuery};
use butler_app::supervision::{self as service, IssueNotice, NoticeQuery, SupervisionNotice};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::middleware::request_meta;
use crate::state::AppState;

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

impl From<SupervisionNotice> for SupervisionNoticeOut {
    fn from(n: SupervisionNotice) -> Self {
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
    #[schema(
        max_length = 2000,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
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
    let body = body.0;
    let input = IssueNotice {
        case_id: body.case_id,
        sheet_id: body.sheet_id,
        department_id: body.department_id,
        content: body.content,
    };
    let issued = service::issue(&state.app, &auth.0, &request_meta(&req), input, state.app.now()).await?;
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
    let query = NoticeQuery { department_id: query.department_id, case_id: query.case_id };
    let page = service::list(&state.app, &auth.0, query, page_request(&page)).await?;
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
    /// The acknowledgement rate's denominator: `acknowledged + unacknowledged_late` (what was
    /// acknowledged, and what is still unacknowledged past its 30 office minutes).
    pub acknowledge_due: i64,
    /// The on-time rate's denominator: `finished + overdue_now` (what was finished, and what
    /// is open, clock running, already past its deadline).
    pub finish_due: i64,
    /// 签收及时率: `acknowledged_on_time / acknowledge_due`. A sheet past its acknowledgement
    /// deadline counts as late before it is acknowledged (one such sheet alone gives 0, not
    /// 1/1). Absent when nothing is due.
    pub acknowledge_rate: Option<f64>,
    /// 按时办结率: `finished_on_time / finish_due`. An open sheet already past its deadline
    /// counts as late before it is finished. Absent when nothing is due.
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
    /// Legal fees (法定收费) paid in the period, per department and per item.
    pub legal_fees: LegalFeeTotalsOut,
}

/// Current legal fees of a department, or of one of its items.
#[derive(Debug, Serialize, ToSchema)]
pub struct LegalFeeTotalRow {
    pub department_id: Uuid,
    /// The item's name as planned (per-item rows).
    pub item_name: Option<String>,
    /// How many fees.
    pub fees: i64,
    pub total_fen: i64,
}

/// Legal fee totals, largest first; a corrected fee counts as corrected.
#[derive(Debug, Serialize, ToSchema)]
pub struct LegalFeeTotalsOut {
    pub by_department: Vec<LegalFeeTotalRow>,
    pub by_item: Vec<LegalFeeTotalRow>,
    pub fees: i64,
    pub total_fen: i64,
}

impl From<statistics::FeeTotal> for LegalFeeTotalRow {
    fn from(t: statistics::FeeTotal) -> Self {
        LegalFeeTotalRow {
            department_id: t.department_id,
            item_name: t.item_name,
            fees: t.fees,
            total_fen: t.total_fen,
        }
    }
}

impl From<statistics::LegalFeeTotals> for LegalFeeTotalsOut {
    fn from(t: statistics::LegalFeeTotals) -> Self {
        LegalFeeTotalsOut {
            by_department: t.by_department.into_iter().map(Into::into).collect(),
            by_item: t.by_item.into_iter().map(Into::into).collect(),
            fees: t.fees,
            total_fen: t.total_fen,
        }
    }
}

impl From<Grouping> for StatisticsGroup {
    fn from(g: Grouping) -> Self {
        match g {
            Grouping::Department => StatisticsGroup::Department,
            Grouping::Agent => StatisticsGroup::Agent,
        }
    }
}

impl From<StatisticsGroup> for Grouping {
    fn from(g: StatisticsGroup) -> Self {
        match g {
            StatisticsGroup::Department => Grouping::Department,
            StatisticsGroup::Agent => Grouping::Agent,
        }
    }
}

impl From<SheetFigures> for SheetStatisticsRow {
    fn from(f: SheetFigures) -> Self {
        SheetStatisticsRow {
            department_id: f.department_id,
            agent_id: f.agent_id,
            received: f.received,
            acknowledged: f.acknowledged,
            acknowledged_on_time: f.acknowledged_on_time,
            unacknowledged_late: f.unacknowledged_late,
            finished: f.finished,
            finished_on_time: f.finished_on_time,
            approved: f.approved,
            open: f.open,
            paused: f.paused,
            overdue_now: f.overdue_now,
            acknowledge_due: f.acknowledge_due,
            finish_due: f.finish_due,
            acknowledge_rate: f.acknowledge_rate,
            on_time_rate: f.on_time_rate,
            average_working_days_used: f.average_working_days_used,
            average_working_days_promised: f.average_working_days_promised,
            evaluations: f.evaluations,
            dissatisfied: f.dissatisfied,
        }
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
    let query = FiguresQuery {
        group_by: query.group_by.unwrap_or_default().into(),
        department_id: query.department_id,
        from: query.from,
        to: query.to,
    };
    let figures = statistics::sheet_statistics(&state.app, &auth.0, query).await?;
    Ok(web::Json(SheetStatisticsOut {
        group_by: figures.group_by.into(),
        from: figures.from,
        to: figures.to,
        generated_at: figures.generated_at,
        rows: figures.rows.into_iter().map(SheetStatisticsRow::from).collect(),
        total: figures.total.into(),
        legal_fees: figures.legal_fees.into(),
    }))
}

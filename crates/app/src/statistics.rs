//! Task-sheet statistics for supervision (督查统计, SPEC §6): per department or per agent,
//! received, acknowledged in time, finished in time, overdue now, average working days used
//! against promised, the departments' evaluations, and the legal fees (法定收费) paid per
//! department and item. The database counts in one pass; the rates, averages and order are
//! worked out here.
//!
//! The office and supervisors see the county; a department's leader sees its own department
//! and its agents.
//!
//! The sheet counts come from counters the database keeps with every change of a sheet
//! (`butler_persistence::repo::statistics`), so a period at a million sheets costs what it
//! costs at a hundred (`butler recount-statistics` recounts them from the sheets).

use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::legal_fees::{self as fee_repo, FeeFilter};
use butler_persistence::repo::statistics::{self as repo, GroupBy, SheetCounts, StatisticsFilter};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::Context;
use crate::calendar::tenant_calendar;
use crate::error::AppError;

/// How the figures are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Grouping {
    /// One row per department.
    #[default]
    Department,
    /// One row per agent holding sheets, and per department one of the sheets nobody holds.
    Agent,
}

/// Which sheets are counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatisticsQuery {
    pub group_by: Grouping,
    /// Only this department (department roles: their own when they name none).
    pub department_id: Option<Uuid>,
    /// First day of the period (the county's time), by the day sheets were dispatched.
    pub from: Option<NaiveDate>,
    /// Last day of the period, inclusive.
    pub to: Option<NaiveDate>,
}

/// The figures of one department or agent, or of all of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SheetFigures {
    /// The department (department rows).
    pub department_id: Option<Uuid>,
    /// The agent (agent rows); `None` on a department's row of sheets nobody holds.
    pub agent_id: Option<Uuid>,
    /// Sheets dispatched to them, cancelled ones left out.
    pub received: i64,
    pub acknowledged: i64,
    /// Acknowledged within 30 office minutes.
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
    /// Sheets whose acknowledgement is settled or already late: `acknowledged +
    /// unacknowledged_late`, the acknowledgement rate's denominator.
    pub acknowledge_due: i64,
    /// Sheets whose finishing is settled or already late: `finished + overdue_now`, the on-time
    /// rate's denominator.
    pub finish_due: i64,
    /// `acknowledged_on_time / acknowledge_due`: a sheet still unacknowledged past its 30
    /// minutes counts as late before anyone acknowledges it; `None` when nothing is due.
    pub acknowledge_rate: Option<f64>,
    /// `finished_on_time / finish_due`: an open sheet already past its deadline counts as late
    /// before it is finished; `None` when nothing is due.
    pub on_time_rate: Option<f64>,
    /// Average working days the finished sheets' clocks ran, to one decimal.
    pub average_working_days_used: Option<f64>,
    /// Average working days those same sheets were promised, counted the same way.
    pub average_working_days_promised: Option<f64>,
    /// Department evaluations written in the period (department rows and the total).
    pub evaluations: Option<i64>,
    /// Of those, 不满意 and 非常不满意.
    pub dissatisfied: Option<i64>,
    /// The finished sheets measured, and their office minutes used and promised, together.
    timed: (i64, i64, i64),
}

/// The statistics of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetStatistics {
    pub group_by: Grouping,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// "Now" for `overdue_now` and `unacknowledged_late`.
    pub generated_at: DateTime<Utc>,
    /// Most overdue first, then the lowest on-time rate.
    pub rows: Vec<SheetFigures>,
    /// All rows together.
    pub total: SheetFigures,
    /// The legal fees (法定收费) recorded, per department and per item, paid in the period.
    pub legal_fees: LegalFeeTotals,
}

/// Current legal fees of one department, or of one item of a department.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FeeTotal {
    pub department_id: Uuid,
    /// The item's name as planned (item rows).
    pub item_name: Option<String>,
    /// How many fees.
    pub fees: i64,
    pub total_fen: i64,
}

/// Legal fee totals, largest first (corrections counted once, as corrected).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LegalFeeTotals {
    pub by_department: Vec<FeeTotal>,
    pub by_item: Vec<FeeTotal>,
    pub fees: i64,
    pub total_fen: i64,
}

fn fee_totals(rows: Vec<fee_repo::FeeTotal>) -> LegalFeeTotals {
    let mut by_department: Vec<FeeTotal> = Vec::new();
    let mut by_item = Vec::with_capacity(rows.len());
    for r in rows {
        match by_department.iter_mut().find(|d| d.department_id == r.department_id) {
            Some(d) => {
                d.fees += r.fees;
                d.total_fen += r.total_fen;
            }
            None => by_department.push(FeeTotal {
                department_id: r.department_id,
                item_name: None,
                fees: r.fees,
                total_fen: r.total_fen,
            }),
        }
        by_item.push(FeeTotal {
            department_id: r.department_id,
            item_name: Some(r.item_name),
            fees: r.fees,
            total_fen: r.total_fen,
        });
    }
    let order = |a: &FeeTotal, b: &FeeTotal| {
        b.total_fen.cmp(&a.total_fen).then(a.department_id.cmp(&b.department_id)).then(a.item_name.cmp(&b.item_name))
    };
    by_department.sort_by(order);
    by_item.sort_by(order);
    let (fees, total_fen) = by_department.iter().fold((0, 0), |(n, t), d| (n + d.fees, t + d.total_fen));
    LegalFeeTotals { by_department, by_item, fees, total_fen }
}

fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// `minutes` over `sheets` sheets, in office days of `day_minutes`, to one decimal.
fn average_days(minutes: i64, sheets: i64, day_minutes: i64) -> Option<f64> {
    (sheets > 0 && day_minutes > 0).then(|| (minutes as f64 / (sheets * day_minutes) as f64 * 10.0).round() / 10.0)
}

impl SheetFigures {
    fn add(&mut self, c: &SheetCounts) {
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
        self.acknowledge_due = self.acknowledged + self.unacknowledged_late;
        self.finish_due = self.finished + self.overdue_now;
        self.acknowledge_rate = ratio(self.acknowledged_on_time, self.acknowledge_due);
        self.on_time_rate = ratio(self.finished_on_time, self.finish_due);
        let (sheets, used, promised) = self.timed;
        self.average_working_days_used = average_days(used, sheets, day_minutes);
        self.average_working_days_promised = average_days(promised, sheets, day_minutes);
        self
    }
}

/// The task-sheet statistics of a period, grouped as asked.
pub async fn sheet_statistics(
    ctx: &Context,
    actor: &Actor,
    query: StatisticsQuery,
) -> Result<SheetStatistics, AppError> {
    let mut department_id = query.department_id;
    if actor.role.needs_department() && department_id.is_none() {
        department_id = actor.department_id;
    }
    authorize(actor, Action::ReadStatistics, Scope { department_id, ..Scope::tenant(actor.tenant_id) })?;
    if let (Some(from), Some(to)) = (query.from, query.to)
        && to < from
    {
        return Err(AppError::field("to", "before_from", "结束日期不能早于开始日期", "must not be before `from`"));
    }
    let now = ctx.now();
    let cal = tenant_calendar(ctx, actor.tenant_id).await?;
    let filter = StatisticsFilter { department_id, from: query.from, to: query.to };
    let group_by = query.group_by;
    let grouping = match group_by {
        Grouping::Department => GroupBy::Department,
        Grouping::Agent => GroupBy::Assignee,
    };
    // Minutes shown as working days of today's hours.
    let day_minutes = cal.day_length(cal.local_date(now)).num_minutes();
    let counts = repo::sheet_counts(&ctx.db, actor.tenant_id, grouping, &filter, now).await?;
    let evaluations = repo::evaluation_counts(&ctx.db, actor.tenant_id, &filter).await?;
    let fee_filter = FeeFilter { department_id, paid_from: query.from, paid_to: query.to };
    let legal_fees = fee_totals(fee_repo::totals(&ctx.db, actor.tenant_id, fee_filter).await?);

    let mut total = SheetFigures { department_id, ..Default::default() };
    let mut rows = Vec::with_capacity(counts.len());
    for c in &counts {
        total.add(c);
        let mut row = match group_by {
            Grouping::Department => SheetFigures { department_id: c.group_id, ..Default::default() },
            Grouping::Agent => {
                SheetFigures { agent_id: c.group_id, department_id: Some(c.department_id), ..Default::default() }
            }
        };
        row.add(c);
        if group_by == Grouping::Department {
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
    Ok(SheetStatistics {
        group_by,
        from: query.from,
        to: query.to,
        generated_at: now,
        rows,
        total: total.with_rates(day_minutes),
        legal_fees,
    })
}

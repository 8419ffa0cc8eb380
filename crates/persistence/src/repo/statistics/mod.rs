//! Supervision statistics (SPEC §6): task sheets counted per department or per agent.
//!
//! [`sheet_counts`] reads counters the database keeps in the same transaction as every change
//! of a sheet (triggers of migration `000029`, see its documentation), so a county's figures
//! cost the same with a hundred sheets or a million: a period is a sum over its days'
//! counters, and what depends on "now" (unacknowledged and late, overdue now) is the counted
//! open deadlines due before today plus the few sheets due today before now, read from the
//! sheets through an index. Why counters rather than an aggregate: the one-pass `GROUP BY`
//! over a covering index was linear in a tenant's sheets (0.3–0.4 s at a million); why
//! triggers rather than calls in each use case: a sheet is written by transitions, dispatch,
//! termination, the demo and onboarding loaders and the benchmark's bulk loader, and a
//! trigger cannot be forgotten by any of them, now or later; it costs no round trip.
//!
//! [`recount`] is the one-pass count over the sheets themselves, the reference the counters
//! must equal: the tests compare them after random transitions, and [`rebuild_counters`] /
//! `butler recount-statistics` (the maintenance command) recount from the sheets.

mod counters;
mod recount;

pub use counters::{Rebuilt, rebuild_counters, sheet_counts};
pub use recount::{evaluation_counts, recount};

pub(crate) use recount::count_if;

use butler_domain::calendar::TIME_ZONE;
use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeDelta, TimeZone, Utc};
use sea_orm::FromQueryResult;
use uuid::Uuid;

/// How sheets are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Department,
    /// The agent holding the sheet, within each department; sheets nobody holds form a group
    /// of their own in each department.
    Assignee,
}

/// Which sheets are counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatisticsFilter {
    pub department_id: Option<Uuid>,
    /// Sheets dispatched on this local (北京时间) day or later.
    pub from: Option<NaiveDate>,
    /// Sheets dispatched on this local day or earlier.
    pub to: Option<NaiveDate>,
}

impl StatisticsFilter {
    /// The first instant of the period.
    pub fn dispatched_from(&self) -> Option<DateTime<Utc>> {
        self.from.map(day_start)
    }

    /// The first instant after the period.
    pub fn dispatched_before(&self) -> Option<DateTime<Utc>> {
        self.to.and_then(|d| d.succ_opt()).map(day_start)
    }
}

/// The instant a local (北京时间) day starts, as the tenant calendar reads it (a midnight
/// that does not exist, in the summer-time gaps of 1986–1991, is read as UTC+8).
pub fn day_start(day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::MIN);
    match TIME_ZONE.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => (local - TimeDelta::hours(8)).and_utc(),
    }
}

/// The local (北京时间) day of an instant.
pub fn local_day(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&TIME_ZONE).date_naive()
}

/// The counts of one group. Cancelled sheets are not counted: nobody was asked to finish them.
#[derive(Debug, Clone, Default, PartialEq, Eq, FromQueryResult)]
pub struct SheetCounts {
    /// The department or the agent, by the grouping asked for.
    pub group_id: Option<Uuid>,
    /// The department (an agent's row: the department of the sheets counted).
    pub department_id: Uuid,
    pub received: i64,
    pub acknowledged: i64,
    /// Acknowledged within the 30 office minutes.
    pub acknowledged_on_time: i64,
    /// Dispatched, never acknowledged, and past the acknowledgement deadline now.
    pub unacknowledged_late: i64,
    pub finished: i64,
    /// Finished by the (pause- and extension-adjusted) deadline.
    pub finished_on_time: i64,
    pub approved: i64,
    pub open: i64,
    /// Open with the clock stopped (补正).
    pub paused: i64,
    /// Open, clock running, past the deadline now: what the overdue queue shows.
    pub overdue_now: i64,
    /// Finished sheets whose office time used and promised are known (all finished since
    /// migration `000005`).
    pub timed: i64,
    /// Their office minutes used, together.
    pub office_minutes_used: i64,
    /// Their office minutes promised, together.
    pub office_minutes_promised: i64,
}

/// Evaluations of one department (附件9).
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct EvaluationCounts {
    pub department_id: Option<Uuid>,
    pub evaluations: i64,
    /// 不满意 or 非常不满意: each opened a rectification.
    pub dissatisfied: i64,
}

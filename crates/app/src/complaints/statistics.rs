//! Complaint figures for supervision (SPEC §6, beside the task-sheet statistics of
//! `crate::statistics`): per assigned department or per official, received, open, overdue
//! now, replied and replied on time, and the complainants' satisfaction. One aggregate query;
//! the rates and the order are worked out here. Same readers as the sheet statistics: the
//! office and supervisors see the county, a department's leader its own department.

use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::complaints::{self as repo, ComplaintCounts, ComplaintGroup};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use uuid::Uuid;

use crate::Context;
use crate::calendar::tenant_calendar;
use crate::error::AppError;
use crate::statistics::{Grouping, StatisticsQuery};

/// The complaint figures of one department or official, or of all of them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ComplaintFigures {
    /// The department assigned (`None`: complaints not yet assigned).
    pub department_id: Option<Uuid>,
    /// The official assigned (official rows).
    pub agent_id: Option<Uuid>,
    pub received: i64,
    /// Neither closed nor rejected.
    pub open: i64,
    /// Awaiting the reply past its deadline now.
    pub overdue: i64,
    pub replied: i64,
    pub replied_on_time: i64,
    pub satisfied: i64,
    pub basically_satisfied: i64,
    pub dissatisfied: i64,
    /// `replied_on_time / replied`.
    pub on_time_rate: Option<f64>,
    /// `(satisfied + basically_satisfied) / rated`.
    pub satisfaction_rate: Option<f64>,
}

/// The complaint statistics of a period (by the day complaints were lodged).
#[derive(Debug, Clone, PartialEq)]
pub struct ComplaintStatistics {
    pub group_by: Grouping,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub generated_at: DateTime<Utc>,
    /// Most overdue first, then the most received.
    pub rows: Vec<ComplaintFigures>,
    pub total: ComplaintFigures,
}

fn ratio(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

impl ComplaintFigures {
    fn add(&mut self, c: &ComplaintCounts) {
        self.received += c.received;
        self.open += c.open;
        self.overdue += c.overdue;
        self.replied += c.replied;
        self.replied_on_time += c.replied_on_time;
        self.satisfied += c.satisfied;
        self.basically_satisfied += c.basically_satisfied;
        self.dissatisfied += c.dissatisfied;
    }

    fn with_rates(mut self) -> Self {
        self.on_time_rate = ratio(self.replied_on_time, self.replied);
        let rated = self.satisfied + self.basically_satisfied + self.dissatisfied;
        self.satisfaction_rate = ratio(self.satisfied + self.basically_satisfied, rated);
        self
    }
}

/// The complaint figures of a period, grouped as asked.
pub async fn complaint_statistics(
    ctx: &Context,
    actor: &Actor,
    query: StatisticsQuery,
) -> Result<ComplaintStatistics, AppError> {
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
    let from = query.from.map(|d| cal.instant(d, NaiveTime::MIN));
    let before = query.to.and_then(|d| d.succ_opt()).map(|d| cal.instant(d, NaiveTime::MIN));
    let group = match query.group_by {
        Grouping::Department => ComplaintGroup::Department,
        Grouping::Agent => ComplaintGroup::Assignee,
    };
    let counts = repo::counts(&ctx.db, actor.tenant_id, group, department_id, from, before, now).await?;
    let mut total = ComplaintFigures { department_id, ..Default::default() };
    let mut rows: Vec<ComplaintFigures> = counts
        .iter()
        .map(|c| {
            total.add(c);
            let mut row =
                ComplaintFigures { department_id: c.department_id, agent_id: c.assignee_id, ..Default::default() };
            row.add(c);
            row.with_rates()
        })
        .collect();
    rows.sort_by(|a, b| {
        b.overdue
            .cmp(&a.overdue)
            .then_with(|| b.received.cmp(&a.received))
            .then_with(|| a.department_id.cmp(&b.department_id).then(a.agent_id.cmp(&b.agent_id)))
    });
    Ok(ComplaintStatistics {
        group_by: query.group_by,
        from: query.from,
        to: query.to,
        generated_at: now,
        rows,
        total: total.with_rates(),
    })
}

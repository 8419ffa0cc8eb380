//! Supervision statistics (SPEC §6): task sheets counted per department or per agent in one
//! aggregate query each, so the figures cost the same whether a county has a hundred sheets or
//! a province a million (no rows travel to the server to be counted there).

use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::case::sheet::{SheetOutcome, SheetState};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entity::{evaluation, task_sheet};
use crate::{Code, StoreError};

/// How sheets are grouped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    Department,
    /// The agent holding the sheet, within each department; sheets nobody holds form a group
    /// of their own in each department.
    Assignee,
}

/// Which sheets are counted.
#[derive(Debug, Clone, Default)]
pub struct StatisticsFilter {
    pub department_id: Option<Uuid>,
    /// Sheets dispatched at or after this instant.
    pub dispatched_from: Option<DateTime<Utc>>,
    /// Sheets dispatched before this instant.
    pub dispatched_before: Option<DateTime<Utc>>,
}

/// The counts of one group. Cancelled sheets are not counted: nobody was asked to finish them.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
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

pub(crate) fn count_if(condition: Condition) -> SimpleExpr {
    let sum: SimpleExpr = Func::sum(Expr::case(condition, 1).finally(0)).into();
    Func::coalesce([sum, Expr::val(0)]).into()
}

fn col(c: task_sheet::Column) -> Expr {
    Expr::col(c)
}

/// Sheet counts per group, largest `received` first is left to the caller.
pub async fn sheet_counts(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    group_by: GroupBy,
    filter: &StatisticsFilter,
    now: DateTime<Utc>,
) -> Result<Vec<SheetCounts>, StoreError> {
    use task_sheet::Column as C;
    let group = match group_by {
        GroupBy::Department => C::DepartmentId,
        GroupBy::Assignee => C::AssigneeId,
    };
    // Grouped in the order of `ix_task_sheets_statistics` (tenant, department, agent, …), which
    // holds every column read here: the database reads that index alone, already in order.
    let open = || Condition::all().add(col(C::Open).eq(true));
    let timed = || {
        Condition::all()
            .add(col(C::State).eq(Code(SheetState::Finished)))
            .add(col(C::OfficeMinutesUsed).is_not_null())
            .add(col(C::OfficeMinutesPromised).is_not_null())
    };
    // Summed over the same sheets `timed` counts, so the two averages share one divisor.
    let sum_if_timed = |c: task_sheet::Column| -> SimpleExpr {
        let sum: SimpleExpr = Func::sum(Expr::case(timed(), Expr::col(c)).finally(0)).into();
        Func::coalesce([sum, Expr::val(0)]).into()
    };
    let mut select = task_sheet::Entity::find()
        .select_only()
        .column_as(group, "group_id")
        .column_as(C::DepartmentId, "department_id")
        .column_as(SimpleExpr::from(Func::count(Expr::col(C::Id))), "received")
        .column_as(count_if(Condition::all().add(col(C::AcknowledgedAt).is_not_null())), "acknowledged")
        .column_as(
            count_if(
                Condition::all()
                    .add(col(C::AcknowledgedAt).is_not_null())
                    .add(col(C::AcknowledgedAt).lte(col(C::AcknowledgeBy))),
            ),
            "acknowledged_on_time",
        )
        .column_as(
            count_if(
                Condition::all()
                    .add(col(C::State).eq(Code(SheetState::Dispatched)))
                    .add(col(C::AcknowledgedAt).is_null())
                    .add(col(C::AcknowledgeBy).lt(now)),
            ),
            "unacknowledged_late",
        )
        .column_as(count_if(Condition::all().add(col(C::State).eq(Code(SheetState::Finished)))), "finished")
        .column_as(
            count_if(
                Condition::all()
                    .add(col(C::State).eq(Code(SheetState::Finished)))
                    .add(col(C::ClosedAt).is_not_null())
                    .add(col(C::ClosedAt).lte(col(C::FinishBy))),
            ),
            "finished_on_time",
        )
        .column_as(count_if(Condition::all().add(col(C::Outcome).eq(Code(SheetOutcome::Approved)))), "approved")
        .column_as(count_if(open()), "open")
        .column_as(count_if(open().add(col(C::State).eq(Code(SheetState::Paused)))), "paused")
        .column_as(
            count_if(open().add(col(C::State).ne(Code(SheetState::Paused))).add(col(C::FinishBy).lt(now))),
            "overdue_now",
        )
        .column_as(count_if(timed()), "timed")
        .column_as(sum_if_timed(C::OfficeMinutesUsed), "office_minutes_used")
        .column_as(sum_if_timed(C::OfficeMinutesPromised), "office_minutes_promised")
        .filter(C::TenantId.eq(tenant_id))
        .filter(C::State.ne(Code(SheetState::Cancelled)));
    if let Some(d) = filter.department_id {
        select = select.filter(C::DepartmentId.eq(d));
    }
    if let Some(from) = filter.dispatched_from {
        select = select.filter(C::DispatchedAt.gte(from));
    }
    if let Some(before) = filter.dispatched_before {
        select = select.filter(C::DispatchedAt.lt(before));
    }
    let select = match group_by {
        GroupBy::Department => select.group_by(C::DepartmentId),
        GroupBy::Assignee => select.group_by(C::DepartmentId).group_by(C::AssigneeId),
    };
    Ok(select.into_model::<SheetCounts>().all(db).await?)
}

/// Department evaluations per department, written in the period.
pub async fn evaluation_counts(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &StatisticsFilter,
) -> Result<Vec<EvaluationCounts>, StoreError> {
    use evaluation::Column as C;
    let mut select = evaluation::Entity::find()
        .select_only()
        .column_as(C::DepartmentId, "department_id")
        .column_as(SimpleExpr::from(Func::count(Expr::col(C::Id))), "evaluations")
        .column_as(
            count_if(
                Condition::all()
                    .add(Expr::col(C::Level).is_in(EvaluationLevel::ALL.into_iter().filter(|l| l.is_bad()).map(Code))),
            ),
            "dissatisfied",
        )
        .filter(C::TenantId.eq(tenant_id))
        .filter(C::DepartmentId.is_not_null());
    if let Some(d) = filter.department_id {
        select = select.filter(C::DepartmentId.eq(d));
    }
    if let Some(from) = filter.dispatched_from {
        select = select.filter(C::CreatedAt.gte(from));
    }
    if let Some(before) = filter.dispatched_before {
        select = select.filter(C::CreatedAt.lt(before));
    }
    Ok(select.group_by(C::DepartmentId).into_model::<EvaluationCounts>().all(db).await?)
}

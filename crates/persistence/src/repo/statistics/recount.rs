//! The statistics counted from the sheets themselves, in one aggregate pass: the reference the
//! counters must equal (linear in a tenant's sheets; for tests and maintenance), and the
//! department evaluations (few rows).

use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::case::sheet::{SheetOutcome, SheetState};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use super::{EvaluationCounts, GroupBy, SheetCounts, StatisticsFilter};
use crate::entity::{evaluation, task_sheet};
use crate::{Code, StoreError};

pub(crate) fn count_if(condition: Condition) -> SimpleExpr {
    let sum: SimpleExpr = Func::sum(Expr::case(condition, 1).finally(0)).into();
    Func::coalesce([sum, Expr::val(0)]).into()
}

fn col(c: task_sheet::Column) -> Expr {
    Expr::col(c)
}

/// Sheet counts per group, counted from the sheets (in no particular order).
pub async fn recount(
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
    if let Some(from) = filter.dispatched_from() {
        select = select.filter(C::DispatchedAt.gte(from));
    }
    if let Some(before) = filter.dispatched_before() {
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
    if let Some(from) = filter.dispatched_from() {
        select = select.filter(C::CreatedAt.gte(from));
    }
    if let Some(before) = filter.dispatched_before() {
        select = select.filter(C::CreatedAt.lt(before));
    }
    Ok(select.group_by(C::DepartmentId).into_model::<EvaluationCounts>().all(db).await?)
}

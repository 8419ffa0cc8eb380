//! The statistics read from the counters (`sheet_day_counts`, `sheet_due_counts`), and their
//! rebuild from the sheets.

use std::collections::BTreeMap;

use butler_domain::case::deadline::DeadlineKind;
use butler_domain::case::sheet::SheetState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Alias, Expr, Func, SimpleExpr};
use sea_orm::{
    AccessMode, ColumnTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, FromQueryResult,
    IsolationLevel, QueryFilter, QueryOrder, QuerySelect, TransactionTrait,
};
use uuid::Uuid;

use super::{GroupBy, SheetCounts, StatisticsFilter, day_start, local_day};
use crate::entity::{sheet_day_count, sheet_due_count, task_sheet};
use crate::migration::m20261209_000029_sheet_counters::backfill_statements;
use crate::{Code, StoreError};

/// `CAST(COALESCE(SUM(column), 0) AS BIGINT)`: PostgreSQL sums `BIGINT`s as `NUMERIC`.
fn total(column: impl sea_orm::sea_query::IntoColumnRef) -> SimpleExpr {
    let sum: SimpleExpr = Func::sum(Expr::col(column)).into();
    Func::cast_as(Func::coalesce([sum, Expr::val(0)]), Alias::new("BIGINT")).into()
}

#[derive(Debug, FromQueryResult)]
struct DayRow {
    department_id: Uuid,
    assignee_id: Uuid,
    received: i64,
    acknowledged: i64,
    acknowledged_on_time: i64,
    finished: i64,
    finished_on_time: i64,
    approved: i64,
    open_now: i64,
    paused_now: i64,
    timed: i64,
    minutes_used: i64,
    minutes_promised: i64,
}

#[derive(Debug, FromQueryResult)]
struct DueRow {
    deadline: Code<DeadlineKind>,
    department_id: Uuid,
    assignee_id: Uuid,
    sheets: i64,
}

#[derive(Debug, FromQueryResult)]
struct SheetRow {
    department_id: Uuid,
    assignee_id: Option<Uuid>,
    sheets: i64,
}

/// The agent of a counter row: the nil UUID stands for nobody.
fn agent(key: Uuid) -> Option<Uuid> {
    (!key.is_nil()).then_some(key)
}

/// Sheet counts per group, from the counters, equal to [`super::recount`] (in no particular
/// order). One read-only snapshot: the days' counters, the open deadlines due before today and
/// the sheets due today before `now`.
pub async fn sheet_counts(
    db: &DatabaseConnection,
    tenant_id: Uuid,
    group_by: GroupBy,
    filter: &StatisticsFilter,
    now: DateTime<Utc>,
) -> Result<Vec<SheetCounts>, StoreError> {
    let txn = match db.get_database_backend() {
        DbBackend::Postgres => {
            db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?
        }
        _ => db.begin().await?,
    };
    let days = day_rows(&txn, tenant_id, filter).await?;
    let today = local_day(now);
    let due = due_rows(&txn, tenant_id, filter, today).await?;
    let today_start = day_start(today);
    let unacknowledged_today =
        due_today(&txn, tenant_id, filter, DeadlineKind::Acknowledgement, today_start, now).await?;
    let overdue_today = due_today(&txn, tenant_id, filter, DeadlineKind::Finish, today_start, now).await?;
    txn.commit().await?;

    // Per (department, agent), then folded into the grouping asked for.
    let mut groups: BTreeMap<(Uuid, Option<Uuid>), SheetCounts> = BTreeMap::new();
    for d in days {
        let c = groups.entry((d.department_id, agent(d.assignee_id))).or_default();
        c.received += d.received;
        c.acknowledged += d.acknowledged;
        c.acknowledged_on_time += d.acknowledged_on_time;
        c.finished += d.finished;
        c.finished_on_time += d.finished_on_time;
        c.approved += d.approved;
        c.open += d.open_now;
        c.paused += d.paused_now;
        c.timed += d.timed;
        c.office_minutes_used += d.minutes_used;
        c.office_minutes_promised += d.minutes_promised;
    }
    let late = due
        .into_iter()
        .map(|d| (d.deadline.0, d.department_id, agent(d.assignee_id), d.sheets))
        .chain(unacknowledged_today.into_iter().map(|s| (DeadlineKind::Acknowledgement, s.0, s.1, s.2)))
        .chain(overdue_today.into_iter().map(|s| (DeadlineKind::Finish, s.0, s.1, s.2)));
    for (kind, department_id, agent_id, sheets) in late {
        let c = groups.entry((department_id, agent_id)).or_default();
        if kind == DeadlineKind::Acknowledgement {
            c.unacknowledged_late += sheets;
        } else {
            c.overdue_now += sheets;
        }
    }

    let mut out: BTreeMap<(Uuid, Option<Uuid>), SheetCounts> = BTreeMap::new();
    for ((department_id, agent_id), c) in groups {
        let (key, group_id) = match group_by {
            GroupBy::Department => ((department_id, None), Some(department_id)),
            GroupBy::Assignee => ((department_id, agent_id), agent_id),
        };
        let o = out.entry(key).or_insert_with(|| SheetCounts { group_id, department_id, ..Default::default() });
        o.received += c.received;
        o.acknowledged += c.acknowledged;
        o.acknowledged_on_time += c.acknowledged_on_time;
        o.unacknowledged_late += c.unacknowledged_late;
        o.finished += c.finished;
        o.finished_on_time += c.finished_on_time;
        o.approved += c.approved;
        o.open += c.open;
        o.paused += c.paused;
        o.overdue_now += c.overdue_now;
        o.timed += c.timed;
        o.office_minutes_used += c.office_minutes_used;
        o.office_minutes_promised += c.office_minutes_promised;
    }
    // A group shows when it holds a sheet of the period (cancelled ones left out), as in the
    // one-pass count.
    Ok(out.into_values().filter(|c| c.received > 0).collect())
}

async fn day_rows(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &StatisticsFilter,
) -> Result<Vec<DayRow>, StoreError> {
    use sheet_day_count::Column as D;
    let mut select = sheet_day_count::Entity::find()
        .select_only()
        .column(D::DepartmentId)
        .column(D::AssigneeId)
        .filter(D::TenantId.eq(tenant_id));
    for (column, name) in [
        (D::Received, "received"),
        (D::Acknowledged, "acknowledged"),
        (D::AcknowledgedOnTime, "acknowledged_on_time"),
        (D::Finished, "finished"),
        (D::FinishedOnTime, "finished_on_time"),
        (D::Approved, "approved"),
        (D::OpenNow, "open_now"),
        (D::PausedNow, "paused_now"),
        (D::Timed, "timed"),
        (D::MinutesUsed, "minutes_used"),
        (D::MinutesPromised, "minutes_promised"),
    ] {
        select = select.column_as(total(column), name);
    }
    if let Some(from) = filter.from {
        select = select.filter(D::DispatchDay.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(D::DispatchDay.lte(to));
    }
    if let Some(d) = filter.department_id {
        select = select.filter(D::DepartmentId.eq(d));
    }
    Ok(select.group_by(D::DepartmentId).group_by(D::AssigneeId).into_model::<DayRow>().all(db).await?)
}

/// The open deadlines of the period's sheets due on a day before `today`: all of them are
/// past now.
async fn due_rows(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &StatisticsFilter,
    today: chrono::NaiveDate,
) -> Result<Vec<DueRow>, StoreError> {
    use sheet_due_count::Column as U;
    let mut select = sheet_due_count::Entity::find()
        .select_only()
        .column(U::Deadline)
        .column(U::DepartmentId)
        .column(U::AssigneeId)
        .column_as(total(U::Sheets), "sheets")
        .filter(U::TenantId.eq(tenant_id))
        .filter(U::DueDay.lt(today));
    if let Some(from) = filter.from {
        select = select.filter(U::DispatchDay.gte(from));
    }
    if let Some(to) = filter.to {
        select = select.filter(U::DispatchDay.lte(to));
    }
    if let Some(d) = filter.department_id {
        select = select.filter(U::DepartmentId.eq(d));
    }
    Ok(select
        .group_by(U::Deadline)
        .group_by(U::DepartmentId)
        .group_by(U::AssigneeId)
        .into_model::<DueRow>()
        .all(db)
        .await?)
}

/// The period's sheets waiting on a `kind` deadline due today before `now`, per department and
/// agent, read from the sheets: an index range of today's deadlines only.
async fn due_today(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &StatisticsFilter,
    kind: DeadlineKind,
    today_start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Vec<(Uuid, Option<Uuid>, i64)>, StoreError> {
    use task_sheet::Column as C;
    if now <= today_start {
        return Ok(Vec::new());
    }
    let mut select = task_sheet::Entity::find()
        .select_only()
        .column(C::DepartmentId)
        .column(C::AssigneeId)
        .column_as(SimpleExpr::from(Func::count(Expr::col(C::Id))), "sheets")
        .filter(C::TenantId.eq(tenant_id));
    select = match kind {
        // Through `ix_task_sheets_unacknowledged` (partial: `acknowledged_at IS NULL`).
        DeadlineKind::Acknowledgement => select
            .filter(C::AcknowledgedAt.is_null())
            .filter(C::AcknowledgeBy.gte(today_start))
            .filter(C::AcknowledgeBy.lt(now))
            .filter(C::State.eq(Code(SheetState::Dispatched))),
        // Through the open queue's index (tenant, open, finish_by).
        _ => select
            .filter(C::Open.eq(true))
            .filter(C::FinishBy.gte(today_start))
            .filter(C::FinishBy.lt(now))
            .filter(C::State.ne(Code(SheetState::Paused)))
            .filter(C::State.ne(Code(SheetState::Cancelled))),
    };
    if let Some(from) = filter.dispatched_from() {
        select = select.filter(C::DispatchedAt.gte(from));
    }
    if let Some(before) = filter.dispatched_before() {
        select = select.filter(C::DispatchedAt.lt(before));
    }
    if let Some(d) = filter.department_id {
        select = select.filter(C::DepartmentId.eq(d));
    }
    let rows = select.group_by(C::DepartmentId).group_by(C::AssigneeId).into_model::<SheetRow>().all(db).await?;
    Ok(rows.into_iter().map(|r| (r.department_id, r.assignee_id, r.sheets)).collect())
}

/// What a rebuild changed: counter rows that differed from a recount of the sheets.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Rebuilt {
    pub day_rows: usize,
    pub day_rows_wrong: usize,
    pub due_rows: usize,
    pub due_rows_wrong: usize,
}

async fn all_day_rows(db: &impl ConnectionTrait) -> Result<Vec<sheet_day_count::Model>, StoreError> {
    use sheet_day_count::Column as D;
    let rows = sheet_day_count::Entity::find()
        .order_by_asc(D::TenantId)
        .order_by_asc(D::DispatchDay)
        .order_by_asc(D::DepartmentId)
        .order_by_asc(D::AssigneeId)
        .all(db)
        .await?;
    // Rows a change left at zero are kept by the triggers; a recount has none.
    Ok(rows
        .into_iter()
        .filter(|r| {
            [
                r.received,
                r.acknowledged,
                r.acknowledged_on_time,
                r.finished,
                r.finished_on_time,
                r.approved,
                r.open_now,
                r.paused_now,
                r.timed,
                r.minutes_used,
                r.minutes_promised,
            ]
            .iter()
            .any(|v| *v != 0)
        })
        .collect())
}

async fn all_due_rows(db: &impl ConnectionTrait) -> Result<Vec<sheet_due_count::Model>, StoreError> {
    use sheet_due_count::Column as U;
    Ok(sheet_due_count::Entity::find()
        .filter(U::Sheets.ne(0))
        .order_by_asc(U::TenantId)
        .order_by_asc(U::Deadline)
        .order_by_asc(U::DueDay)
        .order_by_asc(U::DispatchDay)
        .order_by_asc(U::DepartmentId)
        .order_by_asc(U::AssigneeId)
        .all(db)
        .await?)
}

/// Rows in one list and not in the other.
fn differing<T: std::fmt::Debug>(before: &[T], after: &[T]) -> usize {
    let set = |rows: &[T]| rows.iter().map(|r| format!("{r:?}")).collect::<std::collections::BTreeSet<_>>();
    set(before).symmetric_difference(&set(after)).count()
}

/// Recounts every counter from the sheets, in one transaction that holds the sheets' writers
/// off, and tells how many rows were wrong (none, unless something wrote around the triggers).
pub async fn rebuild_counters(db: &DatabaseConnection) -> Result<Rebuilt, StoreError> {
    let txn = crate::begin_write(db).await?;
    let backend = db.get_database_backend();
    if backend == DbBackend::Postgres {
        txn.execute_unprepared("LOCK TABLE task_sheets IN SHARE MODE").await?;
    }
    let day_before = all_day_rows(&txn).await?;
    let due_before = all_due_rows(&txn).await?;
    for statement in backfill_statements(backend) {
        txn.execute_unprepared(&statement).await?;
    }
    let day_after = all_day_rows(&txn).await?;
    let due_after = all_due_rows(&txn).await?;
    txn.commit().await?;
    Ok(Rebuilt {
        day_rows: day_after.len(),
        day_rows_wrong: differing(&day_before, &day_after),
        due_rows: due_after.len(),
        due_rows_wrong: differing(&due_before, &due_after),
    })
}

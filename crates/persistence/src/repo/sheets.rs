//! Task sheets (任务分送单) and the work queues.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use butler_domain::case::sheet::{SheetKind, SheetState};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};
use uuid::Uuid;

use crate::entity::task_sheet;
use crate::{Code, Page, PageRequest, StoreError};

pub use task_sheet::Model as SheetRow;

pub struct NewSheet {
    pub case_id: Uuid,
    pub case_item_id: Uuid,
    pub kind: SheetKind,
    pub department_id: Uuid,
    pub assignee_id: Option<Uuid>,
    pub state: SheetState,
    pub dispatched_at: DateTime<Utc>,
    pub acknowledge_by: DateTime<Utc>,
    pub finish_by: DateTime<Utc>,
    pub data: serde_json::Value,
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewSheet,
    now: DateTime<Utc>,
) -> Result<SheetRow, StoreError> {
    let row = task_sheet::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        case_id: Set(new.case_id),
        case_item_id: Set(new.case_item_id),
        kind: Set(Code(new.kind)),
        department_id: Set(new.department_id),
        assignee_id: Set(new.assignee_id),
        state: Set(Code(new.state)),
        open: Set(true),
        version: Set(1),
        dispatched_at: Set(new.dispatched_at),
        acknowledge_by: Set(new.acknowledge_by),
        acknowledged_at: Set(None),
        finish_by: Set(new.finish_by),
        closed_at: Set(None),
        outcome: Set(None),
        document_number: Set(None),
        result_notice_channel: Set(None),
        result_noticed_at: Set(None),
        office_minutes_used: Set(None),
        office_minutes_promised: Set(None),
        data: Set(new.data),
        result_file_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(task_sheet::Entity::insert(row).exec_with_returning(db).await?)
}

pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<SheetRow, StoreError> {
    task_sheet::Entity::find_by_id(id)
        .filter(task_sheet::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn for_case(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<SheetRow>, StoreError> {
    Ok(for_case_select(case_id).all(db).await?)
}

/// The query of [`for_case`]: a case's sheets in id order.
pub fn for_case_select(case_id: Uuid) -> sea_orm::Select<task_sheet::Entity> {
    task_sheet::Entity::find().filter(task_sheet::Column::CaseId.eq(case_id)).order_by_asc(task_sheet::Column::Id)
}

/// Finished sheets whose office time used is not recorded (finished before migration
/// `000005` kept it), in id order after `after`, at most `limit`.
pub async fn unmeasured(
    db: &impl ConnectionTrait,
    after: Option<Uuid>,
    limit: u64,
) -> Result<Vec<SheetRow>, StoreError> {
    Ok(unmeasured_select(after, limit).all(db).await?)
}

/// The statement of [`unmeasured`] (its plan is tested: it goes through the index of sheets
/// with no time used, `ix_task_sheets_unmeasured`).
pub fn unmeasured_select(after: Option<Uuid>, limit: u64) -> sea_orm::Select<task_sheet::Entity> {
    use task_sheet::Column as C;
    let mut select = task_sheet::Entity::find()
        .filter(C::State.eq(Code(SheetState::Finished)))
        .filter(C::OfficeMinutesUsed.is_null());
    if let Some(after) = after {
        select = select.filter(C::Id.gt(after));
    }
    select.order_by_asc(C::Id).limit(limit)
}

/// Records a finished sheet's office minutes used and promised. They are derived from the
/// stored sheet, so the version stays: no one's pending change is invalidated by them.
pub async fn set_time_used(db: &impl ConnectionTrait, id: Uuid, used: i32, promised: i32) -> Result<(), StoreError> {
    use task_sheet::Column as C;
    task_sheet::Entity::update_many()
        .col_expr(C::OfficeMinutesUsed, Expr::val(used))
        .col_expr(C::OfficeMinutesPromised, Expr::val(promised))
        .filter(C::Id.eq(id))
        .filter(C::OfficeMinutesUsed.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Writes `changed` if the stored version is still `expected_version`, and bumps it.
pub async fn update_guarded(
    db: &impl ConnectionTrait,
    changed: SheetRow,
    expected_version: i32,
    now: DateTime<Utc>,
) -> Result<SheetRow, StoreError> {
    let id = changed.id;
    // Every column is written (then the guarded ones are excluded below).
    let mut model = changed.into_active_model().reset_all();
    model.version = Set(expected_version + 1);
    model.updated_at = Set(now);
    model.id = sea_orm::ActiveValue::NotSet;
    model.tenant_id = sea_orm::ActiveValue::NotSet;
    // One statement: the row as stored comes back with the write (`RETURNING`).
    let mut update = task_sheet::Entity::update_many()
        .set(model)
        .filter(task_sheet::Column::Id.eq(id))
        .filter(task_sheet::Column::Version.eq(expected_version))
        .into_query();
    update.returning_all();
    let stmt = db.get_database_backend().build(&update);
    task_sheet::Entity::find().from_raw_sql(stmt).one(db).await?.ok_or(StoreError::Changed)
}

/// Which sheets a queue shows. Every queue is ordered by finishing deadline, most urgent
/// first, and reads one index range.
#[derive(Debug, Clone, Default)]
pub struct QueueFilter {
    pub department_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub case_id: Option<Uuid>,
    /// Only open sheets (the default for work queues) or only closed ones.
    pub open: Option<bool>,
    /// Only sheets whose deadline is before this instant (overdue: now).
    pub due_before: Option<DateTime<Utc>>,
    /// Only sheets whose deadline is at or after this instant.
    pub due_from: Option<DateTime<Utc>>,
    /// Leave out sheets whose clock is stopped (补正): their deadline is not running.
    pub running_clock: bool,
    /// Only sheets in this state.
    pub state: Option<SheetState>,
    /// Only sheets of this kind (`approval`, `verification`).
    pub kind: Option<SheetKind>,
    /// Only sheets whose result has not been passed on to the enterprise.
    pub result_unnoticed: bool,
}

/// The cursor of the work-queue page that starts after the sheet due at `finish_by` with `id`:
/// what [`queue`] answers as `next_cursor` and reads back as `cursor` (opaque to clients).
pub fn encode_cursor(finish_by: DateTime<Utc>, id: Uuid) -> String {
    let mut bytes = finish_by.timestamp_micros().to_be_bytes().to_vec();
    bytes.extend_from_slice(id.as_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Reads a cursor [`encode_cursor`] issued; anything else is `InvalidCursor`.
pub fn decode_cursor(text: &str) -> Result<(DateTime<Utc>, Uuid), StoreError> {
    let bytes = URL_SAFE_NO_PAD.decode(text).map_err(|_| StoreError::InvalidCursor)?;
    if bytes.len() != 24 {
        return Err(StoreError::InvalidCursor);
    }
    let mut micros = [0u8; 8];
    micros.copy_from_slice(&bytes[..8]);
    let at = DateTime::from_timestamp_micros(i64::from_be_bytes(micros)).ok_or(StoreError::InvalidCursor)?;
    let id = Uuid::from_slice(&bytes[8..]).map_err(|_| StoreError::InvalidCursor)?;
    Ok((at, id))
}

/// The rows of a work queue after `after` (a decoded cursor), before ordering and limit:
/// what [`queue`] reads, also for counting and for EXPLAIN in the benchmark.
pub fn queue_select(
    tenant_id: Uuid,
    filter: &QueueFilter,
    after: Option<(DateTime<Utc>, Uuid)>,
) -> sea_orm::Select<task_sheet::Entity> {
    let mut select = task_sheet::Entity::find().filter(task_sheet::Column::TenantId.eq(tenant_id));
    if let Some(d) = filter.department_id {
        select = select.filter(task_sheet::Column::DepartmentId.eq(d));
    }
    if let Some(a) = filter.assignee_id {
        select = select.filter(task_sheet::Column::AssigneeId.eq(a));
    }
    if let Some(c) = filter.case_id {
        select = select.filter(task_sheet::Column::CaseId.eq(c));
    }
    if let Some(open) = filter.open {
        select = select.filter(task_sheet::Column::Open.eq(open));
    }
    if let Some(before) = filter.due_before {
        select = select.filter(task_sheet::Column::FinishBy.lt(before));
    }
    // A cursor at or past `due_from` implies it; left out then, so that SQLite starts the
    // range at the cursor rather than at `due_from`.
    if let Some(from) = filter.due_from.filter(|from| after.is_none_or(|(at, _)| at < *from)) {
        select = select.filter(task_sheet::Column::FinishBy.gte(from));
    }
    if filter.running_clock {
        select = select.filter(task_sheet::Column::State.ne(Code(SheetState::Paused)));
    }
    if let Some(state) = filter.state {
        select = select.filter(task_sheet::Column::State.eq(Code(state)));
    }
    if let Some(kind) = filter.kind {
        select = select.filter(task_sheet::Column::Kind.eq(Code(kind)));
    }
    if filter.result_unnoticed {
        select = select.filter(task_sheet::Column::ResultNoticedAt.is_null());
    }
    if let Some((at, id)) = after {
        // After the cursor in (deadline, id) order, as one row-value comparison: PostgreSQL and
        // SQLite start the index range (…, finish_by, id) there, so a deep page costs what the
        // first does, even where thousands of sheets share a deadline (18:00 of a working day).
        // (`finish_by > at OR (finish_by = at AND id > id)` gives PostgreSQL no range at all.)
        select = select.filter(
            Expr::tuple([Expr::col(task_sheet::Column::FinishBy), Expr::col(task_sheet::Column::Id)])
                .gt(Expr::tuple([Expr::value(at), Expr::value(id)])),
        );
    }
    select
}

/// The query of one page of a work queue, as [`queue`] runs it: [`queue_select`] in (deadline,
/// id) order, one row more than `limit` (that row tells whether a next page exists).
pub fn queue_page_select(
    tenant_id: Uuid,
    filter: &QueueFilter,
    after: Option<(DateTime<Utc>, Uuid)>,
    limit: u64,
) -> sea_orm::Select<task_sheet::Entity> {
    queue_select(tenant_id, filter, after)
        .order_by_asc(task_sheet::Column::FinishBy)
        .order_by_asc(task_sheet::Column::Id)
        .limit(limit + 1)
}

/// A page of a work queue. `cursor` is this function's own (deadline, id) position.
pub async fn queue(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &QueueFilter,
    limit: u64,
    cursor: Option<&str>,
) -> Result<Page<SheetRow>, StoreError> {
    let limit = limit.clamp(1, PageRequest::MAX_LIMIT);
    let after = cursor.filter(|c| !c.is_empty()).map(decode_cursor).transpose()?;
    let mut items = queue_page_select(tenant_id, filter, after, limit).all(db).await?;
    let next_cursor = if items.len() as u64 > limit {
        items.truncate(limit as usize);
        items.last().map(|s| encode_cursor(s.finish_by, s.id))
    } else {
        None
    };
    Ok(Page { items, next_cursor })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let at = DateTime::from_timestamp_micros(1_795_000_000_123_456).unwrap();
        let id = Uuid::now_v7();
        assert_eq!(decode_cursor(&encode_cursor(at, id)).unwrap(), (at, id));
        assert!(decode_cursor("short").is_err());
    }
}

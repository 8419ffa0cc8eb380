//! Deadlines the scheduler chases (督办): one open row per subject — a case, or one of its
//! task sheets — and kind, with the time its next reminder step falls due.
//!
//! **Cost.** The sweep reads rows with `next_step_at <= now` from `ix_deadlines_next_step`;
//! a closed row has no `next_step_at`, and an open row whose ladder is done has none either,
//! so a sweep's cost grows with what is due, not with what is open.
//!
//! **Claims.** Rows are claimed with a lease (`claimed_until`) by one conditional `UPDATE …
//! RETURNING` (on PostgreSQL its candidate query also takes `FOR UPDATE SKIP LOCKED`), so two
//! server processes never work the same row at once. The lease value is the claim's fencing
//! token: [`complete_claim`] writes only while the row still carries it, is still open and
//! still has the deadline that was read, so a sweeper whose lease ran out, or whose row was
//! closed or rescheduled meanwhile, changes nothing. Exactly-once delivery itself rests on
//! the notifications' unique dedupe key, written in the same transaction as the completion.

use butler_domain::case::deadline::DeadlineKind;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, LockBehavior, LockType, Order, Query, SelectStatement};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::{case, case_item, deadline, department, task_sheet};
use crate::{Code, StoreError};

pub use deadline::Model as DeadlineRow;

/// A deadline to chase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDeadline {
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    /// The sheet, for sheet deadlines; `None` for the case's own.
    pub sheet_id: Option<Uuid>,
    pub kind: DeadlineKind,
    pub due_at: DateTime<Utc>,
    /// When the sweep first looks at it — usually `Some(now)`, and the sweep works out the
    /// ladder; `None` records the deadline without chasing it.
    pub next_step_at: Option<DateTime<Utc>>,
}

fn subject(case_id: Uuid, sheet_id: Option<Uuid>, kind: Option<DeadlineKind>) -> Condition {
    let mut cond = Condition::all().add(deadline::Column::CaseId.eq(case_id)).add(deadline::Column::ClosedAt.is_null());
    cond = match sheet_id {
        Some(sheet) => cond.add(deadline::Column::SheetId.eq(sheet)),
        None if kind.is_some() => cond.add(deadline::Column::SheetId.is_null()),
        None => cond,
    };
    if let Some(kind) = kind {
        cond = cond.add(deadline::Column::Kind.eq(Code(kind)));
    }
    cond
}

async fn close_where(db: &impl ConnectionTrait, cond: Condition, now: DateTime<Utc>) -> Result<u64, StoreError> {
    let res = deadline::Entity::update_many()
        .col_expr(deadline::Column::ClosedAt, Expr::value(Some(now)))
        .col_expr(deadline::Column::NextStepAt, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(deadline::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(cond)
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// The version of the county's settings in force (0: the defaults), recorded on every
/// deadline opened: its ladder is that version's, whatever changes later.
async fn settings_in_force(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<i32, StoreError> {
    Ok(super::settings::current(db, tenant_id).await?.map_or(0, |row| row.version))
}

/// How many deadlines of the county are open, by the settings version they were opened
/// under (versions in ascending order).
pub async fn open_by_settings_version(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
) -> Result<Vec<(i32, i64)>, StoreError> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::{Func, SimpleExpr};
    let rows: Vec<(i32, i64)> = deadline::Entity::find()
        .select_only()
        .column(deadline::Column::SettingsVersion)
        .column_as(SimpleExpr::from(Func::count(Expr::col(deadline::Column::Id))), "n")
        .filter(deadline::Column::TenantId.eq(tenant_id))
        .filter(deadline::Column::ClosedAt.is_null())
        .group_by(deadline::Column::SettingsVersion)
        .order_by_asc(deadline::Column::SettingsVersion)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows)
}

/// Opens a deadline, closing any open one of the same subject and kind first (so there is
/// at most one per subject and kind).
pub async fn open(db: &impl ConnectionTrait, new: NewDeadline, now: DateTime<Utc>) -> Result<DeadlineRow, StoreError> {
    close(db, new.case_id, new.sheet_id, new.kind, now).await?;
    let row = deadline::ActiveModel {
        id: Set(super::new_id()),
        settings_version: Set(settings_in_force(db, new.tenant_id).await?),
        tenant_id: Set(new.tenant_id),
        case_id: Set(Some(new.case_id)),
        sheet_id: Set(new.sheet_id),
        kind: Set(Code(new.kind)),
        due_at: Set(new.due_at),
        next_step_at: Set(new.next_step_at),
        done_steps: Set(serde_json::json!([])),
        claimed_until: Set(None),
        closed_at: Set(None),
        complaint_id: Set(None),
        meeting_action_id: Set(None),
    };
    Ok(deadline::Entity::insert(row).exec_with_returning(db).await?)
}

/// Opens a complaint's reply deadline due at `due_at`, chased from `now`, closing any open
/// one of the complaint first.
pub async fn open_for_complaint(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    complaint_id: Uuid,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<DeadlineRow, StoreError> {
    close_for_complaint(db, complaint_id, now).await?;
    let row = deadline::ActiveModel {
        id: Set(super::new_id()),
        settings_version: Set(settings_in_force(db, tenant_id).await?),
        tenant_id: Set(tenant_id),
        case_id: Set(None),
        sheet_id: Set(None),
        kind: Set(Code(DeadlineKind::ComplaintReply)),
        due_at: Set(due_at),
        next_step_at: Set(Some(now)),
        done_steps: Set(serde_json::json!([])),
        claimed_until: Set(None),
        closed_at: Set(None),
        complaint_id: Set(Some(complaint_id)),
        meeting_action_id: Set(None),
    };
    Ok(deadline::Entity::insert(row).exec_with_returning(db).await?)
}

/// Closes the open deadline of a complaint, if there is one.
pub async fn close_for_complaint(
    db: &impl ConnectionTrait,
    complaint_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    close_where(
        db,
        Condition::all().add(deadline::Column::ComplaintId.eq(complaint_id)).add(deadline::Column::ClosedAt.is_null()),
        now,
    )
    .await
}

/// Opens a meeting action's deadline due at `due_at`, chased from `now`, closing any open
/// one of the action first.
pub async fn open_for_meeting_action(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    action_id: Uuid,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<DeadlineRow, StoreError> {
    close_for_meeting_action(db, action_id, now).await?;
    let row = deadline::ActiveModel {
        id: Set(super::new_id()),
        settings_version: Set(settings_in_force(db, tenant_id).await?),
        tenant_id: Set(tenant_id),
        case_id: Set(None),
        sheet_id: Set(None),
        kind: Set(Code(DeadlineKind::MeetingAction)),
        due_at: Set(due_at),
        next_step_at: Set(Some(now)),
        done_steps: Set(serde_json::json!([])),
        claimed_until: Set(None),
        closed_at: Set(None),
        complaint_id: Set(None),
        meeting_action_id: Set(Some(action_id)),
    };
    Ok(deadline::Entity::insert(row).exec_with_returning(db).await?)
}

/// Closes the open deadline of a meeting action, if there is one.
pub async fn close_for_meeting_action(
    db: &impl ConnectionTrait,
    action_id: Uuid,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    close_where(
        db,
        Condition::all().add(deadline::Column::MeetingActionId.eq(action_id)).add(deadline::Column::ClosedAt.is_null()),
        now,
    )
    .await
}

/// Closes the open deadline of `kind` of a sheet (`Some`) or of the case itself (`None`);
/// returns how many rows were closed (0 when none was open).
pub async fn close(
    db: &impl ConnectionTrait,
    case_id: Uuid,
    sheet_id: Option<Uuid>,
    kind: DeadlineKind,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    close_where(db, subject(case_id, sheet_id, Some(kind)), now).await
}

/// Closes every open deadline of one sheet (`Some`), or of the whole case — its own and all
/// its sheets' — (`None`); returns how many rows were closed.
pub async fn close_all(
    db: &impl ConnectionTrait,
    case_id: Uuid,
    sheet_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<u64, StoreError> {
    close_where(db, subject(case_id, sheet_id, None), now).await
}

/// Closes one deadline by id (the sweep does this for a deadline whose sheet has closed).
pub async fn close_by_id(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<u64, StoreError> {
    close_where(db, Condition::all().add(deadline::Column::Id.eq(id)).add(deadline::Column::ClosedAt.is_null()), now)
        .await
}

/// Moves the open deadline of `kind` of a sheet or case to `due_at` (after a 补正 pause or
/// an extension): its ladder starts again for the new deadline, whose reminder keys are new.
/// Returns whether an open deadline was moved (`false`: open one instead).
pub async fn reschedule(
    db: &impl ConnectionTrait,
    case_id: Uuid,
    sheet_id: Option<Uuid>,
    kind: DeadlineKind,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, StoreError> {
    let res = deadline::Entity::update_many()
        .col_expr(deadline::Column::DueAt, Expr::value(due_at))
        .col_expr(deadline::Column::NextStepAt, Expr::value(Some(now)))
        .col_expr(deadline::Column::DoneSteps, Expr::value(serde_json::json!([])))
        .col_expr(deadline::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(subject(case_id, sheet_id, Some(kind)))
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// The open deadlines of a case (its own and its sheets'), soonest first.
pub async fn open_for_case(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<DeadlineRow>, StoreError> {
    Ok(deadline::Entity::find()
        .filter(subject(case_id, None, None))
        .order_by_asc(deadline::Column::DueAt)
        .all(db)
        .await?)
}

/// The open deadlines of the cases' own steps (team formation, plan proposal), by case: what a
/// case list shows as each case's step deadline.
pub async fn open_case_steps(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, DateTime<Utc>>, StoreError> {
    if case_ids.is_empty() {
        return Ok(Default::default());
    }
    let rows = deadline::Entity::find()
        .filter(deadline::Column::TenantId.eq(tenant_id))
        .filter(deadline::Column::CaseId.is_in(case_ids.iter().copied()))
        .filter(deadline::Column::SheetId.is_null())
        .filter(deadline::Column::ClosedAt.is_null())
        .filter(deadline::Column::Kind.is_in([Code(DeadlineKind::TeamFormation), Code(DeadlineKind::PlanProposal)]))
        .all(db)
        .await?;
    let mut due = std::collections::HashMap::new();
    for row in rows {
        let Some(case_id) = row.case_id else { continue };
        due.entry(case_id).and_modify(|at: &mut DateTime<Utc>| *at = (*at).min(row.due_at)).or_insert(row.due_at);
    }
    Ok(due)
}

/// Open deadlines whose next step is due at `now` and that nobody holds.
/// A suspended county's deadlines wait (see [`super::counties::working_tenants`]).
fn claimable(now: DateTime<Utc>) -> Condition {
    Condition::all()
        .add(deadline::Column::NextStepAt.lte(now))
        .add(deadline::Column::ClosedAt.is_null())
        .add(
            Condition::any().add(deadline::Column::ClaimedUntil.is_null()).add(deadline::Column::ClaimedUntil.lte(now)),
        )
        .add(deadline::Column::TenantId.in_subquery(super::counties::working_tenants()))
}

/// The candidate query of [`claim_due`]: the ids of up to `limit` claimable deadlines at
/// `now`, soonest first, locked `FOR UPDATE SKIP LOCKED` on PostgreSQL. Public so that its
/// plan can be read (the benchmark EXPLAINs it).
pub fn claim_candidates(now: DateTime<Utc>, limit: u64) -> SelectStatement {
    Query::select()
        .column(deadline::Column::Id)
        .from(deadline::Entity)
        .cond_where(claimable(now))
        .order_by(deadline::Column::NextStepAt, Order::Asc)
        .limit(limit)
        // Rendered on PostgreSQL only; SQLite has one writer at a time anyway.
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned()
}

/// Claims up to `limit` open deadlines whose next step is due at `now` and that nobody
/// holds, soonest first, until `lease_until`; returns them as claimed (their
/// `claimed_until` is the claim's token for [`complete_claim`]).
pub async fn claim_due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    lease_until: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<DeadlineRow>, StoreError> {
    let mut rows = super::lease::claim::<deadline::Entity>(
        db,
        deadline::Column::Id,
        deadline::Column::ClaimedUntil,
        claim_candidates(now, limit),
        claimable(now),
        lease_until,
    )
    .await?;
    rows.sort_by_key(|r| (r.next_step_at, r.id));
    Ok(rows)
}

/// Records a claimed deadline's progress and releases the claim — only while `claimed`
/// still holds it (same token, still open, same deadline). Returns whether it did; `false`
/// means the claim was lost and the caller must roll back what it wrote with it.
pub async fn complete_claim(
    db: &impl ConnectionTrait,
    claimed: &DeadlineRow,
    done_steps: serde_json::Value,
    next_step_at: Option<DateTime<Utc>>,
) -> Result<bool, StoreError> {
    let Some(token) = claimed.claimed_until else {
        return Ok(false);
    };
    let res = deadline::Entity::update_many()
        .col_expr(deadline::Column::DoneSteps, Expr::value(done_steps))
        .col_expr(deadline::Column::NextStepAt, Expr::value(next_step_at))
        .col_expr(deadline::Column::ClaimedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(deadline::Column::Id.eq(claimed.id))
        .filter(deadline::Column::ClaimedUntil.eq(token))
        .filter(deadline::Column::DueAt.eq(claimed.due_at))
        .filter(deadline::Column::ClosedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// What a reminder says about its deadline's subject.
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineContext {
    /// The case (absent only if the row points nowhere).
    pub case: Option<case::Model>,
    /// The sheet, for sheet deadlines.
    pub sheet: Option<task_sheet::Model>,
    /// The plan item the sheet handles.
    pub item_name: Option<String>,
    /// The short name of the sheet's department.
    pub department_name: Option<String>,
}

/// Reads the case, sheet, item and department a deadline is about.
pub async fn context(db: &impl ConnectionTrait, row: &DeadlineRow) -> Result<DeadlineContext, StoreError> {
    let case = match row.case_id {
        Some(id) => case::Entity::find_by_id(id).filter(case::Column::TenantId.eq(row.tenant_id)).one(db).await?,
        None => None,
    };
    let sheet = match row.sheet_id {
        Some(id) => {
            task_sheet::Entity::find_by_id(id).filter(task_sheet::Column::TenantId.eq(row.tenant_id)).one(db).await?
        }
        None => None,
    };
    let (item_name, department_name) = match &sheet {
        Some(s) => {
            let item = case_item::Entity::find_by_id(s.case_item_id).one(db).await?.map(|i| i.name);
            let dept = department::Entity::find_by_id(s.department_id).one(db).await?.map(|d| d.short_name);
            (item, dept)
        }
        None => (None, None),
    };
    Ok(DeadlineContext { case, sheet, item_name, department_name })
}

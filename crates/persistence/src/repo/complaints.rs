//! Complaints (投诉举报) and their timelines, tenant-scoped; the follower's lookup by tracking
//! number; the office's list; and the counts per department or official that supervision
//! reads, in one aggregate query.

use butler_domain::complaint::{ComplaintAction, ComplaintState, ComplaintSubject};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Condition, Expr, ExprTrait, Func, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, IntoActiveModel,
    QueryFilter, QueryOrder, QuerySelect,
};
use uuid::Uuid;

use super::statistics::count_if;
use crate::entity::{case, complaint, complaint_event, department};
use crate::page::{Order, fetch_page_in};
use crate::{Code, Page, PageRequest, StoreError};

pub use complaint::Model as ComplaintRow;
pub use complaint_event::Model as ComplaintEventRow;

/// A complaint to record, as lodged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaint {
    pub tenant_id: Uuid,
    pub tracking_number: String,
    pub subject: ComplaintSubject,
    pub subject_id: Option<Uuid>,
    pub case_number: Option<String>,
    pub case_id: Option<Uuid>,
    pub name: String,
    pub mobile: String,
    pub text: String,
}

/// One line of a timeline to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewComplaintEvent {
    pub action: ComplaintAction,
    pub from_state: Option<ComplaintState>,
    pub to_state: ComplaintState,
    pub actor_id: Option<Uuid>,
    pub note: Option<String>,
}

/// Records a lodged complaint (`submitted`, version 1). A tracking number taken already is a
/// conflict (the caller draws another).
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewComplaint,
    now: DateTime<Utc>,
) -> Result<ComplaintRow, StoreError> {
    let row = complaint::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(new.tenant_id),
        tracking_number: Set(new.tracking_number),
        subject: Set(Code(new.subject)),
        subject_id: Set(new.subject_id),
        case_number: Set(new.case_number),
        case_id: Set(new.case_id),
        name: Set(new.name),
        mobile: Set(new.mobile),
        text: Set(new.text),
        state: Set(Code(ComplaintState::Submitted)),
        version: Set(1),
        department_id: Set(None),
        assignee_id: Set(None),
        assigned_at: Set(None),
        due_at: Set(None),
        reply: Set(None),
        replied_by: Set(None),
        replied_at: Set(None),
        satisfaction: Set(None),
        rated_at: Set(None),
        reopened: Set(0),
        reject_reason: Set(None),
        closed_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(complaint::Entity::insert(row).exec_with_returning(db).await?)
}

/// Writes `changed` over the stored complaint only if it still has `changed.version - 1`
/// (the version read); [`StoreError::Changed`] when someone else wrote first.
pub async fn save(db: &impl ConnectionTrait, changed: &ComplaintRow) -> Result<(), StoreError> {
    // Every column is written (the id with its own value).
    let model = changed.clone().into_active_model().reset_all();
    let res = complaint::Entity::update_many()
        .set(model)
        .filter(complaint::Column::Id.eq(changed.id))
        .filter(complaint::Column::TenantId.eq(changed.tenant_id))
        .filter(complaint::Column::Version.eq(changed.version - 1))
        .exec(db)
        .await?;
    if res.rows_affected == 1 { Ok(()) } else { Err(StoreError::Changed) }
}

/// Appends lines to a complaint's timeline.
pub async fn append_events(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    complaint_id: Uuid,
    events: Vec<NewComplaintEvent>,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    for e in events {
        let row = complaint_event::ActiveModel {
            id: Set(super::new_id()),
            tenant_id: Set(tenant_id),
            complaint_id: Set(complaint_id),
            action: Set(Code(e.action)),
            from_state: Set(e.from_state.map(Code)),
            to_state: Set(Code(e.to_state)),
            actor_id: Set(e.actor_id),
            note: Set(e.note),
            occurred_at: Set(now),
        };
        row.insert(db).await?;
    }
    Ok(())
}

/// A complaint's timeline, oldest first.
pub async fn events(db: &impl ConnectionTrait, complaint_id: Uuid) -> Result<Vec<ComplaintEventRow>, StoreError> {
    Ok(complaint_event::Entity::find()
        .filter(complaint_event::Column::ComplaintId.eq(complaint_id))
        .order_by_asc(complaint_event::Column::Id)
        .all(db)
        .await?)
}

/// One complaint of the tenant.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<ComplaintRow, StoreError> {
    complaint::Entity::find_by_id(id)
        .filter(complaint::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The complaint of the tenant with this tracking number.
pub async fn by_tracking_number(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    tracking_number: &str,
) -> Result<Option<ComplaintRow>, StoreError> {
    Ok(complaint::Entity::find()
        .filter(complaint::Column::TenantId.eq(tenant_id))
        .filter(complaint::Column::TrackingNumber.eq(tracking_number))
        .one(db)
        .await?)
}

/// The tenant's case with this number, if any.
pub async fn case_by_number(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    number: &str,
) -> Result<Option<Uuid>, StoreError> {
    Ok(case::Entity::find()
        .select_only()
        .column(case::Column::Id)
        .filter(case::Column::TenantId.eq(tenant_id))
        .filter(case::Column::Number.eq(number))
        .into_tuple::<Uuid>()
        .one(db)
        .await?)
}

/// A department's short name.
pub async fn department_name(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<String>, StoreError> {
    Ok(department::Entity::find_by_id(id).one(db).await?.map(|d| d.short_name))
}

/// Filters of the office's list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ComplaintFilter {
    pub state: Option<ComplaintState>,
    pub subject: Option<ComplaintSubject>,
    pub department_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    /// Only those awaiting a reply past their deadline at this instant.
    pub overdue_at: Option<DateTime<Utc>>,
    pub tracking_number: Option<String>,
}

/// A page of the tenant's complaints, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &ComplaintFilter,
    page: PageRequest,
) -> Result<Page<ComplaintRow>, StoreError> {
    use complaint::Column as C;
    let mut select = complaint::Entity::find().filter(C::TenantId.eq(tenant_id));
    if let Some(state) = filter.state {
        select = select.filter(C::State.eq(Code(state)));
    }
    if let Some(subject) = filter.subject {
        select = select.filter(C::Subject.eq(Code(subject)));
    }
    if let Some(d) = filter.department_id {
        select = select.filter(C::DepartmentId.eq(d));
    }
    if let Some(a) = filter.assignee_id {
        select = select.filter(C::AssigneeId.eq(a));
    }
    if let Some(now) = filter.overdue_at {
        select = select.filter(C::State.eq(Code(ComplaintState::Assigned))).filter(C::DueAt.lt(now));
    }
    if let Some(n) = &filter.tracking_number {
        select = select.filter(C::TrackingNumber.eq(n.as_str()));
    }
    fetch_page_in(db, select, C::Id, |c| c.id, page, Order::NewestFirst).await
}

/// How complaints are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ComplaintGroup {
    /// Per assigned department (unassigned ones together).
    Department,
    /// Per official assigned, within each department.
    Assignee,
}

/// The counts of one group.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct ComplaintCounts {
    pub department_id: Option<Uuid>,
    /// The official (per-assignee counts).
    pub assignee_id: Option<Uuid>,
    pub received: i64,
    /// Not closed nor rejected.
    pub open: i64,
    /// Awaiting a reply past the deadline now.
    pub overdue: i64,
    pub replied: i64,
    /// Replied by the deadline.
    pub replied_on_time: i64,
    pub satisfied: i64,
    pub basically_satisfied: i64,
    pub dissatisfied: i64,
}

/// Complaints counted per department or per official, lodged in `[from, before)`.
pub async fn counts(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    group: ComplaintGroup,
    department_id: Option<Uuid>,
    from: Option<DateTime<Utc>>,
    before: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<Vec<ComplaintCounts>, StoreError> {
    use butler_domain::complaint::Satisfaction as Sat;
    use complaint::Column as C;
    let col = Expr::col;
    let rated = |s: Sat| count_if(Condition::all().add(col(C::Satisfaction).eq(Code(s))));
    let assignee: SimpleExpr = match group {
        ComplaintGroup::Department => Expr::value(Option::<Uuid>::None),
        ComplaintGroup::Assignee => col(C::AssigneeId),
    };
    let mut select = complaint::Entity::find()
        .select_only()
        .column_as(C::DepartmentId, "department_id")
        .column_as(assignee, "assignee_id")
        .column_as(SimpleExpr::from(Func::count(col(C::Id))), "received")
        .column_as(
            count_if(
                Condition::all()
                    .add(col(C::State).is_not_in([Code(ComplaintState::Closed), Code(ComplaintState::Rejected)])),
            ),
            "open",
        )
        .column_as(
            count_if(Condition::all().add(col(C::State).eq(Code(ComplaintState::Assigned))).add(col(C::DueAt).lt(now))),
            "overdue",
        )
        .column_as(count_if(Condition::all().add(col(C::RepliedAt).is_not_null())), "replied")
        .column_as(
            count_if(
                Condition::all()
                    .add(col(C::RepliedAt).is_not_null())
                    .add(col(C::DueAt).is_not_null())
                    .add(col(C::RepliedAt).lte(col(C::DueAt))),
            ),
            "replied_on_time",
        )
        .column_as(rated(Sat::Satisfied), "satisfied")
        .column_as(rated(Sat::BasicallySatisfied), "basically_satisfied")
        .column_as(rated(Sat::Dissatisfied), "dissatisfied")
        .filter(C::TenantId.eq(tenant_id));
    if let Some(d) = department_id {
        select = select.filter(C::DepartmentId.eq(d));
    }
    if let Some(from) = from {
        select = select.filter(C::CreatedAt.gte(from));
    }
    if let Some(before) = before {
        select = select.filter(C::CreatedAt.lt(before));
    }
    let select = match group {
        ComplaintGroup::Department => select.group_by(C::DepartmentId),
        ComplaintGroup::Assignee => select.group_by(C::DepartmentId).group_by(C::AssigneeId),
    };
    Ok(select.into_model::<ComplaintCounts>().all(db).await?)
}

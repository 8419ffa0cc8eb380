//! Joint meetings (联席会议), tenant-scoped: the meeting with its attendees and cases, the
//! decisions and follow-up actions recorded with its minutes; the lists the office and the
//! departments read; the meetings that discussed a case.

use butler_domain::meeting::{ActionState, DecisionKind, MeetingKind, MeetingState};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder,
};
use uuid::Uuid;

use crate::entity::{meeting, meeting_action, meeting_attendee, meeting_case, meeting_decision};
use crate::page::{Order, fetch_page_in};
use crate::{Code, Page, PageRequest, StoreError};

pub use meeting::Model as MeetingRow;
pub use meeting_action::Model as ActionRow;
pub use meeting_attendee::Model as AttendeeRow;
pub use meeting_decision::Model as DecisionRow;

/// A meeting to record, as convened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeeting {
    pub tenant_id: Uuid,
    pub title: String,
    pub kind: MeetingKind,
    pub scheduled_at: DateTime<Utc>,
    pub place: String,
    pub agenda: Vec<String>,
    pub created_by: Uuid,
}

/// Records a convened meeting (`scheduled`, version 1).
pub async fn create(db: &impl ConnectionTrait, new: NewMeeting, now: DateTime<Utc>) -> Result<MeetingRow, StoreError> {
    let row = meeting::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(new.tenant_id),
        title: Set(new.title),
        kind: Set(Code(new.kind)),
        state: Set(Code(MeetingState::Scheduled)),
        version: Set(1),
        scheduled_at: Set(new.scheduled_at),
        place: Set(new.place),
        agenda: Set(serde_json::json!(new.agenda)),
        minutes: Set(None),
        held_at: Set(None),
        closed_at: Set(None),
        cancel_reason: Set(None),
        created_by: Set(new.created_by),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(meeting::Entity::insert(row).exec_with_returning(db).await?)
}

/// Writes `changed` over the stored meeting only if it still has `changed.version - 1`;
/// [`StoreError::Changed`] when someone else wrote first.
pub async fn save(db: &impl ConnectionTrait, changed: &MeetingRow) -> Result<(), StoreError> {
    let model = changed.clone().into_active_model().reset_all();
    let res = meeting::Entity::update_many()
        .set(model)
        .filter(meeting::Column::Id.eq(changed.id))
        .filter(meeting::Column::TenantId.eq(changed.tenant_id))
        .filter(meeting::Column::Version.eq(changed.version - 1))
        .exec(db)
        .await?;
    if res.rows_affected == 1 { Ok(()) } else { Err(StoreError::Changed) }
}

/// Replaces a meeting's attendees (department, named official) and cases.
pub async fn replace_links(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    meeting_id: Uuid,
    attendees: &[(Uuid, Option<Uuid>)],
    case_ids: &[Uuid],
) -> Result<(), StoreError> {
    meeting_attendee::Entity::delete_many().filter(meeting_attendee::Column::MeetingId.eq(meeting_id)).exec(db).await?;
    meeting_case::Entity::delete_many().filter(meeting_case::Column::MeetingId.eq(meeting_id)).exec(db).await?;
    if !attendees.is_empty() {
        let rows = attendees.iter().enumerate().map(|(i, (department_id, user_id))| meeting_attendee::ActiveModel {
            id: Set(super::new_id()),
            tenant_id: Set(tenant_id),
            meeting_id: Set(meeting_id),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            department_id: Set(*department_id),
            user_id: Set(*user_id),
        });
        meeting_attendee::Entity::insert_many(rows).exec(db).await?;
    }
    if !case_ids.is_empty() {
        let rows = case_ids.iter().enumerate().map(|(i, case_id)| meeting_case::ActiveModel {
            id: Set(super::new_id()),
            tenant_id: Set(tenant_id),
            meeting_id: Set(meeting_id),
            position: Set(i32::try_from(i).unwrap_or(i32::MAX)),
            case_id: Set(*case_id),
        });
        meeting_case::Entity::insert_many(rows).exec(db).await?;
    }
    Ok(())
}

/// One meeting of the tenant.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<MeetingRow, StoreError> {
    meeting::Entity::find_by_id(id)
        .filter(meeting::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// A meeting's attendees, in order.
pub async fn attendees(db: &impl ConnectionTrait, meeting_id: Uuid) -> Result<Vec<AttendeeRow>, StoreError> {
    Ok(meeting_attendee::Entity::find()
        .filter(meeting_attendee::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_attendee::Column::Position)
        .all(db)
        .await?)
}

/// The cases a meeting discusses, in order.
pub async fn cases(db: &impl ConnectionTrait, meeting_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
    Ok(meeting_case::Entity::find()
        .filter(meeting_case::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_case::Column::Position)
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.case_id)
        .collect())
}

/// A meeting's decisions, in order.
pub async fn decisions(db: &impl ConnectionTrait, meeting_id: Uuid) -> Result<Vec<DecisionRow>, StoreError> {
    Ok(meeting_decision::Entity::find()
        .filter(meeting_decision::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_decision::Column::Position)
        .all(db)
        .await?)
}

/// A meeting's actions, in order of their decisions.
pub async fn actions(db: &impl ConnectionTrait, meeting_id: Uuid) -> Result<Vec<ActionRow>, StoreError> {
    Ok(meeting_action::Entity::find()
        .filter(meeting_action::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_action::Column::Position)
        .all(db)
        .await?)
}

/// A decision to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDecision {
    pub position: i32,
    pub kind: DecisionKind,
    pub text: String,
    pub case_id: Option<Uuid>,
}

/// Records a decision of a meeting.
pub async fn insert_decision(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    meeting_id: Uuid,
    new: NewDecision,
) -> Result<DecisionRow, StoreError> {
    let row = meeting_decision::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        meeting_id: Set(meeting_id),
        position: Set(new.position),
        kind: Set(Code(new.kind)),
        text: Set(new.text),
        case_id: Set(new.case_id),
    };
    Ok(meeting_decision::Entity::insert(row).exec_with_returning(db).await?)
}

/// A follow-up action to record (`open`, version 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAction {
    pub decision_id: Uuid,
    pub position: i32,
    pub department_id: Uuid,
    pub owner_id: Option<Uuid>,
    pub what: String,
    pub working_days: i32,
    pub due_at: DateTime<Utc>,
}

/// Records a follow-up action of a meeting.
pub async fn insert_action(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    meeting_id: Uuid,
    new: NewAction,
    now: DateTime<Utc>,
) -> Result<ActionRow, StoreError> {
    let row = meeting_action::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        meeting_id: Set(meeting_id),
        decision_id: Set(new.decision_id),
        position: Set(new.position),
        department_id: Set(new.department_id),
        owner_id: Set(new.owner_id),
        what: Set(new.what),
        working_days: Set(new.working_days),
        due_at: Set(new.due_at),
        state: Set(Code(ActionState::Open)),
        version: Set(1),
        note: Set(None),
        settled_by: Set(None),
        settled_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    };
    Ok(meeting_action::Entity::insert(row).exec_with_returning(db).await?)
}

/// One follow-up action of the tenant.
pub async fn get_action(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<ActionRow, StoreError> {
    meeting_action::Entity::find_by_id(id)
        .filter(meeting_action::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Writes `changed` over the stored action only if it still has `changed.version - 1`.
pub async fn save_action(db: &impl ConnectionTrait, changed: &ActionRow) -> Result<(), StoreError> {
    let model = changed.clone().into_active_model().reset_all();
    let res = meeting_action::Entity::update_many()
        .set(model)
        .filter(meeting_action::Column::Id.eq(changed.id))
        .filter(meeting_action::Column::TenantId.eq(changed.tenant_id))
        .filter(meeting_action::Column::Version.eq(changed.version - 1))
        .exec(db)
        .await?;
    if res.rows_affected == 1 { Ok(()) } else { Err(StoreError::Changed) }
}

/// Filters of the meeting list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MeetingFilter {
    pub state: Option<MeetingState>,
    /// Only meetings this department attends.
    pub department_id: Option<Uuid>,
    /// Only meetings discussing this case.
    pub case_id: Option<Uuid>,
}

/// A page of the tenant's meetings, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &MeetingFilter,
    page: PageRequest,
) -> Result<Page<MeetingRow>, StoreError> {
    use meeting::Column as C;
    let mut select = meeting::Entity::find().filter(C::TenantId.eq(tenant_id));
    if let Some(state) = filter.state {
        select = select.filter(C::State.eq(Code(state)));
    }
    if let Some(d) = filter.department_id {
        let sub = Query::select()
            .column(meeting_attendee::Column::MeetingId)
            .from(meeting_attendee::Entity)
            .and_where(meeting_attendee::Column::TenantId.eq(tenant_id))
            .and_where(meeting_attendee::Column::DepartmentId.eq(d))
            .to_owned();
        select = select.filter(C::Id.in_subquery(sub));
    }
    if let Some(c) = filter.case_id {
        let sub = Query::select()
            .column(meeting_case::Column::MeetingId)
            .from(meeting_case::Entity)
            .and_where(meeting_case::Column::CaseId.eq(c))
            .to_owned();
        select = select.filter(C::Id.in_subquery(sub));
    }
    fetch_page_in(db, select, C::Id, |m| m.id, page, Order::NewestFirst).await
}

/// Filters of the action list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    pub department_id: Option<Uuid>,
    pub state: Option<ActionState>,
    /// Only open actions past their deadline at this instant.
    pub overdue_at: Option<DateTime<Utc>>,
}

/// A page of the tenant's follow-up actions, oldest first (the earliest decided first).
pub async fn list_actions(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &ActionFilter,
    page: PageRequest,
) -> Result<Page<ActionRow>, StoreError> {
    use meeting_action::Column as C;
    let mut select = meeting_action::Entity::find().filter(C::TenantId.eq(tenant_id));
    if let Some(d) = filter.department_id {
        select = select.filter(C::DepartmentId.eq(d));
    }
    if let Some(s) = filter.state {
        select = select.filter(C::State.eq(Code(s)));
    }
    if let Some(now) = filter.overdue_at {
        select = select.filter(C::State.eq(Code(ActionState::Open))).filter(C::DueAt.lt(now));
    }
    fetch_page_in(db, select, C::Id, |a| a.id, page, Order::OldestFirst).await
}

/// The titles of meetings by id (for action lists).
pub async fn titles(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, String>, StoreError> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(meeting::Entity::find()
        .filter(meeting::Column::TenantId.eq(tenant_id))
        .filter(meeting::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|m| (m.id, m.title))
        .collect())
}

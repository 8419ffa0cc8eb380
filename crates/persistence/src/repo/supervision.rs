//! Supervision notices (督办通知 / 通报): the office's written chase of a department, a case
//! or one task sheet. Rows are only appended.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use uuid::Uuid;

use crate::entity::{case, case_team_member, supervision_notice, task_sheet};
use crate::page::{Order, fetch_page_in};
use crate::{Page, PageRequest, StoreError};

pub use supervision_notice::Model as SupervisionNoticeRow;

/// A notice to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSupervisionNotice {
    pub case_id: Option<Uuid>,
    pub sheet_id: Option<Uuid>,
    pub department_id: Option<Uuid>,
    pub issued_by: Uuid,
    pub content: String,
}

/// Filters of the notice list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoticeFilter {
    pub department_id: Option<Uuid>,
    pub case_id: Option<Uuid>,
}

pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewSupervisionNotice,
    now: DateTime<Utc>,
) -> Result<SupervisionNoticeRow, StoreError> {
    let row = supervision_notice::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        case_id: Set(new.case_id),
        sheet_id: Set(new.sheet_id),
        department_id: Set(new.department_id),
        issued_by: Set(new.issued_by),
        content: Set(new.content),
        created_at: Set(now),
    };
    Ok(supervision_notice::Entity::insert(row).exec_with_returning(db).await?)
}

/// A tenant's notices, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &NoticeFilter,
    page: PageRequest,
) -> Result<Page<SupervisionNoticeRow>, StoreError> {
    let mut select = supervision_notice::Entity::find().filter(supervision_notice::Column::TenantId.eq(tenant_id));
    if let Some(department_id) = filter.department_id {
        select = select.filter(supervision_notice::Column::DepartmentId.eq(department_id));
    }
    if let Some(case_id) = filter.case_id {
        select = select.filter(supervision_notice::Column::CaseId.eq(case_id));
    }
    fetch_page_in(db, select, supervision_notice::Column::Id, |n| n.id, page, Order::NewestFirst).await
}

/// The case a notice names, in the tenant.
pub async fn case_of(db: &impl ConnectionTrait, tenant_id: Uuid, case_id: Uuid) -> Result<case::Model, StoreError> {
    case::Entity::find_by_id(case_id)
        .filter(case::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The sheet a notice names, in the tenant.
pub async fn sheet_of(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    sheet_id: Uuid,
) -> Result<task_sheet::Model, StoreError> {
    task_sheet::Entity::find_by_id(sheet_id)
        .filter(task_sheet::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// The users on a case's butler team.
pub async fn team_members(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<Uuid>, StoreError> {
    Ok(case_team_member::Entity::find()
        .select_only()
        .column(case_team_member::Column::UserId)
        .filter(case_team_member::Column::CaseId.eq(case_id))
        .into_tuple::<Uuid>()
        .all(db)
        .await?)
}

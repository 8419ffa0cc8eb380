//! Evaluations (满意度评价), rectifications of bad reviews (整改) and follow-up visits (回访).

use butler_domain::case::aftercare::FollowUpMethod;
use butler_domain::case::evaluation::EvaluationLevel;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::{evaluation, follow_up, rectification};
use crate::page::fetch_page;
use crate::{Code, Page, PageRequest, StoreError};

pub use evaluation::Model as EvaluationRow;
pub use follow_up::Model as FollowUpRow;
pub use rectification::Model as RectificationRow;

#[allow(clippy::too_many_arguments)]
pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_id: Uuid,
    department_id: Option<Uuid>,
    level: EvaluationLevel,
    comment: Option<&str>,
    created_by: Uuid,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let id = super::new_id();
    evaluation::Entity::insert(evaluation::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant_id),
        case_id: Set(case_id),
        department_id: Set(department_id),
        level: Set(Code(level)),
        comment: Set(comment.map(str::to_owned)),
        created_by: Set(created_by),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

pub async fn for_case(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<EvaluationRow>, StoreError> {
    Ok(evaluation::Entity::find()
        .filter(evaluation::Column::CaseId.eq(case_id))
        .order_by_asc(evaluation::Column::Id)
        .all(db)
        .await?)
}

pub async fn open_rectification(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_id: Uuid,
    evaluation_id: Uuid,
    department_id: Option<Uuid>,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<Uuid, StoreError> {
    let id = super::new_id();
    rectification::Entity::insert(rectification::ActiveModel {
        id: Set(id),
        tenant_id: Set(tenant_id),
        case_id: Set(case_id),
        evaluation_id: Set(evaluation_id),
        department_id: Set(department_id),
        due_at: Set(due_at),
        reply: Set(None),
        replied_at: Set(None),
        created_at: Set(now),
    })
    .exec_without_returning(db)
    .await?;
    Ok(id)
}

pub async fn rectifications(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<RectificationRow>, StoreError> {
    Ok(rectification::Entity::find()
        .filter(rectification::Column::CaseId.eq(case_id))
        .order_by_asc(rectification::Column::Id)
        .all(db)
        .await?)
}

/// Rectifications across a tenant's cases, oldest first: the unanswered ones, or all; of one
/// department, or of every department and of cases as a whole.
pub async fn list_rectifications(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    department_id: Option<Uuid>,
    include_answered: bool,
    page: PageRequest,
) -> Result<Page<RectificationRow>, StoreError> {
    let mut select = rectification::Entity::find().filter(rectification::Column::TenantId.eq(tenant_id));
    if let Some(d) = department_id {
        select = select.filter(rectification::Column::DepartmentId.eq(d));
    }
    if !include_answered {
        select = select.filter(rectification::Column::RepliedAt.is_null());
    }
    fetch_page(db, select, rectification::Column::Id, |r| r.id, page).await
}

pub async fn schedule_follow_up(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_id: Uuid,
    scheduled_for: NaiveDate,
    method: FollowUpMethod,
    now: DateTime<Utc>,
) -> Result<FollowUpRow, StoreError> {
    Ok(follow_up::Entity::insert(follow_up::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        case_id: Set(case_id),
        scheduled_for: Set(scheduled_for),
        method: Set(Code(method)),
        done_at: Set(None),
        notes: Set(None),
        recorded_by: Set(None),
        created_at: Set(now),
    })
    .exec_with_returning(db)
    .await?)
}

pub async fn follow_ups(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<FollowUpRow>, StoreError> {
    Ok(follow_up::Entity::find()
        .filter(follow_up::Column::CaseId.eq(case_id))
        .order_by_asc(follow_up::Column::ScheduledFor)
        .all(db)
        .await?)
}

pub async fn get_follow_up(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<FollowUpRow, StoreError> {
    follow_up::Entity::find_by_id(id)
        .filter(follow_up::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

pub async fn record_follow_up(
    db: &impl ConnectionTrait,
    id: Uuid,
    notes: &str,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let res = follow_up::Entity::update_many()
        .col_expr(follow_up::Column::DoneAt, sea_orm::sea_query::Expr::value(Some(now)))
        .col_expr(follow_up::Column::Notes, sea_orm::sea_query::Expr::value(Some(notes.to_owned())))
        .col_expr(follow_up::Column::RecordedBy, sea_orm::sea_query::Expr::value(Some(by)))
        .filter(follow_up::Column::Id.eq(id))
        .filter(follow_up::Column::DoneAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 1 { Ok(()) } else { Err(StoreError::Conflict("the visit is already recorded".into())) }
}

pub async fn get_rectification(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
) -> Result<RectificationRow, StoreError> {
    rectification::Entity::find_by_id(id)
        .filter(rectification::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Records the written reply of a rectification, once.
pub async fn reply_rectification(
    db: &impl ConnectionTrait,
    id: Uuid,
    reply: &str,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let res = rectification::Entity::update_many()
        .col_expr(rectification::Column::Reply, sea_orm::sea_query::Expr::value(Some(reply.to_owned())))
        .col_expr(rectification::Column::RepliedAt, sea_orm::sea_query::Expr::value(Some(now)))
        .filter(rectification::Column::Id.eq(id))
        .filter(rectification::Column::RepliedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict("the rectification is already answered".into()))
    }
}

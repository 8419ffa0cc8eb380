//! Joint pre-reviews (联合预审): a case's rounds, and each department's opinions (the last
//! current, the earlier ones kept as superseded).

use butler_domain::case::prereview::PreReviewState;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::entity::{prereview, prereview_opinion};
use crate::{Code, StoreError};

pub use prereview::Model as PreReviewRow;
pub use prereview_opinion::Model as OpinionRow;

/// Opens a round asking `departments`. A second open round of the case is a conflict.
pub async fn open(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_id: Uuid,
    departments: &[Uuid],
    opened_by: Uuid,
    now: DateTime<Utc>,
) -> Result<PreReviewRow, StoreError> {
    let row = prereview::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        case_id: Set(case_id),
        state: Set(Code(PreReviewState::Open)),
        departments: Set(serde_json::json!(departments)),
        opened_by: Set(opened_by),
        opened_at: Set(now),
        closed_by: Set(None),
        closed_at: Set(None),
        consolidated: Set(None),
    };
    Ok(row.insert(db).await?)
}

/// The case's rounds, oldest first.
pub async fn for_case(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<PreReviewRow>, StoreError> {
    Ok(prereview::Entity::find()
        .filter(prereview::Column::CaseId.eq(case_id))
        .order_by_asc(prereview::Column::OpenedAt)
        .order_by_asc(prereview::Column::Id)
        .all(db)
        .await?)
}

/// Every opinion of a round, current and superseded, in the order given.
pub async fn opinions(db: &impl ConnectionTrait, prereview_id: Uuid) -> Result<Vec<OpinionRow>, StoreError> {
    Ok(prereview_opinion::Entity::find()
        .filter(prereview_opinion::Column::PrereviewId.eq(prereview_id))
        .order_by_asc(prereview_opinion::Column::GivenAt)
        .order_by_asc(prereview_opinion::Column::Id)
        .all(db)
        .await?)
}

/// Records a department's opinion; its earlier current one is superseded.
pub async fn give_opinion(
    db: &impl ConnectionTrait,
    review: &PreReviewRow,
    department_id: Uuid,
    gaps: serde_json::Value,
    given_by: Uuid,
    now: DateTime<Utc>,
) -> Result<OpinionRow, StoreError> {
    prereview_opinion::Entity::update_many()
        .col_expr(prereview_opinion::Column::SupersededAt, Expr::value(now))
        .filter(prereview_opinion::Column::PrereviewId.eq(review.id))
        .filter(prereview_opinion::Column::DepartmentId.eq(department_id))
        .filter(prereview_opinion::Column::SupersededAt.is_null())
        .exec(db)
        .await?;
    let row = prereview_opinion::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(review.tenant_id),
        prereview_id: Set(review.id),
        department_id: Set(department_id),
        gaps: Set(gaps),
        given_by: Set(given_by),
        given_at: Set(now),
        superseded_at: Set(None),
    };
    Ok(row.insert(db).await?)
}

/// Closes an open round with its consolidated list; a round closed already is a conflict.
pub async fn close(
    db: &impl ConnectionTrait,
    id: Uuid,
    consolidated: serde_json::Value,
    closed_by: Uuid,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let done = prereview::Entity::update_many()
        .col_expr(prereview::Column::State, Expr::value(PreReviewState::Closed.code()))
        .col_expr(prereview::Column::ClosedBy, Expr::value(closed_by))
        .col_expr(prereview::Column::ClosedAt, Expr::value(now))
        .col_expr(prereview::Column::Consolidated, Expr::value(consolidated))
        .filter(prereview::Column::Id.eq(id))
        .filter(prereview::Column::State.eq(Code(PreReviewState::Open)))
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(StoreError::Conflict("the pre-review was closed already".into()));
    }
    Ok(())
}

//! Reads for the analytics (SPEC §6): the sheets of a period with their items, the cases'
//! starts of service, and the plans of several cases at once. Each read is one set-based
//! query, whatever the number of sheets or cases.

use butler_domain::case::lifecycle::CaseState;
use butler_domain::case::sheet::{SheetKind, SheetState};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, Func, SimpleExpr};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect};
use uuid::Uuid;

use crate::entity::{approval_item, case, case_item, task_sheet};
use crate::repo::cases::{CaseItemRow, CaseRow};
use crate::repo::sheets::SheetRow;
use crate::{Code, StoreError};

/// Which approval sheets a time split counts.
#[derive(Debug, Clone, Default)]
pub struct SplitFilter {
    pub department_id: Option<Uuid>,
    /// Sheets dispatched at or after this instant.
    pub dispatched_from: Option<DateTime<Utc>>,
    /// Sheets dispatched before this instant.
    pub dispatched_before: Option<DateTime<Utc>>,
}

/// Approval sheets of the tenant in the period that somebody was asked to finish (not
/// cancelled, not sent back to the window), in id order.
pub async fn sheets_in_period(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &SplitFilter,
) -> Result<Vec<SheetRow>, StoreError> {
    use task_sheet::Column as C;
    let mut select = task_sheet::Entity::find()
        .filter(C::TenantId.eq(tenant_id))
        .filter(C::Kind.eq(Code(SheetKind::Approval)))
        .filter(C::State.is_not_in([Code(SheetState::Cancelled), Code(SheetState::SentBack)]));
    if let Some(d) = filter.department_id {
        select = select.filter(C::DepartmentId.eq(d));
    }
    if let Some(from) = filter.dispatched_from {
        select = select.filter(C::DispatchedAt.gte(from));
    }
    if let Some(before) = filter.dispatched_before {
        select = select.filter(C::DispatchedAt.lt(before));
    }
    Ok(select.order_by_asc(C::Id).all(db).await?)
}

/// A case's start of service: its first dispatch.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct ServiceStart {
    pub case_id: Uuid,
    pub started_at: DateTime<Utc>,
}

/// The first dispatch of each of `case_ids` (cancelled sheets included: the service had
/// started), in one grouped query.
pub async fn service_starts(db: &impl ConnectionTrait, case_ids: &[Uuid]) -> Result<Vec<ServiceStart>, StoreError> {
    if case_ids.is_empty() {
        return Ok(vec![]);
    }
    use task_sheet::Column as C;
    let first: SimpleExpr = Func::min(Expr::col(C::DispatchedAt)).into();
    Ok(task_sheet::Entity::find()
        .select_only()
        .column_as(C::CaseId, "case_id")
        .column_as(first, "started_at")
        .filter(C::CaseId.is_in(unique(case_ids)))
        .group_by(C::CaseId)
        .into_model::<ServiceStart>()
        .all(db)
        .await?)
}

/// The items of `case_ids`, by case and position.
pub async fn items_of_cases(db: &impl ConnectionTrait, case_ids: &[Uuid]) -> Result<Vec<CaseItemRow>, StoreError> {
    if case_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(case_item::Entity::find()
        .filter(case_item::Column::CaseId.is_in(unique(case_ids)))
        .order_by_asc(case_item::Column::CaseId)
        .order_by_asc(case_item::Column::Position)
        .all(db)
        .await?)
}

/// The sheets of `case_ids`, in id order.
pub async fn sheets_of_cases(db: &impl ConnectionTrait, case_ids: &[Uuid]) -> Result<Vec<SheetRow>, StoreError> {
    if case_ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(task_sheet::Entity::find()
        .filter(task_sheet::Column::CaseId.is_in(unique(case_ids)))
        .order_by_asc(task_sheet::Column::Id)
        .all(db)
        .await?)
}

/// Cases whose plan runs or is about to (plan agreed, entrusted, in service), oldest first.
pub async fn running_cases(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Vec<CaseRow>, StoreError> {
    let states = [CaseState::PlanAgreed, CaseState::Entrusted, CaseState::InService].map(Code);
    Ok(case::Entity::find()
        .filter(case::Column::TenantId.eq(tenant_id))
        .filter(case::Column::State.is_in(states))
        .order_by_asc(case::Column::CreatedAt)
        .order_by_asc(case::Column::Id)
        .all(db)
        .await?)
}

/// A catalog item's code.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct ItemCode {
    pub id: Uuid,
    pub code: String,
}

/// The codes of catalog item versions `ids`.
pub async fn item_codes(db: &impl ConnectionTrait, ids: &[Uuid]) -> Result<Vec<ItemCode>, StoreError> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    Ok(approval_item::Entity::find()
        .select_only()
        .column(approval_item::Column::Id)
        .column(approval_item::Column::Code)
        .filter(approval_item::Column::Id.is_in(unique(ids)))
        .into_model::<ItemCode>()
        .all(db)
        .await?)
}

fn unique(ids: &[Uuid]) -> Vec<Uuid> {
    let mut v = ids.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

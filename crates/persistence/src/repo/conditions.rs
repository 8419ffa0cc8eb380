//! Conditions on enterprises (by credit code) and cases: recorded, listed newest first, found
//! for a case (its own and its enterprise's), lifted once.

use butler_domain::condition::{ConditionSeverity, ConditionSource};
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition as Where, ConnectionTrait, EntityTrait, IntoActiveModel,
    QueryFilter,
};
use uuid::Uuid;

use crate::code::Code;
use crate::entity::{condition, enterprise};
use crate::page::{Order, fetch_page_in};
use crate::{Page, PageRequest, StoreError};

pub use condition::Model as ConditionRow;

/// A condition to record, checked already.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCondition {
    pub credit_code: Option<String>,
    pub case_id: Option<Uuid>,
    pub enterprise_name: Option<String>,
    pub severity: ConditionSeverity,
    pub source: ConditionSource,
    pub source_ref: Option<String>,
    pub reason: String,
    pub valid_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub created_by: Option<Uuid>,
}

/// Filters of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConditionFilter {
    /// On the enterprise with this credit code (upper case).
    pub credit_code: Option<String>,
    /// On this case.
    pub case_id: Option<Uuid>,
    pub severity: Option<ConditionSeverity>,
    /// In force on the day (`true`), or not in force on it (`false`).
    pub in_force: Option<(bool, NaiveDate)>,
}

fn in_force_on(today: NaiveDate) -> Where {
    Where::all()
        .add(condition::Column::LiftedAt.is_null())
        .add(condition::Column::ValidFrom.lte(today))
        .add(Where::any().add(condition::Column::ValidUntil.is_null()).add(condition::Column::ValidUntil.gt(today)))
}

/// Records a condition. The same source, credit code and document number again is
/// [`StoreError::Conflict`].
pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewCondition,
    now: DateTime<Utc>,
) -> Result<ConditionRow, StoreError> {
    let row = condition::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        credit_code: Set(new.credit_code),
        case_id: Set(new.case_id),
        enterprise_name: Set(new.enterprise_name),
        severity: Set(Code(new.severity)),
        source: Set(Code(new.source)),
        source_ref: Set(new.source_ref),
        reason: Set(new.reason),
        valid_from: Set(new.valid_from),
        valid_until: Set(new.valid_until),
        created_by: Set(new.created_by),
        created_at: Set(now),
        lifted_at: Set(None),
        lifted_by: Set(None),
        lift_reason: Set(None),
    };
    // Case pages show the conditions in force on them and their enterprises.
    super::reads::touch_directory(db, tenant_id).await?;
    Ok(condition::Entity::insert(row).exec_with_returning(db).await?)
}

/// One condition of the tenant.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<ConditionRow, StoreError> {
    condition::Entity::find_by_id(id)
        .filter(condition::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// A page of the tenant's conditions, newest first.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &ConditionFilter,
    page: PageRequest,
) -> Result<Page<ConditionRow>, StoreError> {
    let mut select = condition::Entity::find().filter(condition::Column::TenantId.eq(tenant_id));
    if let Some(code) = &filter.credit_code {
        select = select.filter(condition::Column::CreditCode.eq(code.clone()));
    }
    if let Some(case_id) = filter.case_id {
        select = select.filter(condition::Column::CaseId.eq(case_id));
    }
    if let Some(severity) = filter.severity {
        select = select.filter(condition::Column::Severity.eq(Code(severity)));
    }
    match filter.in_force {
        Some((true, today)) => select = select.filter(in_force_on(today)),
        Some((false, today)) => select = select.filter(in_force_on(today).not()),
        None => {}
    }
    fetch_page_in(db, select, condition::Column::Id, |c| c.id, page, Order::NewestFirst).await
}

/// The conditions not lifted on a case: its own and those on its enterprise's credit code.
pub async fn for_case(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    case_id: Uuid,
    enterprise_id: Uuid,
) -> Result<Vec<ConditionRow>, StoreError> {
    let code_of_enterprise = Query::select()
        .column(enterprise::Column::CreditCode)
        .from(enterprise::Entity)
        .and_where(enterprise::Column::Id.eq(enterprise_id))
        .to_owned();
    Ok(condition::Entity::find()
        .filter(condition::Column::TenantId.eq(tenant_id))
        .filter(condition::Column::LiftedAt.is_null())
        .filter(
            Where::any()
                .add(condition::Column::CaseId.eq(case_id))
                .add(condition::Column::CreditCode.in_subquery(code_of_enterprise)),
        )
        .all(db)
        .await?)
}

/// The conditions not lifted on the enterprise with `credit_code` (upper case).
pub async fn for_credit_code(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    credit_code: &str,
) -> Result<Vec<ConditionRow>, StoreError> {
    Ok(condition::Entity::find()
        .filter(condition::Column::TenantId.eq(tenant_id))
        .filter(condition::Column::LiftedAt.is_null())
        .filter(condition::Column::CreditCode.eq(credit_code))
        .all(db)
        .await?)
}

/// The record of `source` on `credit_code` with document number `source_ref`, if any.
pub async fn find_by_document(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    source: ConditionSource,
    credit_code: &str,
    source_ref: &str,
) -> Result<Option<ConditionRow>, StoreError> {
    Ok(condition::Entity::find()
        .filter(condition::Column::TenantId.eq(tenant_id))
        .filter(condition::Column::Source.eq(Code(source)))
        .filter(condition::Column::CreditCode.eq(credit_code))
        .filter(condition::Column::SourceRef.eq(source_ref))
        .one(db)
        .await?)
}

/// Writes a changed row (name, reason, period) as it is.
pub async fn update(db: &impl ConnectionTrait, changed: ConditionRow) -> Result<ConditionRow, StoreError> {
    super::reads::touch_directory(db, changed.tenant_id).await?;
    let model = changed.into_active_model().reset_all();
    Ok(model.update(db).await?)
}

/// Lifts a condition not lifted yet; [`StoreError::Changed`] when it was lifted meanwhile.
pub async fn lift(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    by: Uuid,
    reason: &str,
    now: DateTime<Utc>,
) -> Result<ConditionRow, StoreError> {
    let res = condition::Entity::update_many()
        .col_expr(condition::Column::LiftedAt, Expr::value(now))
        .col_expr(condition::Column::LiftedBy, Expr::value(by))
        .col_expr(condition::Column::LiftReason, Expr::value(reason))
        .filter(condition::Column::Id.eq(id))
        .filter(condition::Column::TenantId.eq(tenant_id))
        .filter(condition::Column::LiftedAt.is_null())
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(StoreError::Changed);
    }
    super::reads::touch_directory(db, tenant_id).await?;
    get(db, tenant_id, id).await
}

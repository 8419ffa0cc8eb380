//! Legal fees (法定收费) per task sheet: recorded, replaced by corrections (the replaced row
//! kept, marked superseded), read per case, and totalled per department and item.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Alias, Expr, Func, SimpleExpr};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect,
};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::legal_fee;

pub use legal_fee::Model as LegalFeeRow;

/// A fee to record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewLegalFee {
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    pub sheet_id: Uuid,
    pub department_id: Uuid,
    pub case_item_id: Uuid,
    pub item_name: String,
    pub amount_fen: i64,
    pub basis: String,
    pub basis_from_catalog: bool,
    pub receipt_number: String,
    pub paid_on: NaiveDate,
    pub recorded_by: Uuid,
    /// The fee this one corrects, with the reason.
    pub replaces: Option<(Uuid, String)>,
}

/// Records a fee.
pub async fn create(
    db: &impl ConnectionTrait,
    new: NewLegalFee,
    now: DateTime<Utc>,
) -> Result<LegalFeeRow, StoreError> {
    let (replaces_id, correction_reason) = new.replaces.map_or((None, None), |(id, reason)| (Some(id), Some(reason)));
    let row = legal_fee::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(new.tenant_id),
        case_id: Set(new.case_id),
        sheet_id: Set(new.sheet_id),
        department_id: Set(new.department_id),
        case_item_id: Set(new.case_item_id),
        item_name: Set(new.item_name),
        amount_fen: Set(new.amount_fen),
        basis: Set(new.basis),
        basis_from_catalog: Set(new.basis_from_catalog),
        receipt_number: Set(new.receipt_number),
        paid_on: Set(new.paid_on),
        recorded_by: Set(new.recorded_by),
        recorded_at: Set(now),
        replaces_id: Set(replaces_id),
        correction_reason: Set(correction_reason),
        superseded_at: Set(None),
    };
    Ok(row.insert(db).await?)
}

/// One fee of the tenant.
pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<LegalFeeRow, StoreError> {
    legal_fee::Entity::find_by_id(id)
        .filter(legal_fee::Column::TenantId.eq(tenant_id))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Marks a current fee as replaced; a fee replaced already is a conflict (a lost race, or a
/// correction of a correction's predecessor).
pub async fn supersede(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<(), StoreError> {
    let done = legal_fee::Entity::update_many()
        .col_expr(legal_fee::Column::SupersededAt, Expr::value(now))
        .filter(legal_fee::Column::Id.eq(id))
        .filter(legal_fee::Column::SupersededAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(StoreError::Conflict("the fee was corrected already".into()));
    }
    Ok(())
}

/// Every fee of a case, current and replaced, in the order recorded.
pub async fn for_case(db: &impl ConnectionTrait, case_id: Uuid) -> Result<Vec<LegalFeeRow>, StoreError> {
    Ok(legal_fee::Entity::find()
        .filter(legal_fee::Column::CaseId.eq(case_id))
        .order_by_asc(legal_fee::Column::RecordedAt)
        .order_by_asc(legal_fee::Column::Id)
        .all(db)
        .await?)
}

/// Which fees are totalled.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FeeFilter {
    pub department_id: Option<Uuid>,
    /// Paid on or after this day.
    pub paid_from: Option<NaiveDate>,
    /// Paid on or before this day.
    pub paid_to: Option<NaiveDate>,
}

/// The current fees of one department and item, together.
#[derive(Debug, Clone, PartialEq, Eq, FromQueryResult)]
pub struct FeeTotal {
    pub department_id: Uuid,
    pub item_name: String,
    pub fees: i64,
    pub total_fen: i64,
}

/// Current fees per department and item, in one aggregate query.
pub async fn totals(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: FeeFilter,
) -> Result<Vec<FeeTotal>, StoreError> {
    use legal_fee::Column as C;
    // SUM of a bigint is a numeric on PostgreSQL: cast back, the same text on SQLite.
    let sum: SimpleExpr = Func::cast_as(Func::sum(Expr::col(C::AmountFen)), Alias::new("BIGINT")).into();
    let count: SimpleExpr = Func::cast_as(Func::count(Expr::col(C::Id)), Alias::new("BIGINT")).into();
    let mut select = legal_fee::Entity::find()
        .select_only()
        .column(C::DepartmentId)
        .column(C::ItemName)
        .column_as(count, "fees")
        .column_as(sum, "total_fen")
        .filter(C::TenantId.eq(tenant_id))
        .filter(C::SupersededAt.is_null());
    if let Some(d) = filter.department_id {
        select = select.filter(C::DepartmentId.eq(d));
    }
    if let Some(from) = filter.paid_from {
        select = select.filter(C::PaidOn.gte(from));
    }
    if let Some(to) = filter.paid_to {
        select = select.filter(C::PaidOn.lte(to));
    }
    Ok(select.group_by(C::DepartmentId).group_by(C::ItemName).into_model::<FeeTotal>().all(db).await?)
}

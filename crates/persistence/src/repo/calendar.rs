//! A tenant's local calendar days (本地工作日调整): extra days off and extra working days on
//! top of the national schedule. At most one row per tenant and date.

use chrono::NaiveDate;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::calendar_day::{self, Entity as CalendarDay};

pub use calendar_day::Model as CalendarDayRow;

/// Every local day of a tenant, in date order (a few dozen a year).
pub async fn list(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Vec<CalendarDayRow>, StoreError> {
    Ok(CalendarDay::find()
        .filter(calendar_day::Column::TenantId.eq(tenant_id))
        .order_by_asc(calendar_day::Column::Date)
        .all(db)
        .await?)
}

/// The local days of a tenant from `from` through `to`, in date order.
pub async fn list_between(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<CalendarDayRow>, StoreError> {
    Ok(CalendarDay::find()
        .filter(calendar_day::Column::TenantId.eq(tenant_id))
        .filter(calendar_day::Column::Date.between(from, to))
        .order_by_asc(calendar_day::Column::Date)
        .all(db)
        .await?)
}

/// Sets a date as a local working day or day off, replacing what the tenant had for it.
pub async fn upsert(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    date: NaiveDate,
    working: bool,
    name: &str,
) -> Result<CalendarDayRow, StoreError> {
    let row = calendar_day::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        date: Set(date),
        working: Set(working),
        name: Set(name.to_owned()),
    };
    // One statement, so two admins setting the same date never collide on the unique key.
    CalendarDay::insert(row)
        .on_conflict(
            OnConflict::columns([calendar_day::Column::TenantId, calendar_day::Column::Date])
                .update_columns([calendar_day::Column::Working, calendar_day::Column::Name])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    CalendarDay::find()
        .filter(calendar_day::Column::TenantId.eq(tenant_id))
        .filter(calendar_day::Column::Date.eq(date))
        .one(db)
        .await?
        .ok_or(StoreError::NotFound)
}

/// Removes a tenant's local change of `date`; `NotFound` when it had none.
pub async fn delete(db: &impl ConnectionTrait, tenant_id: Uuid, date: NaiveDate) -> Result<(), StoreError> {
    let res = CalendarDay::delete_many()
        .filter(calendar_day::Column::TenantId.eq(tenant_id))
        .filter(calendar_day::Column::Date.eq(date))
        .exec(db)
        .await?;
    if res.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}

//! The national holiday schedule as stored: the notices loaded (`national_calendar_years`)
//! and their dates (`national_calendar_days`). A year is replaced whole.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use uuid::Uuid;

use crate::StoreError;
use crate::entity::national_calendar_day::{self, Entity as NationalDay};
use crate::entity::national_calendar_year::{self, Entity as NationalYear};

pub use national_calendar_day::Model as NationalDayRow;
pub use national_calendar_year::Model as NationalYearRow;

/// The notices loaded, by year.
pub async fn years(db: &impl ConnectionTrait) -> Result<Vec<NationalYearRow>, StoreError> {
    Ok(NationalYear::find().order_by_asc(national_calendar_year::Column::Year).all(db).await?)
}

/// Every listed date of every notice, by year then date (a few dozen a year).
pub async fn days(db: &impl ConnectionTrait) -> Result<Vec<NationalDayRow>, StoreError> {
    Ok(NationalDay::find()
        .order_by_asc(national_calendar_day::Column::Year)
        .order_by_asc(national_calendar_day::Column::Date)
        .all(db)
        .await?)
}

/// One date of a notice to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNationalDay<'a> {
    pub date: NaiveDate,
    pub name: &'a str,
    pub off_day: bool,
}

/// Replaces the notice of `year` (its dates and its source) with `days`. Call it in a
/// transaction.
pub async fn replace_year(
    db: &impl ConnectionTrait,
    year: i32,
    source: &str,
    loaded_by: Option<Uuid>,
    now: DateTime<Utc>,
    days: &[NewNationalDay<'_>],
) -> Result<NationalYearRow, StoreError> {
    NationalDay::delete_many().filter(national_calendar_day::Column::Year.eq(year)).exec(db).await?;
    NationalYear::delete_by_id(year).exec(db).await?;
    let row = national_calendar_year::ActiveModel {
        year: Set(year),
        source: Set(source.to_owned()),
        loaded_by: Set(loaded_by),
        loaded_at: Set(now),
    };
    let stored = NationalYear::insert(row).exec_with_returning(db).await?;
    if !days.is_empty() {
        let rows = days.iter().map(|d| national_calendar_day::ActiveModel {
            year: Set(year),
            date: Set(d.date),
            name: Set(d.name.to_owned()),
            off_day: Set(d.off_day),
        });
        NationalDay::insert_many(rows).exec_without_returning(db).await?;
    }
    Ok(stored)
}

//! The `national_calendar_years` table: the national holiday notices loaded, one per year.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "national_calendar_years")]
pub struct Model {
    /// The notice's title year.
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    /// The notice's title or address.
    pub source: String,
    /// Who loaded it; `None` for the notices a new database is seeded with.
    pub loaded_by: Option<Uuid>,
    pub loaded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The `national_calendar_days` table: the dates each loaded national notice lists.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "national_calendar_days")]
pub struct Model {
    /// The notice's title year (a notice may list a date of its neighbouring year).
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub date: Date,
    pub name: String,
    /// `false`: an adjusted working day (调休上班).
    pub off_day: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

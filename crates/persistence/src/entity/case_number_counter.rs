//! The `case_number_counters` table: the last case number given per tenant and prefix.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "case_number_counters")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    /// The number's prefix with the year (`EXAMPLE-2026-`).
    #[sea_orm(primary_key, auto_increment = false)]
    pub prefix: String,
    /// The last number given under it.
    pub last: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

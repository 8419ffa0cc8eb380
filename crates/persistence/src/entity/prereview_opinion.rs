//! The `prereview_opinions` table: each department's pre-review opinions, the last current.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "prereview_opinions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub prereview_id: Uuid,
    pub department_id: Uuid,
    pub gaps: Json,
    pub given_by: Uuid,
    pub given_at: DateTimeUtc,
    pub superseded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

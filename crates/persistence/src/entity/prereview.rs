//! The `prereviews` table: a case's joint pre-review rounds (联合预审).

use butler_domain::case::prereview::PreReviewState;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "prereviews")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    pub state: Code<PreReviewState>,
    pub departments: Json,
    pub opened_by: Uuid,
    pub opened_at: DateTimeUtc,
    pub closed_by: Option<Uuid>,
    pub closed_at: Option<DateTimeUtc>,
    pub consolidated: Option<Json>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

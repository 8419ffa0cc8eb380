//! The `meeting_decisions` table: the decisions recorded with a meeting's minutes.

use butler_domain::meeting::DecisionKind;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_decisions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub meeting_id: Uuid,
    pub position: i32,
    pub kind: Code<DecisionKind>,
    pub text: String,
    pub case_id: Option<Uuid>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The `complaint_events` table: a complaint's timeline.

use butler_domain::complaint::{ComplaintAction, ComplaintState};
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "complaint_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub complaint_id: Uuid,
    pub action: Code<ComplaintAction>,
    pub from_state: Option<Code<ComplaintState>>,
    pub to_state: Code<ComplaintState>,
    pub actor_id: Option<Uuid>,
    pub note: Option<String>,
    pub occurred_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The `case_events` table.

use butler_domain::case::event_action::EventAction;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "case_events")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    pub sequence: i32,
    pub occurred_at: DateTimeUtc,
    pub actor_id: Option<Uuid>,
    pub action: Code<EventAction>,
    pub sheet_id: Option<Uuid>,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub payload: Json,
    pub prev_hash: String,
    pub hash: String,
    /// The version of the canonical form `hash` covers (1 or 2).
    pub chain_version: i16,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

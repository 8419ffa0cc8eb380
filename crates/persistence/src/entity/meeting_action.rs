//! The `meeting_actions` table: a decision's follow-up actions, owned by a department, due
//! in working days.

use butler_domain::meeting::ActionState;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_actions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub meeting_id: Uuid,
    pub decision_id: Uuid,
    pub position: i32,
    pub department_id: Uuid,
    pub owner_id: Option<Uuid>,
    pub what: String,
    pub working_days: i32,
    pub due_at: DateTimeUtc,
    pub state: Code<ActionState>,
    pub version: i32,
    /// The note of a done action, or the reason of a dropped one.
    pub note: Option<String>,
    pub settled_by: Option<Uuid>,
    pub settled_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

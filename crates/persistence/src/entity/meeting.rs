//! The `meetings` table: joint meetings (联席会议) with their agenda and minutes.

use butler_domain::meeting::{MeetingKind, MeetingState};
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "meetings")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub title: String,
    pub kind: Code<MeetingKind>,
    pub state: Code<MeetingState>,
    pub version: i32,
    pub scheduled_at: DateTimeUtc,
    pub place: String,
    /// The agenda items, in order (a JSON array of texts).
    pub agenda: Json,
    pub minutes: Option<String>,
    pub held_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    pub cancel_reason: Option<String>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

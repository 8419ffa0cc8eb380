//! The `deadlines` table.

use butler_domain::case::deadline::DeadlineKind;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "deadlines")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    /// The case (its own deadline, or its sheet's); none for a complaint's.
    pub case_id: Option<Uuid>,
    pub sheet_id: Option<Uuid>,
    pub kind: Code<DeadlineKind>,
    pub due_at: DateTimeUtc,
    pub next_step_at: Option<DateTimeUtc>,
    pub done_steps: Json,
    pub claimed_until: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
    /// The complaint, for a complaint's reply deadline.
    pub complaint_id: Option<Uuid>,
    /// The follow-up action of a joint meeting, for its deadline.
    pub meeting_action_id: Option<Uuid>,
    /// The county settings' version the deadline was opened under (0: the defaults).
    pub settings_version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The `sheet_due_counts` table: sheets waiting on a deadline now, per tenant, deadline kind,
//! due day, dispatch day, department and agent, kept by triggers on `task_sheets` (migration
//! `000029`). Rows at zero are deleted.

use butler_domain::case::deadline::DeadlineKind;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sheet_due_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    /// `acknowledgement` (dispatched, not acknowledged) or `finish` (open, clock running).
    #[sea_orm(primary_key, auto_increment = false)]
    pub deadline: Code<DeadlineKind>,
    /// The local (北京时间) day the deadline falls on.
    #[sea_orm(primary_key, auto_increment = false)]
    pub due_day: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub dispatch_day: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub department_id: Uuid,
    /// The nil UUID for sheets nobody holds.
    #[sea_orm(primary_key, auto_increment = false)]
    pub assignee_id: Uuid,
    pub sheets: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

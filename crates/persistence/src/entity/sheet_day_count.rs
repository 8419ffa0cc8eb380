//! The `sheet_day_counts` table: the supervision statistics' counters per tenant, dispatch
//! day, department and agent, kept by triggers on `task_sheets` (migration `000029`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "sheet_day_counts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub tenant_id: Uuid,
    /// The local (北京时间) day the sheets were dispatched.
    #[sea_orm(primary_key, auto_increment = false)]
    pub dispatch_day: Date,
    #[sea_orm(primary_key, auto_increment = false)]
    pub department_id: Uuid,
    /// The agent holding the sheets; the nil UUID for sheets nobody holds.
    #[sea_orm(primary_key, auto_increment = false)]
    pub assignee_id: Uuid,
    pub received: i64,
    pub acknowledged: i64,
    pub acknowledged_on_time: i64,
    pub finished: i64,
    pub finished_on_time: i64,
    pub approved: i64,
    pub open_now: i64,
    pub paused_now: i64,
    pub timed: i64,
    pub minutes_used: i64,
    pub minutes_promised: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

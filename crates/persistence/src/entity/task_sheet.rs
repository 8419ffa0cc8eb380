//! The `task_sheets` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "task_sheets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    pub case_item_id: Uuid,
    pub kind: String,
    pub department_id: Uuid,
    pub assignee_id: Option<Uuid>,
    pub state: String,
    pub open: bool,
    pub version: i32,
    pub dispatched_at: DateTimeUtc,
    pub acknowledge_by: DateTimeUtc,
    pub acknowledged_at: Option<DateTimeUtc>,
    pub finish_by: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub outcome: Option<String>,
    pub document_number: Option<String>,
    pub result_notice_channel: Option<String>,
    pub result_noticed_at: Option<DateTimeUtc>,
    /// Office minutes the clock ran, pauses left out; set when the sheet finishes.
    pub office_minutes_used: Option<i32>,
    /// Office minutes it was promised, with the extension; set when the sheet finishes.
    pub office_minutes_promised: Option<i32>,
    pub data: Json,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The `task_sheets` table.

use butler_domain::case::sheet::{ResultNoticeChannel, SheetKind, SheetOutcome, SheetState};
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "task_sheets")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    pub case_item_id: Uuid,
    pub kind: Code<SheetKind>,
    pub department_id: Uuid,
    pub assignee_id: Option<Uuid>,
    pub state: Code<SheetState>,
    pub open: bool,
    pub version: i32,
    pub dispatched_at: DateTimeUtc,
    pub acknowledge_by: DateTimeUtc,
    pub acknowledged_at: Option<DateTimeUtc>,
    pub finish_by: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    pub outcome: Option<Code<SheetOutcome>>,
    pub document_number: Option<String>,
    pub result_notice_channel: Option<Code<ResultNoticeChannel>>,
    pub result_noticed_at: Option<DateTimeUtc>,
    /// Office minutes the clock ran, pauses left out; set when the sheet finishes.
    pub office_minutes_used: Option<i32>,
    /// Office minutes it was promised, with the extension; set when the sheet finishes.
    pub office_minutes_promised: Option<i32>,
    pub data: Json,
    /// The approval document (批文) attached to an approved sheet.
    pub result_file_id: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

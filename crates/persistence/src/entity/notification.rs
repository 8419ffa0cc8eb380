//! The `notifications` table.

use butler_domain::notice::NotificationKind;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "notifications")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub recipient_id: Uuid,
    pub case_id: Option<Uuid>,
    pub sheet_id: Option<Uuid>,
    pub kind: Code<NotificationKind>,
    pub dedupe_key: String,
    pub title: String,
    pub body: String,
    /// What the notification says, as its kind's parameters (rendered in the reader's
    /// language); absent for notifications written before they were kept.
    pub params: Option<Json>,
    pub created_at: DateTimeUtc,
    pub read_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The `approval_item_materials` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "approval_item_materials")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub item_id: Uuid,
    pub position: i32,
    pub name: String,
    pub required: bool,
    pub may_be_missing: bool,
    /// 示例样表: how a good one looks (text, or the name of a sample file).
    pub sample: Option<String>,
    /// 份数, 原件/复印件, where it comes from.
    pub note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

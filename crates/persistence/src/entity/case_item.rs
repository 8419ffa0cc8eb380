//! The `case_items` table.

use butler_domain::catalog::Stage;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "case_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    pub position: i32,
    pub catalog_item_id: Option<Uuid>,
    pub catalog_version: Option<i32>,
    pub name: String,
    pub department_id: Uuid,
    pub stage: Option<Code<Stage>>,
    pub legal_limit: Option<String>,
    pub promised_limit: Option<String>,
    pub allows_tolerance: bool,
    pub allows_commitment: bool,
    pub max_extension_days: Option<i32>,
    pub agent_id: Option<Uuid>,
    pub materials: Json,
    pub missing_materials: Json,
    pub prerequisites: Json,
    pub planned: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The `approval_items` table.

use butler_domain::catalog::Stage;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "approval_items")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub code: String,
    pub version: i32,
    pub current: bool,
    pub name: String,
    pub department_id: Uuid,
    pub stage: Code<Stage>,
    pub legal_basis: Option<String>,
    pub legal_limit: Option<String>,
    pub promised_limit: Option<String>,
    pub allows_tolerance: bool,
    pub allows_commitment: bool,
    pub max_extension_days: Option<i32>,
    pub legal_fees: Option<String>,
    pub intermediary_services: Option<String>,
    pub process: Option<String>,
    pub consultation_phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub source: Option<String>,
    pub source_note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

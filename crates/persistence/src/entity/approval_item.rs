//! The `approval_items` table.

use butler_domain::catalog::{ItemStatus, Stage};
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
    /// Grows by one with every edit of a draft (guards edits: `If-Match`).
    pub revision: i32,
    /// True exactly for the published version in force (what plans and the public use).
    pub current: bool,
    pub status: Code<ItemStatus>,
    /// The first day this version is in force (set when published).
    pub valid_from: Option<Date>,
    /// The first day it no longer is (set when retired or replaced).
    pub valid_until: Option<Date>,
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
    /// The basis of the fees (法定收费依据).
    pub fee_basis: Option<String>,
    /// 办理结果 (the licence or document issued).
    pub result_name: Option<String>,
    /// 受理条件.
    pub acceptance_conditions: Option<String>,
    pub intermediary_services: Option<String>,
    pub process: Option<String>,
    pub consultation_phone: Option<String>,
    pub complaint_phone: Option<String>,
    pub supervision_phone: Option<String>,
    pub source: Option<String>,
    pub source_note: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

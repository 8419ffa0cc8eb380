//! The `conditions` table: notice / hold / lock records on an enterprise or a case.

use butler_domain::condition::{ConditionSeverity, ConditionSource};
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "conditions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub credit_code: Option<String>,
    pub case_id: Option<Uuid>,
    pub enterprise_name: Option<String>,
    pub severity: Code<ConditionSeverity>,
    pub source: Code<ConditionSource>,
    pub source_ref: Option<String>,
    pub reason: String,
    pub valid_from: Date,
    pub valid_until: Option<Date>,
    pub created_by: Option<Uuid>,
    pub created_at: DateTimeUtc,
    pub lifted_at: Option<DateTimeUtc>,
    pub lifted_by: Option<Uuid>,
    pub lift_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! The `tenants` table.

use butler_domain::settings::{CountyStatus, TenantKind};
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "tenants")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    #[sea_orm(unique)]
    pub code: String,
    pub name: String,
    pub investment_threshold_fen: i64,
    pub time_zone: String,
    /// The project-wide target in working days a case's forecast is held against.
    pub target_working_days: i32,
    pub created_at: DateTimeUtc,
    /// A county, or the platform holding the platform administrators.
    pub kind: Code<TenantKind>,
    /// Active or suspended.
    pub status: Code<CountyStatus>,
    /// Why the status last changed.
    pub status_reason: Option<String>,
    pub status_changed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

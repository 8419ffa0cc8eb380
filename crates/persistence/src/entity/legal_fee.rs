//! The `legal_fees` table: legal fees (法定收费) per task sheet, corrections as new rows.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "legal_fees")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    pub sheet_id: Uuid,
    pub department_id: Uuid,
    pub case_item_id: Uuid,
    pub item_name: String,
    pub amount_fen: i64,
    pub basis: String,
    pub basis_from_catalog: bool,
    pub receipt_number: String,
    pub paid_on: Date,
    pub recorded_by: Uuid,
    pub recorded_at: DateTimeUtc,
    pub replaces_id: Option<Uuid>,
    pub correction_reason: Option<String>,
    pub superseded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

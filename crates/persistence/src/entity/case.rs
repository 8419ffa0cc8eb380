//! The `cases` table.

use butler_domain::case::lifecycle::{CaseState, EvaluationStatus};
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub number: String,
    pub enterprise_id: Uuid,
    pub state: Code<CaseState>,
    pub version: i32,
    pub project_name: String,
    pub industry_code: String,
    pub investment_fen: i64,
    pub location: String,
    /// The national project code (一项一码), canonical `YYMM-RRRRRR-DD-TT-NNNNNC`.
    pub project_code: Option<String>,
    pub agreement_signed_on: Option<Date>,
    pub brief: String,
    pub contact_name: String,
    pub contact_phone: String,
    pub created_by: Uuid,
    pub reviewer_id: Option<Uuid>,
    pub review_note: Option<String>,
    pub accepter_id: Option<Uuid>,
    pub responsible_leader_id: Option<Uuid>,
    pub lead_agent_id: Option<Uuid>,
    pub notification_text: Option<String>,
    pub documents_handed_over_at: Option<DateTimeUtc>,
    pub enterprise_confirmed_at: Option<DateTimeUtc>,
    pub evaluation_status: Code<EvaluationStatus>,
    pub state_before_closing: Option<Code<CaseState>>,
    pub closing_reason: Option<String>,
    pub chain_length: i32,
    pub chain_head: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

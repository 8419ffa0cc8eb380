//! The `intermediary_engagements` table: the enterprise's choice of an agency's service for a
//! plan item, its delivery and rating.

use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::intermediary::engagement::EngagementState;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "intermediary_engagements")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub case_id: Uuid,
    pub case_item_id: Uuid,
    pub agency_id: Uuid,
    pub service_id: Uuid,
    pub state: Code<EngagementState>,
    pub version: i32,
    pub chosen_by: Uuid,
    pub chosen_at: DateTimeUtc,
    pub on_behalf_note: Option<String>,
    pub change_reason: Option<String>,
    pub replaced_at: Option<DateTimeUtc>,
    pub promised_delivery: Option<Date>,
    pub actual_delivery: Option<Date>,
    pub delivered_by: Option<Uuid>,
    pub report_name: Option<String>,
    pub report_number: Option<String>,
    pub conclusion: Option<String>,
    pub rating: Option<Code<EvaluationLevel>>,
    pub rating_comment: Option<String>,
    pub rated_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

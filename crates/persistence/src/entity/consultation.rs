//! The `consultations` table: questions and appointment requests from the public.

use butler_domain::consultation::{ConsultationKind, ConsultationState};
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "consultations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub reference: String,
    pub kind: Code<ConsultationKind>,
    pub state: Code<ConsultationState>,
    pub name: String,
    pub mobile: String,
    pub enterprise_name: Option<String>,
    pub project_name: String,
    pub project_description: Option<String>,
    pub item_code: Option<String>,
    pub question: String,
    pub preferred_slot: Option<DateTimeUtc>,
    pub confirmed_slot: Option<DateTimeUtc>,
    pub answer: Option<String>,
    /// The window's note when it closed or converted it.
    pub note: Option<String>,
    pub case_id: Option<Uuid>,
    /// Who acted on it last, and when.
    pub handled_by: Option<Uuid>,
    pub handled_at: Option<DateTimeUtc>,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

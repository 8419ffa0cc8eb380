//! The `complaints` table.

use butler_domain::complaint::{ComplaintState, ComplaintSubject, Satisfaction};
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub tracking_number: String,
    pub subject: Code<ComplaintSubject>,
    pub subject_id: Option<Uuid>,
    pub case_number: Option<String>,
    pub case_id: Option<Uuid>,
    pub name: String,
    pub mobile: String,
    pub text: String,
    pub state: Code<ComplaintState>,
    pub version: i32,
    pub department_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    pub assigned_at: Option<DateTimeUtc>,
    pub due_at: Option<DateTimeUtc>,
    pub reply: Option<String>,
    pub replied_by: Option<Uuid>,
    pub replied_at: Option<DateTimeUtc>,
    pub satisfaction: Option<Code<Satisfaction>>,
    pub rated_at: Option<DateTimeUtc>,
    pub reopened: i32,
    pub reject_reason: Option<String>,
    pub closed_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

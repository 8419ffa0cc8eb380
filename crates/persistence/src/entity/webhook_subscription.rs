//! The `webhook_subscriptions` table.

use butler_domain::webhook::SubscriptionKind;
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "webhook_subscriptions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub kind: Code<SubscriptionKind>,
    pub url: String,
    pub description: String,
    /// Event type codes; empty: all.
    pub event_types: Json,
    /// The signing secret (`whsec_…`); never leaves the server after creation.
    pub secret: String,
    pub active: bool,
    pub disabled_at: Option<DateTimeUtc>,
    pub disabled_reason: Option<String>,
    /// When the current run of failed attempts began.
    pub failing_since: Option<DateTimeUtc>,
    /// The last event handed to the endpoint: its time…
    pub cursor_at: DateTimeUtc,
    /// …and id (events of one instant are ordered by id).
    pub cursor_id: Option<Uuid>,
    /// The fan-out's lease (and its fencing token).
    pub claimed_until: Option<DateTimeUtc>,
    pub created_by: Uuid,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

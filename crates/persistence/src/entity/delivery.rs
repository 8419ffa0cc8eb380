//! The `deliveries` table: the outbox of messages leaving over a channel.

use butler_domain::delivery::{Channel, DeliveryState};
use sea_orm::entity::prelude::*;

use crate::code::Code;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "deliveries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub tenant_id: Uuid,
    pub channel: Code<Channel>,
    pub dedupe_key: String,
    pub notification_id: Option<Uuid>,
    pub recipient_id: Option<Uuid>,
    pub subscription_id: Option<Uuid>,
    pub event_id: Option<Uuid>,
    pub payload: Option<Json>,
    pub state: Code<DeliveryState>,
    pub attempts: i32,
    pub next_attempt_at: Option<DateTimeUtc>,
    pub claimed_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub delivered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

//! Each tenant's channel settings (what the API shows, and the secrets kept apart), users'
//! chosen channels per topic, and what delivery needs to know of recipients.

use butler_domain::delivery::{Channel, Topic};
use butler_domain::role::Role;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::entity::channel_setting::{self, Entity as ChannelSetting};
use crate::entity::notification_preference::{self, Entity as Preference};
use crate::entity::user::{self, Entity as User};
use crate::{Code, StoreError};

pub use channel_setting::Model as ChannelRow;
pub use notification_preference::Model as PreferenceRow;

/// A tenant's configuration of one channel, as saved.
#[derive(Debug, Clone, PartialEq)]
pub struct ChannelConfig {
    pub enabled: bool,
    /// What may be shown.
    pub settings: serde_json::Value,
    /// Never shown nor logged.
    pub secrets: serde_json::Value,
}

/// The tenant's settings of `channel`, if it has any.
pub async fn get(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    channel: Channel,
) -> Result<Option<ChannelRow>, StoreError> {
    Ok(ChannelSetting::find()
        .filter(channel_setting::Column::TenantId.eq(tenant_id))
        .filter(channel_setting::Column::Channel.eq(Code(channel)))
        .one(db)
        .await?)
}

/// The channels the tenant has enabled.
pub async fn enabled(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<Vec<Channel>, StoreError> {
    Ok(ChannelSetting::find()
        .filter(channel_setting::Column::TenantId.eq(tenant_id))
        .filter(channel_setting::Column::Enabled.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.channel.0)
        .collect())
}

/// Writes the tenant's settings of `channel` (creating or replacing them).
pub async fn save(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    channel: Channel,
    config: ChannelConfig,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<ChannelRow, StoreError> {
    let row = channel_setting::ActiveModel {
        tenant_id: Set(tenant_id),
        channel: Set(Code(channel)),
        enabled: Set(config.enabled),
        settings: Set(config.settings),
        secrets: Set(config.secrets),
        updated_by: Set(Some(by)),
        updated_at: Set(now),
    };
    ChannelSetting::insert(row)
        .on_conflict(
            OnConflict::columns([channel_setting::Column::TenantId, channel_setting::Column::Channel])
                .update_columns([
                    channel_setting::Column::Enabled,
                    channel_setting::Column::Settings,
                    channel_setting::Column::Secrets,
                    channel_setting::Column::UpdatedBy,
                    channel_setting::Column::UpdatedAt,
                ])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    get(db, tenant_id, channel).await?.ok_or(StoreError::NotFound)
}

/// The topics users chose channels for.
pub async fn preferences(db: &impl ConnectionTrait, user_ids: &[Uuid]) -> Result<Vec<PreferenceRow>, StoreError> {
    if user_ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(Preference::find()
        .filter(notification_preference::Column::UserId.is_in(user_ids.iter().copied()))
        .all(db)
        .await?)
}

/// Writes a user's channels for `topic`.
pub async fn save_preference(
    db: &impl ConnectionTrait,
    user_id: Uuid,
    topic: Topic,
    channels: &[Channel],
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let codes: Vec<&str> = channels.iter().map(|c| c.code()).collect();
    let row = notification_preference::ActiveModel {
        user_id: Set(user_id),
        topic: Set(Code(topic)),
        channels: Set(serde_json::json!(codes)),
        updated_at: Set(now),
    };
    Preference::insert(row)
        .on_conflict(
            OnConflict::columns([notification_preference::Column::UserId, notification_preference::Column::Topic])
                .update_columns([notification_preference::Column::Channels, notification_preference::Column::UpdatedAt])
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

/// What delivery needs of a recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contact {
    pub user_id: Uuid,
    pub role: Role,
    pub display_name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub active: bool,
}

/// The tenant's users among `ids`, as delivery addresses them.
pub async fn contacts(db: &impl ConnectionTrait, tenant_id: Uuid, ids: &[Uuid]) -> Result<Vec<Contact>, StoreError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(User::find()
        .filter(user::Column::TenantId.eq(tenant_id))
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| Contact {
            user_id: u.id,
            role: u.role.0,
            display_name: u.display_name,
            phone: u.phone,
            email: u.email,
            active: u.active,
        })
        .collect())
}

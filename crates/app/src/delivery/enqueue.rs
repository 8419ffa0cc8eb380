//! Turning written notifications into deliveries, in the notification's transaction: per
//! recipient, the external channels their preferences (or their role's defaults) choose for
//! the notification's topic, among those the tenant has enabled, for which they have an
//! address; each due when quiet hours allow.

use butler_domain::delivery::{self, Channel, Topic};
use butler_domain::notice::NotificationKind;
use butler_persistence::repo::channels::{self, Contact, PreferenceRow};
use butler_persistence::repo::deliveries::{self, NewDelivery};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use std::collections::HashMap;
use uuid::Uuid;

use crate::AppError;
use crate::calendar::load_calendar;

/// Reads a stored list of channel codes (unknown codes are skipped).
pub fn stored_channels(value: &serde_json::Value) -> Vec<Channel> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(|c| c.as_str()?.parse::<Channel>().ok()).filter(|c| c.is_personal()).collect())
        .unwrap_or_default()
}

/// The channels `contact` chose (or has by default) for `topic`.
pub fn chosen(contact: &Contact, topic: Topic, preferences: &[PreferenceRow]) -> Vec<Channel> {
    preferences
        .iter()
        .find(|p| p.user_id == contact.user_id && p.topic.0 == topic)
        .map(|p| stored_channels(&p.channels))
        .unwrap_or_else(|| delivery::default_channels(contact.role, topic).to_vec())
}

/// Whether `contact` can be reached over `channel` (a robot posts to the group even without
/// a mobile to mention).
pub fn reachable(contact: &Contact, channel: Channel) -> bool {
    let has = |v: &Option<String>| v.as_deref().is_some_and(|s| !s.is_empty());
    match channel {
        Channel::Sms => has(&contact.phone),
        Channel::Email => has(&contact.email),
        Channel::Wecom | Channel::Dingtalk => true,
        Channel::Webhook | Channel::Provincial => false,
    }
}

/// Writes the deliveries of the notifications just written (`(recipient, notification)`
/// pairs) of `kind`; returns how many. Nothing is read beyond the tenant's enabled channels
/// when it has none.
pub async fn enqueue(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    kind: NotificationKind,
    written: &[(Uuid, Uuid)],
    now: DateTime<Utc>,
) -> Result<usize, AppError> {
    if written.is_empty() {
        return Ok(0);
    }
    let enabled = channels::enabled(db, tenant_id).await?;
    if enabled.is_empty() {
        return Ok(0);
    }
    let topic = Topic::of(kind);
    let recipients: Vec<Uuid> = written.iter().map(|(r, _)| *r).collect();
    let contacts: HashMap<Uuid, Contact> =
        channels::contacts(db, tenant_id, &recipients).await?.into_iter().map(|c| (c.user_id, c)).collect();
    let preferences = channels::preferences(db, &recipients).await?;
    let mut not_before = None;
    let mut count = 0;
    for (recipient, notification) in written {
        let Some(contact) = contacts.get(recipient).filter(|c| c.active) else { continue };
        for channel in chosen(contact, topic, &preferences) {
            if !enabled.contains(&channel) || !reachable(contact, channel) {
                continue;
            }
            let at = match not_before {
                Some(at) => at,
                None => {
                    let calendar = load_calendar(db, tenant_id).await?;
                    let at = delivery::not_before(topic, now, &calendar).map_err(AppError::internal)?;
                    not_before = Some(at);
                    at
                }
            };
            let new = NewDelivery {
                tenant_id,
                channel,
                dedupe_key: delivery::notification_key(*notification, channel),
                notification_id: Some(*notification),
                recipient_id: Some(*recipient),
                subscription_id: None,
                event_id: None,
                payload: None,
                not_before: at,
            };
            if deliveries::enqueue(db, new, now).await? {
                count += 1;
            }
        }
    }
    Ok(count)
}

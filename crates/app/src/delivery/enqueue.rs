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

#[cfg(test)]
mod tests {
    use super::*;
    use butler_domain::role::Role;
    use butler_persistence::Code;

    fn contact(role: Role, phone: Option<&str>, email: Option<&str>) -> Contact {
        Contact {
            user_id: Uuid::from_u128(1),
            role,
            display_name: "李四".into(),
            phone: phone.map(str::to_owned),
            email: email.map(str::to_owned),
            active: true,
        }
    }

    #[test]
    fn a_choice_replaces_the_role_defaults_for_its_topic_only() {
        let agent = contact(Role::DepartmentAgent, Some("13800000001"), None);
        let chose = PreferenceRow {
            user_id: agent.user_id,
            topic: Code(Topic::Reminder),
            channels: serde_json::json!(["email", "webhook", "pigeon"]),
            updated_at: chrono::DateTime::<Utc>::MIN_UTC,
        };
        assert_eq!(chosen(&agent, Topic::Reminder, std::slice::from_ref(&chose)), vec![Channel::Email]);
        assert_eq!(
            chosen(&agent, Topic::Task, &[chose]),
            delivery::default_channels(Role::DepartmentAgent, Topic::Task).to_vec()
        );
    }

    #[test]
    fn addresses_decide_who_is_reachable() {
        let no_addresses = contact(Role::Enterprise, None, Some(""));
        assert!(!reachable(&no_addresses, Channel::Sms));
        assert!(!reachable(&no_addresses, Channel::Email));
        assert!(reachable(&no_addresses, Channel::Wecom), "a robot posts to the group without a mention");
        let both = contact(Role::Enterprise, Some("13800000001"), Some("a@b.cn"));
        assert!(reachable(&both, Channel::Sms) && reachable(&both, Channel::Email));
        assert!(!reachable(&both, Channel::Webhook));
    }
}

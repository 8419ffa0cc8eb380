//! Each user's own channels per topic (in-app is always on): read with the role's defaults
//! filled in, and written topic by topic.

use butler_domain::delivery::{self, Channel, Topic};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::channels;

use super::enqueue::stored_channels;
use crate::{AppError, Context};

/// The channels of one topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preference {
    pub topic: Topic,
    pub channels: Vec<Channel>,
    /// Whether these are the role's defaults (the user chose nothing for the topic).
    pub default: bool,
}

/// The caller's channels for every topic, and the channels the tenant has enabled.
pub async fn read(ctx: &Context, actor: &Actor) -> Result<(Vec<Preference>, Vec<Channel>), AppError> {
    authorize(actor, Action::ReadOwnNotifications, Scope::tenant(actor.tenant_id))?;
    let rows = channels::preferences(&ctx.db, &[actor.user_id]).await?;
    let preferences = Topic::ALL
        .into_iter()
        .map(|topic| match rows.iter().find(|r| r.topic.0 == topic) {
            Some(row) => Preference { topic, channels: stored_channels(&row.channels), default: false },
            None => {
                Preference { topic, channels: delivery::default_channels(actor.role, topic).to_vec(), default: true }
            }
        })
        .collect();
    let mut enabled = channels::enabled(&ctx.db, actor.tenant_id).await?;
    enabled.retain(|c| c.is_personal());
    enabled.sort();
    Ok((preferences, enabled))
}

/// Writes the caller's channels for the topics given (others stay as they are).
pub async fn write(
    ctx: &Context,
    actor: &Actor,
    choices: Vec<(Topic, Vec<Channel>)>,
) -> Result<(Vec<Preference>, Vec<Channel>), AppError> {
    authorize(actor, Action::ReadOwnNotifications, Scope::tenant(actor.tenant_id))?;
    let mut errors = Vec::new();
    for (i, (_, chosen)) in choices.iter().enumerate() {
        if let Some(bad) = chosen.iter().find(|c| !c.is_personal()) {
            errors.push(crate::FieldError::new(
                format!("preferences[{i}].channels"),
                "not_personal",
                format!("{bad} 不是个人可选的渠道"),
                format!("{bad} is not a channel a person chooses"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    for (topic, mut chosen) in choices {
        chosen.sort();
        chosen.dedup();
        channels::save_preference(&txn, actor.user_id, topic, &chosen, now).await?;
    }
    txn.commit().await.map_err(AppError::internal)?;
    read(ctx, actor).await
}

//! Managing webhook subscriptions (admin): integrators' endpoints and the provincial
//! platform's interface. The signing secret is shown once, when it is made (on creation and
//! rotation), and never again; every change goes to the audit trail without it.

use base64::Engine;
use butler_domain::audit::AuditAction;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::webhook::{EventType, SubscriptionKind};
use butler_persistence::repo::webhooks::{self as repo, SubscriptionChange, SubscriptionRow};
use chrono::{DateTime, Utc};
use rand::RngCore;
use uuid::Uuid;

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::error::AppError;

/// Longest endpoint URL accepted.
pub const URL_MAX_CHARS: usize = 2000;
/// Longest description.
pub const DESCRIPTION_MAX_CHARS: usize = 200;

/// A subscription as its admin sees it (never its secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription {
    pub id: Uuid,
    pub kind: SubscriptionKind,
    pub url: String,
    pub description: String,
    /// The event types it receives; empty: all (for the provincial kind: its milestones).
    pub event_types: Vec<EventType>,
    pub active: bool,
    pub disabled_at: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
    /// Since when its endpoint has been failing without a success.
    pub failing_since: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<SubscriptionRow> for Subscription {
    fn from(row: SubscriptionRow) -> Self {
        Subscription {
            id: row.id,
            kind: row.kind.0,
            url: row.url.clone(),
            description: row.description.clone(),
            event_types: repo::event_types(&row),
            active: row.active,
            disabled_at: row.disabled_at,
            disabled_reason: row.disabled_reason,
            failing_since: row.failing_since,
            created_at: row.created_at,
            updated_at: row.updated_at,
        }
    }
}

/// A subscription with its secret, answered once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithSecret {
    pub subscription: Subscription,
    /// `whsec_` and the base64 of 32 random bytes (the Standard Webhooks form).
    pub secret: String,
}

/// A subscription to create, as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSubscription {
    pub kind: SubscriptionKind,
    pub url: String,
    pub description: String,
    pub event_types: Vec<EventType>,
}

/// An edit; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edit {
    pub url: Option<String>,
    pub description: Option<String>,
    pub event_types: Option<Vec<EventType>>,
    /// Turn it on again (after it was switched off) or off.
    pub active: Option<bool>,
}

/// A fresh signing secret.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    format!("whsec_{}", base64::engine::general_purpose::STANDARD.encode(bytes))
}

/// Checks an endpoint URL: absolute `http` or `https` with a host, no user name or password
/// in it (a secret in a URL ends up in logs), at most [`URL_MAX_CHARS`].
pub fn check_url(raw: &str) -> Result<String, AppError> {
    let raw = raw.trim();
    let bad = |zh: &str, en: &str| AppError::field("url", "invalid_url", zh, en);
    if raw.is_empty() {
        return Err(AppError::field("url", "required", "请填写接收地址", "the endpoint URL is required"));
    }
    if raw.chars().count() > URL_MAX_CHARS {
        return Err(bad("接收地址过长", "the endpoint URL is too long"));
    }
    let url = url::Url::parse(raw).map_err(|_| bad("接收地址不是有效的网址", "the endpoint URL is not a valid URL"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(bad("接收地址须以 http:// 或 https:// 开头", "the endpoint URL must use http or https"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(bad("接收地址缺少主机名", "the endpoint URL has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(bad("接收地址中不能含用户名或密码", "the endpoint URL must not carry a user name or password"));
    }
    // The kept form (non-ASCII percent-encoded, the host in Punycode) is what must fit: it is
    // what is stored and what the next change of the subscription checks again.
    let kept = url.to_string();
    if kept.chars().count() > URL_MAX_CHARS {
        return Err(bad("接收地址过长", "the endpoint URL is too long"));
    }
    Ok(kept)
}

fn check_description(text: &str) -> Result<String, AppError> {
    let text = text.trim();
    if text.chars().count() > DESCRIPTION_MAX_CHARS {
        return Err(AppError::field(
            "description",
            "too_long",
            "说明过长（最多200字）",
            "the description is too long (200 at most)",
        ));
    }
    Ok(text.to_owned())
}

fn check_types(kind: SubscriptionKind, types: Vec<EventType>) -> Result<Vec<EventType>, AppError> {
    if kind == SubscriptionKind::Provincial && !types.is_empty() {
        return Err(AppError::field(
            "event_types",
            "not_applicable",
            "省级平台接口只接收里程碑事件，不能另选事件类型",
            "the provincial interface receives the milestones only; event types cannot be chosen",
        ));
    }
    let mut types = types;
    types.sort();
    types.dedup();
    Ok(types)
}

fn authorize_admin(actor: &Actor) -> Result<(), AppError> {
    Ok(authorize(actor, Action::ManageWebhooks, Scope::tenant(actor.tenant_id))?)
}

fn audit_detail(s: &Subscription) -> serde_json::Value {
    serde_json::json!({
        "subscription_id": s.id,
        "kind": s.kind.code(),
        "url": s.url,
        "event_types": s.event_types.iter().map(|t| t.code()).collect::<Vec<_>>(),
        "active": s.active,
    })
}

/// The tenant's subscriptions.
pub async fn list(ctx: &Context, actor: &Actor) -> Result<Vec<Subscription>, AppError> {
    authorize_admin(actor)?;
    Ok(repo::list(&ctx.db, actor.tenant_id).await?.into_iter().map(Subscription::from).collect())
}

/// One of the tenant's subscriptions.
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<Subscription, AppError> {
    authorize_admin(actor)?;
    Ok(repo::get(&ctx.db, actor.tenant_id, id).await?.into())
}

/// Subscribes an endpoint; it receives the events that happen from now on.
pub async fn create(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    new: NewSubscription,
) -> Result<WithSecret, AppError> {
    authorize_admin(actor)?;
    let url = check_url(&new.url)?;
    let description = check_description(&new.description)?;
    let event_types = check_types(new.kind, new.event_types)?;
    let secret = new_secret();
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let row = repo::create(
        &txn,
        repo::NewSubscription {
            tenant_id: actor.tenant_id,
            kind: new.kind,
            url,
            description,
            event_types,
            secret: secret.clone(),
            created_by: actor.user_id,
        },
        now,
    )
    .await?;
    let subscription = Subscription::from(row);
    audit_trail::record(&txn, meta, actor, AuditAction::WebhookSubscriptionCreated, audit_detail(&subscription), now)
        .await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(WithSecret { subscription, secret })
}

/// Changes a subscription (turning it back on clears its failure run).
pub async fn edit(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    edit: Edit,
) -> Result<Subscription, AppError> {
    authorize_admin(actor)?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let current = repo::get(&txn, actor.tenant_id, id).await?;
    let change = SubscriptionChange {
        url: edit.url.as_deref().map(check_url).transpose()?,
        description: edit.description.as_deref().map(check_description).transpose()?,
        event_types: edit.event_types.map(|t| check_types(current.kind.0, t)).transpose()?,
        active: edit.active,
        secret: None,
    };
    let subscription = Subscription::from(repo::update(&txn, actor.tenant_id, id, change, now).await?);
    audit_trail::record(&txn, meta, actor, AuditAction::WebhookSubscriptionChanged, audit_detail(&subscription), now)
        .await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(subscription)
}

/// Gives a subscription a new signing secret (the old one stops working at once).
pub async fn rotate_secret(ctx: &Context, actor: &Actor, meta: &RequestMeta, id: Uuid) -> Result<WithSecret, AppError> {
    authorize_admin(actor)?;
    let now = ctx.now();
    let secret = new_secret();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let change = SubscriptionChange { secret: Some(secret.clone()), ..Default::default() };
    let subscription = Subscription::from(repo::update(&txn, actor.tenant_id, id, change, now).await?);
    audit_trail::record(&txn, meta, actor, AuditAction::WebhookSecretRotated, audit_detail(&subscription), now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(WithSecret { subscription, secret })
}

/// Removes a subscription; its delivery log stays, and its undelivered messages are dropped
/// when their turn comes.
pub async fn delete(ctx: &Context, actor: &Actor, meta: &RequestMeta, id: Uuid) -> Result<(), AppError> {
    authorize_admin(actor)?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let subscription = Subscription::from(repo::get(&txn, actor.tenant_id, id).await?);
    repo::delete(&txn, actor.tenant_id, id).await?;
    audit_trail::record(&txn, meta, actor, AuditAction::WebhookSubscriptionDeleted, audit_detail(&subscription), now)
        .await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_standard_webhooks_secrets() {
        let secret = new_secret();
        assert!(secret.starts_with("whsec_"));
        assert!(standardwebhooks::Webhook::new(&secret).is_ok());
        assert_ne!(secret, new_secret());
    }

    #[test]
    fn endpoint_urls_are_checked() {
        assert_eq!(check_url(" https://oa.example.cn/hooks ").unwrap(), "https://oa.example.cn/hooks");
        assert!(check_url("http://127.0.0.1:8080/x?y=1").is_ok());
        for bad in ["", "ftp://x.cn/", "not a url", "https://user:pw@x.cn/", "/relative"] {
            assert!(matches!(check_url(bad), Err(AppError::Validation(_))), "{bad}");
        }
    }

    #[test]
    fn a_url_is_measured_as_it_is_kept() {
        // Each non-ASCII character is kept as nine characters (`%EF%BF%BD`): under the limit as
        // sent, over it as kept. What is accepted always passes its own check again.
        let sent = format!("https://example.cn/{}", "\u{fffd}".repeat(URL_MAX_CHARS / 2));
        assert!(sent.chars().count() <= URL_MAX_CHARS);
        assert!(matches!(check_url(&sent), Err(AppError::Validation(f)) if f[0].en.contains("too long")));
        let kept = check_url("https://例子.cn/路径?q=值").unwrap();
        assert_eq!(check_url(&kept).unwrap(), kept);
    }

    #[test]
    fn the_provincial_kind_takes_no_event_types() {
        assert!(check_types(SubscriptionKind::Provincial, vec![EventType::CaseCreated]).is_err());
        let types = check_types(
            SubscriptionKind::StandardWebhooks,
            vec![EventType::SheetFinished, EventType::CaseAccepted, EventType::SheetFinished],
        )
        .unwrap();
        assert_eq!(types, vec![EventType::CaseAccepted, EventType::SheetFinished]);
    }
}

//! Webhook subscriptions (admin): integrators' endpoints signed per Standard Webhooks, and
//! the provincial platform's interface (一项一码 milestones).

use actix_web::{HttpRequest, HttpResponse, delete, get, patch, post, web};
use butler_app::webhooks::subscriptions::{self, Edit, NewSubscription, Subscription, WithSecret};
use butler_domain::webhook::{EventType, SubscriptionKind};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson};
use crate::middleware::request_meta;
use crate::state::AppState;

/// A webhook subscription (its secret is never shown again after it is made).
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookSubscriptionOut {
    pub id: Uuid,
    pub kind: SubscriptionKind,
    /// Where events are POSTed.
    pub url: String,
    pub description: String,
    /// The event types it receives; empty: every type (the provincial kind: its milestones).
    pub event_types: Vec<EventType>,
    /// Whether events are sent to it.
    pub active: bool,
    /// When it was switched off (by an admin, or after failing too long).
    pub disabled_at: Option<DateTime<Utc>>,
    pub disabled_reason: Option<String>,
    /// Since when its endpoint has failed every attempt (absent: the last attempt succeeded).
    pub failing_since: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl From<Subscription> for WebhookSubscriptionOut {
    fn from(s: Subscription) -> Self {
        WebhookSubscriptionOut {
            id: s.id,
            kind: s.kind,
            url: s.url,
            description: s.description,
            event_types: s.event_types,
            active: s.active,
            disabled_at: s.disabled_at,
            disabled_reason: s.disabled_reason,
            failing_since: s.failing_since,
            created_at: s.created_at,
            updated_at: s.updated_at,
        }
    }
}

/// A subscription with its signing secret: answered once, on creation and rotation.
#[derive(Debug, Serialize, ToSchema)]
pub struct WebhookSecretOut {
    pub subscription: WebhookSubscriptionOut,
    /// The signing secret (`whsec_…`, Standard Webhooks): keep it; it is not shown again.
    pub secret: String,
}

impl From<WithSecret> for WebhookSecretOut {
    fn from(w: WithSecret) -> Self {
        WebhookSecretOut { subscription: w.subscription.into(), secret: w.secret }
    }
}

fn default_kind() -> SubscriptionKind {
    SubscriptionKind::StandardWebhooks
}

/// A new subscription.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"url": "https://oa.example.cn/butler/events", "description": "县政府OA", "event_types": ["case.accepted", "sheet.finished"]}))]
pub struct WebhookSubscriptionIn {
    /// `standard_webhooks` (default) or `provincial`.
    #[serde(default = "default_kind")]
    pub kind: SubscriptionKind,
    /// Absolute `http`/`https` URL without credentials.
    pub url: String,
    #[serde(default)]
    pub description: String,
    /// Event types to receive; empty or absent: every type. Not for the provincial kind.
    #[serde(default)]
    pub event_types: Vec<EventType>,
}

/// Changes to a subscription; absent fields stay.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct WebhookSubscriptionPatch {
    pub url: Option<String>,
    pub description: Option<String>,
    pub event_types: Option<Vec<EventType>>,
    /// `true` turns it back on (clearing its failure run), `false` off.
    pub active: Option<bool>,
}

const ADMIN: &str = "Not an admin";

/// List the tenant's webhook subscriptions (admin).
#[utoipa::path(
    tag = "webhooks",
    operation_id = "listWebhookSubscriptions",
    responses(
        (status = 200, description = "The subscriptions", body = Vec<WebhookSubscriptionOut>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = ADMIN, body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/webhooks")]
pub async fn list_webhook_subscriptions(
    state: web::Data<AppState>,
    auth: Authenticated,
) -> Result<web::Json<Vec<WebhookSubscriptionOut>>, ApiError> {
    let list = subscriptions::list(&state.app, &auth.0).await?;
    Ok(web::Json(list.into_iter().map(Into::into).collect()))
}

/// Subscribe an endpoint to events (admin). It receives the events that happen from now
/// on; the answer carries its signing secret, shown this once.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "createWebhookSubscription",
    request_body = WebhookSubscriptionIn,
    responses(
        (status = 201, description = "Subscribed; keep the secret", body = WebhookSecretOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = ADMIN, body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (`url`, `event_types`, `description`)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/webhooks")]
pub async fn create_webhook_subscription(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<WebhookSubscriptionIn>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let new = NewSubscription {
        kind: body.kind,
        url: body.url,
        description: body.description,
        event_types: body.event_types,
    };
    let created = subscriptions::create(&state.app, &auth.0, &request_meta(&req), new).await?;
    Ok(HttpResponse::Created().json(WebhookSecretOut::from(created)))
}

/// One webhook subscription (admin).
#[utoipa::path(
    tag = "webhooks",
    operation_id = "getWebhookSubscription",
    params(("id" = Uuid, Path, description = "The subscription")),
    responses(
        (status = 200, description = "The subscription", body = WebhookSubscriptionOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = ADMIN, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/webhooks/{id}")]
pub async fn get_webhook_subscription(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<WebhookSubscriptionOut>, ApiError> {
    Ok(web::Json(subscriptions::get(&state.app, &auth.0, id.into_inner()).await?.into()))
}

/// Change a webhook subscription, or turn it off or back on (admin).
#[utoipa::path(
    tag = "webhooks",
    operation_id = "updateWebhookSubscription",
    params(("id" = Uuid, Path, description = "The subscription")),
    request_body = WebhookSubscriptionPatch,
    responses(
        (status = 200, description = "The subscription now", body = WebhookSubscriptionOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = ADMIN, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/admin/webhooks/{id}")]
pub async fn update_webhook_subscription(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidatedJson<WebhookSubscriptionPatch>,
) -> Result<web::Json<WebhookSubscriptionOut>, ApiError> {
    let body = body.0;
    let edit =
        Edit { url: body.url, description: body.description, event_types: body.event_types, active: body.active };
    let changed = subscriptions::edit(&state.app, &auth.0, &request_meta(&req), id.into_inner(), edit).await?;
    Ok(web::Json(changed.into()))
}

/// Delete a webhook subscription (admin); its delivery log stays.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "deleteWebhookSubscription",
    params(("id" = Uuid, Path, description = "The subscription")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = ADMIN, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
    )
)]
#[delete("/admin/webhooks/{id}")]
pub async fn delete_webhook_subscription(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, ApiError> {
    subscriptions::delete(&state.app, &auth.0, &request_meta(&req), id.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Give a subscription a new signing secret (admin); the old one stops at once.
#[utoipa::path(
    tag = "webhooks",
    operation_id = "rotateWebhookSecret",
    params(("id" = Uuid, Path, description = "The subscription")),
    responses(
        (status = 200, description = "The new secret; keep it", body = WebhookSecretOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = ADMIN, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such subscription", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/webhooks/{id}/rotate-secret")]
pub async fn rotate_webhook_secret(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<web::Json<WebhookSecretOut>, ApiError> {
    let rotated = subscriptions::rotate_secret(&state.app, &auth.0, &request_meta(&req), id.into_inner()).await?;
    Ok(web::Json(rotated.into()))
}

//! API clients (admin): third-party systems that call the API with a key of their own, in one
//! role and with the scopes given here. The key appears only in the answers of creation and
//! rotation.

use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_app::api_clients::{self, ApiClient, ClientWithKey, NewApiClient};
use butler_domain::api_access::{ApiClientRole, ApiScope};
use butler_domain::text::Name;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::fields;
use crate::middleware::request_meta;
use crate::state::AppState;

/// An API client (never its key).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0193a0c2-0000-7000-8000-0000000000c1",
    "user_id": "0193a0c2-0000-7000-8000-0000000000a1",
    "name": "县政务服务平台",
    "role": "supervisor",
    "department_id": null,
    "scopes": ["cases:read", "statistics:read"],
    "rate_limit_per_minute": 600,
    "key_hint": "bk_3f9a1c0d2b7e_",
    "active": true,
    "created_by": "0193a0c2-0000-7000-8000-000000000001",
    "created_at": "2026-12-05T02:00:00Z",
    "rotated_at": null,
    "revoked_at": null,
    "last_used_at": "2026-12-05T03:14:00Z"
}))]
pub struct ApiClientOut {
    pub id: Uuid,
    /// The account the client acts as: case histories show its writes under `name`.
    pub user_id: Uuid,
    /// The client's name, shown in case histories as the actor of its writes.
    pub name: String,
    /// The role it acts as.
    pub role: ApiClientRole,
    /// The department a `department_agent` client works for.
    pub department_id: Option<Uuid>,
    /// The scopes it holds; each opens the operations that list it under the `api_key`
    /// security scheme.
    pub scopes: Vec<ApiScope>,
    /// Requests per minute it may make.
    pub rate_limit_per_minute: u32,
    /// The start of its current key, to tell keys apart (not a secret).
    pub key_hint: String,
    /// `false` once revoked: its key is refused.
    pub active: bool,
    /// The administrator who created it.
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    /// When its key was last replaced.
    pub rotated_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    /// When its key was last used (recorded at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
}

impl From<ApiClient> for ApiClientOut {
    fn from(c: ApiClient) -> Self {
        ApiClientOut {
            active: c.active(),
            id: c.id,
            user_id: c.user_id,
            name: c.name,
            role: c.role,
            department_id: c.department_id,
            scopes: c.scopes,
            rate_limit_per_minute: c.rate_limit_per_minute,
            key_hint: c.key_hint,
            created_by: c.created_by,
            created_at: c.created_at,
            rotated_at: c.rotated_at,
            revoked_at: c.revoked_at,
            last_used_at: c.last_used_at,
        }
    }
}

/// An API client with its key: the only answers that show the key (creation and rotation).
#[derive(Serialize, ToSchema)]
pub struct ApiClientKeyOut {
    pub client: ApiClientOut,
    /// The key, shown this once: send it as `Authorization: Bearer <key>`. Only its hash is
    /// kept; a lost key is replaced by rotating.
    #[schema(example = "bk_3f9a1c0d2b7e_Q2hhbmdlIG1lIGJlZm9yZSB1c2UgaW4gcHJvZHVjdGlvbg")]
    pub api_key: String,
}

impl From<ClientWithKey> for ApiClientKeyOut {
    fn from(c: ClientWithKey) -> Self {
        ApiClientKeyOut { client: c.client.into(), api_key: c.api_key }
    }
}

/// A new API client.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "name": "县自然资源局业务系统",
    "role": "department_agent",
    "department_id": "0193a0c2-0000-7000-8000-000000000000",
    "scopes": ["sheets:read", "sheets:write"],
    "rate_limit_per_minute": 120
}))]
pub struct ApiClientIn {
    /// What the client is, as case histories will name its writes (1–200 characters).
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub name: String,
    /// The role it acts as: `supervisor` (reads cases, sheets and statistics),
    /// `department_agent` (one department's sheets), or `office`.
    pub role: ApiClientRole,
    /// Required for `department_agent`, refused for the other roles.
    pub department_id: Option<Uuid>,
    /// At least one scope.
    #[validate(length(min = 1, max = 16))]
    #[schema(min_items = 1, max_items = 16)]
    pub scopes: Vec<ApiScope>,
    /// Requests per minute, 1–100000 (default 600).
    #[validate(range(min = 1, max = 100_000))]
    #[schema(minimum = 1, maximum = 100_000)]
    pub rate_limit_per_minute: Option<u32>,
}

/// List the tenant's API clients (admin).
#[utoipa::path(
    tag = "api_clients",
    operation_id = "listApiClients",
    params(PageParams),
    responses(
        (status = 200, description = "A page of API clients, oldest first", body = PageOut<ApiClientOut>),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/api-clients")]
pub async fn list_api_clients(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
) -> Result<web::Json<PageOut<ApiClientOut>>, ApiError> {
    let page = api_clients::list(&state.app, &auth.0, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, ApiClientOut::from)))
}

/// Create an API client (admin) and answer its key, shown this once.
///
/// The client acts as its role: a `department_agent` client reads and works its department's
/// task sheets as an agent of that department would; its writes appear in case histories
/// under its name. Written to the audit trail (never the key).
#[utoipa::path(
    tag = "api_clients",
    operation_id = "createApiClient",
    request_body = ApiClientIn,
    responses(
        (status = 201, description = "Created; `api_key` is shown only here", body = ApiClientKeyOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields (no scope, an unknown department, …)", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/api-clients")]
pub async fn create_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<ApiClientIn>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    let new = NewApiClient {
        name: Name::parse(&body.name).map_err(|e| fields::to_api("name", e))?,
        role: body.role,
        department_id: body.department_id,
        scopes: body.scopes,
        rate_limit_per_minute: body.rate_limit_per_minute,
    };
    let created = api_clients::create(&state.app, &auth.0, &request_meta(&req), new).await?;
    Ok(HttpResponse::Created().json(ApiClientKeyOut::from(created)))
}

/// Read one API client (admin).
#[utoipa::path(
    tag = "api_clients",
    operation_id = "getApiClient",
    params(("id" = Uuid, Path, description = "The API client's id")),
    responses(
        (status = 200, description = "The API client", body = ApiClientOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such API client", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/admin/api-clients/{id}")]
pub async fn get_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<ApiClientOut>, ApiError> {
    let client = api_clients::get(&state.app, &auth.0, id.into_inner()).await?;
    Ok(web::Json(client.into()))
}

/// Give an API client a new key (admin), shown this once.
///
/// The old key is refused from the next request on. Written to the audit trail (never the
/// key). A revoked client cannot be rotated (409 `invalid_transition`).
#[utoipa::path(
    tag = "api_clients",
    operation_id = "rotateApiClient",
    params(("id" = Uuid, Path, description = "The API client's id")),
    responses(
        (status = 200, description = "Its new key; `api_key` is shown only here", body = ApiClientKeyOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such API client", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The client is revoked", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/api-clients/{id}/rotate")]
pub async fn rotate_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<web::Json<ApiClientKeyOut>, ApiError> {
    let rotated = api_clients::rotate(&state.app, &auth.0, &request_meta(&req), id.into_inner()).await?;
    Ok(web::Json(rotated.into()))
}

/// Revoke an API client for good (admin).
///
/// Its key is refused from the next request on and its account is closed; its past writes
/// keep its name in the case histories. Written to the audit trail.
#[utoipa::path(
    tag = "api_clients",
    operation_id = "revokeApiClient",
    params(("id" = Uuid, Path, description = "The API client's id")),
    responses(
        (status = 200, description = "Revoked", body = ApiClientOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such API client", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The client is revoked already", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/admin/api-clients/{id}/revoke")]
pub async fn revoke_api_client(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
) -> Result<web::Json<ApiClientOut>, ApiError> {
    let revoked = api_clients::revoke(&state.app, &auth.0, &request_meta(&req), id.into_inner()).await?;
    Ok(web::Json(revoked.into()))
}

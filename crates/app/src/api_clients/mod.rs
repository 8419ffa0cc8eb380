//! API clients: third-party systems (the provincial platform, the county's OA, a data
//! platform) that call the API as themselves, never with a person's password.
//!
//! An administrator creates a client with a name, the role it acts as (supervisor, one
//! department's agent, or the office), its scopes and a per-minute limit. Each client is backed
//! by an account of its own (`AccountKind::ApiClient`), so the policy, the sheet rules and the
//! history's names treat it as any actor; such an account never signs in with a password and
//! receives no notifications. Its key is shown once, at creation and at each rotation; only its
//! hash is stored. Creating, rotating and revoking a client go to the audit trail (never the
//! key). See [`authenticate`] for how a key is resolved on each request.

pub mod authenticate;
pub mod key;

pub use authenticate::{Principal, authenticate};

use butler_domain::api_access::{
    AccountKind, ApiClientRole, ApiScope, DEFAULT_RATE_LIMIT_PER_MINUTE, MAX_RATE_LIMIT_PER_MINUTE, normalise_scopes,
};
use butler_domain::audit::AuditAction;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::text::Name;
use butler_persistence::StoreError;
use butler_persistence::repo::api_clients::{self as repo, ClientWithAccount};
use butler_persistence::repo::users::{self, UserChanges};
use butler_persistence::repo::{departments, tokens};
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::error::{AppError, FieldError};
use crate::paging::{Page, PageRequest};
use key::IssuedKey;

/// What an API client's account holds instead of a password hash: no password verifies
/// against it (and sign-in refuses API clients' accounts before trying).
const NO_PASSWORD: &str = "!api-client";

/// An API client as its administrator sees it (never its key).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiClient {
    pub id: Uuid,
    /// The account it acts as: its name is what case histories show.
    pub user_id: Uuid,
    pub name: String,
    pub role: ApiClientRole,
    pub department_id: Option<Uuid>,
    pub scopes: Vec<ApiScope>,
    pub rate_limit_per_minute: u32,
    /// The start of its current key (`bk_<key id>_`), to tell keys apart; not a secret.
    pub key_hint: String,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub rotated_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

impl ApiClient {
    /// Whether its key is still honoured.
    pub fn active(&self) -> bool {
        self.revoked_at.is_none()
    }

    fn state(&self) -> &'static str {
        if self.active() { "active" } else { "revoked" }
    }
}

impl TryFrom<ClientWithAccount> for ApiClient {
    type Error = AppError;

    fn try_from(row: ClientWithAccount) -> Result<Self, AppError> {
        let ClientWithAccount { client, account } = row;
        let role = ApiClientRole::of(account.role.0).ok_or_else(|| {
            AppError::internal(StoreError::Conflict(format!("API client {} holds role {}", client.id, account.role)))
        })?;
        Ok(ApiClient {
            id: client.id,
            user_id: account.id,
            name: account.display_name,
            role,
            department_id: account.department_id,
            scopes: client.scopes.0,
            rate_limit_per_minute: u32::try_from(client.rate_limit_per_minute).unwrap_or(0),
            key_hint: format!("{}{}_", key::KEY_PREFIX, client.key_id),
            created_by: client.created_by,
            created_at: client.created_at,
            rotated_at: client.rotated_at,
            revoked_at: client.revoked_at,
            last_used_at: client.last_used_at,
        })
    }
}

/// A client to create, its name parsed already.
#[derive(Debug, Clone)]
pub struct NewApiClient {
    pub name: Name,
    pub role: ApiClientRole,
    /// Required for a department agent, refused for the other roles.
    pub department_id: Option<Uuid>,
    /// At least one.
    pub scopes: Vec<ApiScope>,
    /// Requests per minute; [`DEFAULT_RATE_LIMIT_PER_MINUTE`] when absent.
    pub rate_limit_per_minute: Option<u32>,
}

/// A client with its key, as answered once at creation and at each rotation. Its `Debug`
/// leaves the key out, so that no log line can carry it.
#[derive(Clone, PartialEq, Eq)]
pub struct ClientWithKey {
    pub client: ApiClient,
    pub api_key: String,
}

impl std::fmt::Debug for ClientWithKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientWithKey").field("client", &self.client).field("api_key", &"<redacted>").finish()
    }
}

fn audit_detail(client: &ApiClient) -> serde_json::Value {
    serde_json::json!({
        "api_client_id": client.id,
        "name": client.name,
        "role": client.role,
        "department_id": client.department_id,
        "scopes": client.scopes,
        "rate_limit_per_minute": client.rate_limit_per_minute,
    })
}

async fn check_new(ctx: &Context, tenant_id: Uuid, new: &NewApiClient) -> Result<(Vec<ApiScope>, u32), AppError> {
    let mut errors = Vec::new();
    let scopes = normalise_scopes(&new.scopes).unwrap_or_else(|| {
        errors.push(FieldError::new("scopes", "length", "至少选择一个权限范围", "must name at least one scope"));
        Vec::new()
    });
    let limit = new.rate_limit_per_minute.unwrap_or(DEFAULT_RATE_LIMIT_PER_MINUTE);
    if !(1..=MAX_RATE_LIMIT_PER_MINUTE).contains(&limit) {
        errors.push(FieldError::new(
            "rate_limit_per_minute",
            "range",
            format!("须在 1 到 {MAX_RATE_LIMIT_PER_MINUTE} 之间"),
            format!("must be between 1 and {MAX_RATE_LIMIT_PER_MINUTE}"),
        ));
    }
    match (new.role.needs_department(), new.department_id) {
        (true, None) => errors.push(FieldError::new(
            "department_id",
            "required",
            "部门帮办代办员角色必须选择所属部门",
            "required for a department agent",
        )),
        (true, Some(id)) => match departments::get(&ctx.db, tenant_id, id).await {
            Ok(_) => {}
            Err(StoreError::NotFound) => errors.push(FieldError::new(
                "department_id",
                "unknown_department",
                "没有这个部门",
                "no such department",
            )),
            Err(e) => return Err(e.into()),
        },
        (false, Some(_)) => errors.push(FieldError::new(
            "department_id",
            "not_allowed",
            "该角色不属于部门",
            "only a department agent belongs to a department",
        )),
        (false, None) => {}
    }
    if errors.is_empty() { Ok((scopes, limit)) } else { Err(AppError::Validation(errors)) }
}

/// Creates a client (admin) with its account, and answers its key (the only time but a
/// rotation that it is shown).
pub async fn create(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    new: NewApiClient,
) -> Result<ClientWithKey, AppError> {
    authorize(actor, Action::ManageApiClients, Scope::tenant(actor.tenant_id))?;
    let (scopes, limit) = check_new(ctx, actor.tenant_id, &new).await?;
    let issued = IssuedKey::generate();
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await?;
    // `:` is no character of a person's user name, so a client's never takes one.
    let username = format!("api:{}", Uuid::now_v7().simple());
    let account = users::create_of_kind(
        &txn,
        actor.tenant_id,
        users::NewUser {
            username: &username,
            display_name: new.name.as_str(),
            role: new.role.role(),
            department_id: new.department_id,
            enterprise_id: None,
            phone: None,
            email: None,
            password_hash: NO_PASSWORD,
            approval_work_since: None,
        },
        AccountKind::ApiClient,
        now,
    )
    .await?;
    let client = repo::create(
        &txn,
        actor.tenant_id,
        repo::NewApiClient {
            user_id: account.id,
            scopes: &scopes,
            rate_limit_per_minute: i32::try_from(limit).unwrap_or(i32::MAX),
            key_id: &issued.key_id,
            key_hash: &issued.hash(),
            created_by: actor.user_id,
        },
        now,
    )
    .await?;
    let client = ApiClient::try_from(ClientWithAccount { client, account })?;
    audit_trail::record(&txn, meta, actor, AuditAction::ApiClientCreated, audit_detail(&client), now).await?;
    txn.commit().await?;
    Ok(ClientWithKey { client, api_key: issued.key })
}

/// A page of the tenant's clients (admin).
pub async fn list(ctx: &Context, actor: &Actor, page: PageRequest) -> Result<Page<ApiClient>, AppError> {
    authorize(actor, Action::ManageApiClients, Scope::tenant(actor.tenant_id))?;
    let page = repo::list(&ctx.db, actor.tenant_id, page.checked()?).await?;
    Page::from(page).try_map(ApiClient::try_from)
}

/// One client of the tenant (admin).
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<ApiClient, AppError> {
    authorize(actor, Action::ManageApiClients, Scope::tenant(actor.tenant_id))?;
    repo::get(&ctx.db, actor.tenant_id, id).await?.try_into()
}

fn refuse_revoked(client: &ApiClient, action: &str) -> Result<(), AppError> {
    if client.active() {
        return Ok(());
    }
    Err(AppError::InvalidTransition { state: client.state().to_owned(), action: action.to_owned(), allowed: vec![] })
}

/// Gives a live client a new key (admin): the old key is refused from the next request on.
pub async fn rotate(ctx: &Context, actor: &Actor, meta: &RequestMeta, id: Uuid) -> Result<ClientWithKey, AppError> {
    authorize(actor, Action::ManageApiClients, Scope::tenant(actor.tenant_id))?;
    let now = ctx.now();
    let issued = IssuedKey::generate();
    let txn = butler_persistence::begin_write(&ctx.db).await?;
    let before = ApiClient::try_from(repo::get(&txn, actor.tenant_id, id).await?)?;
    refuse_revoked(&before, "rotate")?;
    repo::replace_key(&txn, actor.tenant_id, id, &issued.key_id, &issued.hash(), now).await?;
    let client = ApiClient::try_from(repo::get(&txn, actor.tenant_id, id).await?)?;
    audit_trail::record(&txn, meta, actor, AuditAction::ApiClientRotated, audit_detail(&client), now).await?;
    txn.commit().await?;
    Ok(ClientWithKey { client, api_key: issued.key })
}

/// Revokes a client for good (admin): its key is refused from the next request on, and its
/// account is closed (its past work keeps its name in the histories).
pub async fn revoke(ctx: &Context, actor: &Actor, meta: &RequestMeta, id: Uuid) -> Result<ApiClient, AppError> {
    authorize(actor, Action::ManageApiClients, Scope::tenant(actor.tenant_id))?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await?;
    let before = ApiClient::try_from(repo::get(&txn, actor.tenant_id, id).await?)?;
    refuse_revoked(&before, "revoke")?;
    repo::revoke(&txn, actor.tenant_id, id, now).await?;
    let close = UserChanges { active: Some(false), end_sessions: true, ..UserChanges::default() };
    users::update(&txn, actor.tenant_id, before.user_id, close, now).await?;
    tokens::revoke_all_of_user(&txn, before.user_id, now).await?;
    let client = ApiClient::try_from(repo::get(&txn, actor.tenant_id, id).await?)?;
    audit_trail::record(&txn, meta, actor, AuditAction::ApiClientRevoked, audit_detail(&client), now).await?;
    txn.commit().await?;
    ctx.sessions.forget(before.user_id);
    Ok(client)
}

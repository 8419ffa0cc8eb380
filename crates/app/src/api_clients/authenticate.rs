//! Resolving an API key on each request: the key names its client by its key id, the stored
//! hash is compared in constant time, and a revoked client, a closed account or a suspended
//! county is refused.
//! Nothing is cached, so a rotation or a revocation takes effect on the next request, on
//! every server of the database.

use butler_domain::api_access::{AccountKind, ApiScope};
use butler_domain::policy::Actor;
use butler_persistence::repo::api_clients as repo;
use chrono::TimeDelta;
use uuid::Uuid;

use super::key;
use crate::auth::actor_of;
use crate::{AppError, Context};

/// How often a client's last use is written at most.
const LAST_USED_EVERY: TimeDelta = TimeDelta::minutes(1);

/// An authenticated API client: who it acts as, what it may call and how often.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub client_id: Uuid,
    pub actor: Actor,
    pub scopes: Vec<ApiScope>,
    pub rate_limit_per_minute: u32,
}

impl Principal {
    /// Whether the client holds any of `scopes`.
    pub fn holds_any(&self, scopes: &[ApiScope]) -> bool {
        scopes.iter().any(|s| self.scopes.contains(s))
    }
}

/// The client an API key belongs to. A malformed, unknown, wrong or revoked key is
/// `Unauthenticated`, without saying which.
pub async fn authenticate(ctx: &Context, api_key: &str) -> Result<Principal, AppError> {
    let key_id = key::key_id_of(api_key).ok_or(AppError::Unauthenticated)?;
    let found = repo::find_by_key_id(&ctx.db, key_id).await?.ok_or(AppError::Unauthenticated)?;
    let repo::ClientWithAccount { client, account } = found;
    let honoured = key::matches(api_key, &client.key_hash)
        && client.revoked_at.is_none()
        && account.active
        && account.account_kind == AccountKind::ApiClient;
    if !honoured {
        return Err(AppError::Unauthenticated);
    }
    // A suspended county's clients are refused like its people.
    let tenant = butler_persistence::repo::tenants::get(&ctx.db, account.tenant_id).await?;
    if !crate::platform::in_service(&tenant) {
        return Err(AppError::Unauthenticated);
    }
    let now = ctx.now();
    if client.last_used_at.is_none_or(|at| now - at >= LAST_USED_EVERY) {
        repo::touch(&ctx.db, client.id, now, now - LAST_USED_EVERY).await?;
    }
    Ok(Principal {
        client_id: client.id,
        actor: actor_of(&account)?,
        scopes: client.scopes.0,
        rate_limit_per_minute: u32::try_from(client.rate_limit_per_minute).unwrap_or(1),
    })
}

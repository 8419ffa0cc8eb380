//! The caller's tenant (the county) and its configuration.

use butler_domain::policy::Actor;
use butler_persistence::repo::tenants as repo;

use crate::Context;
use crate::error::AppError;

/// A tenant and its configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    /// The county's code, used to sign in (`dayao`).
    pub code: String,
    pub name: String,
    /// The smallest total investment served, in fen (分).
    pub investment_threshold_fen: i64,
    /// IANA time zone of the county (`Asia/Shanghai`).
    pub time_zone: String,
}

/// The caller's own tenant (every signed-in user reads it).
pub async fn current(ctx: &Context, actor: &Actor) -> Result<Tenant, AppError> {
    let t = repo::get(&ctx.db, actor.tenant_id).await?;
    Ok(Tenant {
        code: t.code,
        name: t.name,
        investment_threshold_fen: t.investment_threshold_fen,
        time_zone: t.time_zone,
    })
}

//! The caller's tenant (the county) and its configuration.

use butler_domain::analytics::{MAX_TARGET_WORKING_DAYS, MIN_TARGET_WORKING_DAYS, validate_target};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_persistence::repo::tenants as repo;
use butler_persistence::repo::tenants::TenantRow;
use chrono::{DateTime, Utc};

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
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
    /// The project-wide target in working days every case's forecast is held against
    /// (国家 120 个工作日 unless the county set another).
    pub target_working_days: i32,
}

impl From<TenantRow> for Tenant {
    fn from(t: TenantRow) -> Self {
        Tenant {
            code: t.code,
            name: t.name,
            investment_threshold_fen: t.investment_threshold_fen,
            time_zone: t.time_zone,
            target_working_days: t.target_working_days,
        }
    }
}

/// The caller's own tenant (every signed-in user reads it).
pub async fn current(ctx: &Context, actor: &Actor) -> Result<Tenant, AppError> {
    Ok(repo::get(&ctx.db, actor.tenant_id).await?.into())
}

/// Sets the county's project-wide target in working days (admin only, audited). The target
/// is checked by the domain's bounds.
pub async fn set_target_working_days(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    days: i32,
    now: DateTime<Utc>,
) -> Result<Tenant, AppError> {
    authorize(actor, Action::ManageTenantSettings, Scope::tenant(actor.tenant_id))?;
    let days = validate_target(days).map_err(|_| {
        AppError::field(
            "target_working_days",
            "range",
            &format!("须在 {MIN_TARGET_WORKING_DAYS} 到 {MAX_TARGET_WORKING_DAYS} 个工作日之间"),
            &format!("must be between {MIN_TARGET_WORKING_DAYS} and {MAX_TARGET_WORKING_DAYS} working days"),
        )
    })?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let before = repo::get(&txn, actor.tenant_id).await?;
    let after = repo::set_target_working_days(&txn, actor.tenant_id, days).await?;
    audit_trail::record(
        &txn,
        meta,
        actor,
        "tenant_target_set",
        serde_json::json!({"from": before.target_working_days, "to": days}),
        now,
    )
    .await?;
    txn.commit().await.map_err(AppError::internal)?;
    Ok(after.into())
}

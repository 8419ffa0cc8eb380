//! The caller's tenant (the county) and its configuration.

use butler_domain::analytics::{MAX_TARGET_WORKING_DAYS, MIN_TARGET_WORKING_DAYS, validate_target};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::settings::CountySettings;
use butler_persistence::repo::tenants as repo;
use butler_persistence::repo::tenants::TenantRow;
use chrono::{DateTime, Utc};

use crate::Context;
use crate::audit_trail::RequestMeta;
use crate::error::AppError;
use crate::settings::{County, SaveSettings};

/// A tenant and its configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tenant {
    /// The county's code, used to sign in (`example`).
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

impl Tenant {
    /// The tenant with the figures of its settings in force (the one source of the threshold
    /// and the target).
    fn of(t: TenantRow, settings: &CountySettings) -> Self {
        Tenant {
            code: t.code,
            name: t.name,
            investment_threshold_fen: settings.investment_threshold_fen,
            time_zone: t.time_zone,
            target_working_days: i32::try_from(settings.target_working_days).unwrap_or(i32::MAX),
        }
    }
}

/// The caller's own tenant (every signed-in user reads it).
pub async fn current(ctx: &Context, actor: &Actor) -> Result<Tenant, AppError> {
    let row = repo::get(&ctx.db, actor.tenant_id).await?;
    let settings = crate::settings::in_force(ctx, actor.tenant_id).await?;
    Ok(Tenant::of(row, &settings.settings))
}

/// Sets the county's project-wide target in working days (admin only, audited): a new
/// version of the county's settings with only the target changed. The target is checked by
/// the domain's bounds.
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
    let in_force = crate::settings::load_in_force(&ctx.db, actor.tenant_id).await?;
    let settings = CountySettings { target_working_days: u32::try_from(days).unwrap_or(0), ..in_force.settings };
    let cmd = SaveSettings { expected_version: in_force.version, settings, note: None };
    let saved = crate::settings::save(ctx, actor, County::Own, meta, cmd, now).await?;
    let row = repo::get(&ctx.db, actor.tenant_id).await?;
    Ok(Tenant::of(row, &saved.settings))
}

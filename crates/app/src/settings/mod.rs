//! A county's settings (县级配置) as the engine reads them: the version in force (cached per
//! county like the calendars, invalidated by a change made through this server), a given
//! version's settings (for a deadline opened under it), and, for the county's admin and the
//! platform admin, reading, changing and the history of versions.
//!
//! A change adds a version; it applies to deadlines opened from then on. A deadline records
//! the version it was opened under (`deadlines.settings_version`) and keeps its ladder; a
//! sheet keeps the acknowledgement window it was dispatched with.

mod cache;
mod history;
mod problems;
mod save;

pub use cache::SettingsCache;
pub use history::{Change, SettingsVersion, history};
pub use save::{SaveSettings, save};

use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::settings::CountySettings;
use butler_persistence::repo::settings::{self as repo, SettingsRow};
use butler_persistence::repo::tenants::{self, TenantRow};
use chrono::{DateTime, Utc};
use sea_orm::ConnectionTrait;
use std::sync::Arc;
use uuid::Uuid;

use crate::Context;
use crate::error::AppError;

/// A county's settings of one version (0: the defaults, never saved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InForce {
    pub version: i32,
    pub settings: CountySettings,
}

impl InForce {
    /// The defaults, version 0.
    pub fn defaults() -> Self {
        InForce { version: 0, settings: CountySettings::default() }
    }
}

/// Which county's settings: the caller's own, or (for the platform admin) one named by its
/// code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum County<'a> {
    Own,
    Code(&'a str),
}

/// A county's settings as read or just saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingsView {
    /// The county's code.
    pub county: String,
    /// The version in force (0: the defaults, never changed).
    pub version: i32,
    pub settings: CountySettings,
    /// When and by whom the version in force was saved (none for the defaults).
    pub saved_at: Option<DateTime<Utc>>,
    pub saved_by: Option<Uuid>,
    pub note: Option<String>,
}

fn parse(row: &SettingsRow) -> Result<CountySettings, AppError> {
    serde_json::from_str(&row.settings).map_err(AppError::internal)
}

/// The version in force, read from the database (inside a transaction, for instance).
pub async fn load_in_force(db: &impl ConnectionTrait, tenant_id: Uuid) -> Result<InForce, AppError> {
    match repo::current(db, tenant_id).await? {
        Some(row) => Ok(InForce { version: row.version, settings: parse(&row)? }),
        None => Ok(InForce::defaults()),
    }
}

/// The settings of `version` (0: the defaults; a version the county never had: the
/// defaults too, logged).
pub async fn load_version(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    version: i32,
) -> Result<CountySettings, AppError> {
    if version == 0 {
        return Ok(CountySettings::default());
    }
    match repo::version(db, tenant_id, version).await? {
        Some(row) => parse(&row),
        None => {
            tracing::warn!(%tenant_id, version, "a deadline names a settings version the county never had");
            Ok(CountySettings::default())
        }
    }
}

/// The county's settings in force, cached.
pub async fn in_force(ctx: &Context, tenant_id: Uuid) -> Result<Arc<InForce>, AppError> {
    if let Some(hit) = ctx.settings.get(tenant_id) {
        return Ok(hit);
    }
    let generation = ctx.settings.generation();
    let loaded = Arc::new(load_in_force(&ctx.db, tenant_id).await?);
    ctx.settings.put(tenant_id, loaded.clone(), generation);
    Ok(loaded)
}

/// The settings of `version` of the county (versions never change, so they are kept).
pub async fn of_version(ctx: &Context, tenant_id: Uuid, version: i32) -> Result<Arc<CountySettings>, AppError> {
    if let Some(hit) = ctx.settings.version(tenant_id, version) {
        return Ok(hit);
    }
    let loaded = Arc::new(load_version(&ctx.db, tenant_id, version).await?);
    ctx.settings.keep_version(tenant_id, version, loaded.clone());
    Ok(loaded)
}

/// The county acted on, once the caller may: its own county for `Own` (`own_action`), or a
/// county by code for the platform admin (`ManageCounties`; a code that is not a county's:
/// not found).
async fn county_for(
    db: &impl ConnectionTrait,
    actor: &Actor,
    county: County<'_>,
    own_action: Action,
) -> Result<TenantRow, AppError> {
    match county {
        County::Own => {
            authorize(actor, own_action, Scope::tenant(actor.tenant_id))?;
            Ok(tenants::get(db, actor.tenant_id).await?)
        }
        County::Code(code) => crate::platform::county_on(db, actor, code).await,
    }
}

/// A county's settings in force: its admin and office, or the platform admin.
pub async fn get(ctx: &Context, actor: &Actor, county: County<'_>) -> Result<SettingsView, AppError> {
    let tenant = county_for(&ctx.db, actor, county, Action::ReadTenantSettings).await?;
    view(&ctx.db, &tenant).await
}

async fn view(db: &impl ConnectionTrait, tenant: &TenantRow) -> Result<SettingsView, AppError> {
    let row = repo::current(db, tenant.id).await?;
    Ok(match row {
        Some(row) => SettingsView {
            county: tenant.code.clone(),
            version: row.version,
            settings: parse(&row)?,
            saved_at: Some(row.created_at),
            saved_by: row.created_by,
            note: row.note,
        },
        None => SettingsView {
            county: tenant.code.clone(),
            version: 0,
            settings: CountySettings::default(),
            saved_at: None,
            saved_by: None,
            note: None,
        },
    })
}

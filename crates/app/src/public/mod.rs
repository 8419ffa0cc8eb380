//! What anyone may read without signing in (公开, 晒权): the catalog in force, each item's
//! service guide, the departments, the service's rules and contacts, and the butler roster as
//! the county publishes it. There is no [`butler_domain::policy::Actor`] here: the county is
//! resolved from its code ([`tenant`]), and a county that is unknown or does not publish is
//! not found, exactly like a missing item. The administrator's side (the public profile, the
//! roster's disclosure and opt-outs) is in [`profile`] and [`roster`].

pub mod agencies;
pub mod catalog;
pub mod profile;
pub mod roster;

use butler_persistence::repo::public as repo;
use uuid::Uuid;

use crate::Context;
use crate::error::AppError;

pub use profile::Profile;

/// A county as the public sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicTenant {
    pub id: Uuid,
    /// The code in the public address (`example`).
    pub code: String,
    /// The county's name (`示例县`).
    pub name: String,
    /// What it publishes about its service.
    pub profile: Profile,
}

/// The county with `code`, if it exists and publishes; otherwise [`AppError::NotFound`].
pub async fn tenant(ctx: &Context, code: &str) -> Result<PublicTenant, AppError> {
    let tenant = crate::platform::open_county(ctx, code).await?;
    let profile = repo::profile(&ctx.db, tenant.id).await?.map(Profile::from).unwrap_or_default();
    if !profile.published {
        return Err(AppError::NotFound);
    }
    Ok(PublicTenant { id: tenant.id, code: tenant.code, name: tenant.name, profile })
}

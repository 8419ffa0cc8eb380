//! The enterprise's materials (its library): every material it gave, with every version.

use butler_domain::policy::{self, Action, Actor, Scope};
use butler_persistence::repo::materials as repo;
use uuid::Uuid;

use super::{GivenVersion, given_versions, today, valid_on};
use crate::{AppError, Context};

/// One material of the enterprise with its versions, newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryMaterial {
    pub material_id: Uuid,
    pub name: String,
    pub latest_version: i32,
    pub versions: Vec<GivenVersion>,
    /// Whether the newest version may still be reused.
    pub valid: bool,
}

/// The enterprise's materials: the enterprise itself, and officials who may read it (not
/// departments: they see materials through the cases they work on).
pub async fn library(ctx: &Context, actor: &Actor, enterprise_id: Uuid) -> Result<Vec<LibraryMaterial>, AppError> {
    let scope = Scope { tenant_id: actor.tenant_id, department_id: None, enterprise_id: Some(enterprise_id) };
    policy::authorize(actor, Action::ReadEnterprise, scope)?;
    if !butler_domain::material::role_reads_library(actor.role) {
        return Err(AppError::Forbidden);
    }
    butler_persistence::repo::enterprises::get(&ctx.db, actor.tenant_id, enterprise_id).await?;
    let materials = repo::of_enterprise(&ctx.db, actor.tenant_id, enterprise_id).await?;
    let ids: Vec<Uuid> = materials.iter().map(|m| m.id).collect();
    let versions = repo::versions_of(&ctx.db, &ids).await?;
    let order: Vec<(Uuid, Uuid)> = versions.iter().map(|v| (v.material_id, v.id)).collect();
    let mut given = given_versions(&ctx.db, versions, &materials).await?;
    let today = today(ctx);
    Ok(materials
        .into_iter()
        .map(|m| {
            let versions: Vec<GivenVersion> =
                order.iter().filter(|(mid, _)| *mid == m.id).filter_map(|(_, vid)| given.remove(vid)).collect();
            let valid = versions.first().is_some_and(|v| valid_on(v.valid_until, today));
            LibraryMaterial { material_id: m.id, name: m.name, latest_version: m.latest_version, versions, valid }
        })
        .collect())
}

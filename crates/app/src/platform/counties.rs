//! The counties as the platform administrator sees them: each with its standing and numbers.

use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::settings::CountyStatus;
use butler_persistence::repo::counties::{self as repo, Counts};
use butler_persistence::repo::tenants::TenantRow;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::{AppError, Context};

/// A county, for the platform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct County {
    pub id: Uuid,
    /// The code its people sign in with (`example`).
    pub code: String,
    pub name: String,
    pub status: CountyStatus,
    /// Why it was last suspended or reinstated.
    pub status_reason: Option<String>,
    pub status_changed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// People's accounts (API clients not counted).
    pub users: u64,
    pub cases: u64,
}

impl County {
    pub(crate) fn of(t: TenantRow, counts: Counts) -> Self {
        County {
            id: t.id,
            code: t.code,
            name: t.name,
            status: t.status.0,
            status_reason: t.status_reason,
            status_changed_at: t.status_changed_at,
            created_at: t.created_at,
            users: counts.users,
            cases: counts.cases,
        }
    }
}

/// Every county, by code (the platform administrator).
pub async fn list(ctx: &Context, actor: &Actor) -> Result<Vec<County>, AppError> {
    authorize(actor, Action::ManageCounties, Scope::tenant(actor.tenant_id))?;
    let rows = repo::list(&ctx.db).await?;
    Ok(rows.into_iter().map(|(t, counts)| County::of(t, counts)).collect())
}

/// One county by its code (the platform administrator).
pub async fn get(ctx: &Context, actor: &Actor, code: &str) -> Result<County, AppError> {
    let county = super::county(ctx, actor, code).await?;
    let counts = repo::counts(&ctx.db, county.id).await?;
    Ok(County::of(county, counts))
}

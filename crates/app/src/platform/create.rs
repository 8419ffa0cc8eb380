//! Creating a county with its first administrator, whose initial password is generated,
//! stored hashed, shown once in the answer, and must be changed at first sign-in.

use butler_domain::audit::AuditAction;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_domain::settings::{CountySettings, TenantKind};
use butler_domain::text::{Code, Name};
use butler_persistence::repo::counties::Counts;
use butler_persistence::repo::tenants::{self, NewTenant};
use butler_persistence::repo::users::{self, NewUser};
use uuid::Uuid;

use super::{County, PLATFORM_CODE, audit_county_change};
use crate::audit_trail::RequestMeta;
use crate::{AppError, Context, password};

/// The county's time zone until its settings say otherwise.
const TIME_ZONE: &str = "Asia/Shanghai";

/// A new county and its first administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewCounty {
    /// The code its people sign in with: lower-case, not the platform's, not taken.
    pub code: Code,
    pub name: Name,
    pub admin_username: Code,
    pub admin_display_name: Name,
}

/// The first administrator of a new county.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstAdmin {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
}

/// A county created: the county, its administrator, and the administrator's initial
/// password — in this answer only (only its hash is kept).
#[derive(Clone, PartialEq, Eq)]
pub struct CountyCreated {
    pub county: County,
    pub admin: FirstAdmin,
    pub initial_password: String,
}

impl std::fmt::Debug for CountyCreated {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CountyCreated")
            .field("county", &self.county)
            .field("admin", &self.admin)
            .field("initial_password", &"***")
            .finish()
    }
}

/// Creates a county (the platform administrator) with its first administrator, in one
/// transaction, audited in the platform's trail and the new county's.
pub async fn create(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    new: NewCounty,
) -> Result<CountyCreated, AppError> {
    authorize(actor, Action::ManageCounties, Scope::tenant(actor.tenant_id))?;
    if new.code.as_str() == PLATFORM_CODE {
        return Err(AppError::field(
            "code",
            "reserved",
            &format!("“{PLATFORM_CODE}”是平台的编码，不能用作区县编码"),
            &format!("`{PLATFORM_CODE}` is the platform's code, not a county's"),
        ));
    }
    let password = password::generate_initial();
    let hash = password::hash_blocking(password.expose().to_owned()).await?;
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await?;
    let defaults = CountySettings::default();
    let county = tenants::create(
        &txn,
        NewTenant {
            code: new.code.as_str(),
            name: new.name.as_str(),
            investment_threshold_fen: defaults.investment_threshold_fen,
            time_zone: TIME_ZONE,
            kind: TenantKind::County,
        },
        now,
    )
    .await
    .map_err(AppError::taken("code", "该区县编码已被使用", "A tenant already has this code"))?;
    let admin = users::create(
        &txn,
        county.id,
        NewUser {
            username: new.admin_username.as_str(),
            display_name: new.admin_display_name.as_str(),
            role: Role::Admin,
            department_id: None,
            enterprise_id: None,
            phone: None,
            email: None,
            password_hash: &hash,
            approval_work_since: None,
        },
        now,
    )
    .await?;
    butler_persistence::repo::users::set_must_change_password(&txn, admin.id, true, now).await?;
    let detail = serde_json::json!({
        "county": county.code,
        "name": county.name,
        "admin": admin.username,
    });
    audit_county_change(&txn, meta, actor, county.id, AuditAction::CountyCreated, detail, now).await?;
    txn.commit().await?;
    Ok(CountyCreated {
        county: County::of(county, Counts { users: 1, cases: 0 }),
        admin: FirstAdmin { id: admin.id, username: admin.username, display_name: admin.display_name },
        initial_password: password.expose().to_owned(),
    })
}

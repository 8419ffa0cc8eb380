//! The butler roster (项目管家名册): the public's view, as much as the county publishes
//! ([`butler_domain::disclosure`] decides), and the administrator's: every butler with
//! whether they are on the published roster, and taking one off or putting them back
//! (audited).

use butler_domain::audit::AuditAction;
use butler_domain::disclosure::{self, RosterCandidate, RosterDisclosure};
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_persistence::repo::departments::{self, DepartmentRow};
use butler_persistence::repo::public as repo;
use butler_persistence::repo::users::{self, UserRow};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

use super::PublicTenant;
use crate::audit_trail::{self, RequestMeta};
use crate::catalog::ItemDepartment;
use crate::{AppError, Context};

/// One butler as the public sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterMember {
    pub name: String,
    pub role: Role,
    /// Their department; absent for the investment bureau's officers and the window's agents,
    /// who serve every project.
    pub department: Option<ItemDepartment>,
    /// Only when the county publishes phones.
    pub phone: Option<String>,
}

/// The published roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicRoster {
    pub disclosure: RosterDisclosure,
    /// By department (the county's order; those without one first), then name; empty when
    /// the roster is hidden.
    pub members: Vec<RosterMember>,
}

/// One butler as the administrator sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub user_id: Uuid,
    pub display_name: String,
    pub role: Role,
    pub department: Option<ItemDepartment>,
    pub phone: Option<String>,
    /// Whether they show on the published roster (false: taken off).
    pub listed: bool,
}

fn candidate(user: &UserRow, opted_out: &HashSet<Uuid>) -> RosterCandidate {
    RosterCandidate {
        role: user.role.0,
        kind: user.account_kind.0,
        active: user.active,
        opted_out: opted_out.contains(&user.id),
    }
}

/// The tenant's departments by id, with their place in the county's order.
async fn departments_by_id(ctx: &Context, tenant_id: Uuid) -> Result<HashMap<Uuid, (i32, ItemDepartment)>, AppError> {
    Ok(departments::all(&ctx.db, tenant_id)
        .await?
        .into_iter()
        .map(|d: DepartmentRow| (d.id, (d.position, ItemDepartment { id: d.id, code: d.code, name: d.name })))
        .collect())
}

/// Orders butlers by department (those without one first), then by name.
fn sort_key(user: &UserRow, by_id: &HashMap<Uuid, (i32, ItemDepartment)>) -> (i32, String, Uuid) {
    let position = user.department_id.and_then(|d| by_id.get(&d)).map(|(p, _)| *p).unwrap_or(0);
    (position, user.display_name.clone(), user.id)
}

/// The roster `tenant` publishes.
pub async fn published(ctx: &Context, tenant: &PublicTenant) -> Result<PublicRoster, AppError> {
    let disclosure = tenant.profile.roster_disclosure;
    if disclosure == RosterDisclosure::Hidden {
        return Ok(PublicRoster { disclosure, members: Vec::new() });
    }
    let opted_out = repo::opted_out(&ctx.db, tenant.id).await?;
    let by_id = departments_by_id(ctx, tenant.id).await?;
    let mut accounts: Vec<UserRow> = repo::roster_accounts(&ctx.db, tenant.id)
        .await?
        .into_iter()
        .filter(|u| disclosure::on_roster(candidate(u, &opted_out)))
        .collect();
    accounts.sort_by_cached_key(|u| sort_key(u, &by_id));
    let mut members = Vec::with_capacity(accounts.len());
    for u in &accounts {
        let opened = ctx.pii.open_opt(u.phone.as_deref())?;
        if let Some((name, phone)) = disclosure::disclose(disclosure, &u.display_name, opened.as_deref()) {
            members.push(RosterMember {
                name: name.to_owned(),
                role: u.role.0,
                department: u.department_id.and_then(|d| by_id.get(&d)).map(|(_, d)| d.clone()),
                phone: phone.map(str::to_owned),
            });
        }
    }
    Ok(PublicRoster { disclosure, members })
}

fn admin(actor: &Actor) -> Result<(), AppError> {
    Ok(authorize(actor, Action::ManagePublicProfile, Scope::tenant(actor.tenant_id))?)
}

/// Every butler of the caller's county, with whether they are on the published roster
/// (admin). The county's disclosure still decides what of them the public sees.
pub async fn entries(ctx: &Context, actor: &Actor) -> Result<Vec<RosterEntry>, AppError> {
    admin(actor)?;
    let opted_out = repo::opted_out(&ctx.db, actor.tenant_id).await?;
    let by_id = departments_by_id(ctx, actor.tenant_id).await?;
    let mut accounts = repo::roster_accounts(&ctx.db, actor.tenant_id).await?;
    accounts.sort_by_cached_key(|u| sort_key(u, &by_id));
    accounts
        .into_iter()
        .map(|u| {
            Ok(RosterEntry {
                listed: disclosure::on_roster(candidate(&u, &opted_out)),
                user_id: u.id,
                role: u.role.0,
                department: u.department_id.and_then(|d| by_id.get(&d)).map(|(_, d)| d.clone()),
                phone: ctx.pii.open_opt(u.phone.as_deref())?,
                display_name: u.display_name,
            })
        })
        .collect()
}

/// Takes a butler off the published roster (`listed` false) or puts them back (admin),
/// audited when it changes anything. Anyone who is not a butler of the caller's county (an
/// enterprise's contact, a leader, another county's user) is not found.
pub async fn set_listed(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    user_id: Uuid,
    listed: bool,
) -> Result<RosterEntry, AppError> {
    admin(actor)?;
    let user = users::get(&ctx.db, actor.tenant_id, user_id).await?;
    let as_butler = RosterCandidate { role: user.role.0, kind: user.account_kind.0, active: true, opted_out: false };
    if !disclosure::on_roster(as_butler) {
        return Err(AppError::NotFound);
    }
    let now = ctx.now();
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let changed = repo::set_opted_out(&txn, actor.tenant_id, user_id, !listed, actor.user_id, now).await?;
    if changed {
        let detail = serde_json::json!({"user_id": user_id, "listed": listed});
        audit_trail::record(&txn, meta, actor, AuditAction::PublicRosterListingSet, detail, now).await?;
    }
    txn.commit().await.map_err(AppError::internal)?;
    let department = match user.department_id {
        Some(d) => departments::get(&ctx.db, actor.tenant_id, d).await.ok().map(|d| ItemDepartment {
            id: d.id,
            code: d.code,
            name: d.name,
        }),
        None => None,
    };
    Ok(RosterEntry {
        user_id: user.id,
        display_name: user.display_name,
        role: user.role.0,
        department,
        phone: ctx.pii.open_opt(user.phone.as_deref())?,
        listed: listed && user.active,
    })
}

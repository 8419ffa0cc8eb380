//! User accounts, as the administrator manages them: listing and reading them, creating one,
//! and changing one (name, phone, approval experience, closing or reopening it, lifting a
//! lockout, a new password).
//!
//! A password an administrator gives (at creation or later) is an initial one: its holder
//! must replace it at the first sign-in (see [`crate::own_password`]).
//!
//! Closing an account or giving it a new password ends its sessions: its refresh tokens are
//! revoked in the same transaction, and access tokens issued before are refused from then on
//! (see [`crate::sessions`]).

use butler_domain::api_access::AccountKind;
use butler_domain::audit::AuditAction;
use butler_domain::policy::{Action, Actor, Scope, authorize};
use butler_domain::role::Role;
use butler_domain::text::{Code, Email, Name, NewPassword, Phone};
use butler_persistence::StoreError;
use butler_persistence::repo::users::{self as repo, UserChanges, UserFilter, UserRow};
use butler_persistence::repo::{departments, enterprises, tokens};
use chrono::{DateTime, NaiveDate, Utc};
use uuid::Uuid;

use crate::Context;
use crate::audit_trail::{self, RequestMeta};
use crate::error::{AppError, FieldError};
use crate::paging::{Page, PageRequest};
use crate::password;

/// A user account (never its password).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub department_id: Option<Uuid>,
    pub enterprise_id: Option<Uuid>,
    /// The phone in full: the web masks it (shown in full only by [`crate::pii::reveal`]).
    pub phone: Option<String>,
    /// Where e-mail notifications go.
    pub email: Option<String>,
    /// Since when the person has done approval work.
    pub approval_work_since: Option<NaiveDate>,
    pub active: bool,
    /// Set while the account is locked after repeated failed sign-ins.
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The account holds an initial password its holder has not yet replaced.
    pub must_change_password: bool,
}

impl Account {
    /// The account of a stored row, its phone opened with `keys`.
    fn opened(keys: &crate::pii::Keyring, u: UserRow) -> Result<Self, AppError> {
        let role = u.role.0;
        Ok(Account {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role,
            department_id: u.department_id,
            enterprise_id: u.enterprise_id,
            phone: keys.open_opt(u.phone.as_deref())?,
            email: u.email,
            approval_work_since: u.approval_work_since,
            active: u.active,
            locked_until: u.locked_until,
            last_login_at: u.last_login_at,
            created_at: u.created_at,
            must_change_password: u.must_change_password,
        })
    }
}

/// Which accounts a listing holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AccountQuery {
    pub role: Option<Role>,
    /// Department roles list their own department when they name none.
    pub department_id: Option<Uuid>,
}

/// An account to create, its fields parsed already.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub username: Code,
    pub display_name: Name,
    pub role: Role,
    /// Required for department roles, refused for others.
    pub department_id: Option<Uuid>,
    /// Required for enterprise users, refused for others.
    pub enterprise_id: Option<Uuid>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub password: NewPassword,
    pub approval_work_since: Option<NaiveDate>,
}

/// Changes to an account; `None` (and `false`) leave it as it is.
#[derive(Debug, Clone, Default)]
pub struct AccountChanges {
    pub display_name: Option<Name>,
    /// `Some(None)` removes the phone.
    pub phone: Option<Option<Phone>>,
    /// `Some(None)` removes the e-mail address.
    pub email: Option<Option<Email>>,
    pub approval_work_since: Option<NaiveDate>,
    /// `false` closes the account (never the caller's own), `true` reopens it.
    pub active: Option<bool>,
    /// Lifts a lockout after repeated failed sign-ins.
    pub unlock: bool,
    pub password: Option<NewPassword>,
}

/// A page of accounts. Department roles list only their own department's people (colleagues
/// to transfer a sheet to).
pub async fn list(
    ctx: &Context,
    actor: &Actor,
    query: AccountQuery,
    page: PageRequest,
) -> Result<Page<Account>, AppError> {
    let mut filter = UserFilter { role: query.role, department_id: query.department_id };
    if actor.role.needs_department() && filter.department_id.is_none() {
        filter.department_id = actor.department_id;
    }
    let scope = Scope { department_id: filter.department_id, ..Scope::tenant(actor.tenant_id) };
    authorize(actor, Action::ListUsers, scope)?;
    let page = repo::list(&ctx.db, actor.tenant_id, &filter, page.checked()?).await?;
    Page::from(page).try_map(|row| Account::opened(&ctx.pii, row))
}

/// One account: the caller's own, or one the caller may list.
pub async fn get(ctx: &Context, actor: &Actor, id: Uuid) -> Result<Account, AppError> {
    let row = person(repo::get(&ctx.db, actor.tenant_id, id).await?)?;
    let scope = Scope { department_id: row.department_id, ..Scope::tenant(row.tenant_id) };
    if row.id != actor.user_id {
        authorize(actor, Action::ListUsers, scope)?;
    }
    Account::opened(&ctx.pii, row)
}

/// A person's account; an API client's is no user here (it is managed as an API client).
fn person(row: UserRow) -> Result<UserRow, AppError> {
    if row.account_kind == AccountKind::Person { Ok(row) } else { Err(AppError::NotFound) }
}

fn field(field: &str, code: &str, zh: &str, en: &str) -> FieldError {
    FieldError::new(field, code, zh, en)
}

/// Checks the department and enterprise an account of `role` belongs to, collecting every
/// problem into `errors`.
async fn memberships(
    ctx: &Context,
    tenant_id: Uuid,
    new: &NewAccount,
    errors: &mut Vec<FieldError>,
) -> Result<(Option<Uuid>, Option<Uuid>), AppError> {
    if new.role.is_platform() {
        errors.push(field(
            "role",
            "platform_role",
            "平台管理员不属于任何县，不能在县里创建",
            "the platform's role is held by no county's user",
        ));
    }
    let department_id = match (new.role.needs_department(), new.department_id) {
        (true, None) => {
            errors.push(field(
                "department_id",
                "required",
                "部门角色必须选择所属部门",
                "required for department roles",
            ));
            None
        }
        (true, Some(id)) => match departments::get(&ctx.db, tenant_id, id).await {
            Ok(d) => Some(d.id),
            Err(StoreError::NotFound) => {
                errors.push(field("department_id", "unknown_department", "没有这个部门", "no such department"));
                None
            }
            Err(e) => return Err(e.into()),
        },
        (false, Some(_)) => {
            errors.push(field(
                "department_id",
                "not_allowed",
                "该角色不属于部门",
                "only department roles belong to a department",
            ));
            None
        }
        (false, None) => None,
    };
    let enterprise_id = match (new.role.needs_enterprise(), new.enterprise_id) {
        (true, None) => {
            errors.push(field("enterprise_id", "required", "企业用户必须绑定企业", "required for enterprise users"));
            None
        }
        (true, Some(id)) => match enterprises::get(&ctx.db, tenant_id, id).await {
            Ok(e) => Some(e.id),
            Err(StoreError::NotFound) => {
                errors.push(field("enterprise_id", "unknown_enterprise", "没有这个企业", "no such enterprise"));
                None
            }
            Err(e) => return Err(e.into()),
        },
        (false, Some(_)) => {
            errors.push(field(
                "enterprise_id",
                "not_allowed",
                "只有企业用户可绑定企业",
                "only enterprise users are bound to an enterprise",
            ));
            None
        }
        (false, None) => None,
    };
    Ok((department_id, enterprise_id))
}

/// Creates an account (admin). Department roles need a department of this tenant, enterprise
/// users an enterprise of this tenant; the user name must be free.
pub async fn create(ctx: &Context, actor: &Actor, new: NewAccount) -> Result<Account, AppError> {
    authorize(actor, Action::ManageUsers, Scope::tenant(actor.tenant_id))?;
    let mut errors = Vec::new();
    let (department_id, enterprise_id) = memberships(ctx, actor.tenant_id, &new, &mut errors).await?;
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let hash = password::hash_blocking(new.password.expose().to_owned()).await?;
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    let sealed_phone = ctx.pii.seal_opt(new.phone.as_ref().map(|p| p.as_str()));
    let row = repo::create(
        &txn,
        actor.tenant_id,
        repo::NewUser {
            username: new.username.as_str(),
            display_name: new.display_name.as_str(),
            role: new.role,
            department_id,
            enterprise_id,
            phone: sealed_phone.as_deref(),
            email: new.email.as_ref().map(|e| e.as_str()),
            password_hash: &hash,
            approval_work_since: new.approval_work_since,
        },
        ctx.now(),
    )
    .await
    .map_err(AppError::taken("username", "该用户名已被使用", "this user name is taken"))?;
    repo::set_must_change_password(&txn, row.id, true, ctx.now()).await?;
    txn.commit().await.map_err(AppError::internal)?;
    Account::opened(&ctx.pii, row).map(|account| Account { must_change_password: true, ..account })
}

/// Changes an account (admin) and writes the change to the audit trail (never the password).
/// Closing it or setting a new password ends its sessions. An administrator cannot close
/// their own account.
pub async fn update(
    ctx: &Context,
    actor: &Actor,
    meta: &RequestMeta,
    id: Uuid,
    changes: AccountChanges,
) -> Result<Account, AppError> {
    authorize(actor, Action::ManageUsers, Scope::tenant(actor.tenant_id))?;
    if id == actor.user_id && changes.active == Some(false) {
        return Err(AppError::field(
            "active",
            "own_account",
            "不能停用自己的账号",
            "you cannot close your own account",
        ));
    }
    let password_hash = match &changes.password {
        Some(p) => Some(password::hash_blocking(p.expose().to_owned()).await?),
        None => None,
    };
    let now = ctx.now();
    let changed: Vec<&str> = [
        ("display_name", changes.display_name.is_some()),
        ("phone", changes.phone.is_some()),
        ("email", changes.email.is_some()),
        ("approval_work_since", changes.approval_work_since.is_some()),
        ("active", changes.active.is_some()),
        ("unlock", changes.unlock),
        ("password", password_hash.is_some()),
    ]
    .into_iter()
    .filter_map(|(field, present)| present.then_some(field))
    .collect();
    let ends_sessions = changes.active == Some(false) || password_hash.is_some();
    // A password set by an administrator is an initial one: its holder replaces it first.
    let must_change_password = password_hash.is_some().then_some(true);
    let store_changes = UserChanges {
        display_name: changes.display_name.map(|n| n.as_str().to_owned()),
        phone: changes.phone.map(|p| p.map(|p| ctx.pii.seal(p.as_str()))),
        email: changes.email.map(|e| e.map(|e| e.as_str().to_owned())),
        approval_work_since: changes.approval_work_since.map(Some),
        active: changes.active,
        unlock: changes.unlock,
        password_hash,
        must_change_password,
        end_sessions: ends_sessions,
    };
    let txn = butler_persistence::begin_write(&ctx.db).await.map_err(AppError::internal)?;
    person(repo::get(&txn, actor.tenant_id, id).await?)?;
    let row = repo::update(&txn, actor.tenant_id, id, store_changes, now).await?;
    if ends_sessions {
        tokens::revoke_all_of_user(&txn, row.id, now).await?;
    }
    let detail =
        serde_json::json!({"user_id": row.id, "username": row.username, "changed": changed, "active": row.active});
    audit_trail::record(&txn, meta, actor, AuditAction::UserUpdated, detail, now).await?;
    txn.commit().await.map_err(AppError::internal)?;
    // Closed, reopened or given a new password: its tokens are judged afresh from now on.
    ctx.sessions.forget(row.id);
    Account::opened(&ctx.pii, row)
}

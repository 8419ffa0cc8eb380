use butler_domain::api_access::AccountKind;
use butler_domain::role::Role;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, IntoActiveModel,
    QueryFilter, QuerySelect,
};
use uuid::Uuid;

use crate::entity::user::{self, Entity as User};
use crate::page::fetch_page;
use crate::{Code, Page, PageRequest, StoreError};

pub use user::Model as UserRow;

pub struct NewUser<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub role: Role,
    pub department_id: Option<Uuid>,
    pub enterprise_id: Option<Uuid>,
    pub phone: Option<&'a str>,
    pub email: Option<&'a str>,
    pub password_hash: &'a str,
    pub approval_work_since: Option<NaiveDate>,
}

/// Filters of the user list.
#[derive(Debug, Default, Clone)]
pub struct UserFilter {
    pub role: Option<Role>,
    pub department_id: Option<Uuid>,
}

pub async fn find_by_username(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    username: &str,
) -> Result<Option<UserRow>, StoreError> {
    Ok(User::find()
        .filter(user::Column::TenantId.eq(tenant_id))
        .filter(user::Column::Username.eq(username))
        .one(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, tenant_id: Uuid, id: Uuid) -> Result<UserRow, StoreError> {
    User::find_by_id(id).filter(user::Column::TenantId.eq(tenant_id)).one(db).await?.ok_or(StoreError::NotFound)
}

/// What decides whether a user's access tokens are still honoured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromQueryResult)]
pub struct Standing {
    pub active: bool,
    pub sessions_valid_from: Option<DateTime<Utc>>,
    /// The account holds an initial password that its holder must replace first.
    pub must_change_password: bool,
}

/// A user's [`Standing`], by id alone (the token names the user); `None` when there is no such
/// user.
pub async fn standing(db: &impl ConnectionTrait, id: Uuid) -> Result<Option<Standing>, StoreError> {
    Ok(User::find_by_id(id)
        .select_only()
        .column(user::Column::Active)
        .column(user::Column::SessionsValidFrom)
        .column(user::Column::MustChangePassword)
        .into_model::<Standing>()
        .one(db)
        .await?)
}

pub async fn list(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    filter: &UserFilter,
    page: PageRequest,
) -> Result<Page<UserRow>, StoreError> {
    // People only: API clients are listed with their own resource.
    let mut select = User::find()
        .filter(user::Column::TenantId.eq(tenant_id))
        .filter(user::Column::AccountKind.eq(Code(AccountKind::Person)));
    if let Some(role) = filter.role {
        select = select.filter(user::Column::Role.eq(Code(role)));
    }
    if let Some(dept) = filter.department_id {
        select = select.filter(user::Column::DepartmentId.eq(dept));
    }
    fetch_page(db, select, user::Column::Id, |m| m.id, page).await
}

/// Creates a person's account.
pub async fn create(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewUser<'_>,
    now: DateTime<Utc>,
) -> Result<UserRow, StoreError> {
    create_of_kind(db, tenant_id, new, AccountKind::Person, now).await
}

/// Creates an account of `kind` (an API client's account holds no usable password).
pub async fn create_of_kind(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    new: NewUser<'_>,
    kind: AccountKind,
    now: DateTime<Utc>,
) -> Result<UserRow, StoreError> {
    let row = user::ActiveModel {
        id: Set(super::new_id()),
        tenant_id: Set(tenant_id),
        username: Set(new.username.to_owned()),
        display_name: Set(new.display_name.to_owned()),
        role: Set(Code(new.role)),
        department_id: Set(new.department_id),
        enterprise_id: Set(new.enterprise_id),
        phone: Set(new.phone.map(str::to_owned)),
        email: Set(new.email.map(str::to_owned)),
        password_hash: Set(new.password_hash.to_owned()),
        approval_work_since: Set(new.approval_work_since),
        active: Set(true),
        failed_logins: Set(0),
        locked_until: Set(None),
        last_login_at: Set(None),
        sessions_valid_from: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        account_kind: Set(Code(kind)),
        must_change_password: Set(false),
    };
    Ok(User::insert(row).exec_with_returning(db).await?)
}

/// Changes an administrator makes to an account; `None` leaves a column as it is.
#[derive(Debug, Clone, Default)]
pub struct UserChanges {
    pub display_name: Option<String>,
    /// `Some(None)` clears the phone.
    pub phone: Option<Option<String>>,
    /// `Some(None)` clears the e-mail address.
    pub email: Option<Option<String>>,
    pub approval_work_since: Option<Option<NaiveDate>>,
    pub active: Option<bool>,
    /// Lifts a lockout after failed sign-ins.
    pub unlock: bool,
    pub password_hash: Option<String>,
    /// Whether the account's password must be changed at its next sign-in.
    pub must_change_password: Option<bool>,
    /// Ends every session: access tokens issued before now are refused from now on.
    pub end_sessions: bool,
}

/// Applies `changes` to a tenant's user and returns the row as it is now.
pub async fn update(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    id: Uuid,
    changes: UserChanges,
    now: DateTime<Utc>,
) -> Result<UserRow, StoreError> {
    let mut model = get(db, tenant_id, id).await?.into_active_model();
    if let Some(name) = changes.display_name {
        model.display_name = Set(name);
        // Case pages name their team and sheets' holders.
        super::reads::touch_directory(db, tenant_id).await?;
    }
    if let Some(phone) = changes.phone {
        model.phone = Set(phone);
    }
    if let Some(email) = changes.email {
        model.email = Set(email);
    }
    if let Some(since) = changes.approval_work_since {
        model.approval_work_since = Set(since);
    }
    if let Some(active) = changes.active {
        model.active = Set(active);
    }
    if changes.unlock {
        model.failed_logins = Set(0);
        model.locked_until = Set(None);
    }
    if let Some(hash) = changes.password_hash {
        model.password_hash = Set(hash);
    }
    if let Some(must) = changes.must_change_password {
        model.must_change_password = Set(must);
    }
    if changes.end_sessions {
        model.sessions_valid_from = Set(Some(now));
    }
    model.updated_at = Set(now);
    Ok(model.update(db).await?)
}

/// Marks a user's password as an initial one (given by an administrator or an onboarding),
/// which its holder must replace before anything else, or clears the mark.
pub async fn set_must_change_password(
    db: &impl ConnectionTrait,
    id: Uuid,
    must: bool,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    User::update_many()
        .col_expr(user::Column::MustChangePassword, Expr::value(must))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Counts a failed login; when the count reaches `max_failures` the account is locked
/// until `lock_until` and the count starts again. Returns whether it is now locked.
pub async fn record_failed_login(
    db: &impl ConnectionTrait,
    id: Uuid,
    max_failures: i32,
    now: DateTime<Utc>,
    lock_until: DateTime<Utc>,
) -> Result<bool, StoreError> {
    // One statement, so concurrent failures are all counted.
    User::update_many()
        .col_expr(user::Column::FailedLogins, Expr::col(user::Column::FailedLogins).add(1))
        .col_expr(user::Column::UpdatedAt, Expr::value(now))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    let locked = User::update_many()
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .col_expr(user::Column::LockedUntil, Expr::value(Some(lock_until)))
        .filter(user::Column::Id.eq(id))
        .filter(user::Column::FailedLogins.gte(max_failures))
        .exec(db)
        .await?;
    Ok(locked.rows_affected > 0)
}

/// A successful login clears the failure count and records the time.
pub async fn record_login(db: &impl ConnectionTrait, id: Uuid, now: DateTime<Utc>) -> Result<(), StoreError> {
    User::update_many()
        .col_expr(user::Column::FailedLogins, Expr::value(0))
        .col_expr(user::Column::LockedUntil, Expr::value(Option::<DateTime<Utc>>::None))
        .col_expr(user::Column::LastLoginAt, Expr::value(Some(now)))
        .filter(user::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Display names of some users of a tenant, in one query.
pub async fn display_names(
    db: &impl ConnectionTrait,
    tenant_id: Uuid,
    ids: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, String>, StoreError> {
    if ids.is_empty() {
        return Ok(Default::default());
    }
    Ok(User::find()
        .filter(user::Column::TenantId.eq(tenant_id))
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

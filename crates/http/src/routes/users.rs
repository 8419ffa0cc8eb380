use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use butler_domain::policy::{Action, Scope, authorize};
use butler_domain::role::Role;
use butler_domain::text::{Code, Name, NewPassword, Phone, mask_middle};
use butler_persistence::repo::users::{self, NewUser, UserChanges, UserFilter, UserRow};
use butler_persistence::repo::{departments, enterprises, tokens};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, RoleCode};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::fields;
use crate::middleware::request_meta;
use crate::state::AppState;
use butler_app::audit_trail;
use butler_app::password;

/// A user account. Phone numbers are masked.
#[derive(Debug, Serialize, ToSchema)]
pub struct UserOut {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
    pub role: RoleCode,
    pub department_id: Option<Uuid>,
    pub enterprise_id: Option<Uuid>,
    pub phone_masked: Option<String>,
    /// Since when the person has done approval work (agents need at least one year).
    pub approval_work_since: Option<NaiveDate>,
    pub active: bool,
    /// Set while the account is locked after repeated failed sign-ins.
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl UserOut {
    fn from_row(u: UserRow) -> Result<Self, ApiError> {
        let role: Role = u.role.parse().map_err(ApiError::internal)?;
        Ok(UserOut {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: role.into(),
            department_id: u.department_id,
            enterprise_id: u.enterprise_id,
            phone_masked: u.phone.as_deref().map(mask_middle),
            approval_work_since: u.approval_work_since,
            active: u.active,
            locked_until: u.locked_until,
            last_login_at: u.last_login_at,
            created_at: u.created_at,
        })
    }
}

/// A new user account.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "username": "agent-water-2",
    "display_name": "钱卫东",
    "role": "department_agent",
    "department_id": "0193a0c2-0000-7000-8000-000000000000",
    "password": "Initial-Pass-2026",
    "approval_work_since": "2022-03-01"
}))]
pub struct UserIn {
    #[validate(custom(function = "fields::code"))]
    pub username: String,
    #[validate(custom(function = "fields::name"))]
    pub display_name: String,
    pub role: RoleCode,
    /// Required for department agents and leaders.
    pub department_id: Option<Uuid>,
    /// Required for enterprise users.
    pub enterprise_id: Option<Uuid>,
    #[validate(custom(function = "fields::phone"))]
    pub phone: Option<String>,
    /// The initial password: at least 10 characters and three character classes.
    #[validate(custom(function = "fields::new_password"))]
    pub password: String,
    /// Since when the person has done approval work.
    pub approval_work_since: Option<NaiveDate>,
}

/// Filters of the user list.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Only users with this role.
    pub role: Option<RoleCode>,
    /// Only users of this department.
    pub department_id: Option<Uuid>,
}

/// List user accounts.
///
/// A department leader lists only its department.
#[utoipa::path(
    tag = "users",
    operation_id = "listUsers",
    params(PageParams, UserQuery),
    responses(
        (status = 200, description = "A page of users", body = PageOut<UserOut>),
        (status = 403, description = "The role may not list users", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users")]
pub async fn list_users(
    state: web::Data<AppState>,
    auth: Authenticated,
    page: web::Query<PageParams>,
    query: web::Query<UserQuery>,
) -> Result<web::Json<PageOut<UserOut>>, ApiError> {
    let actor = auth.0;
    let mut filter =
        UserFilter { role: query.role.map(|r| Role::from(r).code().to_owned()), department_id: query.department_id };
    // Department roles list their own department's people (colleagues to transfer a sheet to).
    if actor.role.needs_department() && filter.department_id.is_none() {
        filter.department_id = actor.department_id;
    }
    let scope = Scope { department_id: filter.department_id, ..Scope::tenant(actor.tenant_id) };
    authorize(&actor, Action::ListUsers, scope)?;
    let page = users::list(&state.app.db, actor.tenant_id, &filter, page.request()?).await?;
    let items = page.items.into_iter().map(UserOut::from_row).collect::<Result<Vec<_>, _>>()?;
    Ok(web::Json(PageOut { items, next_cursor: page.next_cursor }))
}

/// Read one user account.
#[utoipa::path(
    tag = "users",
    operation_id = "getUser",
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 200, description = "The user", body = UserOut),
        (status = 403, description = "The role may not read users", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/users/{id}")]
pub async fn get_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    id: web::Path<Uuid>,
) -> Result<web::Json<UserOut>, ApiError> {
    let actor = auth.0;
    let row = users::get(&state.app.db, actor.tenant_id, id.into_inner()).await?;
    let scope = Scope { department_id: row.department_id, ..Scope::tenant(row.tenant_id) };
    if row.id != actor.user_id {
        authorize(&actor, Action::ListUsers, scope)?;
    }
    Ok(web::Json(UserOut::from_row(row)?))
}

/// Create a user account (admin).
///
/// Department roles need a department of this tenant, enterprise users an enterprise of
/// this tenant.
#[utoipa::path(
    tag = "users",
    operation_id = "createUser",
    request_body = UserIn,
    responses(
        (status = 201, description = "Created", body = UserOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The user name is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/users")]
pub async fn create_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    body: ValidatedJson<UserIn>,
) -> Result<HttpResponse, ApiError> {
    let actor = auth.0;
    authorize(&actor, Action::ManageUsers, Scope::tenant(actor.tenant_id))?;
    let body = body.0;
    let role = Role::from(body.role);
    let username = Code::parse(&body.username).map_err(|e| fields::to_api("username", e))?;
    let display_name = Name::parse(&body.display_name).map_err(|e| fields::to_api("display_name", e))?;
    let phone = body.phone.as_deref().map(Phone::parse).transpose().map_err(|e| fields::to_api("phone", e))?;
    let new_password = NewPassword::parse(&body.password).map_err(|e| fields::to_api("password", e))?;

    let mut errors = Vec::new();
    let department_id = match (role.needs_department(), body.department_id) {
        (true, None) => {
            errors.push(crate::error::FieldError::new(
                "department_id",
                "required",
                "部门角色必须选择所属部门",
                "required for department roles",
            ));
            None
        }
        (true, Some(id)) => match departments::get(&state.app.db, actor.tenant_id, id).await {
            Ok(d) => Some(d.id),
            Err(butler_persistence::StoreError::NotFound) => {
                errors.push(crate::error::FieldError::new(
                    "department_id",
                    "unknown_department",
                    "没有这个部门",
                    "no such department",
                ));
                None
            }
            Err(e) => return Err(e.into()),
        },
        (false, Some(_)) => {
            errors.push(crate::error::FieldError::new(
                "department_id",
                "not_allowed",
                "该角色不属于部门",
                "only department roles belong to a department",
            ));
            None
        }
        (false, None) => None,
    };
    let enterprise_id = match (role.needs_enterprise(), body.enterprise_id) {
        (true, None) => {
            errors.push(crate::error::FieldError::new(
                "enterprise_id",
                "required",
                "企业用户必须绑定企业",
                "required for enterprise users",
            ));
            None
        }
        (true, Some(id)) => match enterprises::get(&state.app.db, actor.tenant_id, id).await {
            Ok(e) => Some(e.id),
            Err(butler_persistence::StoreError::NotFound) => {
                errors.push(crate::error::FieldError::new(
                    "enterprise_id",
                    "unknown_enterprise",
                    "没有这个企业",
                    "no such enterprise",
                ));
                None
            }
            Err(e) => return Err(e.into()),
        },
        (false, Some(_)) => {
            errors.push(crate::error::FieldError::new(
                "enterprise_id",
                "not_allowed",
                "只有企业用户可绑定企业",
                "only enterprise users are bound to an enterprise",
            ));
            None
        }
        (false, None) => None,
    };
    if !errors.is_empty() {
        return Err(ApiError::Validation(errors));
    }
    let hash = password::hash_blocking(new_password.expose().to_owned()).await?;
    let row = users::create(
        &state.app.db,
        actor.tenant_id,
        NewUser {
            username: username.as_str(),
            display_name: display_name.as_str(),
            role: role.code(),
            department_id,
            enterprise_id,
            phone: phone.as_ref().map(|p| p.as_str()),
            password_hash: &hash,
            approval_work_since: body.approval_work_since,
        },
        state.app.clock.now(),
    )
    .await
    .map_err(ApiError::taken("username", "该用户名已被使用", "this user name is taken"))?;
    Ok(HttpResponse::Created().json(UserOut::from_row(row)?))
}

/// Changes to an account (admin); absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"active": false}))]
pub struct UserPatch {
    #[validate(custom(function = "fields::name"))]
    pub display_name: Option<String>,
    /// A new phone number; an empty string removes it.
    pub phone: Option<String>,
    /// Since when the person has done approval work (agents need at least one year).
    pub approval_work_since: Option<NaiveDate>,
    /// `false` closes the account: no sign-in, and its sessions end.
    pub active: Option<bool>,
    /// `true` lifts a lockout after repeated failed sign-ins.
    #[serde(default)]
    pub unlock: bool,
    /// A new password (at least 10 characters, three character classes); the account's
    /// sessions end.
    #[validate(custom(function = "fields::new_password"))]
    pub password: Option<String>,
}

/// Change an account (admin): name, phone, approval experience, close or reopen it, lift a
/// lockout, set a new password.
///
/// Every change is written to the audit trail (never the password). Closing an account or
/// giving it a new password ends its sessions: its refresh tokens are revoked, and access
/// tokens issued before are refused from then on (by this server at once, by others sharing
/// the database within 10 seconds). An administrator cannot close their own account.
#[utoipa::path(
    tag = "users",
    operation_id = "updateUser",
    request_body = UserPatch,
    params(("id" = Uuid, Path, description = "The user's id")),
    responses(
        (status = 200, description = "Changed", body = UserOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/users/{id}")]
pub async fn update_user(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: ValidatedJson<UserPatch>,
) -> Result<web::Json<UserOut>, ApiError> {
    let actor = auth.0;
    authorize(&actor, Action::ManageUsers, Scope::tenant(actor.tenant_id))?;
    let id = id.into_inner();
    let body = body.0;
    let display_name =
        body.display_name.as_deref().map(Name::parse).transpose().map_err(|e| fields::to_api("display_name", e))?;
    let phone = match body.phone.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(p) => Some(Some(Phone::parse(p).map_err(|e| fields::to_api("phone", e))?.as_str().to_owned())),
    };
    if id == actor.user_id && body.active == Some(false) {
        return Err(ApiError::field(
            "active",
            "own_account",
            "不能停用自己的账号",
            "you cannot close your own account",
        ));
    }
    let password_hash = match &body.password {
        Some(p) => {
            let new_password = NewPassword::parse(p).map_err(|e| fields::to_api("password", e))?;
            Some(password::hash_blocking(new_password.expose().to_owned()).await?)
        }
        None => None,
    };
    let now = state.app.clock.now();
    let mut changed: Vec<&str> = Vec::new();
    for (field, present) in [
        ("display_name", display_name.is_some()),
        ("phone", phone.is_some()),
        ("approval_work_since", body.approval_work_since.is_some()),
        ("active", body.active.is_some()),
        ("unlock", body.unlock),
        ("password", password_hash.is_some()),
    ] {
        if present {
            changed.push(field);
        }
    }
    let ends_sessions = body.active == Some(false) || password_hash.is_some();
    let changes = UserChanges {
        display_name: display_name.map(|n| n.as_str().to_owned()),
        phone,
        approval_work_since: body.approval_work_since.map(Some),
        active: body.active,
        unlock: body.unlock,
        password_hash,
        end_sessions: ends_sessions,
    };
    let txn = butler_persistence::begin_write(&state.app.db).await.map_err(ApiError::internal)?;
    let row = users::update(&txn, actor.tenant_id, id, changes, now).await?;
    if ends_sessions {
        tokens::revoke_all_of_user(&txn, row.id, now).await?;
    }
    let detail =
        serde_json::json!({"user_id": row.id, "username": row.username, "changed": changed, "active": row.active});
    audit_trail::record(&txn, &request_meta(&req), &actor, "user_updated", detail, now).await?;
    txn.commit().await.map_err(ApiError::internal)?;
    // Closed, reopened or given a new password: its tokens are judged afresh from now on.
    state.app.sessions.forget(row.id);
    Ok(web::Json(UserOut::from_row(row)?))
}

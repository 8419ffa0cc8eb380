use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use butler_app::accounts::{self, Account, AccountChanges, AccountQuery, NewAccount};
use butler_domain::role::Role;
use butler_domain::text::{Code, Email, Name, NewPassword, Phone, mask_middle};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;
use validator::Validate;

use crate::dto::{PageOut, RoleCode, page_request};
use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, PageParams, ValidatedJson};
use crate::fields;
use crate::middleware::request_meta;
use crate::state::AppState;

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
    /// Where e-mail notifications go.
    pub email: Option<String>,
    /// Since when the person has done approval work (agents need at least one year).
    pub approval_work_since: Option<NaiveDate>,
    pub active: bool,
    /// Set while the account is locked after repeated failed sign-ins.
    pub locked_until: Option<DateTime<Utc>>,
    pub last_login_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// The account holds an initial password its holder has not yet replaced.
    pub must_change_password: bool,
}

impl From<Account> for UserOut {
    fn from(u: Account) -> Self {
        UserOut {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role.into(),
            department_id: u.department_id,
            enterprise_id: u.enterprise_id,
            phone_masked: u.phone.as_deref().map(mask_middle),
            email: u.email,
            approval_work_since: u.approval_work_since,
            active: u.active,
            locked_until: u.locked_until,
            last_login_at: u.last_login_at,
            created_at: u.created_at,
            must_change_password: u.must_change_password,
        }
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
    #[schema(pattern = r"^ *[a-z][a-z0-9_-]{1,63} *$")]
    pub username: String,
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub display_name: String,
    pub role: RoleCode,
    /// Required for department agents and leaders.
    pub department_id: Option<Uuid>,
    /// Required for enterprise users.
    pub enterprise_id: Option<Uuid>,
    #[validate(custom(function = "fields::phone"))]
    #[schema(pattern = r"^(?:[ -]*1[ -]*[3-9](?:[ -]*[0-9]){9}|[ ]*0(?:[ -]*[0-9]){9,11})[ -]*$")]
    pub phone: Option<String>,
    /// Where e-mail notifications go.
    #[validate(custom(function = "fields::email"))]
    #[schema(
        pattern = r#"^ *[^\s<>,;"@\u0000-\u001F\u007F-\u009F]+@[^\s<>,;"@.\u0000-\u001F\u007F-\u009F](?:[^\s<>,;"@\u0000-\u001F\u007F-\u009F]*[^\s<>,;"@.\u0000-\u001F\u007F-\u009F])? *$"#
    )]
    pub email: Option<String>,
    /// The initial password: at least 10 characters and three character classes. The account
    /// must change it at its first sign-in.
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
    let query = AccountQuery { role: query.role.map(Role::from), department_id: query.department_id };
    let page = accounts::list(&state.app, &auth.0, query, page_request(&page)).await?;
    Ok(web::Json(PageOut::from_page(page, UserOut::from)))
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
    let account = accounts::get(&state.app, &auth.0, id.into_inner()).await?;
    Ok(web::Json(account.into()))
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
    let body = body.0;
    // Validated above; parsing again yields the normalised values.
    let new = NewAccount {
        username: Code::parse(&body.username).map_err(|e| fields::to_api("username", e))?,
        display_name: Name::parse(&body.display_name).map_err(|e| fields::to_api("display_name", e))?,
        role: Role::from(body.role),
        department_id: body.department_id,
        enterprise_id: body.enterprise_id,
        phone: body.phone.as_deref().map(Phone::parse).transpose().map_err(|e| fields::to_api("phone", e))?,
        email: body.email.as_deref().map(Email::parse).transpose().map_err(|e| fields::to_api("email", e))?,
        password: NewPassword::parse(&body.password).map_err(|e| fields::to_api("password", e))?,
        approval_work_since: body.approval_work_since,
    };
    let account = accounts::create(&state.app, &auth.0, new).await?;
    Ok(HttpResponse::Created().json(UserOut::from(account)))
}

/// Changes to an account (admin); absent fields stay as they are.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"active": false}))]
pub struct UserPatch {
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub display_name: Option<String>,
    /// A new phone number; an empty string removes it.
    pub phone: Option<String>,
    /// A new e-mail address; an empty string removes it.
    pub email: Option<String>,
    /// Since when the person has done approval work (agents need at least one year).
    pub approval_work_since: Option<NaiveDate>,
    /// `false` closes the account: no sign-in, and its sessions end.
    pub active: Option<bool>,
    /// `true` lifts a lockout after repeated failed sign-ins.
    #[serde(default)]
    pub unlock: bool,
    /// A new initial password (at least 10 characters, three character classes), to be
    /// changed at the next sign-in; the account's sessions end.
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
    let body = body.0;
    let phone = match body.phone.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(p) => Some(Some(Phone::parse(p).map_err(|e| fields::to_api("phone", e))?)),
    };
    let email = match body.email.as_deref().map(str::trim) {
        None => None,
        Some("") => Some(None),
        Some(e) => Some(Some(Email::parse(e).map_err(|e| fields::to_api("email", e))?)),
    };
    let changes = AccountChanges {
        email,
        display_name: body
            .display_name
            .as_deref()
            .map(Name::parse)
            .transpose()
            .map_err(|e| fields::to_api("display_name", e))?,
        phone,
        approval_work_since: body.approval_work_since,
        active: body.active,
        unlock: body.unlock,
        password: body
            .password
            .as_deref()
            .map(NewPassword::parse)
            .transpose()
            .map_err(|e| fields::to_api("password", e))?,
    };
    let account = accounts::update(&state.app, &auth.0, &request_meta(&req), id.into_inner(), changes).await?;
    Ok(web::Json(account.into()))
}

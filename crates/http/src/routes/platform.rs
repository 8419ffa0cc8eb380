//! The platform administrator's operations on counties (`/platform/counties/…`): list,
//! create (with the first administrator's initial password, shown once), read, rename,
//! suspend and reinstate. Every handler takes [`PlatformAdmin`]: anyone else gets 403
//! `platform_only` before the handler runs.

use actix_web::{HttpRequest, HttpResponse, get, patch, post, web};
use butler_app::platform::{self, County, CountyCreated, NewCounty};
use butler_domain::settings::CountyStatus;
use butler_domain::text::{Code, Name};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;
use validator::{Validate, ValidationError};

use crate::error::{ApiError, Problem};
use crate::extract::{PlatformAdmin, ValidatedJson, rule};
use crate::fields;
use crate::middleware::request_meta;
use crate::state::AppState;
use utoipa_actix_web::service_config::ServiceConfig;

/// A county, as the platform sees it.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountyOut {
    /// The code its people sign in with and its public pages are addressed by.
    #[schema(example = "yongren")]
    pub code: String,
    #[schema(example = "永仁县")]
    pub name: String,
    /// `active`, or `suspended` (nothing of it is readable or writable, nobody of it signs in).
    pub status: CountyStatus,
    /// Why it was last suspended or reinstated.
    pub status_reason: Option<String>,
    /// When it was last suspended or reinstated.
    pub status_changed_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// Its people's accounts (API clients not counted).
    pub users: u64,
    /// Its cases, in every state.
    pub cases: u64,
}

impl From<County> for CountyOut {
    fn from(c: County) -> Self {
        CountyOut {
            code: c.code,
            name: c.name,
            status: c.status,
            status_reason: c.status_reason,
            status_changed_at: c.status_changed_at,
            created_at: c.created_at,
            users: c.users,
            cases: c.cases,
        }
    }
}

/// Every county, by code.
#[derive(Debug, Serialize, ToSchema)]
pub struct CountyListOut {
    pub items: Vec<CountyOut>,
}

/// A county's code: a code (lower-case letters, digits, `-`, `_`) that is not the platform's.
fn county_code(v: &str) -> Result<(), ValidationError> {
    fields::code(v)?;
    if v.trim() == platform::PLATFORM_CODE {
        return Err(rule(
            "reserved",
            format!("“{}”是平台的编码，不能用作区县编码", platform::PLATFORM_CODE),
            format!("`{}` is the platform's code, not a county's", platform::PLATFORM_CODE),
        ));
    }
    Ok(())
}

/// The first administrator of a new county.
#[derive(Debug, Deserialize, Validate, ToSchema)]
pub struct FirstAdminIn {
    /// The administrator's user name in the county.
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
}

/// A new county and its first administrator.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({
    "code": "yongren",
    "name": "永仁县",
    "admin": {"username": "admin", "display_name": "陈晓岚"}
}))]
pub struct CountyIn {
    /// The code its people will sign in with: lower-case letters, digits, `-` and `_`, 2–64
    /// characters, starting with a letter; not `platform`; not taken.
    #[validate(custom(function = "county_code"))]
    pub code: String,
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub name: String,
    #[validate(nested)]
    pub admin: FirstAdminIn,
}

/// The first administrator as created.
#[derive(Debug, Serialize, ToSchema)]
pub struct FirstAdminOut {
    pub id: Uuid,
    pub username: String,
    pub display_name: String,
}

/// A county created. `initial_password` is shown in this answer only (only its hash is
/// kept); the administrator must change it at first sign-in.
#[derive(Serialize, ToSchema)]
pub struct CountyCreatedOut {
    pub county: CountyOut,
    pub admin: FirstAdminOut,
    /// The administrator's initial password, shown once.
    #[schema(example = "Hk7pq-Xa3mt-9RzwE-uc4Nd")]
    pub initial_password: String,
}

impl From<CountyCreated> for CountyCreatedOut {
    fn from(c: CountyCreated) -> Self {
        CountyCreatedOut {
            county: c.county.into(),
            admin: FirstAdminOut { id: c.admin.id, username: c.admin.username, display_name: c.admin.display_name },
            initial_password: c.initial_password,
        }
    }
}

/// A county's new name.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"name": "永仁县（试点）"}))]
pub struct CountyPatch {
    #[validate(custom(function = "fields::name"))]
    #[schema(
        min_length = 1,
        max_length = 200,
        pattern = r"^[ ]*[^\s\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$"
    )]
    pub name: String,
}

/// Why a county is suspended or reinstated (kept with it and in both audit trails).
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"reason": "合同到期，待续签"}))]
pub struct CountyStandingIn {
    /// 1–500 characters.
    #[validate(custom(function = "fields::not_blank"), length(max = 500))]
    #[schema(
        max_length = 500,
        pattern = r"^[^\S\u000B-\u000D\u0085]*[^\s\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069][^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$",
        min_length = 1
    )]
    pub reason: String,
}

/// Registers the platform's operations.
pub fn register(cfg: &mut ServiceConfig) {
    cfg.service(list_counties)
        .service(create_county)
        .service(get_county)
        .service(rename_county)
        .service(suspend_county)
        .service(reinstate_county);
}

/// List the counties (platform administrator).
///
/// Every county by code, with its standing and how many people and cases it holds.
#[utoipa::path(
    tag = "platform",
    operation_id = "listCounties",
    responses(
        (status = 200, description = "Every county", body = CountyListOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/platform/counties")]
pub async fn list_counties(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
) -> Result<web::Json<CountyListOut>, ApiError> {
    let counties = platform::list(&state.app, &auth.0).await?;
    Ok(web::Json(CountyListOut { items: counties.into_iter().map(CountyOut::from).collect() }))
}

/// Create a county with its first administrator (platform administrator).
///
/// The administrator gets a generated initial password, in this answer only, to be changed
/// at first sign-in. Audited in the platform's trail and the new county's.
#[utoipa::path(
    tag = "platform",
    operation_id = "createCounty",
    request_body = CountyIn,
    responses(
        (status = 201, description = "Created; the initial password is shown this once", body = CountyCreatedOut),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The code is taken", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/platform/counties")]
pub async fn create_county(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    req: HttpRequest,
    body: ValidatedJson<CountyIn>,
) -> Result<HttpResponse, ApiError> {
    let body = body.0;
    // Validated above; parsing again yields the normalised values.
    let new = NewCounty {
        code: Code::parse(&body.code).map_err(|e| fields::to_api("code", e))?,
        name: Name::parse(&body.name).map_err(|e| fields::to_api("name", e))?,
        admin_username: Code::parse(&body.admin.username).map_err(|e| fields::to_api("admin.username", e))?,
        admin_display_name: Name::parse(&body.admin.display_name)
            .map_err(|e| fields::to_api("admin.display_name", e))?,
    };
    let created = platform::create(&state.app, &auth.0, &request_meta(&req), new).await?;
    Ok(HttpResponse::Created().json(CountyCreatedOut::from(created)))
}

/// Read a county (platform administrator).
#[utoipa::path(
    tag = "platform",
    operation_id = "getCounty",
    params(("code" = String, Path, description = "The county's code")),
    responses(
        (status = 200, description = "The county", body = CountyOut),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No county has this code", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/platform/counties/{code}")]
pub async fn get_county(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    code: web::Path<String>,
) -> Result<web::Json<CountyOut>, ApiError> {
    Ok(web::Json(platform::get(&state.app, &auth.0, &code).await?.into()))
}

/// Rename a county (platform administrator; audited).
#[utoipa::path(
    tag = "platform",
    operation_id = "renameCounty",
    params(("code" = String, Path, description = "The county's code")),
    request_body = CountyPatch,
    responses(
        (status = 200, description = "Renamed", body = CountyOut),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No county has this code", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
    )
)]
#[patch("/platform/counties/{code}")]
pub async fn rename_county(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    req: HttpRequest,
    code: web::Path<String>,
    body: ValidatedJson<CountyPatch>,
) -> Result<web::Json<CountyOut>, ApiError> {
    let name = Name::parse(&body.0.name).map_err(|e| fields::to_api("name", e))?;
    Ok(web::Json(platform::rename(&state.app, &auth.0, &request_meta(&req), &code, name).await?.into()))
}

/// Suspend a county, with a reason (platform administrator; audited).
///
/// From then on nobody of it signs in (403 `county_suspended`), its access tokens are refused
/// (within 10 seconds on every server; at once on this one) and its sessions end for good,
/// its API keys are refused, its public pages answer 404, and its reminders and deliveries
/// wait until it is reinstated.
#[utoipa::path(
    tag = "platform",
    operation_id = "suspendCounty",
    params(("code" = String, Path, description = "The county's code")),
    request_body = CountyStandingIn,
    responses(
        (status = 200, description = "Suspended", body = CountyOut),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No county has this code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Suspended already", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/platform/counties/{code}/suspend")]
pub async fn suspend_county(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    req: HttpRequest,
    code: web::Path<String>,
    body: ValidatedJson<CountyStandingIn>,
) -> Result<web::Json<CountyOut>, ApiError> {
    let county = platform::suspend(&state.app, &auth.0, &request_meta(&req), &code, &body.0.reason).await?;
    Ok(web::Json(county.into()))
}

/// Reinstate a suspended county, with a reason (platform administrator; audited).
///
/// Its people sign in again (sessions ended by the suspension stay ended), its public pages
/// return, and the reminders and deliveries that waited go out.
#[utoipa::path(
    tag = "platform",
    operation_id = "reinstateCounty",
    params(("code" = String, Path, description = "The county's code")),
    request_body = CountyStandingIn,
    responses(
        (status = 200, description = "Reinstated", body = CountyOut),
        (status = 403, description = "Not a platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No county has this code", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not suspended", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No reason given", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/platform/counties/{code}/reinstate")]
pub async fn reinstate_county(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    req: HttpRequest,
    code: web::Path<String>,
    body: ValidatedJson<CountyStandingIn>,
) -> Result<web::Json<CountyOut>, ApiError> {
    let county = platform::reinstate(&state.app, &auth.0, &request_meta(&req), &code, &body.0.reason).await?;
    Ok(web::Json(county.into()))
}

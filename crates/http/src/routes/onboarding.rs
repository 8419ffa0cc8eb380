//! Onboarding a county from one workbook (县开通工作簿), for the platform administrator: the
//! import (all or nothing, with a dry run), the export of a county in the same workbook, and
//! the blank template.

use actix_multipart::Multipart;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use butler_app::onboarding::{self, CreatedUser, OnboardOptions, OnboardReport};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::download::FileBytes;
use crate::dto::RoleCode;
use crate::error::{ApiError, Problem};
use crate::extract::PlatformAdmin;
use crate::middleware::request_meta;
use crate::routes::catalog_workbook::{CatalogImportOut, read_file};
use crate::routes::forms::download;
use crate::state::AppState;

/// How to onboard.
#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct OnboardingQuery {
    /// Only answer what would be created; nothing is written and no password is made.
    #[serde(default)]
    pub dry_run: bool,
}

/// The workbook upload (`multipart/form-data`).
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct OnboardingForm {
    /// The onboarding workbook (.xlsx, the template of `getOnboardingTemplate`).
    #[schema(value_type = String, format = Binary, content_media_type = "application/octet-stream")]
    pub file: Vec<u8>,
}

/// A user the onboarding created (or would create).
#[derive(Debug, Serialize, ToSchema)]
pub struct OnboardedUserOut {
    #[schema(example = "agent-natural-resources")]
    pub username: String,
    pub display_name: String,
    pub role: RoleCode,
    pub department_code: Option<String>,
    /// The initial password, shown only in this answer (null for a dry run). The user must
    /// change it at first sign-in.
    #[schema(example = "Hq7m-Tx4k-9Pcw")]
    pub initial_password: Option<String>,
}

/// What the onboarding created (or, for a dry run, would create).
#[derive(Debug, Serialize, ToSchema)]
pub struct OnboardingOut {
    pub dry_run: bool,
    /// The county's code (its users sign in with it).
    #[schema(example = "qinghe")]
    pub code: String,
    #[schema(example = "清河县")]
    pub name: String,
    /// The county's settings version (1).
    pub settings_version: i32,
    /// Whether a public profile was written.
    pub profile: bool,
    /// The departments' codes, in the workbook's order.
    pub departments: Vec<String>,
    pub users: Vec<OnboardedUserOut>,
    /// The catalog, as the catalog import reports it (every item published).
    pub catalog: CatalogImportOut,
    /// Local calendar days written.
    pub calendar_days: usize,
}

impl From<CreatedUser> for OnboardedUserOut {
    fn from(u: CreatedUser) -> Self {
        OnboardedUserOut {
            username: u.username,
            display_name: u.display_name,
            role: u.role.into(),
            department_code: u.department_code,
            initial_password: u.initial_password,
        }
    }
}

impl From<OnboardReport> for OnboardingOut {
    fn from(r: OnboardReport) -> Self {
        let catalog = CatalogImportOut::from(r.catalog);
        OnboardingOut {
            dry_run: r.dry_run,
            code: r.code,
            name: r.name,
            settings_version: r.settings_version,
            profile: r.profile,
            departments: r.departments,
            users: r.users.into_iter().map(Into::into).collect(),
            catalog,
            calendar_days: r.calendar_days,
        }
    }
}

/// Onboard a county from its workbook (platform administrator).
///
/// All or nothing, in one transaction: the county (its code must be free), its settings as
/// version 1, public profile, departments, users, catalog (published) and local calendar days.
/// Every problem of the workbook is listed in `errors`, each `field` being `sheet/row/column` as
/// the spreadsheet shows them (`用户/4/角色`), and nothing is written. Each user gets an initial
/// password, returned only in this answer and to be changed at first sign-in. `dry_run`
/// answers the same report (without passwords) and writes nothing.
#[utoipa::path(
    tag = "platform",
    operation_id = "onboardCounty",
    params(OnboardingQuery),
    request_body(content = OnboardingForm, content_type = "multipart/form-data"),
    responses(
        (status = 200, description = "Onboarded (or, for a dry run, what would be)", body = OnboardingOut),
        (status = 400, description = "Not a multipart body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The workbook is larger than 10 MB", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No `file` part, not a workbook, or the workbook's problems (each named by sheet/row/column); nothing written", body = Problem, content_type = "application/problem+json"),
    )
)]
#[post("/platform/onboarding")]
pub async fn onboard_county(
    state: web::Data<AppState>,
    req: HttpRequest,
    auth: PlatformAdmin,
    query: web::Query<OnboardingQuery>,
    mut payload: Multipart,
) -> Result<web::Json<OnboardingOut>, ApiError> {
    let bytes = read_file(&mut payload).await?;
    let options = OnboardOptions { dry_run: query.dry_run };
    let report = onboarding::onboard(&state.app, &auth.0, &request_meta(&req), &bytes, options).await?;
    Ok(web::Json(report.into()))
}

/// Export a county in the onboarding workbook (platform administrator).
///
/// Its settings in force, public profile, departments, officials' open accounts (no
/// passwords), catalog in force and local calendar days, in the template `onboardCounty`
/// reads: change the code and name and it onboards a new county like this one.
#[utoipa::path(
    tag = "platform",
    operation_id = "exportCountyWorkbook",
    params(("code" = String, Path, description = "The county's code")),
    responses(
        (status = 200, description = "The workbook (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''县开通工作簿-{code}.xlsx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the platform administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No county of this code", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/platform/counties/{code}/workbook")]
pub async fn export_county_workbook(
    state: web::Data<AppState>,
    auth: PlatformAdmin,
    code: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(download(onboarding::export_county(&state.app, &auth.0, &code).await?))
}

/// The blank onboarding workbook (platform administrator).
///
/// Every sheet with its header, the settings at their defaults, and a 说明 sheet explaining
/// each column and setting.
#[utoipa::path(
    tag = "platform",
    operation_id = "getOnboardingTemplate",
    responses(
        (status = 200, description = "The template (.xlsx)", content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body = FileBytes,
            headers(("Content-Disposition" = String, description = "attachment; filename*=UTF-8''县开通工作簿模板.xlsx"))),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the platform administrator", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/platform/onboarding/template")]
pub async fn get_onboarding_template(auth: PlatformAdmin) -> Result<HttpResponse, ApiError> {
    Ok(download(onboarding::template_file(&auth.0)?))
}

use actix_web::{HttpRequest, get, put, web};
use butler_app::tenants::{self, Tenant};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use validator::Validate;

use crate::error::{ApiError, Problem};
use crate::extract::{Authenticated, ValidatedJson};
use crate::middleware::request_meta;
use crate::state::AppState;

/// The caller's tenant (county) and its configuration.
#[derive(Debug, Serialize, ToSchema)]
pub struct TenantOut {
    pub code: String,
    pub name: String,
    /// The smallest total investment served, in fen (分): 5,000,000,000 = 5000 万元.
    pub investment_threshold_fen: i64,
    /// IANA time zone of the county (`Asia/Shanghai`).
    pub time_zone: String,
    /// The project-wide target in working days each case's forecast is held against (国家
    /// 120 个工作日 unless the county set another; `putTenantTarget`).
    pub target_working_days: i32,
}

impl From<Tenant> for TenantOut {
    fn from(t: Tenant) -> Self {
        TenantOut {
            code: t.code,
            name: t.name,
            investment_threshold_fen: t.investment_threshold_fen,
            time_zone: t.time_zone,
            target_working_days: t.target_working_days,
        }
    }
}

/// The county's target.
#[derive(Debug, Deserialize, Validate, ToSchema)]
#[schema(example = json!({"target_working_days": 100}))]
pub struct TenantTargetIn {
    /// Working days, 1–750.
    pub target_working_days: i32,
}

/// The caller's tenant.
#[utoipa::path(
    tag = "tenant",
    operation_id = "getTenant",
    responses(
        (status = 200, description = "The tenant", body = TenantOut),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    )
)]
#[get("/tenant")]
pub async fn get_tenant(state: web::Data<AppState>, auth: Authenticated) -> Result<web::Json<TenantOut>, ApiError> {
    Ok(web::Json(tenants::current(&state.app, &auth.0).await?.into()))
}

/// Set the county's project-wide target in working days (admin; audited).
///
/// Every case's forecast is held against it from now on (`listCaseForecasts`).
#[utoipa::path(
    tag = "tenant",
    operation_id = "putTenantTarget",
    request_body = TenantTargetIn,
    responses(
        (status = 200, description = "The tenant with its new target", body = TenantOut),
        (status = 403, description = "Not an admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A target outside 1–750 working days", body = Problem, content_type = "application/problem+json"),
    )
)]
#[put("/tenant/target")]
pub async fn put_tenant_target(
    state: web::Data<AppState>,
    auth: Authenticated,
    req: HttpRequest,
    body: ValidatedJson<TenantTargetIn>,
) -> Result<web::Json<TenantOut>, ApiError> {
    let now = state.app.now();
    let t = tenants::set_target_working_days(&state.app, &auth.0, &request_meta(&req), body.0.target_working_days, now)
        .await?;
    Ok(web::Json(t.into()))
}

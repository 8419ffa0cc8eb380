use actix_web::{get, web};
use butler_app::tenants;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, Problem};
use crate::extract::Authenticated;
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
    let t = tenants::current(&state.app, &auth.0).await?;
    Ok(web::Json(TenantOut {
        code: t.code,
        name: t.name,
        investment_threshold_fen: t.investment_threshold_fen,
        time_zone: t.time_zone,
    }))
}

use actix_web::{HttpResponse, get, web};
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::ApiError;
use crate::state::AppState;

/// A probe's answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct HealthOut {
    /// `ok` when healthy.
    pub status: String,
}

/// Liveness: the process serves requests.
#[utoipa::path(tag = "operations", operation_id = "getHealth", responses((status = 200, description = "Alive", body = HealthOut)), security(()))]
#[get("/healthz")]
pub async fn healthz() -> web::Json<HealthOut> {
    web::Json(HealthOut { status: "ok".into() })
}

/// Readiness: the database answers.
#[utoipa::path(
    tag = "operations",
    operation_id = "getReadiness",
    responses(
        (status = 200, description = "Ready", body = HealthOut),
        (status = 503, description = "The database does not answer", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(())
)]
#[get("/readyz")]
pub async fn readyz(state: web::Data<AppState>) -> Result<web::Json<HealthOut>, ApiError> {
    butler_app::health::ready(&state.app).await?;
    Ok(web::Json(HealthOut { status: "ok".into() }))
}

/// Request counts and latencies in the Prometheus text format.
#[utoipa::path(
    tag = "operations",
    operation_id = "getMetrics",
    responses((status = 200, description = "Prometheus metrics", body = String, content_type = "text/plain; version=0.0.4")),
    security(())
)]
#[get("/metrics")]
pub async fn metrics(state: web::Data<AppState>) -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(state.metrics.render())
}

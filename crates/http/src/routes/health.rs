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
    /// Readiness only: what the server warns of while it stays ready.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<ReadinessDetail>,
}

/// What a ready server warns of.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReadinessDetail {
    /// Years missing their national holiday notice (the current year, and the next one from
    /// the flag day on): deadlines in them count plain weeks until the platform loads it.
    #[schema(example = json!([2027]))]
    pub missing_national_years: Vec<i32>,
    /// The warnings in words (English), one per problem; empty when there is none.
    #[schema(example = json!(["the national holiday notice of 2027 is not loaded"]))]
    pub warnings: Vec<String>,
}

/// Liveness: the process serves requests.
#[utoipa::path(tag = "operations", operation_id = "getHealth", responses((status = 200, description = "Alive", body = HealthOut)), security(()))]
#[get("/healthz")]
pub async fn healthz() -> web::Json<HealthOut> {
    web::Json(HealthOut { status: "ok".into(), detail: None })
}

/// Readiness: the database answers; `detail` tells the warnings of a ready server (a year
/// missing its national holiday notice).
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
    let readiness = butler_app::health::readiness(&state.app).await?;
    let warnings = readiness
        .missing_national_years
        .iter()
        .map(|y| format!("the national holiday notice of {y} is not loaded"))
        .collect();
    let detail = ReadinessDetail { missing_national_years: readiness.missing_national_years, warnings };
    Ok(web::Json(HealthOut { status: "ok".into(), detail: Some(detail) }))
}

/// Request counts and latencies in the Prometheus text format, for the monitoring system
/// only: it sends `Authorization: Bearer <token>` with the token configured as
/// `BUTLER_METRICS_TOKEN`. Without a configured token the endpoint does not exist (404).
#[utoipa::path(
    tag = "operations",
    operation_id = "getMetrics",
    responses(
        (status = 200, description = "Prometheus metrics", body = String, content_type = "text/plain; version=0.0.4"),
        (status = 401, description = "No token, or not the configured one", body = crate::error::Problem, content_type = "application/problem+json"),
        (status = 404, description = "No metrics token is configured", body = crate::error::Problem, content_type = "application/problem+json"),
    ),
    security(("metrics_token" = []))
)]
#[get("/metrics")]
pub async fn metrics(state: web::Data<AppState>, req: actix_web::HttpRequest) -> Result<HttpResponse, ApiError> {
    let Some(token) = state.metrics_token.as_deref() else { return Err(ApiError::NotFound) };
    let offered = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // Compared as digests: the time taken says nothing of how much of the token was right.
    use sha2::{Digest, Sha256};
    if Sha256::digest(offered.as_bytes()) != Sha256::digest(token.as_bytes()) {
        return Err(ApiError::Unauthenticated);
    }
    Ok(HttpResponse::Ok().content_type("text/plain; version=0.0.4; charset=utf-8").body(state.metrics.render()))
}

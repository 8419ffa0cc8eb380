//! Per-request plumbing: a request id (taken from `X-Request-Id` or made), the caller's
//! language for error messages, a tracing span, one structured log line and the metrics.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpMessage, web};
use std::time::Instant;
use tracing::Instrument;

use crate::error::REQUEST_LANG;
use crate::i18n::Lang;
use crate::state::AppState;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The request's id, available to handlers through request extensions.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

pub async fn observe(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let started = Instant::now();
    let request_id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_graphic()))
        .map(str::to_owned)
        .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let lang = Lang::from_header(req.headers().get("accept-language").and_then(|v| v.to_str().ok()));
    let method = req.method().to_string();
    let path = req.path().to_owned();
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let span = tracing::info_span!("request", request_id = %request_id, method = %method, path = %path);

    let result = REQUEST_LANG.scope(lang, next.call(req)).instrument(span.clone()).await;

    let mut res = result?;
    let status = res.status().as_u16();
    let route = res.request().match_pattern().unwrap_or_else(|| "unmatched".to_owned());
    let seconds = started.elapsed().as_secs_f64();
    if let Some(state) = state {
        state.metrics.observe(&method, &route, status, seconds);
    }
    if let Ok(value) = HeaderValue::from_str(&request_id) {
        res.headers_mut().insert(REQUEST_ID, value);
    }
    span.in_scope(|| {
        tracing::info!(status, route = %route, duration_ms = seconds * 1000.0, "served");
    });
    Ok(res)
}

/// Where a request came from, for the audit trail and the per-address limits: the client's
/// address as `client_addr` tells it (forwarding headers only from trusted proxies).
pub fn request_meta(req: &actix_web::HttpRequest) -> butler_app::audit_trail::RequestMeta {
    use actix_web::HttpMessage;
    butler_app::audit_trail::RequestMeta {
        ip: crate::client_addr::client(req).ip,
        request_id: req.extensions().get::<RequestId>().map(|r| r.0.clone()),
    }
}

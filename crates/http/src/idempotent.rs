//! `Idempotency-Key` for every `POST`: the first successful answer is stored and replayed
//! to retries of the same request; the same key with another request is refused (422).
//!
//! The key is reserved before the request runs, so two concurrent retries never both act;
//! a request that does not succeed releases its key, so a retry runs again. A reservation
//! left by a process that died mid-request is taken over after `butler_app::idempotency::ABANDONED_AFTER_SECS`.

use actix_web::body::{BoxBody, MessageBody, to_bytes};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::{AUTHORIZATION, CONTENT_TYPE, HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{Error, HttpResponse, ResponseError, web};
use butler_app::idempotency::{self, Reservation};
use butler_domain::policy::Actor;
use sha2::{Digest, Sha256};

use crate::auth::tokens;
use crate::error::ApiError;
use crate::state::AppState;

const KEY: HeaderName = HeaderName::from_static("idempotency-key");
const REPLAYED: HeaderName = HeaderName::from_static("idempotent-replayed");

/// The hash that identifies a request under a key: method, path and body.
pub fn request_hash(method: &str, path: &str, body: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(method.as_bytes());
    h.update(b" ");
    h.update(path.as_bytes());
    h.update(b"\n");
    h.update(body);
    hex::encode(h.finalize())
}

/// Whether an `Idempotency-Key` is one: 1–128 visible ASCII characters.
pub fn valid_key(key: &str) -> bool {
    !key.is_empty() && key.len() <= 128 && key.chars().all(|c| c.is_ascii_graphic())
}

fn problem(req: ServiceRequest, err: ApiError) -> ServiceResponse<BoxBody> {
    let res = err.error_response();
    req.into_response(res)
}

/// The caller, when the bearer token is valid and its account still honours it in full.
async fn actor_of(req: &ServiceRequest, state: &AppState) -> Result<Option<Actor>, ApiError> {
    let Some(credential) = req
        .headers()
        .get(AUTHORIZATION)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| h.strip_prefix("Bearer ").or_else(|| h.strip_prefix("bearer ")))
        .map(str::trim)
    else {
        return Ok(None);
    };
    // An API client's keys are its own, like a person's.
    if butler_app::api_clients::key::is_api_key(credential) {
        return Ok(butler_app::api_clients::authenticate(&state.app, credential).await.ok().map(|p| p.actor));
    }
    let Some(token) = tokens::verify_access(&state.auth, credential, state.app.clock.now()).ok() else {
        return Ok(None);
    };
    // An account that must first replace its initial password replays nothing either.
    let admission = state.app.admit_token(token.actor.user_id, token.issued_at).await?;
    Ok((admission == butler_app::sessions::Admission::Honoured).then_some(token.actor))
}

pub async fn middleware(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, Error> {
    // Uploads stream their body and are never replayed: each makes a new version.
    let upload = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.to_ascii_lowercase().starts_with("multipart/"));
    let key = match req.headers().get(&KEY) {
        Some(v) if req.method() == actix_web::http::Method::POST && !upload => v.to_str().unwrap_or("").to_owned(),
        _ => return next.call(req).await.map(ServiceResponse::map_into_boxed_body),
    };
    if !valid_key(&key) {
        return Ok(problem(
            req,
            ApiError::field(
                "Idempotency-Key",
                "invalid_idempotency_key",
                "Idempotency-Key 须为 1–128 个可见 ASCII 字符",
                "Idempotency-Key must be 1–128 visible ASCII characters",
            ),
        ));
    }
    let Some(state) = req.app_data::<web::Data<AppState>>().cloned() else {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    };
    // Keys belong to a signed-in user; without one (or with a closed account's token) the
    // handler answers 401 anyway, and nothing stored is replayed.
    let Some(actor) = actor_of(&req, &state).await? else {
        return next.call(req).await.map(ServiceResponse::map_into_boxed_body);
    };
    let body = req.extract::<web::Bytes>().await?;
    let hash = request_hash(req.method().as_str(), req.path(), &body);
    req.set_payload(actix_web::dev::Payload::from(body));

    let reservation = match idempotency::reserve(&state.app, &actor, &key, &hash).await {
        Ok(Reservation::Reserved(id)) => id,
        Ok(Reservation::Replay { status, body }) => {
            let res = HttpResponse::build(StatusCode::from_u16(status).unwrap_or(StatusCode::OK))
                .insert_header((REPLAYED, HeaderValue::from_static("true")))
                .insert_header((CONTENT_TYPE, HeaderValue::from_static("application/json")))
                .body(body);
            return Ok(req.into_response(res));
        }
        Ok(Reservation::KeyReused) => return Ok(problem(req, ApiError::IdempotencyKeyReused)),
        Ok(Reservation::StillRunning) => {
            return Ok(problem(req, ApiError::Conflict("a request with this Idempotency-Key is still running".into())));
        }
        Ok(Reservation::Applied) => {
            return Ok(problem(
                req,
                ApiError::Conflict(
                    "the request with this Idempotency-Key was carried out, but the server stopped before answering"
                        .into(),
                ),
            ));
        }
        Ok(Reservation::Lost) => {
            return Ok(problem(req, ApiError::Conflict("the Idempotency-Key reservation was lost".into())));
        }
        Err(e) => return Ok(problem(req, e.into())),
    };

    let res = idempotency::scoped(reservation, next.call(req)).await?;
    let status = res.status();
    let (http_req, res) = res.into_parts();
    let (head, res_body) = res.into_parts();
    let bytes =
        to_bytes(res_body).await.map_err(|e| ApiError::internal(std::io::Error::other(e.into().to_string())))?;
    if status.is_success() {
        idempotency::complete(&state.app, reservation, status.as_u16(), &String::from_utf8_lossy(&bytes))
            .await
            .map_err(ApiError::from)?;
    } else {
        idempotency::release(&state.app, reservation).await.map_err(ApiError::from)?;
    }
    let res = head.set_body(BoxBody::new(bytes));
    Ok(ServiceResponse::new(http_req, res))
}

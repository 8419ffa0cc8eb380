//! What every public (no sign-in) operation shares: [`PublicClient`], the extractor that
//! holds each client address to the public rate limit (429 with `Retry-After`) and resolves
//! the county named by the path's `{tenant}` (404 when unknown or not publishing), and
//! [`cached`], which answers a read with a strong `ETag` (a hash of the body), honours
//! `If-None-Match` with 304, and lets shared caches keep it for a minute.
//!
//! A public write (a consultation, a complaint) takes a `PublicClient` too, and may hold the
//! address to a stricter limit of its own with [`throttle`].

use actix_web::dev::Payload;
use actix_web::http::header::{self, HeaderValue};
use actix_web::{FromRequest, HttpRequest, HttpResponse, web};
use butler_app::audit_trail::RequestMeta;
use butler_app::public::{self, PublicTenant};
use futures_util::future::LocalBoxFuture;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::error::ApiError;
use crate::limiter::RateLimiter;
use crate::middleware::request_meta;
use crate::state::AppState;

/// `Cache-Control` of every public read.
pub const CACHE_CONTROL: &str = "public, max-age=60";

/// A caller of a public operation: within the public limit for its address, on a county
/// that publishes.
pub struct PublicClient {
    /// The county the path names.
    pub tenant: PublicTenant,
    /// The client's address and the request's id (for an audit or a submission's record).
    pub meta: RequestMeta,
}

/// Counts one request of the client address of `req` against `limiter`; over the limit is
/// 429 `too_many_requests` with `Retry-After`.
pub fn throttle(state: &AppState, limiter: &RateLimiter, req: &HttpRequest) -> Result<RequestMeta, ApiError> {
    let meta = request_meta(req);
    limiter
        .check(&meta.ip, state.app.clock.now())
        .map_err(|retry_after_secs| ApiError::TooManyRequests { retry_after_secs })?;
    Ok(meta)
}

impl FromRequest for PublicClient {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let meta = state.as_ref().map(|s| throttle(s, &s.public_limiter, req));
        let code = req.match_info().get("tenant").unwrap_or("").to_owned();
        Box::pin(async move {
            let (Some(state), Some(meta)) = (state, meta) else { return Err(ApiError::NotFound) };
            let meta = meta?;
            let tenant = public::tenant(&state.app, &code).await?;
            Ok(PublicClient { tenant, meta })
        })
    }
}

/// The strong entity tag of a body: its SHA-256, quoted.
pub fn entity_tag(body: &[u8]) -> String {
    format!("\"{}\"", hex::encode(Sha256::digest(body)))
}

/// Whether `If-None-Match` (a list of tags, or `*`) matches `etag`; weak comparison, as
/// RFC 9110 asks for this header.
fn none_match(req: &HttpRequest, etag: &str) -> bool {
    req.headers().get_all(header::IF_NONE_MATCH).filter_map(|v| v.to_str().ok()).flat_map(|v| v.split(',')).any(|tag| {
        let tag = tag.trim();
        tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag
    })
}

/// `body` as JSON with its `ETag` and `Cache-Control`, or 304 Not Modified (no body) when the
/// client's `If-None-Match` already names it.
pub fn cached<T: Serialize>(req: &HttpRequest, body: &T) -> Result<HttpResponse, ApiError> {
    let json = serde_json::to_vec(body).map_err(ApiError::internal)?;
    let etag = entity_tag(&json);
    let not_modified = none_match(req, &etag);
    let mut res = if not_modified { HttpResponse::NotModified() } else { HttpResponse::Ok() };
    res.insert_header((header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL)));
    res.insert_header((header::ETAG, etag));
    if not_modified {
        return Ok(res.finish());
    }
    Ok(res.content_type("application/json").body(json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn the_tag_is_the_quoted_hash_of_the_body_and_changes_with_it() {
        let a = entity_tag(br#"{"a":1}"#);
        assert!(a.starts_with('"') && a.ends_with('"') && a.len() == 66, "{a}");
        assert_eq!(a, entity_tag(br#"{"a":1}"#));
        assert_ne!(a, entity_tag(br#"{"a":2}"#));
    }

    #[test]
    fn if_none_match_matches_a_listed_tag_a_weak_one_or_a_star() {
        let etag = entity_tag(b"x");
        let with =
            |v: &str| TestRequest::default().insert_header((header::IF_NONE_MATCH, v.to_owned())).to_http_request();
        assert!(none_match(&with(&etag), &etag));
        assert!(none_match(&with(&format!("\"other\", W/{etag}")), &etag));
        assert!(none_match(&with("*"), &etag));
        assert!(!none_match(&with("\"other\""), &etag));
        assert!(!none_match(&TestRequest::default().to_http_request(), &etag));
    }

    #[test]
    fn a_matching_tag_answers_304_without_a_body_and_with_the_headers() {
        let body = serde_json::json!({"items": []});
        let first = cached(&TestRequest::default().to_http_request(), &body).unwrap();
        assert_eq!(first.status(), 200);
        let etag = first.headers().get(header::ETAG).unwrap().to_str().unwrap().to_owned();
        assert_eq!(first.headers().get(header::CACHE_CONTROL).unwrap(), CACHE_CONTROL);
        let req = TestRequest::default().insert_header((header::IF_NONE_MATCH, etag.clone())).to_http_request();
        let again = cached(&req, &body).unwrap();
        assert_eq!(again.status(), 304);
        assert_eq!(again.headers().get(header::ETAG).unwrap().to_str().unwrap(), etag);
        assert_eq!(again.headers().get(header::CACHE_CONTROL).unwrap(), CACHE_CONTROL);
    }
}

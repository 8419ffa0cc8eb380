//! `If-Match` and `Idempotency-Key` request headers.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};

use crate::error::ApiError;

/// The version named by `If-Match` (`"3"`, `W/"3"` or `3`), if the header is present.
pub struct IfMatch(pub Option<i32>);

impl FromRequest for IfMatch {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = match req.headers().get("if-match") {
            None => Ok(IfMatch(None)),
            Some(v) => {
                let text = v.to_str().unwrap_or("").trim();
                let text = text.strip_prefix("W/").unwrap_or(text).trim_matches('"');
                if text == "*" {
                    Ok(IfMatch(None))
                } else {
                    text.parse::<i32>().map(|n| IfMatch(Some(n))).map_err(|_| {
                        ApiError::field(
                            "If-Match",
                            "invalid_etag",
                            "If-Match 须为记录的版本号（ETag）",
                            "If-Match must be the record's ETag",
                        )
                    })
                }
            }
        };
        std::future::ready(parsed)
    }
}

/// An `Idempotency-Key` (1–128 visible ASCII characters), if present.
pub struct IdempotencyKey(pub Option<String>);

impl FromRequest for IdempotencyKey {
    type Error = ApiError;
    type Future = std::future::Ready<Result<Self, ApiError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let parsed = match req.headers().get("idempotency-key") {
            None => Ok(IdempotencyKey(None)),
            Some(v) => match v.to_str() {
                Ok(k) if !k.is_empty() && k.len() <= 128 && k.chars().all(|c| c.is_ascii_graphic()) => {
                    Ok(IdempotencyKey(Some(k.to_owned())))
                }
                _ => Err(ApiError::field(
                    "Idempotency-Key",
                    "invalid_idempotency_key",
                    "Idempotency-Key 须为 1–128 个可见 ASCII 字符",
                    "Idempotency-Key must be 1–128 visible ASCII characters",
                )),
            },
        };
        std::future::ready(parsed)
    }
}

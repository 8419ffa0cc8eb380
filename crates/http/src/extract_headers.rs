//! The `If-Match` request header.

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

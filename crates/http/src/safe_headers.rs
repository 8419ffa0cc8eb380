//! Safe defaults on every answer: the security headers (a Content-Security-Policy the web app
//! and the explorer work under, no sniffing, no framing, no referrer, no powerful features,
//! HSTS when the client came over TLS) and caching by kind of answer:
//!
//! | answer | `Cache-Control` |
//! |---|---|
//! | hashed assets under `/assets/` | `public, max-age=31536000, immutable` |
//! | the API (personal data) | `no-store`, unless the operation set its own (the public side's `public, max-age=60` with its `ETag`, file downloads) |
//! | the contract, `index.html`, the app's other pages, the explorer | `no-cache` (revalidated on each use) |

use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderMap, HeaderName, HeaderValue};
use actix_web::middleware::Next;

use crate::client_addr;

/// The policy of the web app and the explorer: scripts, styles, images and fonts from this
/// server only. Styles may be inline (the component libraries write their styles at run time),
/// scripts never.
pub const APP_CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; \
     object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// The policy of API answers: they are data, never a document that runs anything.
pub const API_CSP: &str = "default-src 'none'; frame-ancestors 'none'";

/// HSTS for a year, once the client reached the server over TLS.
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

const PERMISSIONS: &str = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), \
     bluetooth=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=()";

/// What kind of answer a path gives, for its caching and its policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A content-hashed file of the built app (`/assets/…`).
    Asset,
    /// The API and the operational endpoints: data, often personal.
    Api,
    /// The contract: public, the same for everyone, changes with a release.
    Contract,
    /// `index.html` (and every page of the app it stands for), the explorer, other files.
    Page,
}

pub fn kind(path: &str) -> Kind {
    if path == "/api/v1/openapi.json" {
        Kind::Contract
    } else if path.starts_with("/api/") || matches!(path, "/metrics" | "/healthz" | "/readyz") {
        Kind::Api
    } else if path.starts_with("/assets/") {
        Kind::Asset
    } else {
        Kind::Page
    }
}

/// Sets the headers of a `kind` answer on `headers` (`success`: a 2xx or 304); `https` when the client
/// came over TLS. A `Cache-Control` the handler chose is kept.
pub fn apply(headers: &mut HeaderMap, kind: Kind, success: bool, https: bool) {
    let csp = if matches!(kind, Kind::Api | Kind::Contract) { API_CSP } else { APP_CSP };
    let fixed: [(HeaderName, &'static str); 6] = [
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (HeaderName::from_static("permissions-policy"), PERMISSIONS),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if https {
        headers.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static(HSTS));
    }
    if !headers.contains_key(header::CACHE_CONTROL) {
        let cache = match kind {
            // A missing asset must not be remembered for a year.
            Kind::Asset if success => IMMUTABLE,
            Kind::Api => "no-store",
            Kind::Asset | Kind::Contract | Kind::Page => "no-cache",
        };
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    }
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let kind = kind(req.path());
    let https = client_addr::client(req.request()).https;
    let mut res = next.call(req).await?;
    let status = res.status();
    let success = status.is_success() || status == actix_web::http::StatusCode::NOT_MODIFIED;
    apply(res.headers_mut(), kind, success, https);
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_path() {
        assert_eq!(kind("/assets/index-3f2a.js"), Kind::Asset);
        assert_eq!(kind("/api/v1/cases"), Kind::Api);
        assert_eq!(kind("/metrics"), Kind::Api);
        assert_eq!(kind("/api/v1/openapi.json"), Kind::Contract);
        assert_eq!(kind("/"), Kind::Page);
        assert_eq!(kind("/portal/cases"), Kind::Page);
        assert_eq!(kind("/docs/"), Kind::Page);
    }

    #[test]
    fn a_handlers_caching_is_kept_and_hsts_only_over_tls() {
        let mut h = HeaderMap::new();
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=60"));
        apply(&mut h, Kind::Api, true, false);
        assert_eq!(h.get(header::CACHE_CONTROL).unwrap(), "public, max-age=60");
        assert!(h.get(header::STRICT_TRANSPORT_SECURITY).is_none());
        let mut h = HeaderMap::new();
        apply(&mut h, Kind::Asset, false, true);
        assert_eq!(h.get(header::CACHE_CONTROL).unwrap(), "no-cache");
        assert_eq!(h.get(header::STRICT_TRANSPORT_SECURITY).unwrap(), HSTS);
    }
}

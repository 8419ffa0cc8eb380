//! Compression of answers, negotiated by `Accept-Encoding`: brotli or gzip for text (JSON,
//! problem+json, HTML, JavaScript, CSS, SVG, the metrics), never for what is compressed
//! already (spreadsheets, Word files, archives, PDFs, images) nor for answers too small to
//! gain from it. An answer that already names its `Content-Encoding` (a precompressed asset)
//! passes untouched. Every answer whose encoding depends on the request says so in `Vary`.

use actix_http::body::BodySize;
use actix_http::encoding::Encoder;
use actix_web::Error;
use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, AcceptEncoding, ContentEncoding, Encoding, Header, HeaderValue};
use actix_web::middleware::Next;

/// Answers smaller than this go as they are: the encoding's framing would eat the gain.
pub const MIN_BYTES: u64 = 1024;

/// The encodings offered, in the server's order of preference.
const OFFERED: [Encoding; 3] = [Encoding::brotli(), Encoding::gzip(), Encoding::identity()];

/// The encoding `accept` (an `Accept-Encoding` value, absent when the request has none)
/// prefers among the offered ones; identity when it names none of them.
pub fn negotiate(accept: Option<&AcceptEncoding>) -> ContentEncoding {
    match accept.and_then(|a| a.negotiate(OFFERED.iter())) {
        Some(Encoding::Known(e)) => e,
        _ => ContentEncoding::Identity,
    }
}

/// Whether an answer of this `Content-Type` gains from compression.
pub fn compressible(content_type: Option<&HeaderValue>) -> bool {
    let Some(mime) = content_type.and_then(|v| v.to_str().ok()) else { return false };
    let essence = mime.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let Some((kind, sub)) = essence.split_once('/') else { return false };
    match kind {
        "text" => true,
        "application" => {
            matches!(sub, "json" | "javascript" | "xml" | "wasm" | "manifest+json")
                || sub.ends_with("+json")
                || sub.ends_with("+xml") && !sub.starts_with("vnd.openxmlformats")
        }
        "image" => sub == "svg+xml",
        _ => false,
    }
}

pub async fn middleware(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, Error> {
    let accept = AcceptEncoding::parse(&req).ok();
    let wanted = negotiate(accept.as_ref());
    let res = next.call(req).await?;
    Ok(res.map_body(|head, body| {
        let large_enough = match body.size() {
            BodySize::Sized(n) => n >= MIN_BYTES,
            BodySize::Stream => true,
            BodySize::None => false,
        };
        let eligible = large_enough
            && compressible(head.headers().get(header::CONTENT_TYPE))
            && !head.headers().contains_key(header::CONTENT_ENCODING);
        let encoding = if eligible { wanted } else { ContentEncoding::Identity };
        if eligible && encoding == ContentEncoding::Identity {
            // The encoder names `Accept-Encoding` in `Vary` when it compresses; a cache must
            // know it also when it did not.
            head.headers_mut().append(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        Encoder::response(encoding, head, body)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    fn negotiated(accept: &str) -> ContentEncoding {
        let req = TestRequest::default().insert_header((header::ACCEPT_ENCODING, accept)).to_http_request();
        negotiate(AcceptEncoding::parse(&req).ok().as_ref())
    }

    #[test]
    fn brotli_first_then_gzip_then_nothing() {
        assert_eq!(negotiated("gzip, deflate, br"), ContentEncoding::Brotli);
        assert_eq!(negotiated("gzip"), ContentEncoding::Gzip);
        assert_eq!(negotiated("br;q=0.5, gzip;q=0.9"), ContentEncoding::Gzip);
        assert_eq!(negotiated("identity"), ContentEncoding::Identity);
        assert_eq!(negotiated("zstd"), ContentEncoding::Identity);
        assert_eq!(negotiate(None), ContentEncoding::Identity);
    }

    #[test]
    fn only_text_is_compressed() {
        let yes = ["application/json", "application/problem+json", "text/html; charset=utf-8", "image/svg+xml"];
        for t in yes {
            assert!(compressible(Some(&HeaderValue::from_static(t))), "{t}");
        }
        let no = [
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/zip",
            "application/pdf",
            "image/png",
            "application/octet-stream",
        ];
        for t in no {
            assert!(!compressible(Some(&HeaderValue::from_static(t))), "{t}");
        }
        assert!(!compressible(None));
    }
}

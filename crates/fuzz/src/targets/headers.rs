//! Request headers every caller may send: `Accept-Language`, `If-Match`, `Idempotency-Key`.

use actix_web::FromRequest;
use actix_web::http::header::HeaderValue;
use butler_http::extract_headers::IfMatch;
use butler_http::i18n::Lang;
use futures_util::FutureExt;

use super::{Target, Verdict, api_error, ensure, text};
use crate::mutate::Shape;

pub fn targets() -> Vec<Target> {
    vec![
        Target {
            name: "accept_language",
            about: "Accept-Language: the first supported language by quality, Chinese otherwise",
            shape: Shape::Text,
            dictionary: &[b"zh-CN", b"en-US", b"en", b"zh", b";q=", b"0.9", b"1e9", b"NaN", b",", b"*", b"fr"],
            max_len: 1024,
            run: accept_language,
        },
        Target {
            name: "if_match",
            about: "If-Match: a record's version (\"3\", W/\"3\", 3 or *), or a field error",
            shape: Shape::Text,
            dictionary: &[b"W/", b"\"", b"*", b"-", b"+", b"2147483647", b"2147483648", b" "],
            max_len: 256,
            run: if_match,
        },
        Target {
            name: "idempotency_key",
            about: "Idempotency-Key: 1-128 visible ASCII characters",
            shape: Shape::Text,
            dictionary: &[b"-", b" ", b"\x7f", b"0123456789abcdef"],
            max_len: 512,
            run: idempotency_key,
        },
    ]
}

fn accept_language(input: &[u8]) -> Verdict {
    let text = text(input);
    let lang = Lang::from_header(Some(&text));
    ensure(lang == Lang::Zh || text.to_ascii_lowercase().contains("en"), || format!("{text:?} chose English"))?;
    Ok(format!("{lang:?}"))
}

fn if_match(input: &[u8]) -> Verdict {
    let Ok(value) = HeaderValue::from_bytes(input) else {
        return Ok("NotAHeader".into());
    };
    let req = actix_web::test::TestRequest::default().insert_header(("if-match", value)).to_http_request();
    let Some(result) = IfMatch::extract(&req).now_or_never() else {
        return Err("the If-Match extractor did not answer at once".into());
    };
    match result {
        Ok(IfMatch(Some(version))) => {
            // The digits read are the header's (a sign and leading zeros aside).
            let shown = version.unsigned_abs().to_string();
            ensure(String::from_utf8_lossy(input).contains(&shown), || {
                format!("read version {version} from {:?}", String::from_utf8_lossy(input))
            })?;
            Ok("Version".into())
        }
        Ok(IfMatch(None)) => Ok("Any".into()),
        Err(e) => Ok(api_error(&e)),
    }
}

fn idempotency_key(input: &[u8]) -> Verdict {
    let key = text(input);
    let valid = butler_http::idempotent::valid_key(&key);
    if valid {
        ensure(key.len() <= 128 && !key.is_empty() && key.bytes().all(|b| (0x21..0x7f).contains(&b)), || {
            format!("accepted {key:?}")
        })?;
    }
    Ok(if valid { "Valid" } else { "Invalid" }.into())
}

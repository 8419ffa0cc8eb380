//! Request signatures of the providers: Alibaba Cloud's RPC signature (HMAC-SHA1 of the
//! sorted, RFC 3986-encoded query) and the DingTalk robot's (HMAC-SHA256 of
//! `timestamp\nsecret`).

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};

/// Percent-encodes per RFC 3986 (only `A–Z a–z 0–9 - _ . ~` stay), as both providers ask.
pub fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(char::from(byte)),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn hmac_sha1(key: &[u8], data: &[u8]) -> Vec<u8> {
    match Hmac::<sha1::Sha1>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        // HMAC takes keys of any length.
        Err(_) => Vec::new(),
    }
}

fn hmac_sha256(key: &[u8], data: &[u8]) -> Vec<u8> {
    match Hmac::<sha2_hmac::Sha256>::new_from_slice(key) {
        Ok(mut mac) => {
            mac.update(data);
            mac.finalize().into_bytes().to_vec()
        }
        Err(_) => Vec::new(),
    }
}

/// The canonicalized query of Alibaba Cloud's RPC style: parameters sorted by name, names
/// and values encoded, joined with `&`.
pub fn aliyun_canonical_query(params: &[(&str, &str)]) -> String {
    let mut sorted: Vec<_> = params.to_vec();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    sorted.iter().map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v))).collect::<Vec<_>>().join("&")
}

/// Alibaba Cloud's RPC signature of a `GET` with `params` (base64 of HMAC-SHA1 keyed with
/// `secret&` over `GET&%2F&` and the encoded canonical query).
pub fn aliyun_signature(params: &[(&str, &str)], access_key_secret: &str) -> String {
    let string_to_sign = format!("GET&{}&{}", percent_encode("/"), percent_encode(&aliyun_canonical_query(params)));
    STANDARD.encode(hmac_sha1(format!("{access_key_secret}&").as_bytes(), string_to_sign.as_bytes()))
}

/// The signed query string: `Signature=…&` followed by the canonical query.
pub fn aliyun_signed_query(params: &[(&str, &str)], access_key_secret: &str) -> String {
    format!(
        "Signature={}&{}",
        percent_encode(&aliyun_signature(params, access_key_secret)),
        aliyun_canonical_query(params)
    )
}

/// The DingTalk robot's `sign` for `timestamp` (milliseconds), URL-encoded: base64 of
/// HMAC-SHA256 keyed with the secret over `timestamp\nsecret`.
pub fn dingtalk_sign(timestamp_ms: i64, secret: &str) -> String {
    let string_to_sign = format!("{timestamp_ms}\n{secret}");
    percent_encode(&STANDARD.encode(hmac_sha256(secret.as_bytes(), string_to_sign.as_bytes())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example of Alibaba Cloud's signature documentation (AccessKey secret `testSecret`).
    #[test]
    fn the_aliyun_signature_of_the_documented_example() {
        let params = [
            ("AccessKeyId", "testId"),
            ("Action", "SendSms"),
            ("Format", "XML"),
            ("OutId", "123"),
            ("PhoneNumbers", "15300000001"),
            ("RegionId", "cn-hangzhou"),
            ("SignName", "阿里云短信测试专用"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", "SMS_71390007"),
            ("TemplateParam", "{\"customer\":\"test\"}"),
            ("Timestamp", "2017-07-12T02:42:19Z"),
            ("Version", "2017-05-25"),
        ];
        assert_eq!(aliyun_signature(&params, "testSecret"), "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
        let query = aliyun_signed_query(&params, "testSecret");
        assert!(query.starts_with("Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D&AccessKeyId=testId&Action=SendSms"));
        assert!(query.contains("TemplateParam=%7B%22customer%22%3A%22test%22%7D"));
        assert!(query.contains("Timestamp=2017-07-12T02%3A42%3A19Z"));
    }

    /// Computed independently with Python's `hmac` per DingTalk's published algorithm.
    #[test]
    fn the_dingtalk_sign() {
        assert_eq!(
            dingtalk_sign(1_577_262_236_757, "SEC1234567890abcdef"),
            "f7qQ1A8KagEZ45y1gasTtKsEq5ERTeDXP9T%2BWkIqzDk%3D"
        );
    }

    #[test]
    fn rfc3986_encoding() {
        assert_eq!(percent_encode("a b*~"), "a%20b%2A~");
        assert_eq!(percent_encode("短"), "%E7%9F%AD");
    }
}

//! Delivery to the browser, safe by default: security headers on the app, the explorer and
//! the API; caching by kind of answer; compression negotiated by `Accept-Encoding`; `/metrics`
//! behind its token with bounded label values; forwarding headers believed only from trusted
//! proxies.

use crate::helpers::*;
use butler_server::config::Secret;
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::json;
use std::io::Read;

/// A built web app in a folder: `index.html` and one hashed asset large enough to compress.
fn web_app() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<!doctype html><title>项目管家</title><div id=root></div>").unwrap();
    std::fs::create_dir(dir.path().join("assets")).unwrap();
    let script = "export const words = ['项目管家'];\n".repeat(200);
    std::fs::write(dir.path().join("assets/index-3f2a9c1d.js"), &script).unwrap();
    (dir, script)
}

async fn spawn_with_web(backend: Backend, web: &std::path::Path) -> TestApp {
    let web = web.to_path_buf();
    spawn_configured(backend, move |s| s.web_dir = web).await
}

async fn get(app: &TestApp, path: &str, token: Option<&str>, accept_encoding: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(format!("{}{path}", app.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(e) = accept_encoding {
        req = req.header("accept-encoding", e);
    }
    req.send().await.unwrap()
}

fn header<'a>(h: &'a HeaderMap, name: &str) -> &'a str {
    h.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
}

#[track_caller]
fn assert_security_headers(h: &HeaderMap, csp: &str) {
    assert_eq!(header(h, "content-security-policy"), csp);
    assert_eq!(header(h, "x-content-type-options"), "nosniff");
    assert_eq!(header(h, "x-frame-options"), "DENY");
    assert_eq!(header(h, "referrer-policy"), "no-referrer");
    assert!(header(h, "permissions-policy").contains("camera=()"));
    assert!(header(h, "content-security-policy").contains("frame-ancestors 'none'"));
    // Plain HTTP from an untrusted peer: no HSTS.
    assert!(h.get("strict-transport-security").is_none());
}

async fn security_headers_and_caching_by_kind_of_answer(backend: Backend) {
    use butler_http::safe_headers::{API_CSP, APP_CSP, IMMUTABLE};
    let (web, _) = web_app();
    let app = spawn_with_web(backend, web.path()).await;
    let token = app.token("office").await;

    // The app's page and its single-page fallback: revalidated on every use.
    for path in ["/", "/portal/cases/123"] {
        let r = get(&app, path, None, None).await;
        assert_eq!(r.status(), 200, "{path}");
        assert_security_headers(r.headers(), APP_CSP);
        assert_eq!(header(r.headers(), "cache-control"), "no-cache", "{path}");
        assert!(r.text().await.unwrap().contains("项目管家"));
    }
    // A hashed asset: cached for a year; a missing one is 404, not the page, and not kept.
    let r = get(&app, "/assets/index-3f2a9c1d.js", None, None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(r.headers(), "cache-control"), IMMUTABLE);
    assert_security_headers(r.headers(), APP_CSP);
    let r = get(&app, "/assets/index-00000000.js", None, None).await;
    assert_eq!(r.status(), 404);
    assert_eq!(header(r.headers(), "cache-control"), "no-cache");

    // The explorer works under the app's policy (its scripts are files of this server).
    let r = get(&app, "/docs/", None, None).await;
    assert_eq!(r.status(), 200);
    assert_security_headers(r.headers(), APP_CSP);
    let html = r.text().await.unwrap();
    assert!(!html.contains("<script>") && !html.contains("onload="), "no inline script: {html}");

    // Personal data: never stored; errors neither.
    let r = get(&app, "/api/v1/me", Some(&token), None).await;
    assert_eq!(r.status(), 200);
    assert_security_headers(r.headers(), API_CSP);
    assert_eq!(header(r.headers(), "cache-control"), "no-store");
    let r = get(&app, "/api/v1/me", None, None).await;
    assert_eq!(r.status(), 401);
    assert_eq!(header(r.headers(), "cache-control"), "no-store");
    assert_security_headers(r.headers(), API_CSP);
    let r = get(&app, "/api/v1/items/export.xlsx", Some(&token), None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(r.headers(), "cache-control"), "no-store");

    // The public side keeps the caching it chose with its ETag.
    let r = get(&app, "/api/v1/public/dayao/items", None, None).await;
    assert_eq!(r.status(), 200);
    assert_eq!(header(r.headers(), "cache-control"), "public, max-age=60");
    assert!(!header(r.headers(), "etag").is_empty());
    assert_security_headers(r.headers(), API_CSP);

    // The contract is public and the same for everyone: revalidated, not forbidden to keep.
    let r = get(&app, "/api/v1/openapi.json", None, None).await;
    assert_eq!(header(r.headers(), "cache-control"), "no-cache");
}

fn gunzip(bytes: &[u8]) -> String {
    let mut out = String::new();
    flate2::read::GzDecoder::new(bytes).read_to_string(&mut out).unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> String {
    let mut out = String::new();
    brotli::Decompressor::new(bytes, 4096).read_to_string(&mut out).unwrap();
    out
}

/// The body of `path` under each `Accept-Encoding`, checked to decode to the same text.
async fn negotiated(app: &TestApp, path: &str, token: Option<&str>) -> String {
    let plain = get(app, path, token, None).await;
    assert_eq!(plain.status(), 200, "{path}");
    assert!(plain.headers().get("content-encoding").is_none(), "{path}: nothing asked, nothing encoded");
    let plain = plain.text().await.unwrap();
    assert!(plain.len() as u64 >= butler_http::compress::MIN_BYTES, "{path} is too small to show compression");

    let r = get(app, path, token, Some("identity")).await;
    assert!(r.headers().get("content-encoding").is_none());
    assert!(header(r.headers(), "vary").to_ascii_lowercase().contains("accept-encoding"), "{path}");
    assert_eq!(r.text().await.unwrap(), plain);

    let r = get(app, path, token, Some("gzip")).await;
    assert_eq!(header(r.headers(), "content-encoding"), "gzip", "{path}");
    assert!(header(r.headers(), "vary").to_ascii_lowercase().contains("accept-encoding"));
    let body = r.bytes().await.unwrap();
    assert!(body.len() < plain.len(), "{path}: gzip made it no smaller");
    assert_eq!(gunzip(&body), plain);

    // Brotli when both are offered.
    let r = get(app, path, token, Some("gzip, deflate, br")).await;
    assert_eq!(header(r.headers(), "content-encoding"), "br", "{path}");
    let body = r.bytes().await.unwrap();
    assert!(body.len() < plain.len(), "{path}: brotli made it no smaller");
    assert_eq!(unbrotli(&body), plain);
    plain
}

async fn compression_is_negotiated_for_text_only(backend: Backend) {
    let (web, script) = web_app();
    let app = spawn_with_web(backend, web.path()).await;
    let token = app.token("office").await;

    // JSON of the API, the contract, a static file.
    let items = negotiated(&app, "/api/v1/items?limit=50", Some(&token)).await;
    assert!(serde_json::from_str::<serde_json::Value>(&items).unwrap()["items"].is_array());
    negotiated(&app, "/api/v1/openapi.json", None).await;
    assert_eq!(negotiated(&app, "/assets/index-3f2a9c1d.js", None).await, script);

    // A spreadsheet is compressed already: sent as it is, whatever the client accepts.
    let r = get(&app, "/api/v1/items/export.xlsx", Some(&token), Some("br, gzip")).await;
    assert_eq!(r.status(), 200);
    assert!(r.headers().get("content-encoding").is_none());
    let bytes = r.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK", "the workbook arrives as a zip file");

    // A tiny answer is not worth it.
    let r = get(&app, "/healthz", None, Some("gzip")).await;
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["status"], "ok");
}

async fn metrics_need_their_token_and_keep_labels_bounded(backend: Backend) {
    // Without a configured token the endpoint is not there.
    let app = spawn_app(backend).await;
    let r = app.raw(app.client.get(format!("{}/metrics", app.base))).await;
    r.assert_problem(404, "not_found");
    let r = app.raw(app.client.get(format!("{}/metrics", app.base)).bearer_auth("guess")).await;
    r.assert_problem(404, "not_found");
    drop(app);

    let app = spawn_configured(backend, |s| s.metrics_token = Secret::new("monitoring-token-1")).await;
    let metrics = |token: Option<&'static str>| {
        let mut req = app.client.get(format!("{}/metrics", app.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req
    };
    app.raw(metrics(None)).await.assert_problem(401, "unauthenticated");
    app.raw(metrics(Some("monitoring-token-2"))).await.assert_problem(401, "unauthenticated");
    // An access token of the API is not the metrics token.
    let access = app.token("admin").await;
    app.raw(app.client.get(format!("{}/metrics", app.base)).bearer_auth(&access))
        .await
        .assert_problem(401, "unauthenticated");

    // Odd methods and paths a stranger makes up.
    for i in 0..20 {
        let method = Method::from_bytes(format!("FROB{i}").as_bytes()).unwrap();
        app.client.request(method, format!("{}/made-up/{i}", app.base)).send().await.unwrap();
        app.client.get(format!("{}/api/v1/nothing-{i}/x", app.base)).send().await.unwrap();
        app.client.get(format!("{}/api/v1/cases/{}", app.base, uuid::Uuid::new_v4())).send().await.unwrap();
    }
    let r = metrics(Some("monitoring-token-1")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(header(r.headers(), "cache-control"), "no-store");
    let text = r.text().await.unwrap();
    assert!(!text.contains("FROB"), "a method name became a label value");
    assert!(!text.contains("made-up") && !text.contains("nothing-"), "a raw path became a label value");
    let series = |needle: &str| {
        text.lines().filter(|l| l.starts_with("butler_http_requests_total") && l.contains(needle)).count()
    };
    assert!(text.contains("method=\"OTHER\",route=\"unmatched\""), "{text}");
    assert_eq!(series("method=\"OTHER\""), 1, "{text}");
    assert_eq!(series("route=\"/api/v1/cases/{id}\""), 1, "{text}");
    assert!(text.contains("route=\"/api/v1/cases/{id}\",status=\"401\"} 20"), "{text}");
}

/// Sign-in attempts the per-address limit lets through, of `n` from one connection each
/// naming `forwarded(i)` as its client (or none).
async fn logins_let_through(app: &TestApp, n: usize, forwarded: impl Fn(usize) -> Option<String>) -> usize {
    let mut through = 0;
    for i in 0..n {
        let mut req = app
            .client
            .post(format!("{}/api/v1/auth/login", app.base))
            .json(&json!({"tenant": "dayao", "username": "nobody", "password": "x"}));
        if let Some(f) = forwarded(i) {
            req = req.header("x-forwarded-for", f);
        }
        let status = req.send().await.unwrap().status();
        if status == 401 {
            through += 1;
        } else {
            assert_eq!(status, 429);
        }
    }
    through
}

async fn ips_in_audit(app: &TestApp) -> Vec<String> {
    use sea_orm::ConnectionTrait;
    let db = app.db().await;
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT ip FROM audit_log WHERE action = 'login' AND ip IS NOT NULL",
        ))
        .await
        .unwrap();
    db.close().await.ok();
    rows.iter().map(|r| r.try_get::<String>("", "ip").unwrap()).collect()
}

async fn forwarded_addresses_count_only_from_trusted_proxies(backend: Backend) {
    // Not trusted: every request is the peer's, whatever it claims; no HSTS over plain HTTP.
    let app = spawn_configured(backend, |s| s.login_attempts_per_ip_per_minute = 3).await;
    assert_eq!(logins_let_through(&app, 6, |i| Some(format!("198.51.100.{i}"))).await, 3);
    assert!(ips_in_audit(&app).await.iter().all(|ip| ip == "127.0.0.1"), "{:?}", ips_in_audit(&app).await);
    let r = app.client.get(format!("{}/healthz", app.base)).header("x-forwarded-proto", "https").send().await.unwrap();
    assert!(r.headers().get("strict-transport-security").is_none());
    drop(app);

    // Behind a trusted proxy: each forwarded client has its own allowance and is audited as
    // itself; a client forwarded three times is limited like any other.
    let app = spawn_configured(backend, |s| {
        s.login_attempts_per_ip_per_minute = 3;
        s.trusted_proxies = "10.9.8.7, 127.0.0.0/8".into();
    })
    .await;
    assert_eq!(logins_let_through(&app, 6, |i| Some(format!("198.51.100.{i}"))).await, 6);
    assert_eq!(logins_let_through(&app, 4, |_| Some("203.0.113.5".into())).await, 3);
    // What the client wrote itself before the proxy's entry is not believed.
    assert_eq!(logins_let_through(&app, 4, |i| Some(format!("192.0.2.{i}, 203.0.113.6"))).await, 3);
    let ips = ips_in_audit(&app).await;
    assert!(ips.contains(&"198.51.100.5".to_owned()) && ips.contains(&"203.0.113.6".to_owned()), "{ips:?}");
    assert!(!ips.iter().any(|ip| ip.starts_with("192.0.2.") || ip == "127.0.0.1"), "{ips:?}");
    // TLS ended at the proxy: HSTS.
    let r = app.client.get(format!("{}/healthz", app.base)).header("x-forwarded-proto", "https").send().await.unwrap();
    assert_eq!(header(r.headers(), "strict-transport-security"), butler_http::safe_headers::HSTS);
    let r = app.client.get(format!("{}/healthz", app.base)).header("x-forwarded-proto", "http").send().await.unwrap();
    assert!(r.headers().get("strict-transport-security").is_none());
}

crate::on_both_databases!(
    security_headers_and_caching_by_kind_of_answer,
    compression_is_negotiated_for_text_only,
    metrics_need_their_token_and_keep_labels_bounded,
    forwarded_addresses_count_only_from_trusted_proxies
);

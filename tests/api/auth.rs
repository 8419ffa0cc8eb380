//! Sign-in, tokens, lockout, rate limits, and the audit trail.

use crate::helpers::*;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::Duration;
use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::json;

async fn every_demo_role_signs_in_and_reads_itself(backend: Backend) {
    let app = spawn_app(backend).await;
    for (username, role) in [
        ("admin", "admin"),
        ("investment_officer", "investment_officer"),
        ("investment_leader", "investment_leader"),
        ("office", "office"),
        ("window_agent", "window_agent"),
        ("supervisor", "supervisor"),
        ("enterprise", "enterprise"),
        ("agent-natural-resources", "department_agent"),
        ("leader-natural-resources", "department_leader"),
    ] {
        let r = app.login_reply("dayao", username, PASSWORD).await;
        assert_eq!(r.status, 200, "{}", r.body);
        assert_eq!(r.body["token_type"], "Bearer");
        assert_eq!(r.body["expires_in"], 900);
        let me = app.get("/api/v1/me", r.body["access_token"].as_str().unwrap()).await;
        assert_eq!(me.status, 200, "{}", me.body);
        assert_eq!(me.body["username"], username);
        assert_eq!(me.body["role"], role);
        assert_eq!(me.body["tenant"]["code"], "dayao");
        if role.starts_with("department") {
            assert_eq!(me.body["department"]["code"], "natural-resources");
        } else {
            assert!(me.body["department"].is_null());
        }
    }
    let me = app.get("/api/v1/me", &app.token("enterprise").await).await;
    assert_eq!(me.body["enterprise"]["name"], "云南示例绿色能源有限公司");
    assert_eq!(me.body["phone_masked"].as_str().unwrap().len(), 11);
    assert!(me.body["phone_masked"].as_str().unwrap().contains("****"));
}

async fn wrong_passwords_lock_the_account_and_are_audited(backend: Backend) {
    let app = spawn_app(backend).await;
    for _ in 0..4 {
        app.login_reply("dayao", "office", "wrong-password").await.assert_problem(401, "invalid_credentials");
    }
    // The fifth failure locks; then even the right password is refused.
    app.login_reply("dayao", "office", "wrong-password").await.assert_problem(423, "account_locked");
    app.login_reply("dayao", "office", PASSWORD).await.assert_problem(423, "account_locked");
    // Another account is unaffected.
    app.login("supervisor").await;
    // After the lockout the right password works again.
    app.clock.advance(Duration::minutes(16));
    app.login("office").await;

    let db = app.db().await;
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT action, outcome FROM audit_log ORDER BY at, id",
        ))
        .await
        .unwrap();
    let outcomes: Vec<(String, String)> =
        rows.iter().map(|r| (r.try_get("", "action").unwrap(), r.try_get("", "outcome").unwrap())).collect();
    assert_eq!(outcomes.iter().filter(|(a, o)| a == "login" && o == "failure").count(), 5);
    assert_eq!(outcomes.iter().filter(|(a, o)| a == "login" && o == "refused").count(), 1);
    assert_eq!(outcomes.iter().filter(|(a, o)| a == "login" && o == "success").count(), 2);
}

async fn an_unknown_user_is_refused_like_a_wrong_password(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = app.login_reply("dayao", "nobody", PASSWORD).await;
    r.assert_problem(401, "invalid_credentials");
    assert!(r.body["title"].as_str().unwrap().contains("账号或密码错误"));
}

async fn login_attempts_are_rate_limited_per_address(backend: Backend) {
    let app = spawn_app_with(backend, Options { login_attempts_per_ip_per_minute: 3, ..Options::default() }).await;
    for _ in 0..3 {
        app.login_reply("dayao", "nobody", "x").await.assert_problem(401, "invalid_credentials");
    }
    let res = app
        .client
        .post(format!("{}/api/v1/auth/login", app.base))
        .json(&json!({"tenant": "dayao", "username": "office", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 429);
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry));
    app.clock.advance(Duration::seconds(61));
    app.login("office").await;
}

async fn refresh_tokens_rotate_and_reuse_revokes_the_family(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, first) = app.login("window_agent").await;
    let r = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": first}))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let second = r.body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(second, first);
    let me = app.get("/api/v1/me", r.body["access_token"].as_str().unwrap()).await;
    assert_eq!(me.body["username"], "window_agent");

    // Replaying the rotated token revokes the whole family, including the new one.
    app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": first})))
        .await
        .assert_problem(401, "refresh_token_reused");
    app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": second})))
        .await
        .assert_problem(401, "invalid_refresh_token");
    // Another sign-in of the same user is another family and still works.
    let (_, other) = app.login("window_agent").await;
    let r = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": other}))).await;
    assert_eq!(r.status, 200);
}

async fn logout_revokes_the_refresh_token(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, refresh) = app.login("office").await;
    let r = app.request(Method::POST, "/api/v1/auth/logout", None, Some(json!({"refresh_token": refresh}))).await;
    assert_eq!(r.status, 204);
    app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": refresh})))
        .await
        .assert_problem(401, "invalid_refresh_token");
    app.request(Method::POST, "/api/v1/auth/logout", None, Some(json!({"refresh_token": "never-issued"})))
        .await
        .assert_problem(401, "invalid_refresh_token");
}

async fn expired_forged_and_missing_tokens_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let (access, refresh) = app.login("office").await;
    assert_eq!(app.get("/api/v1/me", &access).await.status, 200);

    // Missing and malformed.
    app.request(Method::GET, "/api/v1/me", None, None).await.assert_problem(401, "unauthenticated");
    app.get("/api/v1/me", "not-a-token").await.assert_problem(401, "unauthenticated");

    // Forged: same claims, another key.
    let parts: Vec<&str> = access.split('.').collect();
    let claims: serde_json::Value = serde_json::from_slice(&base64_url_decode(parts[1])).expect("claims are JSON");
    let forged = jsonwebtoken::encode(
        &jsonwebtoken::Header::default(),
        &claims,
        &jsonwebtoken::EncodingKey::from_secret(b"an-attacker-secret-an-attacker-secret"),
    )
    .unwrap();
    app.get("/api/v1/me", &forged).await.assert_problem(401, "unauthenticated");
    // Tampered claims (role raised) keep the old signature.
    let mut raised = claims.clone();
    raised["role"] = json!("admin");
    let tampered = format!("{}.{}.{}", parts[0], base64_url_encode(&serde_json::to_vec(&raised).unwrap()), parts[2]);
    app.get("/api/v1/me", &tampered).await.assert_problem(401, "unauthenticated");

    // Expired after 15 minutes; the refresh token still gets a new pair.
    app.clock.advance(Duration::minutes(15));
    app.get("/api/v1/me", &access).await.assert_problem(401, "unauthenticated");
    let r = app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": refresh}))).await;
    assert_eq!(r.status, 200);
    // A refresh token past its lifetime is refused.
    let refresh2 = r.body["refresh_token"].as_str().unwrap().to_owned();
    app.clock.advance(Duration::hours(13));
    app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": refresh2})))
        .await
        .assert_problem(401, "invalid_refresh_token");
}

fn base64_url_decode(s: &str) -> Vec<u8> {
    URL_SAFE_NO_PAD.decode(s).expect("base64url")
}

fn base64_url_encode(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

crate::on_both_databases!(
    every_demo_role_signs_in_and_reads_itself,
    wrong_passwords_lock_the_account_and_are_audited,
    an_unknown_user_is_refused_like_a_wrong_password,
    login_attempts_are_rate_limited_per_address,
    refresh_tokens_rotate_and_reuse_revokes_the_family,
    logout_revokes_the_refresh_token,
    expired_forged_and_missing_tokens_are_refused,
);

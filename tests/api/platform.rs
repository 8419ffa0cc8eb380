//! The platform administrator: counties listed, created (the first administrator's initial
//! password shown once), read, renamed, suspended and reinstated; a suspended county sealed on
//! every path; the platform administrator kept out of every county operation and county users
//! out of the platform's. The isolation sweeps are generated from the committed contract.

mod isolation;
mod sweeps;

use crate::helpers::*;
use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

/// Signs in the demo platform administrator.
pub(crate) async fn platform_token(app: &TestApp) -> String {
    app.login_in("platform", "platform-admin").await.0
}

/// Creates a county through the platform's API; returns the answer's body.
pub(crate) async fn create_county(app: &TestApp, platform: &str, code: &str, name: &str) -> Value {
    let body = json!({"code": code, "name": name, "admin": {"username": "admin", "display_name": "林雨桐"}});
    let r = app.post("/api/v1/platform/counties", platform, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

/// Waits for the clock's next whole second. Access tokens carry their issue time in whole
/// seconds, and one issued in the second a county's sessions end is still honoured after its
/// reinstatement (as after a new password): the tests' tokens are issued a second before.
pub(crate) async fn next_second() {
    let start = chrono::Utc::now().timestamp();
    while chrono::Utc::now().timestamp() == start {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Audit rows of `action` in the trail of the tenant with `code`.
async fn audit_rows(app: &TestApp, code: &str, action: &str) -> i64 {
    let db = app.db().await;
    let sql = format!(
        "SELECT COUNT(*) AS n FROM audit_log a JOIN tenants t ON t.id = a.tenant_id \
         WHERE t.code = '{code}' AND a.action = '{action}'"
    );
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    db.close().await.ok();
    row.try_get::<i64>("", "n").unwrap()
}

async fn the_platform_administrator_creates_lists_and_renames_counties(backend: Backend) {
    let app = spawn_app(backend).await;
    let platform = platform_token(&app).await;

    let listed = app.get("/api/v1/platform/counties", &platform).await;
    assert_eq!(listed.status, 200, "{}", listed.body);
    let codes: Vec<&str> =
        listed.body["items"].as_array().unwrap().iter().map(|c| c["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["dayao"], "the platform itself is no county");
    let dayao = &listed.body["items"][0];
    assert_eq!(dayao["status"], "active");
    assert!(dayao["users"].as_u64().unwrap() > 40, "{dayao}");

    let created = create_county(&app, &platform, "lianhua", "莲花县").await;
    assert_eq!(created["county"]["code"], "lianhua");
    assert_eq!(created["county"]["status"], "active");
    assert_eq!(created["county"]["users"], 1);
    assert_eq!(created["county"]["cases"], 0);
    assert_eq!(created["admin"]["username"], "admin");
    let password = created["initial_password"].as_str().unwrap().to_owned();
    assert!(password.len() >= 20, "{password}");

    // The initial password opens the new county's administrator account, and only its hash is
    // kept, marked to be changed at first sign-in.
    let (admin, _) = {
        let r = app.login_reply("lianhua", "admin", &password).await;
        assert_eq!(r.status, 200, "{}", r.body);
        (r.body["access_token"].as_str().unwrap().to_owned(), ())
    };
    let me = app.get("/api/v1/me", &admin).await;
    assert_eq!(me.body["role"], "admin");
    assert_eq!(me.body["tenant"]["name"], "莲花县");
    let db = app.db().await;
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT u.password_hash, u.must_change_password FROM users u JOIN tenants t ON t.id = u.tenant_id \
             WHERE t.code = 'lianhua' AND u.username = 'admin'",
        ))
        .await
        .unwrap()
        .unwrap();
    let hash: String = row.try_get("", "password_hash").unwrap();
    assert!(hash.starts_with("$argon2id$") && !hash.contains(&password));
    assert!(row.try_get::<bool>("", "must_change_password").unwrap());
    db.close().await.ok();
    // Shown once: reading the county never shows it again.
    let got = app.get("/api/v1/platform/counties/lianhua", &platform).await;
    assert_eq!(got.status, 200, "{}", got.body);
    assert!(!got.body.to_string().contains(&password));
    assert_eq!(got.body["name"], "莲花县");

    let renamed = app
        .request(
            Method::PATCH,
            "/api/v1/platform/counties/lianhua",
            Some(&platform),
            Some(json!({"name": "莲花县（试点）"})),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(renamed.body["name"], "莲花县（试点）");
    assert_eq!(app.get("/api/v1/me", &admin).await.body["tenant"]["name"], "莲花县（试点）");

    // Both audit trails hold each change.
    for action in ["county_created", "county_renamed"] {
        assert_eq!(audit_rows(&app, "platform", action).await, 1, "{action}");
        assert_eq!(audit_rows(&app, "lianhua", action).await, 1, "{action}");
    }
    let codes: Vec<String> = app.get("/api/v1/platform/counties", &platform).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(codes, ["dayao", "lianhua"]);
}

async fn bad_county_input_is_named_by_field_and_changes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let platform = platform_token(&app).await;
    let post = |body: Value| app.post("/api/v1/platform/counties", &platform, body);

    let r =
        post(json!({"code": "platform", "name": "平台县", "admin": {"username": "admin", "display_name": "林雨桐"}}))
            .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), [("code".to_owned(), "reserved".to_owned())]);
    assert!(r.body["errors"][0]["message"].as_str().unwrap().contains("平台"));

    let r = post(json!({"code": "Lian Hua", "name": " ", "admin": {"username": "1admin", "display_name": ""}})).await;
    r.assert_problem(422, "validation_failed");
    let mut fields: Vec<String> = r.field_codes().into_iter().map(|(f, _)| f).collect();
    fields.sort();
    assert_eq!(fields, ["admin.display_name", "admin.username", "code", "name"]);

    // In English on request.
    let r = app
        .raw(
            app.client
                .post(format!("{}/api/v1/platform/counties", app.base))
                .bearer_auth(&platform)
                .header("Accept-Language", "en")
                .json(&json!({"code": "platform", "name": "x", "admin": {"username": "admin", "display_name": "x"}})),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert!(r.body["errors"][0]["message"].as_str().unwrap().contains("platform's code"), "{}", r.body);

    let r =
        post(json!({"code": "dayao", "name": "另一个大姚", "admin": {"username": "admin", "display_name": "林雨桐"}}))
            .await;
    r.assert_problem(409, "conflict");
    assert_eq!(r.field_codes(), [("code".to_owned(), "taken".to_owned())]);
    let r = post(json!({"code": "lianhua", "name": "莲花县"})).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), [("admin".to_owned(), "required".to_owned())]);

    let listed = app.get("/api/v1/platform/counties", &platform).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 1, "nothing was created");
    assert_eq!(audit_rows(&app, "platform", "county_created").await, 0);

    // The platform and unknown codes are no county.
    app.get("/api/v1/platform/counties/platform", &platform).await.assert_problem(404, "not_found");
    app.get("/api/v1/platform/counties/nowhere", &platform).await.assert_problem(404, "not_found");
    let blank = app.post("/api/v1/platform/counties/dayao/suspend", &platform, json!({"reason": "  "})).await;
    blank.assert_problem(422, "validation_failed");
    assert_eq!(blank.field_codes(), [("reason".to_owned(), "blank".to_owned())]);
    let again = app.post("/api/v1/platform/counties/dayao/reinstate", &platform, json!({"reason": "已在服务"})).await;
    again.assert_problem(409, "invalid_transition");
    assert_eq!(app.get("/api/v1/platform/counties/dayao", &platform).await.body["status"], "active");
    let r =
        app.request(Method::PATCH, "/api/v1/platform/counties/dayao", Some(&platform), Some(json!({"name": ""}))).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(app.get("/api/v1/platform/counties/dayao", &platform).await.body["name"], "大姚县");
}

/// The status of the demo county's public page `path`, read without signing in.
async fn public(app: &TestApp, path: &str) -> u16 {
    app.raw(app.client.get(format!("{}/api/v1/public/dayao/{path}", app.base))).await.status.as_u16()
}

async fn suspending_a_county_seals_it_and_reinstating_opens_it_again(backend: Backend) {
    let app = spawn_app(backend).await;
    let platform = platform_token(&app).await;
    let (office, office_refresh) = app.login("office").await;
    assert_eq!(app.get("/api/v1/cases", &office).await.status, 200);
    assert_eq!(public(&app, "service").await, 200);
    next_second().await;

    let r = app.post("/api/v1/platform/counties/dayao/suspend", &platform, json!({"reason": "合同到期，待续签"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "suspended");
    assert_eq!(r.body["status_reason"], "合同到期，待续签");
    assert_eq!(audit_rows(&app, "platform", "county_suspended").await, 1);
    assert_eq!(audit_rows(&app, "dayao", "county_suspended").await, 1);

    // The token issued before is refused at once, the refresh token too, and nobody signs in.
    app.get("/api/v1/cases", &office).await.assert_problem(401, "unauthenticated");
    app.get("/api/v1/me", &office).await.assert_problem(401, "unauthenticated");
    let refreshed =
        app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": office_refresh}))).await;
    assert_eq!(refreshed.status, 401, "{}", refreshed.body);
    app.login_reply("dayao", "office", PASSWORD).await.assert_problem(403, "county_suspended");
    app.login_reply("dayao", "office", "wrong-password").await.assert_problem(401, "invalid_credentials");
    for path in ["service", "items", "departments", "roster", "agencies", "consultations/slots"] {
        assert_eq!(public(&app, path).await, 404, "{path}");
    }
    let complaint = json!({"subject": "service", "name": "王小梅", "mobile": "13800001234", "text": "窗口无人。"});
    let lodged = app.request(Method::POST, "/api/v1/public/dayao/complaints", None, Some(complaint.clone())).await;
    lodged.assert_problem(404, "not_found");
    let again = app.post("/api/v1/platform/counties/dayao/suspend", &platform, json!({"reason": "再次"})).await;
    again.assert_problem(409, "invalid_transition");
    // The platform still reads it.
    assert_eq!(app.get("/api/v1/platform/counties/dayao", &platform).await.body["status"], "suspended");

    let r = app.post("/api/v1/platform/counties/dayao/reinstate", &platform, json!({"reason": "已续签"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["status"], "active");
    assert_eq!(audit_rows(&app, "dayao", "county_reinstated").await, 1);
    // Sessions ended by the suspension stay ended; signing in again works.
    app.get("/api/v1/cases", &office).await.assert_problem(401, "unauthenticated");
    let office = app.token("office").await;
    assert_eq!(app.get("/api/v1/cases", &office).await.status, 200);
    assert_eq!(public(&app, "service").await, 200);
    let lodged = app.request(Method::POST, "/api/v1/public/dayao/complaints", None, Some(complaint)).await;
    assert_eq!(lodged.status, 201, "{}", lodged.body);
}

async fn county_users_reach_no_platform_operation(backend: Backend) {
    let app = spawn_app(backend).await;
    let platform = platform_token(&app).await;
    let admin = app.token("admin").await;
    app.get("/api/v1/platform/counties", &admin).await.assert_problem(403, "platform_only");
    let body = json!({"code": "lianhua", "name": "莲花县", "admin": {"username": "admin", "display_name": "林雨桐"}});
    app.post("/api/v1/platform/counties", &admin, body).await.assert_problem(403, "platform_only");
    app.post("/api/v1/platform/counties/dayao/suspend", &admin, json!({"reason": "x"}))
        .await
        .assert_problem(403, "platform_only");
    assert_eq!(app.get("/api/v1/platform/counties/dayao", &platform).await.body["status"], "active");
    app.request(Method::GET, "/api/v1/platform/counties", None, None).await.assert_problem(401, "unauthenticated");
}

crate::on_both_databases!(
    the_platform_administrator_creates_lists_and_renames_counties,
    bad_county_input_is_named_by_field_and_changes_nothing,
    suspending_a_county_seals_it_and_reinstating_opens_it_again,
    county_users_reach_no_platform_operation,
);

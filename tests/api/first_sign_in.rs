//! An initial password (one an administrator gave) is replaced by its holder before anything
//! else; everyone changes their own password, which ends their other sessions.

use crate::helpers::*;
use chrono::Duration;
use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};

const INITIAL: &str = "Initial-Pass-2026";
const CHOSEN: &str = "Own-Choice-2027";

/// Creates a supervisor `username` with the initial password; returns the account's id.
async fn new_supervisor(app: &TestApp, username: &str) -> String {
    let admin = app.token("admin").await;
    let r = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": username, "display_name": "周示例", "role": "supervisor", "password": INITIAL}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["must_change_password"], true);
    r.body["id"].as_str().unwrap().to_owned()
}

async fn change(app: &TestApp, token: &str, current: &str, new: &str) -> Reply {
    app.post("/api/v1/me/password", token, json!({"current_password": current, "new_password": new})).await
}

async fn refresh(app: &TestApp, refresh_token: &str) -> Reply {
    app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": refresh_token}))).await
}

fn tokens(r: &Reply) -> (String, String) {
    (r.body["access_token"].as_str().unwrap().to_owned(), r.body["refresh_token"].as_str().unwrap().to_owned())
}

async fn audit_rows(app: &TestApp, action: &str) -> Vec<(String, String)> {
    let db = app.db().await;
    let sql = format!(
        "SELECT outcome, CAST(detail AS TEXT) AS detail FROM audit_log WHERE action = '{action}' ORDER BY at, id"
    );
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter()
        .map(|r| (r.try_get::<String>("", "outcome").unwrap(), r.try_get::<String>("", "detail").unwrap()))
        .collect()
}

async fn an_initial_password_opens_nothing_but_its_change(backend: Backend) {
    let app = spawn_app(backend).await;
    let id = new_supervisor(&app, "supervisor-2").await;

    // Two sessions on the initial password; both say it must be changed.
    let first = app.login_reply("dayao", "supervisor-2", INITIAL).await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["must_change_password"], true);
    let (access, first_refresh) = tokens(&first);
    let (other_access, other_refresh) = tokens(&app.login_reply("dayao", "supervisor-2", INITIAL).await);
    let me = app.get("/api/v1/me", &access).await;
    assert_eq!((me.status.as_u16(), &me.body["must_change_password"]), (200, &Value::Bool(true)), "{}", me.body);

    // Everything else is refused with its own code, in the reader's language.
    app.get("/api/v1/cases", &access).await.assert_problem(403, "password_change_required");
    app.get("/api/v1/departments", &access).await.assert_problem(403, "password_change_required");
    app.post("/api/v1/departments", &access, json!({})).await.assert_problem(403, "password_change_required");
    let keyed =
        app.client.post(format!("{}/api/v1/cases", app.base)).bearer_auth(&access).header("Idempotency-Key", "k-1");
    app.raw(keyed.json(&json!({}))).await.assert_problem(403, "password_change_required");
    let en = app.client.get(format!("{}/api/v1/cases", app.base)).bearer_auth(&access).header("Accept-Language", "en");
    let en = app.raw(en).await;
    assert_eq!(en.body["title"], "Password change required", "{}", en.body);
    let zh = app.get("/api/v1/tenant", &access).await;
    assert_eq!(zh.body["title"], "请先修改密码", "{}", zh.body);
    // Refreshing keeps the session, and the duty.
    let renewed = refresh(&app, &first_refresh).await;
    assert_eq!((renewed.status.as_u16(), &renewed.body["must_change_password"]), (200, &Value::Bool(true)));
    let (access, _) = tokens(&renewed);
    app.get("/api/v1/cases", &access).await.assert_problem(403, "password_change_required");

    // A wrong current password, a weak new one, the same one: each refused by field, nothing
    // changed.
    let r = change(&app, &access, "Not-The-Password-1", CHOSEN).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("current_password".to_owned(), "wrong_password".to_owned())]);
    assert_eq!(r.body["errors"][0]["message"], "当前密码不正确");
    let r = change(&app, &access, INITIAL, "alllowercase").await;
    assert_eq!(r.field_codes(), vec![("new_password".to_owned(), "weak_password".to_owned())]);
    let r = change(&app, &access, INITIAL, "Short-1").await;
    assert_eq!(r.field_codes(), vec![("new_password".to_owned(), "length".to_owned())]);
    let r = change(&app, &access, INITIAL, INITIAL).await;
    assert_eq!(r.field_codes(), vec![("new_password".to_owned(), "same_as_current".to_owned())]);
    let en = app
        .client
        .post(format!("{}/api/v1/me/password", app.base))
        .bearer_auth(&access)
        .header("Accept-Language", "en")
        .json(&json!({"current_password": INITIAL, "new_password": INITIAL}));
    assert_eq!(app.raw(en).await.body["errors"][0]["message"], "the new password must differ from the current one");
    app.get("/api/v1/cases", &access).await.assert_problem(403, "password_change_required");

    // Changed: a fresh session that works, and nothing of the old ones.
    app.clock.advance(Duration::seconds(1));
    let changed = change(&app, &access, INITIAL, CHOSEN).await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.body["must_change_password"], false);
    let (fresh, fresh_refresh) = tokens(&changed);
    assert_eq!(app.get("/api/v1/departments", &fresh).await.status, 200);
    assert_eq!(app.get("/api/v1/me", &fresh).await.body["must_change_password"], false);
    for old in [&access, &other_access] {
        app.get("/api/v1/me", old).await.assert_problem(401, "unauthenticated");
    }
    refresh(&app, &other_refresh).await.assert_problem(401, "invalid_refresh_token");
    assert_eq!(refresh(&app, &fresh_refresh).await.status, 200);
    app.login_reply("dayao", "supervisor-2", INITIAL).await.assert_problem(401, "invalid_credentials");
    let again = app.login_reply("dayao", "supervisor-2", CHOSEN).await;
    assert_eq!((again.status.as_u16(), &again.body["must_change_password"]), (200, &Value::Bool(false)));
    let admin = app.token("admin").await;
    assert_eq!(app.get(&format!("/api/v1/users/{id}"), &admin).await.body["must_change_password"], false);

    // The audit trail has the refusal and the change, never a password.
    let rows = audit_rows(&app, "password_changed").await;
    let outcomes: Vec<&str> = rows.iter().map(|(o, _)| o.as_str()).collect();
    assert_eq!(outcomes, vec!["failure", "success"], "{rows:?}");
    assert!(rows[0].1.contains("wrong_password"), "{rows:?}");
    let success: Value = serde_json::from_str(&rows[1].1).unwrap();
    assert_eq!((&success["username"], &success["initial"]), (&json!("supervisor-2"), &json!(true)), "{rows:?}");
    assert!(!rows.iter().any(|(_, d)| d.contains(INITIAL) || d.contains(CHOSEN)), "{rows:?}");
}

async fn a_password_an_administrator_sets_is_an_initial_one(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;
    let agent = app.get("/api/v1/me", &app.token("agent-water").await).await.body["id"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/api/v1/users/{agent}"), &admin).await.body["must_change_password"], false);
    let req = app
        .client
        .patch(format!("{}/api/v1/users/{agent}", app.base))
        .bearer_auth(&admin)
        .json(&json!({"password": INITIAL}));
    let r = app.raw(req).await;
    assert_eq!((r.status.as_u16(), &r.body["must_change_password"]), (200, &Value::Bool(true)), "{}", r.body);
    // A change of anything else leaves the duty as it is.
    let req = app
        .client
        .patch(format!("{}/api/v1/users/{agent}", app.base))
        .bearer_auth(&admin)
        .json(&json!({"display_name": "钱卫东"}));
    assert_eq!(app.raw(req).await.body["must_change_password"], true);

    let login = app.login_reply("dayao", "agent-water", INITIAL).await;
    assert_eq!(login.body["must_change_password"], true, "{}", login.body);
    let (access, _) = tokens(&login);
    app.get("/api/v1/tasks", &access).await.assert_problem(403, "password_change_required");
    let (fresh, _) = app.first_sign_in("dayao", "agent-water", INITIAL, CHOSEN).await;
    assert_eq!(app.get("/api/v1/tasks", &fresh).await.status, 200);
}

async fn wrong_current_passwords_count_towards_the_lockout(backend: Backend) {
    let app = spawn_app(backend).await;
    // An account without an initial password changes its own too.
    let (access, _) = app.login("office").await;
    for _ in 0..4 {
        let r = change(&app, &access, "Not-The-Password-1", CHOSEN).await;
        assert_eq!(r.field_codes(), vec![("current_password".to_owned(), "wrong_password".to_owned())]);
    }
    change(&app, &access, "Not-The-Password-1", CHOSEN).await.assert_problem(423, "account_locked");
    // Locked for sign-in too, and for the right password.
    app.login_reply("dayao", "office", PASSWORD).await.assert_problem(423, "account_locked");
    change(&app, &access, PASSWORD, CHOSEN).await.assert_problem(423, "account_locked");
    let rows = audit_rows(&app, "password_changed").await;
    assert_eq!(rows.len(), 6, "{rows:?}");
    assert!(rows.iter().all(|(outcome, _)| outcome == "failure"), "{rows:?}");

    // Once the lockout is over, the right password changes it.
    app.clock.advance(Duration::minutes(16));
    let (access, _) = app.login("office").await;
    let r = change(&app, &access, PASSWORD, CHOSEN).await;
    assert_eq!((r.status.as_u16(), &r.body["must_change_password"]), (200, &Value::Bool(false)), "{}", r.body);
    assert_eq!(app.login_reply("dayao", "office", CHOSEN).await.status, 200);
}

async fn signing_out_and_in_again_keeps_the_duty(backend: Backend) {
    let app = spawn_app(backend).await;
    new_supervisor(&app, "supervisor-3").await;
    let (access, refresh_token) = tokens(&app.login_reply("dayao", "supervisor-3", INITIAL).await);
    let out =
        app.request(Method::POST, "/api/v1/auth/logout", None, Some(json!({"refresh_token": refresh_token}))).await;
    assert_eq!(out.status, 204, "{}", out.body);
    app.get("/api/v1/notifications", &access).await.assert_problem(403, "password_change_required");
    let back = app.login_reply("dayao", "supervisor-3", INITIAL).await;
    assert_eq!(back.body["must_change_password"], true);
    // Not signed in at all: the change needs a session.
    let r = app
        .request(
            Method::POST,
            "/api/v1/me/password",
            None,
            Some(json!({"current_password": INITIAL, "new_password": CHOSEN})),
        )
        .await;
    r.assert_problem(401, "unauthenticated");
}

crate::on_both_databases!(
    an_initial_password_opens_nothing_but_its_change,
    a_password_an_administrator_sets_is_an_initial_one,
    wrong_current_passwords_count_towards_the_lockout,
    signing_out_and_in_again_keeps_the_duty,
);

//! Departments, users and the catalog.

use crate::helpers::*;
use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::json;
use std::collections::HashSet;

async fn departments_page_through_with_cursors(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.token("agent-water").await;
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/departments?limit=7&cursor={c}"),
            None => "/api/v1/departments?limit=7".to_owned(),
        };
        let r = app.get(&path, &token).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let items = r.body["items"].as_array().unwrap();
        assert!(items.len() <= 7);
        seen.extend(items.iter().map(|d| d["code"].as_str().unwrap().to_owned()));
        match r.body["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 20);
    assert_eq!(seen.iter().collect::<HashSet<_>>().len(), 20);
    assert_eq!(seen[0], "gov-services");
    assert!(seen.contains(&"ecology-environment".to_owned()));
}

async fn an_admin_creates_users_with_checked_scope(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;
    let departments = app.get("/api/v1/departments?limit=200", &admin).await;
    let water =
        departments.body["items"].as_array().unwrap().iter().find(|d| d["code"] == "water").unwrap()["id"].clone();

    // Department roles need a department; weak passwords are refused; nothing is created.
    let r = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "agent-water-2", "display_name": "钱示例", "role": "department_agent", "password": "short"}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("password".to_owned(), "length".to_owned())]);
    assert_eq!(r.body["errors"][0]["message"], "至少 10 个字符", "the rule's own words");
    let r = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "agent-water-2", "display_name": "钱示例", "role": "department_agent", "password": "Initial-Pass-2026"}),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("department_id".to_owned(), "required".to_owned())]);
    let r = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "Agent Water", "display_name": "钱示例", "role": "department_agent", "password": "Initial-Pass-2026", "department_id": water}),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("username".to_owned(), "code_format".to_owned())]);

    let r = app
        .post(
            "/api/v1/users",
            &admin,
            json!({
                "username": "agent-water-2", "display_name": "钱示例", "role": "department_agent",
                "password": "Initial-Pass-2026", "department_id": water, "phone": "13800001234",
                "approval_work_since": "2021-05-01"
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["role"], "department_agent");
    assert_eq!(r.body["phone_masked"], "138****1234");
    assert!(r.body.get("password_hash").is_none());

    // The new user signs in with the password they were given.
    let login = app.login_reply("dayao", "agent-water-2", "Initial-Pass-2026").await;
    assert_eq!(login.status, 200);
    // The name is taken now.
    let taken = app
        .post(
        "/api/v1/users",
        &admin,
        json!({"username": "agent-water-2", "display_name": "另一人", "role": "supervisor", "password": "Initial-Pass-2026"}),
    )
    .await;
    taken.assert_problem(409, "conflict");
    assert_eq!(taken.field_codes(), vec![("username".to_owned(), "taken".to_owned())]);
    // So is a department code.
    let water_again = json!({"code": "water", "name": "大姚县水务局（重复）", "short_name": "水务局"});
    let taken = app.post("/api/v1/departments", &admin, water_again).await;
    taken.assert_problem(409, "conflict");
    assert_eq!(taken.field_codes(), vec![("code".to_owned(), "taken".to_owned())]);

    // One agent per department, a second one for development and reform, and the one made here.
    let listed = app.get("/api/v1/users?role=department_agent&limit=200", &admin).await;
    assert_eq!(listed.body["items"].as_array().unwrap().len(), 22);
}

async fn the_catalog_carries_the_published_facts(backend: Backend) {
    let app = spawn_app(backend).await;
    let token = app.token("enterprise").await;
    let all = app.get("/api/v1/items?limit=200", &token).await;
    assert_eq!(all.status, 200);
    let items = all.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 28);
    let eia = items.iter().find(|i| i["name"] == "建设项目环境影响报告书审批").unwrap();
    assert_eq!(eia["department"]["code"], "ecology-environment");
    assert_eq!(eia["stage"], "land_planning_permit");
    assert_eq!(eia["legal_limit"], json!({"unit": "calendar_days", "value": 60, "text": "60日"}));
    assert_eq!(eia["promised_limit"], json!({"unit": "working_days", "value": 10, "text": "10个工作日"}));
    assert!(eia["source"].as_str().unwrap().starts_with("http"));
    assert!(!eia["materials"].as_array().unwrap().is_empty());
    // Facts of law fill what the guide left out (cited in the source note); the county's own
    // promise, which no source gives, stays empty.
    let approval = items.iter().find(|i| i["name"] == "企业投资项目核准").unwrap();
    assert_eq!(approval["legal_limit"], json!({"unit": "working_days", "value": 20, "text": "20个工作日"}));
    assert_eq!(approval["max_extension_days"], 40);
    assert!(approval["source_note"].as_str().unwrap().contains("第十条"));
    assert!(approval["promised_limit"].is_null());
    // Every item carries the guide's fields.
    for i in items {
        for field in
            ["legal_basis", "acceptance_conditions", "legal_fees", "fee_basis", "intermediary_services", "process"]
        {
            assert!(i[field].as_str().is_some_and(|t| !t.is_empty()), "{field} of {}", i["code"]);
        }
        for field in ["result_name", "consultation_phone", "complaint_phone", "supervision_phone", "source"] {
            assert!(i[field].as_str().is_some_and(|t| !t.is_empty()), "{field} of {}", i["code"]);
        }
        assert!(!i["materials"].as_array().unwrap().is_empty(), "materials of {}", i["code"]);
    }

    let stage = app.get("/api/v1/items?stage=construction_permit&limit=200", &token).await;
    let names: Vec<&str> =
        stage.body["items"].as_array().unwrap().iter().map(|i| i["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"建筑工程施工许可证核发"));
    assert!(stage.body["items"].as_array().unwrap().iter().all(|i| i["stage"] == "construction_permit"));
    let q = app.get("/api/v1/items?q=%E5%8F%96%E6%B0%B4", &token).await; // 取水
    assert_eq!(q.body["items"].as_array().unwrap().len(), 2);

    let one = app.get(&format!("/api/v1/items/{}", eia["id"].as_str().unwrap()), &token).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.body, *eia);
}

async fn an_admin_changes_closes_and_unlocks_accounts(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;
    let me = app.get("/api/v1/me", &admin).await.body["id"].as_str().unwrap().to_owned();
    let users = app.get("/api/v1/users?limit=200", &admin).await;
    let id_of = |name: &str| {
        users.body["items"].as_array().unwrap().iter().find(|u| u["username"] == name).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let agent = id_of("agent-water");
    let patch = |id: &str, body: serde_json::Value| {
        let req = app.client.patch(format!("{}/api/v1/users/{id}", app.base)).bearer_auth(&admin).json(&body);
        app.raw(req)
    };

    // Name, phone and approval experience; an empty phone removes it.
    let r =
        patch(&agent, json!({"display_name": "钱卫东", "phone": "13800004321", "approval_work_since": "2019-04-01"}))
            .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(
        (r.body["display_name"].as_str(), r.body["phone_masked"].as_str()),
        (Some("钱卫东"), Some("138****4321"))
    );
    assert_eq!(r.body["approval_work_since"], "2019-04-01");
    assert_eq!(patch(&agent, json!({"phone": ""})).await.body["phone_masked"], serde_json::Value::Null);
    // Bad input changes nothing.
    let r = patch(&agent, json!({"phone": "12345", "display_name": "x".repeat(100)})).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(app.get(&format!("/api/v1/users/{agent}"), &admin).await.body["display_name"], "钱卫东");
    patch(&me, json!({"active": false})).await.assert_problem(422, "validation_failed");

    // A lockout lifted by the admin.
    for _ in 0..5 {
        app.login_reply("dayao", "agent-water", "wrong-password").await;
    }
    app.login_reply("dayao", "agent-water", PASSWORD).await.assert_problem(423, "account_locked");
    assert!(patch(&agent, json!({"unlock": true})).await.body["locked_until"].is_null());
    let session = app.login_reply("dayao", "agent-water", PASSWORD).await;
    assert_eq!(session.status, 200, "{}", session.body);

    // Closed: no sign-in, and the open session cannot be refreshed; its access token, still
    // within its 15 minutes, is refused at once.
    let access = session.body["access_token"].as_str().unwrap().to_owned();
    assert_eq!(app.get("/api/v1/me", &access).await.status, 200);
    app.clock.advance(chrono::Duration::seconds(1));
    assert_eq!(patch(&agent, json!({"active": false})).await.body["active"], false);
    app.get("/api/v1/me", &access).await.assert_problem(401, "unauthenticated");
    app.login_reply("dayao", "agent-water", PASSWORD).await.assert_problem(401, "invalid_credentials");
    let refresh = app
        .request(
            Method::POST,
            "/api/v1/auth/refresh",
            None,
            Some(json!({"refresh_token": session.body["refresh_token"]})),
        )
        .await;
    assert_eq!(refresh.status, 401, "{}", refresh.body);
    // Reopened with a new password: the old one no longer opens it.
    let r = patch(&agent, json!({"active": true, "password": "Fresh-Pass-2027"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    app.login_reply("dayao", "agent-water", PASSWORD).await.assert_problem(401, "invalid_credentials");
    let fresh = app.login_reply("dayao", "agent-water", "Fresh-Pass-2027").await;
    assert_eq!(fresh.status, 200, "{}", fresh.body);
    // Reopening does not bring back the sessions that closing ended.
    app.get("/api/v1/me", &access).await.assert_problem(401, "unauthenticated");
    assert_eq!(app.get("/api/v1/me", fresh.body["access_token"].as_str().unwrap()).await.status, 200);

    // Only admins; every change is in the audit trail, never the password.
    let office = app.token("office").await;
    let req = app
        .client
        .patch(format!("{}/api/v1/users/{agent}", app.base))
        .bearer_auth(&office)
        .json(&json!({"active": false}));
    app.raw(req).await.assert_problem(403, "forbidden");
    let db = app.db().await;
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "SELECT CAST(detail AS TEXT) AS detail FROM audit_log WHERE action = 'user_updated' ORDER BY at, id",
        ))
        .await
        .unwrap();
    let details: Vec<String> = rows.iter().map(|r| r.try_get::<String>("", "detail").unwrap()).collect();
    assert_eq!(details.len(), 5, "{details:?}");
    assert!(details[4].contains("password") && !details.iter().any(|d| d.contains("Fresh-Pass")), "{details:?}");
}

/// A second server on the same database learns that an account was closed within the time it
/// trusts what it read of the account, and then refuses its tokens too.
async fn every_server_refuses_a_closed_account(backend: Backend) {
    let app = spawn_app(backend).await;
    let other = spawn_sibling(&app, false).await;
    let admin = app.token("admin").await;
    let office = app.token("office").await;
    // The other server reads the account once, and trusts it for a while.
    assert_eq!(other.get("/api/v1/me", &office).await.status, 200);
    let id = app.get("/api/v1/me", &office).await.body["id"].as_str().unwrap().to_owned();
    let req =
        app.client.patch(format!("{}/api/v1/users/{id}", app.base)).bearer_auth(&admin).json(&json!({"active": false}));
    assert_eq!(app.raw(req).await.status, 200);
    app.get("/api/v1/me", &office).await.assert_problem(401, "unauthenticated");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let r = other.get("/api/v1/me", &office).await;
        if r.status == 401 {
            r.assert_problem(401, "unauthenticated");
            break;
        }
        assert_eq!(r.status, 200, "{}", r.body);
        assert!(std::time::Instant::now() < deadline, "the other server still honours a closed account after 30 s");
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    }
}

crate::on_both_databases!(
    every_server_refuses_a_closed_account,
    departments_page_through_with_cursors,
    an_admin_changes_closes_and_unlocks_accounts,
    an_admin_creates_users_with_checked_scope,
    the_catalog_carries_the_published_facts,
);

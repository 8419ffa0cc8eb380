//! Machine access: API clients created by an administrator call the API with their own key,
//! within their scopes and their per-minute limit, acting in their role under their own name.

use crate::helpers::*;
use crate::lifecycle::{case_in_service, directory, task_of};
use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

/// Creates an API client as the admin; returns (the client, its key).
async fn create_client(app: &TestApp, body: Value) -> (Value, String) {
    let admin = app.token("admin").await;
    let r = app.post("/api/v1/admin/api-clients", &admin, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let key = r.body["api_key"].as_str().unwrap().to_owned();
    (r.body["client"].clone(), key)
}

async fn as_client(app: &TestApp, method: Method, path: &str, key: &str, body: Option<Value>) -> Reply {
    app.request(method, path, Some(key), body).await
}

async fn audit_details(app: &TestApp, action: &str) -> Vec<String> {
    let db = app.db().await;
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT CAST(detail AS TEXT) AS detail FROM audit_log WHERE action = '{action}' ORDER BY at, id"),
        ))
        .await
        .unwrap();
    db.close().await.ok();
    rows.iter().map(|r| r.try_get::<String>("", "detail").unwrap()).collect()
}

async fn a_client_reads_cases_within_its_scope_and_nothing_more(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let (client, key) =
        create_client(&app, json!({"name": "县政务数据平台", "role": "supervisor", "scopes": ["cases:read"]})).await;
    assert!(key.starts_with("bk_"), "{key}");
    assert!(key.starts_with(client["key_hint"].as_str().unwrap()), "{key} vs {}", client["key_hint"]);
    assert_eq!(client["scopes"], json!(["cases:read"]));
    assert_eq!(client["rate_limit_per_minute"], 600, "the default limit");
    assert_eq!(client["active"], true);
    let id = client["id"].as_str().unwrap().to_owned();

    // The key is shown only at creation: never in lists, reads or the audit trail.
    let admin = app.token("admin").await;
    let list = app.get("/api/v1/admin/api-clients", &admin).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    assert!(!list.body.to_string().contains(&key[client["key_hint"].as_str().unwrap().len()..]));
    assert!(list.body["items"][0].get("api_key").is_none());
    let audit = audit_details(&app, "api_client_created").await;
    assert_eq!(audit.len(), 1, "{audit:?}");
    assert!(audit[0].contains("县政务数据平台") && !audit[0].contains(&key), "{audit:?}");

    // It lists and reads the tenant's cases, as a supervisor would.
    let case_id = case_in_service(&app, &d).await;
    let cases = as_client(&app, Method::GET, "/api/v1/cases", &key, None).await;
    assert_eq!(cases.status, 200, "{}", cases.body);
    assert!(cases.body["items"].as_array().unwrap().iter().any(|c| c["id"] == case_id.as_str()));
    let case = as_client(&app, Method::GET, &format!("/api/v1/cases/{case_id}"), &key, None).await;
    assert_eq!(case.status, 200, "{}", case.body);
    let me = as_client(&app, Method::GET, "/api/v1/me", &key, None).await;
    assert_eq!(me.body["display_name"], "县政务数据平台", "{}", me.body);

    // A sheet command needs `sheets:write`; user administration is not open to clients at all.
    let sheet = case.body["tasks"][0]["id"].as_str().unwrap().to_owned();
    let r = as_client(&app, Method::POST, &format!("/api/v1/tasks/{sheet}/acknowledge"), &key, None).await;
    r.assert_problem(403, "scope_missing");
    assert_eq!(r.body["required_scopes"], json!(["sheets:write"]));
    assert!(r.body["detail"].as_str().unwrap().contains("sheets:write"), "{}", r.body);
    let r = as_client(&app, Method::GET, "/api/v1/tasks", &key, None).await;
    r.assert_problem(403, "scope_missing");
    assert_eq!(r.body["required_scopes"], json!(["sheets:read"]));
    let r = as_client(&app, Method::GET, "/api/v1/users", &key, None).await;
    r.assert_problem(403, "scope_missing");
    assert_eq!(r.body["required_scopes"], json!([]));
    let req = app
        .client
        .post(format!("{}/api/v1/admin/api-clients", app.base))
        .bearer_auth(&key)
        .header("Accept-Language", "en")
        .json(&json!({"name": "自己造一个", "role": "office", "scopes": ["cases:read"]}));
    let r = app.raw(req).await;
    r.assert_problem(403, "scope_missing");
    assert_eq!(r.body["detail"], "This operation is not open to API clients.");
    assert_eq!(audit_details(&app, "api_client_created").await.len(), 1, "nothing was created");

    // The client's account is no person: not among the users, never signing in.
    let users = app.get("/api/v1/users?limit=200", &admin).await;
    assert!(!users.body.to_string().contains("县政务数据平台"), "{}", users.body);
    let user_id = client["user_id"].as_str().unwrap();
    app.get(&format!("/api/v1/users/{user_id}"), &admin).await.assert_problem(404, "not_found");
    let username = me.body["username"].as_str().unwrap().to_owned();
    app.login_reply("dayao", &username, &key).await.assert_problem(401, "invalid_credentials");

    // Its use is recorded.
    let read = app.get(&format!("/api/v1/admin/api-clients/{id}"), &admin).await;
    assert!(read.body["last_used_at"].is_string(), "{}", read.body);
    // Another county's administrator does not know it exists.
    app.add_tenant("yongren", "永仁县", "532327").await;
    let (yongren, _) = app.login_in("yongren", "admin").await;
    app.get(&format!("/api/v1/admin/api-clients/{id}"), &yongren).await.assert_problem(404, "not_found");
    let theirs = app.get("/api/v1/admin/api-clients", &yongren).await;
    assert_eq!(theirs.body["items"], json!([]), "{}", theirs.body);
    app.post(&format!("/api/v1/admin/api-clients/{id}/revoke"), &yongren, json!(null))
        .await
        .assert_problem(404, "not_found");

    // A wrong key, and a malformed one, are refused.
    let mut wrong = key.clone();
    let last = wrong.pop().unwrap();
    wrong.push(if last == 'A' { 'B' } else { 'A' });
    as_client(&app, Method::GET, "/api/v1/cases", &wrong, None).await.assert_problem(401, "unauthenticated");
    as_client(&app, Method::GET, "/api/v1/cases", "bk_nothing", None).await.assert_problem(401, "unauthenticated");

    // Rotating replaces the key at once; revoking refuses it at once.
    let rotated = app.post(&format!("/api/v1/admin/api-clients/{id}/rotate"), &admin, json!(null)).await;
    assert_eq!(rotated.status, 200, "{}", rotated.body);
    let new_key = rotated.body["api_key"].as_str().unwrap().to_owned();
    assert_ne!(new_key, key);
    assert!(rotated.body["client"]["rotated_at"].is_string());
    as_client(&app, Method::GET, "/api/v1/cases", &key, None).await.assert_problem(401, "unauthenticated");
    assert_eq!(as_client(&app, Method::GET, "/api/v1/cases", &new_key, None).await.status, 200);
    let revoked = app.post(&format!("/api/v1/admin/api-clients/{id}/revoke"), &admin, json!(null)).await;
    assert_eq!(revoked.status, 200, "{}", revoked.body);
    assert_eq!(revoked.body["active"], false);
    as_client(&app, Method::GET, "/api/v1/cases", &new_key, None).await.assert_problem(401, "unauthenticated");
    let again = app.post(&format!("/api/v1/admin/api-clients/{id}/rotate"), &admin, json!(null)).await;
    again.assert_problem(409, "invalid_transition");
    assert_eq!(again.body["state"], "revoked");
    for action in ["api_client_rotated", "api_client_revoked"] {
        let audit = audit_details(&app, action).await;
        assert_eq!(audit.len(), 1, "{action}: {audit:?}");
        assert!(!audit[0].contains(&new_key) && !audit[0].contains(&key), "{audit:?}");
    }

    // A person's token works as before; only an admin manages clients.
    let office = app.token("office").await;
    assert_eq!(app.get(&format!("/api/v1/cases/{case_id}"), &office).await.status, 200);
    app.get("/api/v1/admin/api-clients", &office).await.assert_problem(403, "forbidden");
}

async fn a_department_client_works_its_departments_sheet_under_its_name(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let admin = app.token("admin").await;
    let water = d.departments["water"].clone();

    // A department agent belongs to a department; a client needs a scope.
    let r = app
        .post(
            "/api/v1/admin/api-clients",
            &admin,
            json!({"name": "水务局业务系统", "role": "department_agent", "scopes": ["sheets:write"]}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("department_id".to_owned(), "required".to_owned())]);
    let r = app
        .post(
            "/api/v1/admin/api-clients",
            &admin,
            json!({"name": "水务局业务系统", "role": "department_agent", "department_id": water, "scopes": []}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("scopes".to_owned(), "length".to_owned())]);
    let r = app
        .post("/api/v1/admin/api-clients", &admin, json!({"name": "平台", "role": "admin", "scopes": ["cases:read"]}))
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(audit_details(&app, "api_client_created").await.len(), 0, "nothing was created");

    let (client, key) = create_client(
        &app,
        json!({
            "name": "水务局业务系统", "role": "department_agent", "department_id": water,
            "scopes": ["sheets:read", "sheets:write", "cases:read"]
        }),
    )
    .await;
    assert_eq!(client["role"], "department_agent");
    assert_eq!(client["department_id"], water.as_str());
    let client_user = client["user_id"].as_str().unwrap().to_owned();

    // The department's agent hands the sheet over to the department's system (转办).
    let case_id = case_in_service(&app, &d).await;
    let case = app.get(&format!("/api/v1/cases/{case_id}"), &app.token("office").await).await.body;
    let sheet = task_of(&case, "取水许可", "approval")["id"].as_str().unwrap().to_owned();
    let land = task_of(&case, "建设用地规划许可", "approval")["id"].as_str().unwrap().to_owned();
    let agent = app.token("agent-water").await;
    let r = app.post(&format!("/api/v1/tasks/{sheet}/transfer"), &agent, json!({"to_user_id": client_user})).await;
    assert_eq!(r.status, 200, "{}", r.body);

    // The client sees it in its department's queue, acknowledges and finishes it.
    let queue = as_client(&app, Method::GET, "/api/v1/tasks?queue=department", &key, None).await;
    assert_eq!(queue.status, 200, "{}", queue.body);
    assert!(queue.body["items"].as_array().unwrap().iter().any(|t| t["id"] == sheet.as_str()), "{}", queue.body);
    let r = as_client(&app, Method::POST, &format!("/api/v1/tasks/{sheet}/acknowledge"), &key, None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "acknowledged");
    // A retried write with the same Idempotency-Key is answered again, not done twice.
    let finish = || {
        app.client
            .post(format!("{}/api/v1/tasks/{sheet}/finish", app.base))
            .bearer_auth(&key)
            .header("Idempotency-Key", "oa-finish-0001")
            .json(&json!({"outcome": "approved", "document_number": "姚水许〔2026〕7号"}))
            .send()
    };
    let first = finish().await.unwrap();
    assert_eq!(first.status(), 200);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["state"], "finished", "{first}");
    let again = finish().await.unwrap();
    assert_eq!(again.status(), 200);
    assert_eq!(again.headers().get("idempotent-replayed").map(|v| v.to_str().unwrap()), Some("true"));
    // Another department's sheet stays out of its reach, as for a person of its department.
    let r = as_client(&app, Method::POST, &format!("/api/v1/tasks/{land}/acknowledge"), &key, None).await;
    assert!(matches!(r.status.as_u16(), 403 | 404) && r.code() != "scope_missing", "{}", r.body);

    // The case history names the client as the actor of its writes.
    let timeline = app.get(&format!("/api/v1/cases/{case_id}/timeline"), &app.token("office").await).await;
    let by_client: Vec<&str> = timeline.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["actor_name"] == "水务局业务系统")
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(by_client.contains(&"task_acknowledged") && by_client.contains(&"task_finished"), "{by_client:?}");
    assert_eq!(timeline.body["verification"]["valid"], true);

    // It is addressed by no notification (the person it took the sheet from still is).
    let db = app.db().await;
    let count = |user: String| {
        use butler_persistence::entity::notification::{Column, Entity};
        use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
        let db = &db;
        async move {
            let user = uuid::Uuid::parse_str(&user).unwrap();
            Entity::find().filter(Column::RecipientId.eq(user)).count(db).await.unwrap()
        }
    };
    assert_eq!(count(client_user.clone()).await, 0);
    assert!(count(d.users["agent-water"].clone()).await > 0);
    db.close().await.ok();
}

async fn a_client_is_held_to_its_own_rate_limit(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, key) = create_client(
        &app,
        json!({"name": "数据中台", "role": "office", "scopes": ["catalog:read"], "rate_limit_per_minute": 3}),
    )
    .await;
    let (_, other) =
        create_client(&app, json!({"name": "省级平台", "role": "supervisor", "scopes": ["catalog:read"]})).await;
    for _ in 0..3 {
        assert_eq!(as_client(&app, Method::GET, "/api/v1/items", &key, None).await.status, 200);
    }
    let res = app.client.get(format!("{}/api/v1/items", app.base)).bearer_auth(&key).send().await.unwrap();
    assert_eq!(res.status(), 429);
    let retry_after: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after), "{retry_after}");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["code"], "too_many_requests");
    // Per client, not per address: another client and the people at the same address go on.
    assert_eq!(as_client(&app, Method::GET, "/api/v1/items", &other, None).await.status, 200);
    let office = app.token("office").await;
    assert_eq!(app.get("/api/v1/items", &office).await.status, 200);
    // A minute later the client may call again.
    app.clock.advance(chrono::Duration::seconds(61));
    assert_eq!(as_client(&app, Method::GET, "/api/v1/items", &key, None).await.status, 200);
}

crate::on_both_databases!(
    a_client_reads_cases_within_its_scope_and_nothing_more,
    a_department_client_works_its_departments_sheet_under_its_name,
    a_client_is_held_to_its_own_rate_limit,
);

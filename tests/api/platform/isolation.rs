//! Isolation sweeps over every operation of the committed contract: the platform administrator
//! on each county operation, and a suspended county's people, client and public pages on each
//! operation. Each sweep counts its cells and prints them, and checks that no table grew.

use super::{create_county, next_second, platform_token};
use crate::helpers::*;
use reqwest::Method;
use sea_orm::{ConnectionTrait, Statement};
use serde_json::{Value, json};
use std::collections::BTreeMap;

/// One operation of the contract.
struct Operation {
    method: Method,
    path: String,
    id: String,
    /// Reached without signing in (`security: []`).
    public: bool,
}

fn operations() -> Vec<Operation> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../openapi/openapi.json");
    let api: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for (path, item) in api["paths"].as_object().unwrap() {
        if !path.starts_with("/api/v1/") {
            continue; // health and metrics: no tenant's data
        }
        for (method, op) in item.as_object().unwrap() {
            let public = op["security"].as_array().is_some_and(|s| s.iter().all(|r| r.as_object().unwrap().is_empty()));
            out.push(Operation {
                method: method.to_uppercase().parse().unwrap(),
                path: path.clone(),
                id: op["operationId"].as_str().unwrap().to_owned(),
                public,
            });
        }
    }
    assert!(out.len() > 150, "the contract lists every operation ({})", out.len());
    out
}

/// The operation's path with `{tenant}` as `tenant`, `{id}` as `id` and any other parameter
/// as a well-formed value naming nothing.
fn concrete(path: &str, tenant: &str, id: &str) -> String {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..].find('}').unwrap() + open;
        out.push_str(match &rest[open + 1..close] {
            "tenant" => tenant,
            "id" => id,
            "tracking" => "TS20261205ABCDEFGH7",
            "code" => "lh-001",
            _ => "0193a0c2-0000-7000-8000-0000000000ff",
        });
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

async fn call(app: &TestApp, op: &Operation, path: &str, bearer: Option<&str>) -> Reply {
    let body = matches!(op.method, Method::POST | Method::PUT | Method::PATCH).then(|| json!({}));
    app.request(op.method.clone(), path, bearer, body).await
}

/// How a public operation refuses a county that is not in service: 404, or for a request
/// missing what it must carry (a form sent with an empty body, a complaint followed without
/// the mobile's digits) 422 on that request before the county is looked up (the same request
/// complete answers 404: `suspending_a_county_seals_it_and_reinstating_opens_it_again`).
fn public_refusal(op: &Operation, r: &Reply) -> bool {
    let incomplete = op.method == Method::POST || op.id == "followComplaint";
    r.status == 404 || (incomplete && r.status == 422 && r.code() == "validation_failed")
}

/// Rows of every table but the security audit trail (which records refusals).
async fn row_counts(app: &TestApp) -> BTreeMap<String, i64> {
    let db = app.db().await;
    let backend = db.get_database_backend();
    let list = match backend {
        sea_orm::DbBackend::Sqlite => {
            "SELECT name AS t FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        }
        _ => "SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema()",
    };
    let mut counts = BTreeMap::new();
    for row in db.query_all_raw(Statement::from_string(backend, list)).await.unwrap() {
        let table: String = row.try_get("", "t").unwrap();
        if table == "audit_log" {
            continue;
        }
        let sql = format!("SELECT COUNT(*) AS n FROM \"{table}\"");
        let n = db.query_one_raw(Statement::from_string(backend, sql)).await.unwrap().unwrap();
        counts.insert(table, n.try_get::<i64>("", "n").unwrap());
    }
    db.close().await.ok();
    assert!(counts.len() > 30, "{counts:?}");
    counts
}

async fn the_platform_administrator_reaches_no_county_operation(backend: Backend) {
    let app = spawn_app(backend).await;
    let platform = platform_token(&app).await;
    let before = row_counts(&app).await;
    let (mut refused, mut public, mut own, mut skipped) = (0, 0, 0, 0);
    let mut wrong = Vec::new();
    for op in operations() {
        if op.path.starts_with("/api/v1/auth/") || op.path.starts_with("/api/v1/platform/") {
            skipped += 1; // signing in and out, and the platform's own (tested beside)
            continue;
        }
        let path = concrete(&op.path, "platform", "0193a0c2-0000-7000-8000-0000000000ee");
        let r = call(&app, &op, &path, Some(&platform)).await;
        if op.id == "getMe" {
            assert_eq!(r.status, 200, "{}", r.body);
            assert_eq!(r.body["role"], "platform_admin");
            own += 1;
        } else if op.id == "changeOwnPassword" {
            // Its own account: reached, and the empty body refused by field (nothing changed).
            assert_eq!(r.status, 422, "{}", r.body);
            own += 1;
        } else if op.public {
            // The platform is no county: it has no public pages (a form is refused on its
            // empty body first, which says nothing of the county).
            if !public_refusal(&op, &r) {
                wrong.push(format!("{} {} ({}): {} {}", op.method, op.path, op.id, r.status, r.body));
            }
            public += 1;
        } else {
            if r.status != 403 || r.code() != "county_only" {
                wrong.push(format!("{} {} ({}): {} {}", op.method, op.path, op.id, r.status, r.body));
            }
            refused += 1;
        }
    }
    assert!(wrong.is_empty(), "reached as the platform administrator:\n{}", wrong.join("\n"));
    assert_eq!(row_counts(&app).await, before, "nothing was written");
    println!(
        "platform administrator × {} operations: {refused} county operations refused (403 county_only), \
         {public} public operations refused, {own} of its own account (getMe 200, changeOwnPassword 422 on an empty body), {skipped} auth/platform not swept",
        refused + public + own + skipped
    );
    assert!(refused > 150);
}

/// A county made through the platform's API, with a department, an enterprise, its user, an
/// API client and a draft case. Returns (admin token, admin refresh, enterprise token, key,
/// case id, admin's password).
async fn populated_county(app: &TestApp, platform: &str) -> (String, String, String, String, String, String) {
    let created = create_county(app, platform, "lianhua", "莲花县").await;
    let initial = created["initial_password"].as_str().unwrap().to_owned();
    // The initial password is replaced at the first sign-in, as the county's admin would.
    let password = "Lianhua-Admin-2026".to_owned();
    let (admin, admin_refresh) = app.first_sign_in("lianhua", "admin", &initial, &password).await;

    let dept = app
        .post(
            "/api/v1/departments",
            &admin,
            json!({"code": "development-reform", "name": "莲花县发展和改革局", "short_name": "发改局"}),
        )
        .await;
    assert_eq!(dept.status, 201, "{}", dept.body);
    let dept = dept.body["id"].as_str().unwrap().to_owned();
    let enterprise = app
        .post(
            "/api/v1/enterprises",
            &admin,
            json!({"name": "莲花示例科技有限公司", "credit_code": "91350100M000100Y43", "contact_name": "郑示例", "contact_phone": "13800007777"}),
        )
        .await;
    assert_eq!(enterprise.status, 201, "{}", enterprise.body);
    let user = json!({"username": "contact", "display_name": "郑示例", "role": "enterprise",
        "enterprise_id": enterprise.body["id"], "password": "Initial-Pass-2026"});
    let user = app.post("/api/v1/users", &admin, user).await;
    assert_eq!(user.status, 201, "{}", user.body);
    let client = json!({"name": "莲花县政务服务平台", "role": "supervisor", "scopes": ["cases:read"]});
    let client = app.post("/api/v1/admin/api-clients", &admin, client).await;
    assert_eq!(client.status, 201, "{}", client.body);
    let key = client.body["api_key"].as_str().unwrap().to_owned();

    let (contact, _) = app.first_sign_in("lianhua", "contact", "Initial-Pass-2026", "Contact-Own-2026").await;
    let application = json!({
        "project_name": "年产 2 万吨新型建材项目",
        "industry_code": "C3021",
        "total_investment_fen": 8_000_000_000i64,
        "location": "莲花县工业园区",
        "agreement_signed_on": "2026-10-18",
        "brief": "新建生产线一条。",
        "contact_name": "郑示例",
        "contact_phone": "13800007777",
        "items": [{"name": "企业投资项目备案", "department_id": dept}]
    });
    let case = app.post("/api/v1/cases", &contact, application).await;
    assert_eq!(case.status, 201, "{}", case.body);
    let case = case.body["id"].as_str().unwrap().to_owned();
    assert_eq!(app.get(&format!("/api/v1/cases/{case}"), &key).await.status, 200);
    (admin, admin_refresh, contact, key, case, password)
}

async fn a_suspended_county_is_refused_on_every_operation(backend: Backend) {
    let app = spawn_app(backend).await;
    let platform = platform_token(&app).await;
    let (admin, admin_refresh, contact, key, case, password) = populated_county(&app, &platform).await;
    let listed = app.get("/api/v1/platform/counties/lianhua", &platform).await;
    assert_eq!((listed.body["users"].as_u64(), listed.body["cases"].as_u64()), (Some(2), Some(1)), "{}", listed.body);
    next_second().await;

    let r = app.post("/api/v1/platform/counties/lianhua/suspend", &platform, json!({"reason": "试点暂停"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let before = row_counts(&app).await;
    let (mut cells, mut public) = (0, 0);
    let mut wrong = Vec::new();
    for op in operations() {
        if op.path.starts_with("/api/v1/auth/") {
            continue;
        }
        let path = concrete(&op.path, "lianhua", &case);
        if op.public {
            let r = call(&app, &op, &path, None).await;
            if !public_refusal(&op, &r) {
                wrong.push(format!("public {} {}: {} {}", op.method, path, r.status, r.body));
            }
            public += 1;
            continue;
        }
        for (who, credential) in [("admin", &admin), ("enterprise", &contact), ("api client", &key)] {
            let r = call(&app, &op, &path, Some(credential)).await;
            if !matches!(r.status.as_u16(), 401 | 403 | 404) {
                wrong.push(format!("{who} {} {}: {} {}", op.method, path, r.status, r.body));
            }
            cells += 1;
        }
    }
    assert!(wrong.is_empty(), "reached in a suspended county:\n{}", wrong.join("\n"));
    assert_eq!(row_counts(&app).await, before, "nothing was written");
    println!(
        "suspended county: {cells} cells (3 credentials × {} operations) refused, {public} public operations refused",
        cells / 3
    );

    app.login_reply("lianhua", "admin", &password).await.assert_problem(403, "county_suspended");
    app.login_reply("lianhua", "contact", "Contact-Own-2026").await.assert_problem(403, "county_suspended");
    let refreshed =
        app.request(Method::POST, "/api/v1/auth/refresh", None, Some(json!({"refresh_token": admin_refresh}))).await;
    assert_eq!(refreshed.status, 401, "{}", refreshed.body);
    // The other county goes on.
    assert_eq!(app.get("/api/v1/cases", &app.token("office").await).await.status, 200);

    let r = app.post("/api/v1/platform/counties/lianhua/reinstate", &platform, json!({"reason": "恢复试点"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // Tokens of the ended sessions stay refused; a new sign-in and the key work again.
    app.get(&format!("/api/v1/cases/{case}"), &contact).await.assert_problem(401, "unauthenticated");
    let r = app.login_reply("lianhua", "contact", "Contact-Own-2026").await;
    assert_eq!(r.status, 200, "{}", r.body);
    let contact = r.body["access_token"].as_str().unwrap().to_owned();
    let got = app.get(&format!("/api/v1/cases/{case}"), &contact).await;
    assert_eq!(got.status, 200, "{}", got.body);
    assert_eq!(got.body["state"], "draft");
    assert_eq!(app.get(&format!("/api/v1/cases/{case}"), &key).await.status, 200);
}

crate::on_both_databases!(
    the_platform_administrator_reaches_no_county_operation,
    a_suspended_county_is_refused_on_every_operation,
);

//! The public side without a sign-in: the catalog in force and each item's guide, the
//! departments, the service's rules and contacts, the butler roster as the county publishes
//! it; strong ETags with 304, a per-address rate limit, and a county that is unknown or does
//! not publish answering 404 like a missing item. The administrator's profile and roster
//! settings, audited.

use crate::helpers::*;
use reqwest::{Method, StatusCode, header};
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

const BASE: &str = "/api/v1/public/dayao";

async fn public_get(app: &TestApp, path: &str) -> Reply {
    app.request(Method::GET, path, None, None).await
}

/// The demo county's profile with some fields changed.
async fn put_profile(app: &TestApp, admin: &str, changes: Value) -> Reply {
    let current = app.get("/api/v1/admin/public-profile", admin).await;
    assert_eq!(current.status, StatusCode::OK, "{}", current.body);
    let mut body = current.body.clone();
    let obj = body.as_object_mut().unwrap();
    obj.remove("updated_at");
    for (k, v) in changes.as_object().unwrap() {
        obj.insert(k.clone(), v.clone());
    }
    app.request(Method::PUT, "/api/v1/admin/public-profile", Some(admin), Some(body)).await
}

async fn audit_count(app: &TestApp, action: &str) -> usize {
    let db = app.db().await;
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            format!("SELECT action FROM audit_log WHERE action = '{action}'"),
        ))
        .await
        .unwrap();
    db.close().await.ok();
    rows.len()
}

async fn the_catalog_and_guides_read_without_a_token(backend: Backend) {
    let app = spawn_app(backend).await;

    let all = public_get(&app, &format!("{BASE}/items?limit=200")).await;
    assert_eq!(all.status, StatusCode::OK, "{}", all.body);
    let items = all.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 28, "the demo catalog in force");
    for item in items {
        assert!(item.get("id").is_none() && item.get("source_note").is_none(), "{item}");
        assert!(item["code"].as_str().unwrap().starts_with("DY-"));
        assert!(item["department"]["code"].is_string() && item["department"].get("id").is_none());
    }

    // Paged like the officials' list.
    let first = public_get(&app, &format!("{BASE}/items?limit=5")).await;
    assert_eq!(first.body["items"].as_array().unwrap().len(), 5);
    let cursor = first.body["next_cursor"].as_str().unwrap().to_owned();
    let second = public_get(&app, &format!("{BASE}/items?limit=5&cursor={cursor}")).await;
    assert_eq!(second.status, StatusCode::OK);
    assert_ne!(second.body["items"][0]["code"], first.body["items"][0]["code"]);
    public_get(&app, &format!("{BASE}/items?limit=0")).await.assert_problem(422, "validation_failed");

    // By stage, by department, by search text.
    let stage = public_get(&app, &format!("{BASE}/items?stage=construction_permit&limit=200")).await;
    let staged = stage.body["items"].as_array().unwrap();
    assert!(!staged.is_empty() && staged.len() < 28);
    assert!(staged.iter().all(|i| i["stage"] == "construction_permit"));
    let dept = public_get(&app, &format!("{BASE}/items?department=natural-resources&limit=200")).await;
    let by_dept = dept.body["items"].as_array().unwrap();
    assert!(!by_dept.is_empty() && by_dept.len() < 28);
    assert!(by_dept.iter().all(|i| i["department"]["code"] == "natural-resources"));
    let nowhere = public_get(&app, &format!("{BASE}/items?department=no-such-department")).await;
    assert_eq!(nowhere.body["items"], json!([]));
    let name = items[0]["name"].as_str().unwrap();
    let part: String = name.chars().skip(1).take(3).collect();
    let found = public_get(&app, &format!("{BASE}/items?q={}", urlencode(&part))).await;
    let found = found.body["items"].as_array().unwrap();
    assert!(found.iter().any(|i| i["code"] == items[0]["code"]), "{part}");
    assert!(found.iter().all(|i| i["name"].as_str().unwrap().contains(&part)));

    // One item's guide, by its code.
    let listed = items.iter().find(|i| i["material_count"].as_u64().unwrap() > 0).unwrap();
    let code = listed["code"].as_str().unwrap();
    let guide = public_get(&app, &format!("{BASE}/items/{code}")).await;
    assert_eq!(guide.status, StatusCode::OK, "{}", guide.body);
    assert_eq!(guide.body["code"], code);
    assert_eq!(guide.body["name"], listed["name"]);
    assert!(guide.body.get("id").is_none() && guide.body.get("source_note").is_none());
    assert_eq!(guide.body["materials"].as_array().unwrap().len() as u64, listed["material_count"].as_u64().unwrap());
    assert!(guide.body["materials"][0]["required"].is_boolean());
    let contacts = &guide.body["contacts"];
    assert!(contacts["consultation_phone"].is_string(), "{contacts}");
    // The demo's items carry their own complaint and supervision phones, which come first.
    assert_eq!(contacts["complaint_phone"], "0878-0000200", "the item's own");
    assert_eq!(contacts["supervision_phone"], "0878-0000300", "the item's own");
    let missing = public_get(&app, &format!("{BASE}/items/NO-SUCH-ITEM")).await;
    missing.assert_problem(404, "not_found");

    let departments = public_get(&app, &format!("{BASE}/departments")).await;
    let departments = departments.body.as_array().unwrap();
    assert_eq!(departments.len(), 20);
    assert_eq!(departments[0]["code"], "gov-services", "in the county's order");
    assert!(departments.iter().all(|d| d.get("id").is_none()));

    let service = public_get(&app, &format!("{BASE}/service")).await;
    assert_eq!(service.status, StatusCode::OK);
    assert_eq!(service.body["tenant"], json!({"code": "dayao", "name": "大姚县"}));
    assert!(service.body["office_name"].as_str().unwrap().contains("帮办代办"));
    assert!(service.body["service_rules"].as_str().unwrap().contains("30 分钟内回执"));
    assert!(service.body.get("updated_by").is_none());
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}

async fn get_with(app: &TestApp, path: &str, if_none_match: Option<&str>) -> reqwest::Response {
    let mut req = app.client.get(format!("{}{path}", app.base));
    if let Some(tag) = if_none_match {
        req = req.header(header::IF_NONE_MATCH, tag);
    }
    req.send().await.unwrap()
}

async fn public_reads_carry_a_strong_etag_and_answer_304(backend: Backend) {
    let app = spawn_app(backend).await;
    for path in ["/items?stage=project_approval", "/items/DY-001", "/departments", "/service", "/roster"] {
        let path = format!("{BASE}{path}");
        let first = get_with(&app, &path, None).await;
        assert_eq!(first.status(), StatusCode::OK, "{path}");
        let etag = first.headers()[header::ETAG].to_str().unwrap().to_owned();
        assert!(etag.starts_with('"') && !etag.starts_with("W/"), "a strong tag: {etag}");
        assert_eq!(first.headers()[header::CACHE_CONTROL], "public, max-age=60");
        let body = first.bytes().await.unwrap();
        assert!(!body.is_empty());

        let again = get_with(&app, &path, Some(&etag)).await;
        assert_eq!(again.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(again.headers()[header::ETAG].to_str().unwrap(), etag);
        assert_eq!(again.headers()[header::CACHE_CONTROL], "public, max-age=60");
        assert!(again.bytes().await.unwrap().is_empty());

        let listed = get_with(&app, &path, Some(&format!("\"stale\", W/{etag}"))).await;
        assert_eq!(listed.status(), StatusCode::NOT_MODIFIED, "a tag in a list, compared weakly");
        let stale = get_with(&app, &path, Some("\"stale\"")).await;
        assert_eq!(stale.status(), StatusCode::OK);
        assert_eq!(stale.bytes().await.unwrap(), body, "the same body for the same tag");
    }

    // A change to what is published changes the tag.
    let path = format!("{BASE}/service");
    let before = get_with(&app, &path, None).await.headers()[header::ETAG].to_str().unwrap().to_owned();
    let admin = app.token("admin").await;
    let r = put_profile(&app, &admin, json!({"office_hours": "工作日 9:00–17:00"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = get_with(&app, &path, Some(&before)).await;
    assert_eq!(after.status(), StatusCode::OK);
    assert_ne!(after.headers()[header::ETAG].to_str().unwrap(), before);
    let body: Value = after.json().await.unwrap();
    assert_eq!(body["office_hours"], "工作日 9:00–17:00");
}

async fn an_unknown_or_unpublished_county_is_not_found(backend: Backend) {
    let app = spawn_app(backend).await;
    let unknown = public_get(&app, "/api/v1/public/nowhere/items").await;
    unknown.assert_problem(404, "not_found");
    let missing_item = public_get(&app, &format!("{BASE}/items/NO-SUCH-ITEM")).await;
    assert_eq!(unknown.body["title"], missing_item.body["title"], "the same shape as a missing item");
    for path in ["/service", "/departments", "/roster", "/items/DY-001"] {
        public_get(&app, &format!("/api/v1/public/nowhere{path}")).await.assert_problem(404, "not_found");
    }

    // The profile is the administrator's: no token 401, another role 403.
    let no_token = app.request(Method::GET, "/api/v1/admin/public-profile", None, None).await;
    no_token.assert_problem(401, "unauthenticated");
    let office = app.token("office").await;
    app.get("/api/v1/admin/public-profile", &office).await.assert_problem(403, "forbidden");

    let admin = app.token("admin").await;
    let before = audit_count(&app, "public_profile_set").await;
    let off = put_profile(&app, &admin, json!({"published": false})).await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    assert_eq!(off.body["published"], false);
    assert_eq!(audit_count(&app, "public_profile_set").await, before + 1);
    for path in ["/service", "/items", "/departments", "/roster", "/items/DY-001"] {
        public_get(&app, &format!("{BASE}{path}")).await.assert_problem(404, "not_found");
    }
    // Signed-in officials still read the catalog.
    assert_eq!(app.get("/api/v1/items?limit=1", &office).await.status, StatusCode::OK);

    let on = put_profile(&app, &admin, json!({"published": true})).await;
    assert_eq!(on.status, StatusCode::OK);
    assert_eq!(public_get(&app, &format!("{BASE}/items")).await.status, StatusCode::OK);

    // Bad input is refused field by field and changes nothing.
    let bad = put_profile(&app, &admin, json!({"phone": "12345", "email": "not-an-address", "published": false})).await;
    bad.assert_problem(422, "validation_failed");
    let mut fields: Vec<String> = bad.field_codes().into_iter().map(|(f, _)| f).collect();
    fields.sort();
    assert_eq!(fields, vec!["email", "phone"]);
    assert_eq!(public_get(&app, &format!("{BASE}/items")).await.status, StatusCode::OK, "still published");
    assert_eq!(audit_count(&app, "public_profile_set").await, before + 2);

    // A blank text clears it.
    let cleared = put_profile(&app, &admin, json!({"email": "", "address": "  "})).await;
    assert_eq!(cleared.status, StatusCode::OK, "{}", cleared.body);
    assert_eq!(cleared.body["address"], Value::Null);
    let service = public_get(&app, &format!("{BASE}/service")).await;
    assert_eq!(service.body["address"], Value::Null);
}

async fn roster_names(app: &TestApp) -> Vec<Value> {
    let r = public_get(app, &format!("{BASE}/roster")).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body["members"].as_array().unwrap().clone()
}

async fn the_roster_shows_what_the_county_publishes(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.token("admin").await;

    // The demo publishes names and phones of its butlers, and nobody else.
    let members = roster_names(&app).await;
    let butlers = 20 + 1 + 2; // an agent per department, a second one, the officer and the window
    assert_eq!(members.len(), butlers, "{members:?}");
    for m in &members {
        assert!(
            ["investment_officer", "window_agent", "department_agent"].contains(&m["role"].as_str().unwrap()),
            "{m}"
        );
        assert!(m["phone"].is_string(), "{m}");
        assert!(m.get("user_id").is_none() && m.get("id").is_none());
    }

    let entries = app.get("/api/v1/admin/public-roster", &admin).await;
    assert_eq!(entries.status, StatusCode::OK, "{}", entries.body);
    let entries = entries.body.as_array().unwrap().clone();
    assert_eq!(entries.len(), butlers);
    let agent = entries.iter().find(|e| e["department"]["code"] == "natural-resources").unwrap().clone();
    let agent_name = agent["display_name"].as_str().unwrap().to_owned();
    assert_eq!(agent["listed"], true);

    // Names only.
    assert_eq!(put_profile(&app, &admin, json!({"roster_disclosure": "names"})).await.status, StatusCode::OK);
    let members = roster_names(&app).await;
    assert_eq!(members.len(), butlers);
    assert!(members.iter().all(|m| m["phone"].is_null()), "no phones: {members:?}");
    assert!(members.iter().any(|m| m["name"] == agent_name.as_str()));

    // One butler taken off, then put back.
    let before = audit_count(&app, "public_roster_listing_set").await;
    let path = format!("/api/v1/admin/public-roster/{}", agent["user_id"].as_str().unwrap());
    let off = app.request(Method::PUT, &path, Some(&admin), Some(json!({"listed": false}))).await;
    assert_eq!(off.status, StatusCode::OK, "{}", off.body);
    assert_eq!(off.body["listed"], false);
    assert_eq!(audit_count(&app, "public_roster_listing_set").await, before + 1);
    let members = roster_names(&app).await;
    assert_eq!(members.len(), butlers - 1);
    assert!(!members.iter().any(|m| m["name"] == agent_name.as_str()));
    let listed = app.get("/api/v1/admin/public-roster", &admin).await;
    let entry = listed.body.as_array().unwrap().iter().find(|e| e["user_id"] == agent["user_id"]).unwrap().clone();
    assert_eq!(entry["listed"], false, "the administrator still sees them, taken off");
    let back = app.request(Method::PUT, &path, Some(&admin), Some(json!({"listed": true}))).await;
    assert_eq!(back.body["listed"], true);
    assert_eq!(roster_names(&app).await.len(), butlers);

    // An enterprise's contact is never a butler: not found, nothing recorded.
    let users = app.get("/api/v1/users?role=enterprise", &admin).await;
    let contact = users.body["items"][0]["id"].as_str().unwrap().to_owned();
    let r = app
        .request(
            Method::PUT,
            &format!("/api/v1/admin/public-roster/{contact}"),
            Some(&admin),
            Some(json!({"listed": true})),
        )
        .await;
    r.assert_problem(404, "not_found");
    assert_eq!(audit_count(&app, "public_roster_listing_set").await, before + 2);
    let office = app.token("office").await;
    app.request(Method::PUT, &path, Some(&office), Some(json!({"listed": false})))
        .await
        .assert_problem(403, "forbidden");

    // Not published at all.
    assert_eq!(put_profile(&app, &admin, json!({"roster_disclosure": "none"})).await.status, StatusCode::OK);
    let r = public_get(&app, &format!("{BASE}/roster")).await;
    assert_eq!(r.body, json!({"disclosure": "none", "members": []}));

    // A county that never chose publishes no roster (the demo loader chose for this one:
    // forget its choice).
    app.add_tenant("qiaojia", "巧家县", "530622").await;
    let db = app.db().await;
    db.execute_unprepared(
        "DELETE FROM public_profiles WHERE tenant_id IN (SELECT id FROM tenants WHERE code = 'qiaojia')",
    )
    .await
    .unwrap();
    db.close().await.ok();
    let r = public_get(&app, "/api/v1/public/qiaojia/roster").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.body["members"], json!([]));
}

async fn public_reads_are_rate_limited_per_address(backend: Backend) {
    let app = spawn_configured(backend, |s| s.public_requests_per_ip_per_minute = 3).await;
    for _ in 0..3 {
        assert_eq!(public_get(&app, &format!("{BASE}/departments")).await.status, StatusCode::OK);
    }
    let res = app.client.get(format!("{}{BASE}/items", app.base)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = res.headers()[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    let reply = app.raw(app.client.get(format!("{}/api/v1/public/nowhere/items", app.base))).await;
    reply.assert_problem(429, "too_many_requests");
    // Signing in and the officials' API are not counted against the public limit.
    let admin = app.token("admin").await;
    assert_eq!(app.get("/api/v1/admin/public-profile", &admin).await.status, StatusCode::OK);
}

crate::on_both_databases!(
    the_catalog_and_guides_read_without_a_token,
    public_reads_carry_a_strong_etag_and_answer_304,
    an_unknown_or_unpublished_county_is_not_found,
    the_roster_shows_what_the_county_publishes,
    public_reads_are_rate_limited_per_address,
);

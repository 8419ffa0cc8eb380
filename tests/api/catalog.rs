//! Managing the catalog: items are drafted, edited (guarded by their revision), published,
//! versioned and retired; departments write only their own drafts and only the office
//! publishes; a plan takes only the version in force and the flags it allows; a case keeps the
//! version it was planned with.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::lifecycle::{Directory, application, directory, step};

/// The fields of an item version as `PUT /items/{id}` takes them, from how it reads.
pub(crate) fn item_in(out: &Value) -> Value {
    let mut body = json!({"department_id": out["department"]["id"]});
    for key in [
        "code",
        "name",
        "stage",
        "legal_basis",
        "allows_tolerance",
        "allows_commitment",
        "max_extension_days",
        "legal_fees",
        "fee_basis",
        "result_name",
        "acceptance_conditions",
        "intermediary_services",
        "process",
        "consultation_phone",
        "complaint_phone",
        "supervision_phone",
        "source",
        "source_note",
        "materials",
    ] {
        body[key] = out[key].clone();
    }
    body["legal_limit"] = out["legal_limit"]["text"].clone();
    body["promised_limit"] = out["promised_limit"]["text"].clone();
    body
}

async fn put(app: &TestApp, path: &str, token: &str, if_match: Option<&str>, body: Value) -> Reply {
    let mut req = app.client.put(format!("{}{path}", app.base)).bearer_auth(token).json(&body);
    if let Some(tag) = if_match {
        req = req.header("If-Match", tag);
    }
    app.raw(req).await
}

async fn current(app: &TestApp, token: &str, code: &str) -> Value {
    let list = app.get("/api/v1/items?limit=200", token).await;
    list.body["items"].as_array().unwrap().iter().find(|i| i["code"] == code).cloned().unwrap_or(Value::Null)
}

/// Publishes, as the office, a new version of the item `code` with `change` applied; returns
/// the published version.
pub(crate) async fn publish_change(app: &TestApp, code: &str, change: impl FnOnce(&mut Value)) -> Value {
    let office = app.token("office").await;
    let item = current(app, &office, code).await;
    let id = item["id"].as_str().unwrap();
    let draft = app.post(&format!("/api/v1/items/{id}/versions"), &office, json!(null)).await;
    assert_eq!(draft.status, 201, "{}", draft.body);
    let mut body = item_in(&draft.body);
    change(&mut body);
    let draft_id = draft.body["id"].as_str().unwrap();
    let edited = put(app, &format!("/api/v1/items/{draft_id}"), &office, None, body).await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    let published = app.post(&format!("/api/v1/items/{draft_id}/publish"), &office, json!({})).await;
    assert_eq!(published.status, 200, "{}", published.body);
    published.body
}

/// Lets the demo catalog's items allow what the suite's plans ask of them (an extension of
/// DY-007, 容缺 of a DY-009 material, 告知承诺 for DY-014), publishing a new version of those
/// that do not yet.
pub(crate) async fn allow_what_the_plans_ask(app: &TestApp) {
    let office = app.token("office").await;
    if current(app, &office, "DY-007").await["max_extension_days"].as_i64().unwrap_or(0) < 5 {
        publish_change(app, "DY-007", |b| b["max_extension_days"] = json!(5)).await;
    }
    let dy009 = current(app, &office, "DY-009").await;
    let tolerable = dy009["materials"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m["name"] == "水土保持方案批复" && m["may_be_missing"] == true);
    if !(tolerable && dy009["allows_tolerance"] == true) {
        publish_change(app, "DY-009", |b| {
            b["allows_tolerance"] = json!(true);
            let materials = b["materials"].as_array_mut().unwrap();
            materials.retain(|m| m["name"] != "水土保持方案批复");
            materials.push(json!({"name": "水土保持方案批复", "required": true, "may_be_missing": true}));
        })
        .await;
    }
    if current(app, &office, "DY-014").await["allows_commitment"] != true {
        publish_change(app, "DY-014", |b| b["allows_commitment"] = json!(true)).await;
    }
}

fn new_item(d: &Directory, code: &str, department: &str) -> Value {
    json!({
        "code": code,
        "name": "临时占用林地审批",
        "department_id": d.departments[department],
        "stage": "engineering_permit",
        "legal_basis": "《森林法》第三十八条",
        "legal_limit": "20个工作日",
        "promised_limit": "10",
        "allows_tolerance": true,
        "allows_commitment": false,
        "max_extension_days": 5,
        "fee_basis": "不收费",
        "result_name": "临时占用林地审批决定书",
        "consultation_phone": "0878-6222000",
        "complaint_phone": "12345",
        "materials": [
            {"name": "申请表", "required": true, "may_be_missing": false, "sample": "申请表样表", "note": "原件一份"},
            {"name": "林地现状调查表", "required": true, "may_be_missing": true}
        ]
    })
}

async fn an_item_is_drafted_edited_published_versioned_and_retired(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let office = app.token("office").await;

    // Bad fields are named, each one; nothing is written.
    let mut bad = new_item(&d, "LY 01", "natural-resources");
    bad["promised_limit"] = json!("30");
    bad["materials"][1]["name"] = json!("申请表");
    bad["complaint_phone"] = json!("call us");
    let r = app.post("/api/v1/items", &office, bad).await;
    r.assert_problem(422, "validation_failed");
    let fields: Vec<(String, String)> = r.field_codes();
    for expected in [
        ("code", "item_code"),
        ("promised_limit", "promise_exceeds_legal"),
        ("materials[1].name", "duplicate"),
        ("complaint_phone", "phone"),
    ] {
        assert!(fields.contains(&(expected.0.to_owned(), expected.1.to_owned())), "{expected:?} in {}", r.body);
    }
    assert_eq!(app.get("/api/v1/items?status=draft", &office).await.body["items"], json!([]));

    // Created: version 1, a draft, with its revision as the ETag; not in the catalog in force.
    let created = app.post("/api/v1/items", &office, new_item(&d, "LY-01", "natural-resources")).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let v1 = created.body["id"].as_str().unwrap().to_owned();
    assert_eq!((created.body["version"].clone(), created.body["status"].clone()), (json!(1), json!("draft")));
    assert_eq!(created.body["promised_limit"]["text"], "10个工作日");
    assert_eq!(created.body["materials"][0]["note"], "原件一份");
    assert!(current(&app, &office, "LY-01").await.is_null());
    let drafts = app.get("/api/v1/items?status=draft", &office).await;
    assert_eq!(drafts.body["items"].as_array().unwrap().len(), 1);
    app.post("/api/v1/items", &office, new_item(&d, "LY-01", "natural-resources"))
        .await
        .assert_problem(409, "conflict");

    // Edited with If-Match: a stale revision is refused (412) and changes nothing.
    let mut body = item_in(&created.body);
    body["name"] = json!("临时使用林地审批");
    let edited = put(&app, &format!("/api/v1/items/{v1}"), &office, Some("\"1\""), body.clone()).await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!(edited.body["revision"], 2);
    assert_eq!(edited.body["name"], "临时使用林地审批");
    body["name"] = json!("迟到的修改");
    put(&app, &format!("/api/v1/items/{v1}"), &office, Some("\"1\""), body.clone())
        .await
        .assert_problem(412, "version_mismatch");
    body["code"] = json!("LY-02");
    let r = put(&app, &format!("/api/v1/items/{v1}"), &office, Some("\"2\""), body).await;
    assert_eq!(r.field_codes(), vec![("code".to_owned(), "code_fixed".to_owned())]);
    assert_eq!(app.get(&format!("/api/v1/items/{v1}"), &office).await.body["name"], "临时使用林地审批");

    // Published: in force from today, in the catalog; no longer editable or publishable.
    // The county's today (北京时间), which is not UTC's between 16:00 and 24:00 UTC.
    let local_today = app.clock_now().with_timezone(&butler_domain::calendar::TIME_ZONE).date_naive();
    let today = local_today.to_string();
    let future = (local_today + chrono::Days::new(30)).to_string();
    let r = app.post(&format!("/api/v1/items/{v1}/publish"), &office, json!({"valid_from": future})).await;
    assert_eq!(r.field_codes(), vec![("valid_from".to_owned(), "in_future".to_owned())]);
    let published = app.post(&format!("/api/v1/items/{v1}/publish"), &office, json!(null)).await;
    assert_eq!(published.status, 200, "{}", published.body);
    assert_eq!(published.body["status"], "published");
    assert_eq!(published.body["valid_from"], today);
    assert_eq!(current(&app, &office, "LY-01").await["id"], v1.as_str());
    app.post(&format!("/api/v1/items/{v1}/publish"), &office, json!(null))
        .await
        .assert_problem(409, "invalid_transition");
    let r = put(&app, &format!("/api/v1/items/{v1}"), &office, None, item_in(&published.body)).await;
    r.assert_problem(409, "invalid_transition");
    app.request(Method::DELETE, &format!("/api/v1/items/{v1}"), Some(&office), None)
        .await
        .assert_problem(409, "invalid_transition");

    // A new version: a draft copied from the version in force; one draft at a time.
    let v2 = app.post(&format!("/api/v1/items/{v1}/versions"), &office, json!(null)).await;
    assert_eq!(v2.status, 201, "{}", v2.body);
    assert_eq!((v2.body["version"].clone(), v2.body["status"].clone()), (json!(2), json!("draft")));
    assert_eq!(v2.body["materials"], published.body["materials"]);
    app.post(&format!("/api/v1/items/{v1}/versions"), &office, json!(null)).await.assert_problem(409, "conflict");
    // Discarded, and started again.
    let v2_id = v2.body["id"].as_str().unwrap().to_owned();
    let r = app.request(Method::DELETE, &format!("/api/v1/items/{v2_id}"), Some(&office), None).await;
    assert_eq!(r.status, 204);
    app.get(&format!("/api/v1/items/{v2_id}"), &office).await.assert_problem(404, "not_found");
    let v2 = app.post(&format!("/api/v1/items/{v1}/versions"), &office, json!(null)).await;
    let v2_id = v2.body["id"].as_str().unwrap().to_owned();
    let mut body = item_in(&v2.body);
    body["promised_limit"] = json!("8");
    let r = put(&app, &format!("/api/v1/items/{v2_id}"), &office, Some("\"1\""), body).await;
    assert_eq!(r.status, 200, "{}", r.body);

    // Published again: version 1 retires the same day; the catalog shows version 2.
    let r = app.post(&format!("/api/v1/items/{v2_id}/publish"), &office, json!({"valid_from": today})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let versions = app.get(&format!("/api/v1/items/{v1}/versions"), &office).await;
    assert_eq!(versions.status, 200, "{}", versions.body);
    let summary: Vec<(Value, Value, Value)> = versions
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["version"].clone(), v["status"].clone(), v["valid_until"].clone()))
        .collect();
    assert_eq!(summary, vec![(json!(2), json!("published"), Value::Null), (json!(1), json!("retired"), json!(today))]);
    let in_force = current(&app, &office, "LY-01").await;
    assert_eq!(
        (in_force["version"].clone(), in_force["promised_limit"]["text"].clone()),
        (json!(2), json!("8个工作日"))
    );

    // Retired: the item leaves the catalog in force.
    let retired = app.post(&format!("/api/v1/items/{v2_id}/retire"), &office, json!(null)).await;
    assert_eq!(retired.status, 200, "{}", retired.body);
    assert_eq!((retired.body["status"].clone(), retired.body["valid_until"].clone()), (json!("retired"), json!(today)));
    assert!(current(&app, &office, "LY-01").await.is_null());
    let retired_list = app.get("/api/v1/items?status=retired&limit=200", &office).await;
    assert_eq!(retired_list.body["items"].as_array().unwrap().iter().filter(|i| i["code"] == "LY-01").count(), 2);
}

async fn departments_write_only_their_own_drafts_and_only_the_office_publishes(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let agent = app.token("agent-natural-resources").await;
    let leader = app.token("leader-natural-resources").await;
    let water = app.token("agent-water").await;
    let enterprise = app.token("enterprise").await;
    let office = app.token("office").await;

    // Its own department's item: yes; another department's: no.
    app.post("/api/v1/items", &agent, new_item(&d, "LY-02", "water")).await.assert_problem(403, "forbidden");
    app.post("/api/v1/items", &enterprise, new_item(&d, "LY-02", "natural-resources"))
        .await
        .assert_problem(403, "forbidden");
    let created = app.post("/api/v1/items", &agent, new_item(&d, "LY-02", "natural-resources")).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();

    // The draft is seen by its department and the office, not by others.
    assert_eq!(app.get(&format!("/api/v1/items/{id}"), &leader).await.status, 200);
    assert_eq!(app.get(&format!("/api/v1/items/{id}"), &office).await.status, 200);
    app.get(&format!("/api/v1/items/{id}"), &water).await.assert_problem(404, "not_found");
    app.get(&format!("/api/v1/items/{id}"), &enterprise).await.assert_problem(404, "not_found");
    app.get("/api/v1/items?status=draft", &enterprise).await.assert_problem(403, "forbidden");
    let water_drafts = app.get("/api/v1/items?status=draft", &water).await;
    assert_eq!(water_drafts.body["items"], json!([]), "{}", water_drafts.body);
    let own_drafts = app.get("/api/v1/items?status=draft", &leader).await;
    assert_eq!(own_drafts.body["items"].as_array().unwrap().len(), 1, "{}", own_drafts.body);

    // Its leader edits it; moving it to another department is refused.
    let mut body = item_in(&created.body);
    body["name"] = json!("临时占用林地审批（含延续）");
    let r = put(&app, &format!("/api/v1/items/{id}"), &leader, Some("\"1\""), body.clone()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    body["department_id"] = json!(d.departments["water"]);
    put(&app, &format!("/api/v1/items/{id}"), &agent, None, body).await.assert_problem(403, "forbidden");
    put(&app, &format!("/api/v1/items/{id}"), &water, None, item_in(&r.body)).await.assert_problem(404, "not_found");

    // Only the office (or an admin) publishes and retires.
    for token in [&agent, &leader] {
        app.post(&format!("/api/v1/items/{id}/publish"), token, json!(null)).await.assert_problem(403, "forbidden");
    }
    let published = app.post(&format!("/api/v1/items/{id}/publish"), &office, json!(null)).await;
    assert_eq!(published.status, 200, "{}", published.body);
    app.post(&format!("/api/v1/items/{id}/retire"), &agent, json!(null)).await.assert_problem(403, "forbidden");

    // A department starts a new version of its item and discards it; another department may not.
    let water_item = current(&app, &office, "DY-014").await["id"].as_str().unwrap().to_owned();
    app.post(&format!("/api/v1/items/{water_item}/versions"), &agent, json!(null))
        .await
        .assert_problem(403, "forbidden");
    let v2 = app.post(&format!("/api/v1/items/{id}/versions"), &agent, json!(null)).await;
    assert_eq!(v2.status, 201, "{}", v2.body);
    let v2_id = v2.body["id"].as_str().unwrap();
    let r = app.request(Method::DELETE, &format!("/api/v1/items/{v2_id}"), Some(&agent), None).await;
    assert_eq!(r.status, 204, "{}", r.body);
    // Unauthenticated: 401.
    let r = app.request(Method::POST, "/api/v1/items", None, Some(new_item(&d, "LY-03", "water"))).await;
    r.assert_problem(401, "unauthenticated");
}

/// A case accepted with its team formed (the demo catalog as it is, items DY-007 … DY-021).
async fn case_with_team(app: &TestApp, d: &Directory) -> String {
    let enterprise = app.token("enterprise").await;
    let created = app.post("/api/v1/cases", &enterprise, application(d)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    step(app, "enterprise", &id, "submit", json!(null)).await;
    let review = json!({"recommendation": "符合受理条件，建议受理。", "policy_checks": {"industrial": true, "land": true, "environmental": true, "safety": true, "energy": true}});
    step(app, "investment_officer", &id, "review", review).await;
    step(app, "investment_leader", &id, "accept", json!(null)).await;
    let team = json!({
        "responsible_leader_id": d.users["leader-natural-resources"],
        "lead_agent_id": d.users["window_agent"],
        "co_agent_ids": [
            d.users["agent-natural-resources"], d.users["agent-ecology-environment"],
            d.users["agent-water"], d.users["agent-housing-construction"]
        ]
    });
    step(app, "office", &id, "team", team).await;
    id
}

async fn a_plan_takes_only_the_version_in_force_and_what_it_allows(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let office = app.token("office").await;
    let id = case_with_team(&app, &d).await;
    // DY-021 as the catalog has it: no 告知承诺, no 容缺, no extension.
    let dy021 = publish_change(&app, "DY-021", |b| {
        b["allows_commitment"] = json!(false);
        b["allows_tolerance"] = json!(false);
        b["max_extension_days"] = Value::Null;
        for m in b["materials"].as_array_mut().unwrap() {
            m["may_be_missing"] = json!(false);
        }
    })
    .await;
    let dy021_id = dy021["id"].as_str().unwrap().to_owned();
    let material = dy021["materials"][0]["name"].as_str().unwrap().to_owned();
    let versions = app.get(&format!("/api/v1/items/{dy021_id}/versions"), &office).await;
    let retired_id = versions.body[1]["id"].as_str().unwrap().to_owned();
    let dy009 = current(&app, &office, "DY-009").await;
    let plan = |fourth: Value| {
        json!({"items": [
            {"catalog_item_id": d.items["DY-007"], "promised_limit": "3", "agent_id": d.users["agent-natural-resources"], "max_extension_days": 5},
            {"catalog_item_id": dy009["id"], "agent_id": d.users["agent-ecology-environment"],
             "missing_materials": [{"name": "水土保持方案批复", "committed_by": "2026-12-31"}]},
            {"catalog_item_id": d.items["DY-014"], "agent_id": d.users["agent-water"], "allows_commitment": true},
            fourth
        ]})
    };
    let base =
        json!({"catalog_item_id": dy021_id, "promised_limit": "5", "agent_id": d.users["agent-housing-construction"]});

    // A retired version is refused, field-level.
    let mut retired = base.clone();
    retired["catalog_item_id"] = json!(retired_id);
    let r = app.post(&format!("/api/v1/cases/{id}/plan"), &office, plan(retired)).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("items[3].catalog_item_id".to_owned(), "item_not_in_force".to_owned())]);

    // A draft is refused too.
    let draft = app.post(&format!("/api/v1/items/{dy021_id}/versions"), &office, json!(null)).await;
    let mut drafted = base.clone();
    drafted["catalog_item_id"] = draft.body["id"].clone();
    let r = app.post(&format!("/api/v1/cases/{id}/plan"), &office, plan(drafted)).await;
    assert_eq!(r.field_codes(), vec![("items[3].catalog_item_id".to_owned(), "item_not_in_force".to_owned())]);

    // Flags the item does not allow: 告知承诺, 容缺, an extension above its ceiling.
    let mut flagged = base.clone();
    flagged["allows_commitment"] = json!(true);
    flagged["max_extension_days"] = json!(3);
    flagged["missing_materials"] = json!([{"name": material, "committed_by": "2026-12-31"}]);
    let r = app.post(&format!("/api/v1/cases/{id}/plan"), &office, plan(flagged)).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(
        r.field_codes(),
        vec![
            ("items[3].allows_commitment".to_owned(), "commitment_not_allowed".to_owned()),
            ("items[3].max_extension_days".to_owned(), "extension_above_item".to_owned()),
            ("items[3].missing_materials[0].name".to_owned(), "tolerance_not_allowed".to_owned()),
        ]
    );
    // 容缺 of a material the item does not mark as such.
    let mut other_material = plan(base.clone());
    other_material["items"][1]["missing_materials"][0]["name"] = json!("建设单位申请表（建设单位和有关单位盖章）");
    let r = app.post(&format!("/api/v1/cases/{id}/plan"), &office, other_material).await;
    assert_eq!(
        r.field_codes(),
        vec![("items[1].missing_materials[0].name".to_owned(), "material_not_tolerable".to_owned())]
    );

    // What the items allow is planned; the case pins each version.
    let planned = step(&app, "office", &id, "plan", plan(base)).await;
    assert_eq!(planned["items"][3]["catalog_item_id"], dy021_id.as_str());
    let pinned = planned["items"][3]["catalog_version"].clone();
    assert_eq!(pinned, dy021["version"]);

    // A newer version is published: the case keeps the version it was planned with.
    let r = app
        .request(Method::DELETE, &format!("/api/v1/items/{}", draft.body["id"].as_str().unwrap()), Some(&office), None)
        .await;
    assert_eq!(r.status, 204);
    let newer = publish_change(&app, "DY-021", |b| b["promised_limit"] = json!("4")).await;
    assert_eq!(newer["version"], pinned.as_i64().unwrap() + 1);
    let case = app.get(&format!("/api/v1/cases/{id}"), &office).await.body;
    assert_eq!(case["items"][3]["catalog_item_id"], dy021_id.as_str());
    assert_eq!(case["items"][3]["catalog_version"], pinned);
    assert_eq!(case["items"][3]["promised_limit"]["text"], "5个工作日");
}

crate::on_both_databases!(
    an_item_is_drafted_edited_published_versioned_and_retired,
    departments_write_only_their_own_drafts_and_only_the_office_publishes,
    a_plan_takes_only_the_version_in_force_and_what_it_allows,
);

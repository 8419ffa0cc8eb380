//! Onboarding a county from one workbook: the dry run, the import (every sheet), a broken
//! workbook refused with every error named and nothing written, the county's users signing in
//! with their initial passwords, a case run there to dispatch, the export and its round trip
//! into a new county, the template, and the demo county untouched throughout.

use chrono::{Timelike, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::collections::HashMap;

use crate::helpers::{Backend, TestApp, spawn_app};
use crate::on_both_databases;

mod workbook;

pub(crate) use workbook::{Rows, county_sheets, platform_token, post_workbook, sign_in, workbook};

/// What a county's admin sees of it: departments, users, catalog and the county (sorted; ids
/// and instants left out, as they differ between counties).
async fn snapshot(app: &TestApp, token: &str) -> Value {
    fn clean(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.retain(|k, _| k != "id" && k != "valid_from" && !k.ends_with("_id") && !k.ends_with("_at"));
                map.values_mut().for_each(clean);
            }
            Value::Array(items) => items.iter_mut().for_each(clean),
            _ => {}
        }
    }
    let strip = |v: &Value, _: &[&str]| -> Vec<Value> {
        let mut out: Vec<Value> = v["items"].as_array().unwrap().clone();
        out.iter_mut().for_each(clean);
        out.sort_by_key(|x| x.to_string());
        out
    };
    let departments = app.get("/api/v1/departments?limit=200", token).await;
    assert_eq!(departments.status, 200, "{}", departments.body);
    let users = app.get("/api/v1/users?limit=200", token).await;
    let items = app.get("/api/v1/items?limit=200", token).await;
    let tenant = app.get("/api/v1/tenant", token).await;
    json!({
        "departments": strip(&departments.body, &["id", "created_at"]),
        "users": strip(&users.body, &["id", "department_id", "created_at", "updated_at", "last_login_at"]),
        "items": strip(&items.body, &["id", "department_id", "created_at", "updated_at", "valid_from"]),
        "tenant": tenant.body,
    })
}

/// The demo county as its admin sees it, with its settings versions and local days.
async fn demo_snapshot(app: &TestApp) -> Value {
    let mut seen = snapshot(app, &app.token("admin").await).await;
    let db = app.db().await;
    let demo = butler_persistence::repo::tenants::find_by_code(&db, "dayao").await.unwrap().unwrap();
    let settings: Vec<(i32, String)> = butler_persistence::repo::settings::history(&db, demo.id)
        .await
        .unwrap()
        .into_iter()
        .map(|v| (v.version, v.settings))
        .collect();
    let days: Vec<(String, bool)> = butler_persistence::repo::calendar::list(&db, demo.id)
        .await
        .unwrap()
        .into_iter()
        .map(|d| (d.date.to_string(), d.working))
        .collect();
    db.close().await.ok();
    seen["settings"] = json!(settings);
    seen["calendar_days"] = json!(days);
    seen
}

async fn counties_in_database(app: &TestApp, code: &str) -> bool {
    let db = app.db().await;
    let found = butler_persistence::repo::tenants::find_by_code(&db, code).await.unwrap().is_some();
    db.close().await.ok();
    found
}

/// Onboards 青梧县 and returns (report, password of each user name).
pub(crate) async fn onboard_qingwu(app: &TestApp) -> (Value, HashMap<String, String>) {
    let platform = platform_token(app).await;
    let r = post_workbook(app, &platform, "", &workbook(&county_sheets("qingwu", "青梧县"))).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let passwords = r.body["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["username"].as_str().unwrap().to_owned(), u["initial_password"].as_str().unwrap().to_owned()))
        .collect();
    (r.body, passwords)
}

async fn a_county_is_onboarded_from_one_workbook(backend: Backend) {
    let app = spawn_app(backend).await;
    let demo_before = demo_snapshot(&app).await;
    let platform = platform_token(&app).await;
    let bytes = workbook(&county_sheets("qingwu", "青梧县"));

    // Only the platform administrator onboards.
    let admin = app.token("admin").await;
    post_workbook(&app, &admin, "", &bytes).await.assert_problem(403, "platform_only");

    // The dry run says what would be created, makes no password and writes nothing.
    let dry = post_workbook(&app, &platform, "?dry_run=true", &bytes).await;
    assert_eq!(dry.status, 200, "{}", dry.body);
    assert_eq!(dry.body["dry_run"], true);
    assert_eq!(dry.body["code"], "qingwu");
    assert_eq!(dry.body["departments"], json!(["development-reform", "natural-resources"]));
    assert_eq!(dry.body["users"].as_array().unwrap().len(), 9);
    assert!(dry.body["users"].as_array().unwrap().iter().all(|u| u["initial_password"].is_null()));
    assert_eq!(dry.body["catalog"]["created"], 2);
    assert_eq!(dry.body["calendar_days"], 2);
    assert!(!counties_in_database(&app, "qingwu").await, "a dry run writes nothing");

    // The import.
    let (report, passwords) = onboard_qingwu(&app).await;
    assert_eq!(report["dry_run"], false);
    assert_eq!(report["settings_version"], 1);
    assert_eq!(report["profile"], true);
    let roles: HashMap<&str, &str> = report["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["username"].as_str().unwrap(), u["role"].as_str().unwrap()))
        .collect();
    assert_eq!(roles["admin"], "admin", "a role by its Chinese name");
    assert_eq!(roles["agent-nr"], "department_agent");
    let unique: std::collections::HashSet<&String> = passwords.values().collect();
    assert_eq!(unique.len(), passwords.len(), "every user has an own password");

    // Its users sign in with their initial passwords, which are stored hashed and must be
    // changed; the demo password opens nothing there.
    let qw_admin = sign_in(&app, "qingwu", "admin", &passwords["admin"]).await;
    let wrong = app.login_reply("qingwu", "admin", crate::helpers::PASSWORD).await;
    assert_eq!(wrong.status, 401, "{}", wrong.body);
    let db = app.db().await;
    let county = butler_persistence::repo::tenants::find_by_code(&db, "qingwu").await.unwrap().unwrap();
    let stored = butler_persistence::repo::users::find_by_username(&db, county.id, "agent-nr").await.unwrap().unwrap();
    assert!(stored.must_change_password);
    assert!(stored.password_hash.starts_with("$argon2id$") && !stored.password_hash.contains(&passwords["agent-nr"]));
    let settings = butler_persistence::repo::settings::current(&db, county.id).await.unwrap().unwrap();
    assert_eq!(settings.version, 1);
    let settings: Value = serde_json::from_str(&settings.settings).unwrap();
    assert_eq!(settings["acknowledge_within_minutes"], 45);
    assert_eq!(settings["finishing_ladder"]["steps"].as_array().unwrap().len(), 3);
    assert_eq!(settings["case_number_prefix"], "QW");
    // In the audit trail once (the dry run left none), without a password.
    use butler_persistence::entity::audit_log;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let audit =
        audit_log::Entity::find().filter(audit_log::Column::Action.eq("county_onboarded")).all(&db).await.unwrap();
    assert_eq!(audit.len(), 1);
    let detail = serde_json::to_string(&audit[0].detail).unwrap();
    assert!(detail.contains("qingwu") && !detail.contains(&passwords["admin"]), "{detail}");
    db.close().await.ok();

    // What the county's admin sees.
    let tenant = app.get("/api/v1/tenant", &qw_admin).await;
    assert_eq!(tenant.body["name"], "青梧县");
    assert_eq!(tenant.body["investment_threshold_fen"], 3_000_000_000i64);
    let items = app.get("/api/v1/items?limit=200", &qw_admin).await;
    let codes: Vec<&str> =
        items.body["items"].as_array().unwrap().iter().map(|i| i["code"].as_str().unwrap()).collect();
    assert_eq!(codes.len(), 2, "{}", items.body);
    let days = app.get("/api/v1/calendar/days?from=2026-12-28&to=2026-12-28", &qw_admin).await;
    assert_eq!(days.status, 200, "{}", days.body);
    assert_eq!(days.body["days"][0]["working"], false, "a Monday made a day off: {}", days.body);
    let service = app.client.get(format!("{}/api/v1/public/qingwu/service", app.base)).send().await.unwrap();
    assert_eq!(service.status(), StatusCode::OK);
    let body: Value = service.json().await.unwrap();
    assert_eq!(body["office_name"], "青梧县重大项目帮办代办专窗", "{body}");

    // The same code again is an error of the 县 sheet.
    let again = post_workbook(&app, &platform, "", &bytes).await;
    again.assert_problem(422, "validation_failed");
    assert_eq!(again.field_codes(), vec![("县/2/编码".to_owned(), "taken".to_owned())]);

    assert_eq!(demo_snapshot(&app).await, demo_before, "the demo county is untouched");
}

async fn a_broken_workbook_is_refused_with_every_error_and_nothing_written(backend: Backend) {
    let app = spawn_app(backend).await;
    let demo_before = demo_snapshot(&app).await;
    let platform = platform_token(&app).await;
    let mut sheets = county_sheets("songxi", "松溪县");
    let sheet = |sheets: &mut Vec<(&'static str, Rows)>, name: &str| -> usize {
        sheets.iter().position(|(n, _)| *n == name).unwrap()
    };
    // 设置: a window beyond its bounds, a step after its deadline that should be before.
    let s = sheet(&mut sheets, "设置");
    sheets[s].1[2][1] = "1000".into();
    sheets[s].1[3][1] = "remind_before; reminder; agent; 2 wd".into();
    // 部门: a phone number that is none.
    let d = sheet(&mut sheets, "部门");
    sheets[d].1[1][3] = "12345".into();
    // 用户: a role that is none; an agent of a department the sheet lacks.
    let u = sheet(&mut sheets, "用户");
    sheets[u].1[3][2] = "门卫".into();
    sheets[u].1[8][3] = "water".into();
    // 日历: a date that is none.
    let c = sheet(&mut sheets, "日历");
    sheets[c].1[1][0] = "2026-02-30".into();
    // 事项: a promise longer than the law.
    let i = sheet(&mut sheets, "事项");
    sheets[i].1[2][7] = "30个工作日".into();

    let r = post_workbook(&app, &platform, "", &workbook(&sheets)).await;
    r.assert_problem(422, "validation_failed");
    let mut got = r.field_codes();
    got.sort();
    let mut want: Vec<(String, String)> = [
        ("设置/3/值", "range"),
        ("设置/4/值", "step_offset"),
        ("部门/2/电话", "phone"),
        ("用户/4/角色", "unknown_role"),
        ("用户/9/部门编码", "unknown_department"),
        ("日历/2/日期", "not_a_date"),
        ("事项/3/承诺时限", "promise_exceeds_legal"),
    ]
    .iter()
    .map(|(p, c)| ((*p).to_owned(), (*c).to_owned()))
    .collect();
    want.sort();
    assert_eq!(got, want, "{}", r.body);
    let role = r.body["errors"].as_array().unwrap().iter().find(|e| e["field"] == "用户/4/角色").unwrap();
    assert!(role["message"].as_str().unwrap().contains("「用户」表第 4 行「角色」列"), "{role}");
    // In English too.
    let en = app
        .raw(
            app.client
                .post(format!("{}/api/v1/platform/onboarding", app.base))
                .bearer_auth(&platform)
                .header("accept-language", "en")
                .header("content-type", "multipart/form-data; boundary=b")
                .body({
                    let mut body =
                        b"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"c.xlsx\"\r\n\r\n".to_vec();
                    body.extend_from_slice(&workbook(&sheets));
                    body.extend_from_slice(b"\r\n--b--\r\n");
                    body
                }),
        )
        .await;
    let role = en.body["errors"].as_array().unwrap().iter().find(|e| e["field"] == "用户/4/角色").unwrap();
    assert!(role["message"].as_str().unwrap().contains("sheet 用户 (users), row 4, column role"), "{role}");

    assert!(!counties_in_database(&app, "songxi").await, "nothing written");
    let sign_in = app.login_reply("songxi", "admin", "anything-1A").await;
    assert_ne!(sign_in.status, 200);
    // A file that is no workbook at all.
    post_workbook(&app, &platform, "", b"not a workbook").await.assert_problem(422, "validation_failed");
    assert_eq!(demo_snapshot(&app).await, demo_before, "the demo county is untouched");
}

/// Runs a case in the onboarded county from application to dispatch; returns the dispatched
/// case.
pub(crate) async fn case_to_dispatch(app: &TestApp, code: &str, passwords: &HashMap<String, String>) -> Value {
    let as_user = |u: &'static str| sign_in(app, code, u, &passwords[u]);
    let admin = as_user("admin").await;
    let officer = as_user("officer").await;
    let enterprise = app
        .post(
            "/api/v1/enterprises",
            &officer,
            json!({"name": "青梧新材料有限公司", "credit_code": "91532326MA6K5XQX5N",
                   "contact_name": "唐晓峰", "contact_phone": "13800000391"}),
        )
        .await;
    assert_eq!(enterprise.status, 201, "{}", enterprise.body);
    let contact = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "contact", "display_name": "唐晓峰", "role": "enterprise",
                   "enterprise_id": enterprise.body["id"], "password": "Contact-Pass-2026"}),
        )
        .await;
    assert_eq!(contact.status, 201, "{}", contact.body);
    let contact = sign_in(app, code, "contact", "Contact-Pass-2026").await;

    let mut users = HashMap::new();
    for u in app.get("/api/v1/users?limit=200", &admin).await.body["items"].as_array().unwrap() {
        users.insert(u["username"].as_str().unwrap().to_owned(), u["id"].as_str().unwrap().to_owned());
    }
    let mut items = HashMap::new();
    for i in app.get("/api/v1/items?limit=200", &admin).await.body["items"].as_array().unwrap() {
        items.insert(i["code"].as_str().unwrap().to_owned(), i["id"].as_str().unwrap().to_owned());
    }
    let created = app
        .post(
            "/api/v1/cases",
            &contact,
            json!({
                "project_name": "年产 2 万吨新型建材项目",
                "industry_code": "C3021",
                "total_investment_fen": 8_000_000_000i64,
                "location": "青梧县工业园区",
                "agreement_signed_on": "2026-10-08",
                "brief": "新建生产线一条。",
                "contact_name": "唐晓峰",
                "contact_phone": "13800000391",
                "items": [{"catalog_item_id": items["QW-001"]}, {"catalog_item_id": items["QW-002"]}]
            }),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    assert!(created.body["number"].as_str().is_some_and(|n| !n.starts_with("DAYAO")), "{}", created.body);
    let step = |user: &'static str, path: &'static str, body: Value| {
        let id = id.clone();
        async move {
            let token = as_user(user).await;
            let r = app.post(&format!("/api/v1/cases/{id}/{path}"), &token, body).await;
            assert_eq!(r.status, 200, "{user} {path}: {}", r.body);
            r.body
        }
    };
    let r = app.post(&format!("/api/v1/cases/{id}/submit"), &contact, json!(null)).await;
    assert_eq!(r.status, 200, "submit: {}", r.body);
    step("officer", "review", json!({"recommendation": "符合受理条件，建议受理。", "policy_checks": {"industrial": true, "land": true, "environmental": true, "safety": true, "energy": true}})).await;
    let accepted = step("leader", "accept", json!(null)).await;
    assert_eq!(accepted["state"], "accepted");
    step(
        "office",
        "team",
        json!({"responsible_leader_id": users["leader-nr"], "lead_agent_id": users["window"],
               "co_agent_ids": [users["agent-dr"], users["agent-nr"]]}),
    )
    .await;
    step(
        "office",
        "plan",
        json!({"items": [
            {"catalog_item_id": items["QW-001"], "agent_id": users["agent-dr"]},
            {"catalog_item_id": items["QW-002"], "agent_id": users["agent-nr"]}
        ]}),
    )
    .await;
    let r = app.post(&format!("/api/v1/cases/{id}/plan/agree"), &contact, json!(null)).await;
    assert_eq!(r.status, 200, "agree: {}", r.body);
    step("window", "agreement", json!({})).await;
    let dispatched = step("window", "dispatch", json!(null)).await;
    assert_eq!(dispatched["state"], "in_service", "{dispatched}");
    dispatched
}

async fn a_case_runs_in_the_onboarded_county_to_dispatch(backend: Backend) {
    let app = spawn_app(backend).await;
    let demo_before = demo_snapshot(&app).await;
    let (_, passwords) = onboard_qingwu(&app).await;
    let dispatched = case_to_dispatch(&app, "qingwu", &passwords).await;
    let tasks = dispatched["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 2, "{}", dispatched["tasks"]);
    assert!(tasks.iter().all(|t| t["state"] == "dispatched"));
    // The department agent of the onboarded county sees its sheet; the demo's do not.
    let agent = sign_in(&app, "qingwu", "agent-nr", &passwords["agent-nr"]).await;
    let sheet = tasks.iter().find(|t| t["item_name"].as_str().unwrap().contains("规划")).unwrap();
    let r =
        app.post(&format!("/api/v1/tasks/{}/acknowledge", sheet["id"].as_str().unwrap()), &agent, json!(null)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let demo_agent = app.token("agent-natural-resources").await;
    let hidden = app.get(&format!("/api/v1/tasks/{}", sheet["id"].as_str().unwrap()), &demo_agent).await;
    assert_eq!(hidden.status, 404, "{}", hidden.body);
    assert_eq!(demo_snapshot(&app).await, demo_before, "the demo county is untouched");
}

/// Local time of day in minutes (Asia/Shanghai is UTC+8 all year).
fn local_minutes(instant: &str) -> u32 {
    let t = chrono::DateTime::parse_from_rfc3339(instant).unwrap().with_timezone(&Utc);
    ((t.hour() + 8) % 24) * 60 + t.minute()
}

async fn onboarded_county_deadlines_follow_its_settings(backend: Backend) {
    let app = spawn_app(backend).await;
    let (_, passwords) = onboard_qingwu(&app).await;
    let dispatched = case_to_dispatch(&app, "qingwu", &passwords).await;
    // The case number takes the county's prefix.
    assert!(dispatched["number"].as_str().unwrap().starts_with("QW-"), "{}", dispatched["number"]);
    // Every deadline falls in 青梧县's office hours (08:00–11:30, 14:00–17:00), never in the
    // hours only the demo county keeps (11:30–12:00, 17:00–18:00).
    let open = |m: u32| (480..=690).contains(&m) || (840..=1020).contains(&m);
    for t in dispatched["tasks"].as_array().unwrap() {
        for key in ["acknowledge_by", "finish_by"] {
            let m = local_minutes(t[key].as_str().unwrap());
            assert!(open(m), "{key} {} is outside 青梧县's office hours", t[key]);
        }
    }
    let db = app.db().await;
    let county = butler_persistence::repo::tenants::find_by_code(&db, "qingwu").await.unwrap().unwrap();
    let row = butler_persistence::repo::settings::current(&db, county.id).await.unwrap().unwrap();
    assert_eq!(row.version, 1);
    let case = dispatched["id"].as_str().unwrap();
    let office = sign_in(&app, "qingwu", "office", &passwords["office"]).await;
    let list = app.get("/api/v1/cases?state=in_service", &office).await;
    assert!(list.body["items"].as_array().unwrap().iter().any(|c| c["id"] == case), "{}", list.body);

    // The finishing ladder is the county's three steps (remind 2 working days before, tell the
    // agent at the deadline, the office 1 working day after), not the demo's five: past every
    // step, the sweep has sent none of the demo's steps (department leader, supervisors).
    let sheet = &dispatched["tasks"][0];
    let sheet_id: uuid::Uuid = sheet["id"].as_str().unwrap().parse().unwrap();
    let finish_by: chrono::DateTime<chrono::Utc> = sheet["finish_by"].as_str().unwrap().parse().unwrap();
    let delta = finish_by + chrono::Duration::days(10) - app.clock_now();
    app.clock.advance(delta);
    let demo_admin = app.token("admin").await;
    let swept = app.post("/api/v1/admin/scheduler/run", &demo_admin, json!({})).await;
    assert_eq!(swept.status, 200, "{}", swept.body);
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let sent = butler_persistence::entity::notification::Entity::find()
        .filter(butler_persistence::entity::notification::Column::SheetId.eq(sheet_id))
        .all(&db)
        .await
        .unwrap();
    db.close().await.ok();
    let finish_steps: std::collections::BTreeSet<String> = sent
        .iter()
        .filter_map(|n| n.dedupe_key.split(":finish:").nth(1))
        .filter_map(|rest| rest.split(':').next())
        .map(str::to_owned)
        .collect();
    assert!(finish_steps.contains("escalate_office"), "the county's last step was sent: {finish_steps:?}");
    let county_steps = ["remind_before", "at_deadline", "escalate_office"];
    assert!(
        finish_steps.iter().all(|s| county_steps.contains(&s.as_str())),
        "only the county's steps, none of the demo's: {finish_steps:?}"
    );
}

async fn a_county_exported_and_imported_under_a_new_code_is_equal(backend: Backend) {
    let app = spawn_app(backend).await;
    let platform = platform_token(&app).await;
    let (_, passwords) = onboard_qingwu(&app).await;

    // The template, and the export, are the platform administrator's.
    let template = app
        .client
        .get(format!("{}/api/v1/platform/onboarding/template", app.base))
        .bearer_auth(&platform)
        .send()
        .await
        .unwrap();
    assert_eq!(template.status(), StatusCode::OK);
    let bytes = template.bytes().await.unwrap();
    let blank = post_workbook(&app, &platform, "?dry_run=true", &bytes).await;
    blank.assert_problem(422, "validation_failed");
    assert!(blank.field_codes().contains(&("县/2".to_owned(), "one_county".to_owned())), "{}", blank.body);
    let admin = app.token("admin").await;
    let refused = app.get("/api/v1/platform/counties/qingwu/workbook", &admin).await;
    assert_eq!(refused.status, 403, "{}", refused.body);
    let missing = app
        .client
        .get(format!("{}/api/v1/platform/counties/nowhere/workbook", app.base))
        .bearer_auth(&platform)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    let export = app
        .client
        .get(format!("{}/api/v1/platform/counties/qingwu/workbook", app.base))
        .bearer_auth(&platform)
        .send()
        .await
        .unwrap();
    assert_eq!(export.status(), StatusCode::OK);
    let exported = export.bytes().await.unwrap().to_vec();

    // Under a new code and name: read the export's sheets, change 县, write it back.
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(exported.clone())).unwrap();
    use calamine::Reader;
    let names = wb.sheet_names().to_vec();
    let mut sheets: Vec<(&'static str, Rows)> = Vec::new();
    for name in &names {
        let range = wb.worksheet_range(name).unwrap();
        let mut rows: Rows = range
            .rows()
            .map(|r| {
                r.iter()
                    .map(|c| match c {
                        calamine::Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
                        other => other.to_string(),
                    })
                    .collect()
            })
            .collect();
        if name == "县" {
            rows[1] = vec!["qingwu-east".into(), "青梧东县".into()];
        }
        sheets.push((Box::leak(name.clone().into_boxed_str()), rows));
    }
    assert!(names.contains(&"说明".to_owned()) && names.contains(&"事项".to_owned()), "{names:?}");
    let r = post_workbook(&app, &platform, "", &workbook(&sheets)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let new_passwords: HashMap<String, String> = r.body["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| (u["username"].as_str().unwrap().to_owned(), u["initial_password"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(new_passwords.len(), passwords.len());

    // The two counties read the same, but for their code and name.
    let old = snapshot(&app, &sign_in(&app, "qingwu", "admin", &passwords["admin"]).await).await;
    let new = snapshot(&app, &sign_in(&app, "qingwu-east", "admin", &new_passwords["admin"]).await).await;
    for part in ["departments", "users", "items"] {
        assert_eq!(old[part], new[part], "{part}");
    }
    assert_eq!(old["tenant"]["investment_threshold_fen"], new["tenant"]["investment_threshold_fen"]);
    assert_eq!(new["tenant"]["name"], "青梧东县");
    // And the new county's export is the old one's but for the 县 sheet.
    let again = app
        .client
        .get(format!("{}/api/v1/platform/counties/qingwu-east/workbook", app.base))
        .bearer_auth(&platform)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap()
        .to_vec();
    let text = |bytes: &[u8]| butler_app::onboarding::workbook_text(bytes).unwrap();
    let (mut a, b) = (text(&exported), text(&again));
    a.county = b.county.clone();
    assert_eq!(a, b);
}

on_both_databases!(
    a_county_is_onboarded_from_one_workbook,
    a_broken_workbook_is_refused_with_every_error_and_nothing_written,
    a_case_runs_in_the_onboarded_county_to_dispatch,
    a_county_exported_and_imported_under_a_new_code_is_equal,
    onboarded_county_deadlines_follow_its_settings,
);

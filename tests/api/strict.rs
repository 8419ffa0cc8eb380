//! Frozen stays frozen, input is strict, answers are exact: every write of the contract against
//! an archived case, every body with trailing data, every string field of representative bodies
//! with each unwelcome character class, dates and amounts out of bounds, search wildcards,
//! 405/413/423 and sign-in answers that reveal nothing, drafts hidden from departments.

use crate::helpers::*;
use crate::lifecycle::{application, case_in_service, directory, get_as, step};
use reqwest::Method;
use serde_json::{Value, json};

/// The contract as the server serves it.
async fn contract(app: &TestApp) -> Value {
    let r = app.raw(app.client.get(format!("{}/api/v1/openapi.json", app.base))).await;
    assert_eq!(r.status, 200);
    r.body
}

/// Every (method, path template) of the contract that writes, with whether it takes JSON.
fn writes(contract: &Value) -> Vec<(Method, String, bool)> {
    let mut out = Vec::new();
    for (path, item) in contract["paths"].as_object().unwrap() {
        for (name, method) in
            [("post", Method::POST), ("put", Method::PUT), ("patch", Method::PATCH), ("delete", Method::DELETE)]
        {
            if let Some(op) = item.get(name) {
                let json = op["requestBody"]["content"].get("application/json").is_some();
                out.push((method, path.clone(), json));
            }
        }
    }
    out
}

/// The case's history length and version, as the office reads them.
async fn footprint(app: &TestApp, id: &str) -> (usize, Value) {
    let timeline = get_as(app, "office", &format!("/api/v1/cases/{id}/timeline")).await;
    let case = get_as(app, "office", &format!("/api/v1/cases/{id}")).await;
    (timeline["events"].as_array().unwrap().len(), case["version"].clone())
}

/// A case terminated, confirmed, evaluation declined and archived, with a follow-up visit
/// planned before the archive; returns its id, one task's id, one item's id and the visit's id.
async fn archived_case(app: &TestApp) -> (String, String, String, String) {
    let d = directory(app).await;
    let id = case_in_service(app, &d).await;
    step(app, "office", &id, "terminate", json!({"reason": "企业主动申请终止（项目选址调整）"})).await;
    let office = app.token("office").await;
    let planned = app
        .post(
            &format!("/api/v1/cases/{id}/follow-ups"),
            &office,
            json!({"scheduled_for": "2027-01-15", "method": "phone"}),
        )
        .await;
    assert_eq!(planned.status, 201, "{}", planned.body);
    step(app, "enterprise", &id, "confirm", json!(null)).await;
    step(app, "enterprise", &id, "evaluation", json!({"declined": true})).await;
    let archived = step(app, "office", &id, "archive", json!(null)).await;
    assert_eq!(archived["state"], "archived");
    let task = archived["tasks"][0]["id"].as_str().unwrap().to_owned();
    let item = archived["items"][0]["id"].as_str().unwrap().to_owned();
    (id, task, item, planned.body["id"].as_str().unwrap().to_owned())
}

async fn an_archived_case_refuses_every_write_of_the_contract(backend: Backend) {
    let app = spawn_app(backend).await;
    let (id, task, item, visit) = archived_case(&app).await;
    let before = footprint(&app, &id).await;

    // The writes people make on a closed file, each with a body that would do: refused with
    // one code, naming the state.
    let enterprise = app.token("enterprise").await;
    let office = app.token("office").await;
    let window = app.token("window_agent").await;
    let agent = app.token("agent-natural-resources").await;
    let attempts: Vec<(Method, String, &str, Value)> = vec![
        (
            Method::POST,
            format!("/api/v1/cases/{id}/follow-ups"),
            &office,
            json!({"scheduled_for": "2027-02-01", "method": "visit"}),
        ),
        (
            Method::POST,
            format!("/api/v1/cases/{id}/follow-ups/{visit}/record"),
            &office,
            json!({"notes": "归档后补记"}),
        ),
        (
            Method::POST,
            format!("/api/v1/tasks/{task}/result-notice"),
            &window,
            json!({"channel": "phone", "note": "再次告知"}),
        ),
        (Method::PATCH, format!("/api/v1/cases/{id}"), &enterprise, json!({"project_name": "改名后的项目"})),
        (
            Method::POST,
            format!("/api/v1/cases/{id}/project-code"),
            &window,
            json!({"project_code": "2603-532326-04-01-565562", "reason": "补录项目代码"}),
        ),
        (Method::POST, format!("/api/v1/tasks/{task}/acknowledge"), &agent, json!(null)),
        (
            Method::POST,
            "/api/v1/supervision-notices".to_owned(),
            &office,
            json!({"case_id": id, "content": "请说明情况"}),
        ),
        (Method::POST, format!("/api/v1/cases/{id}/prereview"), &office, json!(null)),
    ];
    for (method, path, token, body) in attempts {
        let r = app.request(method.clone(), &path, Some(token), Some(body)).await;
        assert_eq!((r.status.as_u16(), r.code()), (409, "case_frozen"), "{method} {path}: {}", r.body);
        assert_eq!(r.body["state"], "archived", "{path}");
    }

    // Every write of the contract on the case and its sheets, as the office, the window, a
    // department's agent and the enterprise, with an empty body (a role that may never take
    // a write is refused for its role first): none succeeds (only `reopen`, the lifecycle's own step,
    // is left out: with a reason it is the one write an archived file takes).
    let contract = contract(&app).await;
    let mut frozen = 0;
    let mut tried = 0;
    for (method, template, json_body) in writes(&contract) {
        if !(template.starts_with("/api/v1/cases/{") || template.starts_with("/api/v1/tasks/{"))
            || template.ends_with("/reopen")
        {
            continue;
        }
        let first = if template.starts_with("/api/v1/tasks/") { &task } else { &id };
        let path = template
            .replacen("{id}", first, 1)
            .replacen("{case_id}", &id, 1)
            .replace("{item_id}", &item)
            .replace("{follow_up_id}", &visit)
            .replace("{position}", "1")
            .replace("{id}", "0190e7a4-0000-7000-8000-000000000001");
        for token in [&office, &window, &agent, &enterprise] {
            tried += 1;
            let mut req = app.client.request(method.clone(), format!("{}{path}", app.base)).bearer_auth(token);
            req = if json_body { req.json(&json!({})) } else { req };
            let r = app.raw(req).await;
            assert!(r.status.is_client_error(), "{method} {path}: {} {}", r.status, r.body);
            if r.code() == "case_frozen" {
                frozen += 1;
            }
        }
    }
    assert!(tried >= 140, "{tried} writes tried");
    assert!(frozen >= 10, "{frozen} of {tried} answered case_frozen");
    assert_eq!(footprint(&app, &id).await, before, "the history and the case are unchanged");
    let verification = get_as(&app, "office", &format!("/api/v1/cases/{id}/history/verification")).await;
    assert_eq!(verification["valid"], true);
}

async fn a_closed_service_takes_no_new_work_but_its_aftercare(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let id = case_in_service(&app, &d).await;
    let terminated = step(&app, "office", &id, "terminate", json!({"reason": "企业主动申请终止"})).await;
    let before = footprint(&app, &id).await;
    let enterprise = app.token("enterprise").await;
    let r = app
        .request(Method::PATCH, &format!("/api/v1/cases/{id}"), Some(&enterprise), Some(json!({"brief": "改"})))
        .await;
    r.assert_problem(409, "case_frozen");
    assert_eq!(r.body["state"], "terminated");
    let task = terminated["tasks"][0]["id"].as_str().unwrap();
    let agent = app.token("agent-natural-resources").await;
    app.post(&format!("/api/v1/tasks/{task}/acknowledge"), &agent, json!(null))
        .await
        .assert_problem(409, "case_frozen");
    assert_eq!(footprint(&app, &id).await, before);
    // Aftercare goes on.
    let office = app.token("office").await;
    let visit = json!({"scheduled_for": "2027-01-15", "method": "phone"});
    assert_eq!(app.post(&format!("/api/v1/cases/{id}/follow-ups"), &office, visit).await.status, 201);
}

async fn every_body_with_trailing_data_is_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let contract = contract(&app).await;
    let mut malformed = 0;
    for (method, template, json_body) in writes(&contract) {
        if !json_body {
            continue;
        }
        let path = template
            .split('/')
            .map(|s| if s.starts_with('{') { "0190e7a4-0000-7000-8000-000000000001" } else { s })
            .collect::<Vec<_>>()
            .join("/");
        let token = if template.starts_with("/api/v1/auth/") || template.starts_with("/api/v1/public/") {
            None
        } else {
            Some(office.as_str())
        };
        let mut req = app
            .client
            .request(method.clone(), format!("{}{path}", app.base))
            .header("content-type", "application/json")
            .body(r#"{"a": 1} {"b": 2}"#);
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let r = app.raw(req).await;
        // Refused for its body (400), or before it is read (the caller's realm, a path naming
        // nothing): never taken, never validated as if whole.
        assert!(matches!(r.status.as_u16(), 400 | 403 | 404), "{method} {path}: {} {}", r.status, r.body);
        if r.status == 400 {
            assert_eq!(r.code(), "malformed_request", "{method} {path}");
            malformed += 1;
        }
    }
    assert!(malformed >= 40, "{malformed} bodies refused as malformed");
    // The same body without the trailing data is read (and here validated).
    let r = app
        .raw(
            app.client
                .post(format!("{}/api/v1/enterprises", app.base))
                .bearer_auth(&office)
                .header("content-type", "application/json")
                .body(r#"{"name": "x"}   "#),
        )
        .await;
    r.assert_problem(422, "validation_failed");
}

async fn every_string_field_refuses_control_and_bidi_characters(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let office = app.token("office").await;
    let enterprise = app.token("enterprise").await;
    let count = |r: Reply| r.body["items"].as_array().unwrap().len();
    let enterprises = count(app.get("/api/v1/enterprises?limit=200", &office).await);
    let cases = count(app.get("/api/v1/cases?limit=200", &office).await);
    let company = json!({"name": "大姚示例食品有限公司", "credit_code": "91350100M000100Y43", "contact_name": "钱示例", "contact_phone": "13800009999"});
    let bodies: Vec<(&str, &str, Value)> =
        vec![("/api/v1/enterprises", &office, company), ("/api/v1/cases", &enterprise, application(&d))];
    let classes = [
        ("\u{0}", "forbidden_character"),
        ("\u{1b}[31m", "forbidden_character"),
        ("\u{202e}", "forbidden_character"),
        ("\u{2066}", "forbidden_character"),
        ("\r", "forbidden_character"),
        ("\n", "line_break"),
        ("\t", "line_break"),
    ];
    let mut tried = 0;
    for (path, token, body) in &bodies {
        for (field, value) in body.as_object().unwrap() {
            let Some(text) = value.as_str() else { continue };
            for (bad, code) in classes {
                if *field == "brief" && code == "line_break" {
                    continue;
                }
                let mut changed = body.clone();
                changed[field] = json!(format!("{text}{bad}尾"));
                let r = app.post(path, token, changed).await;
                tried += 1;
                r.assert_problem(422, "validation_failed");
                assert!(
                    r.field_codes().contains(&(field.clone(), code.to_owned())),
                    "{path} {field} {bad:?}: {}",
                    r.body
                );
                let message = r.body["errors"][0]["message"].as_str().unwrap();
                assert!(message.contains("U+"), "{message}");
            }
        }
    }
    assert!(tried >= 60, "{tried}");
    // Nested fields are named by their path, in English when asked.
    let mut nested = application(&d);
    nested["items"][1]["name"] = json!("示例\u{202e}事项");
    let r = app
        .raw(
            app.client
                .post(format!("{}/api/v1/cases", app.base))
                .bearer_auth(&enterprise)
                .header("accept-language", "en")
                .json(&nested),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("items[1].name".to_owned(), "forbidden_character".to_owned())]);
    assert!(r.body["errors"][0]["message"].as_str().unwrap().contains("not allowed"));
    assert_eq!(count(app.get("/api/v1/enterprises?limit=200", &office).await), enterprises);
    assert_eq!(count(app.get("/api/v1/cases?limit=200", &office).await), cases);
    // A line break where lines belong is kept.
    let mut multi = application(&d);
    multi["brief"] = json!("第一期：生产线两条。\n第二期：配套设施。");
    let r = app.post("/api/v1/cases", &enterprise, multi).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["brief"], "第一期：生产线两条。\n第二期：配套设施。");
}

async fn dates_and_amounts_out_of_bounds_are_refused_field_by_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    for (date, amount) in [("0560-04-05", i64::MAX), ("9999-12-31", 1_000_000_000_000_001)] {
        let mut body = application(&d);
        body["agreement_signed_on"] = json!(date);
        body["total_investment_fen"] = json!(amount);
        let r = app.post("/api/v1/cases", &enterprise, body).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(
            r.field_codes(),
            vec![
                ("agreement_signed_on".to_owned(), "implausible_date".to_owned()),
                ("total_investment_fen".to_owned(), "implausible_amount".to_owned()),
            ],
            "{date} {amount}"
        );
    }
    let mut body = application(&d);
    body["agreement_signed_on"] = json!("1949-10-01");
    assert_eq!(app.post("/api/v1/cases", &enterprise, body).await.status, 201);
}

async fn search_wildcards_are_taken_literally(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    for path in ["/api/v1/enterprises", "/api/v1/cases", "/api/v1/items"] {
        let all = app.get(&format!("{path}?limit=200"), &office).await.body["items"].as_array().unwrap().len();
        assert!(all > 0 || path == "/api/v1/cases", "{path} has something to find");
        for q in ["%25", "_", "%5C", "%25%25"] {
            let r = app.get(&format!("{path}?limit=200&q={q}"), &office).await;
            assert_eq!(r.status, 200, "{path} q={q}: {}", r.body);
            assert_eq!(r.body["items"].as_array().unwrap().len(), 0, "{path} q={q} finds nothing holding it literally");
        }
    }
    // A name holding the wildcard is found by it.
    let company = json!({"name": "大姚百分百_食品有限公司%", "credit_code": "91350100M000100Y43", "contact_name": "钱示例", "contact_phone": "13800009999"});
    assert_eq!(app.post("/api/v1/enterprises", &office, company).await.status, 201);
    for q in ["%25", "_"] {
        let r = app.get(&format!("/api/v1/enterprises?q={q}"), &office).await;
        let names: Vec<&str> =
            r.body["items"].as_array().unwrap().iter().map(|e| e["name"].as_str().unwrap()).collect();
        assert_eq!(names, vec!["大姚百分百_食品有限公司%"], "q={q}");
    }
}

async fn oversize_bodies_wrong_methods_and_lockouts_answer_their_own_status(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let big = format!(r#"{{"name": "{}"}}"#, "大".repeat(700_000));
    let r = app
        .raw(
            app.client
                .post(format!("{}/api/v1/enterprises", app.base))
                .bearer_auth(&office)
                .header("content-type", "application/json")
                .body(big),
        )
        .await;
    r.assert_problem(413, "payload_too_large");
    assert_eq!(r.field_codes(), vec![("body".to_owned(), "too_large".to_owned())]);

    for (method, path, allow) in [
        (Method::PUT, "/api/v1/cases", "GET, POST"),
        (Method::DELETE, "/healthz", "GET"),
        (Method::TRACE, "/healthz", "GET"),
        (Method::POST, "/api/v1/cases/0190e7a4-0000-7000-8000-000000000001/timeline", "GET"),
        // A path of its own that a template's handler (`PATCH /cases/{id}`) also reaches.
        (Method::PATCH, "/api/v1/cases/export.xlsx", "GET"),
    ] {
        let res = app
            .client
            .request(method.clone(), format!("{}{path}", app.base))
            .bearer_auth(&office)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 405, "{method} {path}");
        assert_eq!(res.headers()["allow"], allow, "{method} {path}");
    }
    let r = app.request(Method::PUT, "/api/v1/nowhere", Some(&office), None).await;
    r.assert_problem(404, "not_found");

    // Five wrong passwords lock the account; the lockout says when to come back.
    for _ in 0..4 {
        app.login_reply("dayao", "supervisor", "Wrong-pass-1").await.assert_problem(401, "invalid_credentials");
    }
    let res = app
        .client
        .post(format!("{}/api/v1/auth/login", app.base))
        .json(&json!({"tenant": "dayao", "username": "supervisor", "password": "Wrong-pass-1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 423);
    let retry: u64 = res.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!(retry > 0);
    let again = app.login_reply("dayao", "supervisor", PASSWORD).await;
    again.assert_problem(423, "account_locked");
}

async fn sign_in_reveals_nothing_about_counties_and_users(backend: Backend) {
    let app = spawn_app(backend).await;
    let unknown_tenant = app.login_reply("atlantis", "office", PASSWORD).await;
    let unknown_user = app.login_reply("dayao", "nobody-here", PASSWORD).await;
    let wrong_password = app.login_reply("dayao", "office", "Wrong-pass-1").await;
    for r in [&unknown_tenant, &unknown_user, &wrong_password] {
        r.assert_problem(401, "invalid_credentials");
    }
    assert_eq!(unknown_tenant.body, wrong_password.body);
    assert_eq!(unknown_user.body, wrong_password.body);
}

async fn a_draft_is_no_departments_until_submitted(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    let agent = app.token("agent-natural-resources").await;
    let leader = app.token("leader-natural-resources").await;
    let created = app.post("/api/v1/cases", &enterprise, application(&d)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    for token in [&agent, &leader] {
        app.get(&format!("/api/v1/cases/{id}"), token).await.assert_problem(404, "not_found");
        app.get(&format!("/api/v1/cases/{id}/timeline"), token).await.assert_problem(404, "not_found");
        let listed = app.get("/api/v1/cases?limit=200", token).await;
        assert!(!listed.body["items"].as_array().unwrap().iter().any(|c| c["id"] == id.as_str()), "{}", listed.body);
    }
    step(&app, "enterprise", &id, "submit", json!(null)).await;
    assert_eq!(app.get(&format!("/api/v1/cases/{id}"), &agent).await.status, 200);
    let listed = app.get("/api/v1/cases?limit=200", &agent).await;
    assert!(listed.body["items"].as_array().unwrap().iter().any(|c| c["id"] == id.as_str()));
}

async fn no_credential_is_refused_before_the_body_is_read(backend: Backend) {
    let app = spawn_app(backend).await;
    for (method, path) in [
        (Method::POST, "/api/v1/enterprises"),
        (Method::POST, "/api/v1/cases"),
        (Method::PATCH, "/api/v1/users/0190e7a4-0000-7000-8000-000000000001"),
    ] {
        let r = app
            .raw(
                app.client
                    .request(method.clone(), format!("{}{path}", app.base))
                    .header("content-type", "application/json")
                    .body(r#"{"name": 7} trailing"#),
            )
            .await;
        r.assert_problem(401, "unauthenticated");
    }
}

crate::on_both_databases!(
    an_archived_case_refuses_every_write_of_the_contract,
    a_closed_service_takes_no_new_work_but_its_aftercare,
    every_body_with_trailing_data_is_refused,
    every_string_field_refuses_control_and_bidi_characters,
    dates_and_amounts_out_of_bounds_are_refused_field_by_field,
    search_wildcards_are_taken_literally,
    oversize_bodies_wrong_methods_and_lockouts_answer_their_own_status,
    sign_in_reveals_nothing_about_counties_and_users,
    a_draft_is_no_departments_until_submitted,
    no_credential_is_refused_before_the_body_is_read,
);

//! Consultations and appointments (咨询与预约) through the API: sent without a token and given a
//! reference, refused field by field (nothing stored), throttled per address, answered,
//! booked and confirmed at another time, turned into an application whose data carry over,
//! and refused to roles that may not act.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::lifecycle::directory;

const SUBMIT: &str = "/api/v1/public/dayao/consultations";

fn question() -> Value {
    json!({
        "kind": "question",
        "name": "周晓明",
        "mobile": "138 0000 1234",
        "enterprise_name": "大姚示例新材料有限公司",
        "project_name": "年产 5 万吨绿色新材料项目",
        "project_description": "拟在金碧镇工业片区新建生产线两条。",
        "question": "用地预审需要准备哪些材料？"
    })
}

async fn slots(app: &TestApp) -> Vec<String> {
    let r = app.request(Method::GET, "/api/v1/public/dayao/consultations/slots", None, None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["slot_minutes"], 30);
    r.body["slots"].as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_owned()).collect()
}

async fn submit(app: &TestApp, body: Value) -> Reply {
    app.request(Method::POST, SUBMIT, None, Some(body)).await
}

async fn listed(app: &TestApp, token: &str, query: &str) -> Vec<Value> {
    let r = app.get(&format!("/api/v1/consultations{query}"), token).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"].as_array().unwrap().clone()
}

async fn anyone_asks_without_a_token_and_the_window_answers(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = submit(&app, question()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let reference = r.body["reference"].as_str().unwrap().to_owned();
    let (prefix, digits) = reference.split_once('-').unwrap();
    assert!(prefix.starts_with("ZX") && prefix.len() == 10, "{reference}");
    assert!(digits.len() == 6 && digits.chars().all(|c| c.is_ascii_digit()), "{reference}");
    assert_eq!(r.body["kind"], "question");
    assert!(r.body["preferred_slot"].is_null());

    // The window's list and the detail mask the mobile; the window reveals it to call back.
    let window = app.token("window_agent").await;
    let items = listed(&app, &window, "").await;
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["reference"], reference.as_str());
    assert_eq!(items[0]["mobile_masked"], "138****1234");
    assert!(items[0].get("mobile").is_none());
    assert_eq!(items[0]["state"], "submitted");
    let id = items[0]["id"].as_str().unwrap().to_owned();
    let detail = app.get(&format!("/api/v1/consultations/{id}"), &window).await;
    assert_eq!(detail.status, 200, "{}", detail.body);
    assert_eq!(detail.body["mobile_masked"], "138****1234");
    assert!(detail.body.get("mobile").is_none(), "{}", detail.body);
    let full = app
        .post("/api/v1/personal-numbers/reveal", &window, json!({"number": "consultation_mobile", "record_id": id}))
        .await;
    assert_eq!(full.status, 200, "{}", full.body);
    assert_eq!(full.body["value"], "13800001234");
    assert_eq!(detail.body["question"], "用地预审需要准备哪些材料？");
    assert_eq!(detail.body["allowed_actions"], json!(["answer", "convert", "close"]));
    let etag = app
        .client
        .get(format!("{}/api/v1/consultations/{id}", app.base))
        .bearer_auth(&window)
        .send()
        .await
        .unwrap()
        .headers()
        .get("etag")
        .map(|v| v.to_str().unwrap().to_owned());
    assert_eq!(etag.as_deref(), Some("\"1\""));

    // A question has no time to confirm.
    let r = app.post(&format!("/api/v1/consultations/{id}/confirm"), &window, json!({})).await;
    r.assert_problem(409, "invalid_transition");

    // A stale version is refused; the current one answers.
    let stale = app
        .raw(
            app.client
                .post(format!("{}/api/v1/consultations/{id}/answer", app.base))
                .bearer_auth(&window)
                .header("If-Match", "\"7\"")
                .json(&json!({"answer": "x"})),
        )
        .await;
    stale.assert_problem(412, "version_mismatch");
    let r = app
        .post(
            &format!("/api/v1/consultations/{id}/answer"),
            &window,
            json!({"answer": "  请准备项目建议书和用地范围图。 "}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "answered");
    assert_eq!(r.body["answer"], "请准备项目建议书和用地范围图。");
    assert_eq!(r.body["version"], 2);
    assert!(r.body["handled_by"].is_string());
    assert_eq!(r.body["allowed_actions"], json!(["convert", "close"]));

    // Answered once; the filter finds it by state.
    let r = app.post(&format!("/api/v1/consultations/{id}/answer"), &window, json!({"answer": "again"})).await;
    r.assert_problem(409, "invalid_transition");
    assert_eq!(r.body["allowed_actions"], json!(["convert", "close"]), "{}", r.body);
    assert_eq!(listed(&app, &window, "?state=answered&kind=question").await.len(), 1);
    assert!(listed(&app, &window, "?state=submitted").await.is_empty());
    assert!(listed(&app, &window, "?kind=appointment").await.is_empty());

    // Closing ends it.
    let r = app.post(&format!("/api/v1/consultations/{id}/close"), &window, json!({"note": "已电话回复"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "closed");
    assert_eq!(r.body["allowed_actions"], json!([]));
    let r = app.post(&format!("/api/v1/consultations/{id}/close"), &window, json!({})).await;
    r.assert_problem(409, "invalid_transition");
}

async fn bad_input_is_refused_field_by_field_and_nothing_is_stored(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut bad = question();
    bad["name"] = json!("  ");
    bad["mobile"] = json!("0878-6222000");
    bad["question"] = json!("   ");
    bad["project_name"] = json!("项".repeat(201));
    let r = submit(&app, bad.clone()).await;
    r.assert_problem(422, "validation_failed");
    let mut fields = r.field_codes();
    fields.sort();
    assert_eq!(
        fields,
        vec![
            ("mobile".to_owned(), "mobile_format".to_owned()),
            ("name".to_owned(), "required".to_owned()),
            ("project_name".to_owned(), "length".to_owned()),
            ("question".to_owned(), "required".to_owned()),
        ],
        "{}",
        r.body
    );
    let zh = r.body["errors"].as_array().unwrap().iter().find(|e| e["field"] == "mobile").unwrap()["message"].clone();
    assert_eq!(zh, "不是有效的手机号码");
    let en = app.raw(app.client.post(format!("{}{SUBMIT}", app.base)).header("Accept-Language", "en").json(&bad)).await;
    let message =
        en.body["errors"].as_array().unwrap().iter().find(|e| e["field"] == "mobile").unwrap()["message"].clone();
    assert_eq!(message, "is not a mainland mobile number");

    // An appointment needs an open slot of the office hours.
    let mut appointment = question();
    appointment["kind"] = json!("appointment");
    let r = submit(&app, appointment.clone()).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("preferred_slot".to_owned(), "required".to_owned())]);
    let open = slots(&app).await;
    assert!(!open.is_empty());
    let first: chrono::DateTime<chrono::Utc> = open[0].parse().unwrap();
    for (at, code) in [
        (first + chrono::Duration::minutes(10), "slot_outside_office_hours"),
        (app.clock_now() - chrono::Duration::hours(1), "slot_past"),
        (app.clock_now() + chrono::Duration::days(40), "slot_too_far"),
    ] {
        appointment["preferred_slot"] = json!(at);
        let r = submit(&app, appointment.clone()).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.field_codes(), vec![("preferred_slot".to_owned(), code.to_owned())], "{}", r.body);
    }

    // An item the catalog does not hold, and a county that does not exist.
    let mut unknown = question();
    unknown["item_code"] = json!("NO-SUCH-ITEM");
    let r = submit(&app, unknown).await;
    assert_eq!(r.field_codes(), vec![("item_code".to_owned(), "unknown_item".to_owned())]);
    let r = app.request(Method::POST, "/api/v1/public/nowhere/consultations", None, Some(question())).await;
    r.assert_problem(404, "not_found");
    let r = app.request(Method::GET, "/api/v1/public/nowhere/consultations/slots", None, None).await;
    r.assert_problem(404, "not_found");

    // Nothing was stored.
    let window = app.token("window_agent").await;
    assert!(listed(&app, &window, "").await.is_empty());
}

async fn sending_is_throttled_per_address(backend: Backend) {
    let app = spawn_configured(backend, |s| s.consultations_per_ip_per_minute = 2).await;
    for _ in 0..2 {
        assert_eq!(submit(&app, question()).await.status, 201);
    }
    let refused = app.client.post(format!("{}{SUBMIT}", app.base)).json(&question()).send().await.unwrap();
    assert_eq!(refused.status().as_u16(), 429);
    let wait: u64 = refused.headers().get("retry-after").unwrap().to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
    submit(&app, question()).await.assert_problem(429, "too_many_requests");
    let window = app.token("window_agent").await;
    assert_eq!(listed(&app, &window, "").await.len(), 2);
}

async fn an_appointment_is_confirmed_at_another_time_and_becomes_a_case_with_its_data(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let open = slots(&app).await;
    assert!(open.len() >= 2);
    let mut booking = question();
    booking["kind"] = json!("appointment");
    booking["preferred_slot"] = json!(open[0]);
    booking["item_code"] = json!("DY-007");
    let r = submit(&app, booking).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let reference = r.body["reference"].as_str().unwrap().to_owned();
    let asked: chrono::DateTime<chrono::Utc> = open[0].parse().unwrap();
    let echoed: chrono::DateTime<chrono::Utc> = r.body["preferred_slot"].as_str().unwrap().parse().unwrap();
    assert_eq!(echoed, asked);

    let window = app.token("window_agent").await;
    let items = listed(&app, &window, "?kind=appointment").await;
    assert_eq!(items.len(), 1);
    let id = items[0]["id"].as_str().unwrap().to_owned();

    // A slot outside the office hours is refused; another open slot is offered instead.
    let off_grid = asked + chrono::Duration::minutes(5);
    let r = app.post(&format!("/api/v1/consultations/{id}/confirm"), &window, json!({"slot": off_grid})).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("slot".to_owned(), "slot_outside_office_hours".to_owned())]);
    let r = app
        .post(
            &format!("/api/v1/consultations/{id}/confirm"),
            &window,
            json!({"slot": open[1], "note": "请携带项目建议书到 3 号窗口。"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "confirmed");
    let confirmed: chrono::DateTime<chrono::Utc> = r.body["confirmed_slot"].as_str().unwrap().parse().unwrap();
    assert_eq!(confirmed, open[1].parse::<chrono::DateTime<chrono::Utc>>().unwrap());
    assert_eq!(r.body["note"], "请携带项目建议书到 3 号窗口。");
    assert_eq!(r.body["allowed_actions"], json!(["confirm", "convert", "close"]));

    // Converting needs a registered enterprise; an unknown one is refused and nothing changes.
    let convert = |enterprise: &str| {
        json!({
            "enterprise_id": enterprise,
            "industry_code": "C2662",
            "total_investment_fen": 12_000_000_000i64,
            "location": "大姚县金碧镇工业片区"
        })
    };
    let r = app
        .post(&format!("/api/v1/consultations/{id}/convert"), &window, convert("0193a0c2-0000-7000-8000-000000000001"))
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("enterprise_id".to_owned(), "unknown_enterprise".to_owned())]);
    let r = app.get(&format!("/api/v1/consultations/{id}"), &window).await;
    assert_eq!(r.body["state"], "confirmed");
    assert!(r.body["case_id"].is_null());

    let enterprises = app.get("/api/v1/enterprises", &window).await;
    let enterprise = enterprises.body["items"][0]["id"].as_str().unwrap().to_owned();
    let r = app.post(&format!("/api/v1/consultations/{id}/convert"), &window, convert(&enterprise)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["consultation"]["state"], "converted");
    let case_id = r.body["case_id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["consultation"]["case_id"], case_id.as_str());
    assert!(r.body["case_number"].as_str().unwrap().starts_with("DAYAO-"));

    // The draft carries the consultation's data, and its history names the consultation.
    let case = app.get(&format!("/api/v1/cases/{case_id}"), &window).await;
    assert_eq!(case.status, 200, "{}", case.body);
    assert_eq!(case.body["state"], "draft");
    assert_eq!(case.body["enterprise"]["id"], enterprise.as_str());
    assert_eq!(case.body["project_name"], "年产 5 万吨绿色新材料项目");
    assert_eq!(case.body["brief"], "拟在金碧镇工业片区新建生产线两条。");
    assert_eq!(case.body["contact_name"], "周晓明");
    assert_eq!(case.body["contact_phone_masked"], "138****1234");
    let items = case.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["catalog_item_id"], d.items["DY-007"].as_str());
    let timeline = app.get(&format!("/api/v1/cases/{case_id}/timeline"), &window).await;
    assert_eq!(timeline.status, 200, "{}", timeline.body);
    assert!(timeline.body.to_string().contains(&reference), "{}", timeline.body);

    // Converted once.
    let r = app.post(&format!("/api/v1/consultations/{id}/convert"), &window, convert(&enterprise)).await;
    r.assert_problem(409, "invalid_transition");
    assert_eq!(listed(&app, &window, "?state=converted").await.len(), 1);
}

async fn roles_that_may_not_act_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    assert_eq!(submit(&app, question()).await.status, 201);
    let window = app.token("window_agent").await;
    let id = listed(&app, &window, "").await[0]["id"].as_str().unwrap().to_owned();

    // Without a token the console's routes answer 401.
    let r = app.request(Method::GET, "/api/v1/consultations", None, None).await;
    assert_eq!(r.status, 401, "{}", r.body);

    // The enterprise, departments and the supervisor may not read them.
    for user in ["enterprise", "agent-natural-resources", "supervisor"] {
        let token = app.token(user).await;
        app.get("/api/v1/consultations", &token).await.assert_problem(403, "forbidden");
        app.get(&format!("/api/v1/consultations/{id}"), &token).await.assert_problem(403, "forbidden");
        let r = app.post(&format!("/api/v1/consultations/{id}/answer"), &token, json!({"answer": "x"})).await;
        r.assert_problem(403, "forbidden");
    }

    // The investment officer reads them but may not act.
    let officer = app.token("investment_officer").await;
    let r = app.get(&format!("/api/v1/consultations/{id}"), &officer).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["allowed_actions"], json!([]));
    let r = app.post(&format!("/api/v1/consultations/{id}/close"), &officer, json!({})).await;
    r.assert_problem(403, "forbidden");

    // Another county's window does not learn it exists.
    app.add_tenant("yongren", "永仁县", "532327").await;
    let other = app.login_in("yongren", "window_agent").await.0;
    app.get(&format!("/api/v1/consultations/{id}"), &other).await.assert_problem(404, "not_found");
    let r = app.post(&format!("/api/v1/consultations/{id}/answer"), &other, json!({"answer": "x"})).await;
    r.assert_problem(404, "not_found");
    assert!(listed(&app, &other, "").await.is_empty());

    // Nothing changed.
    let r = app.get(&format!("/api/v1/consultations/{id}"), &window).await;
    assert_eq!(r.body["state"], "submitted");
    assert_eq!(r.body["version"], 1);
}

crate::on_both_databases!(
    anyone_asks_without_a_token_and_the_window_answers,
    bad_input_is_refused_field_by_field_and_nothing_is_stored,
    sending_is_throttled_per_address,
    an_appointment_is_confirmed_at_another_time_and_becomes_a_case_with_its_data,
    roles_that_may_not_act_are_refused,
);

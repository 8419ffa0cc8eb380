//! The intermediary supermarket (中介超市, 附件6) through the API: the office registers agencies
//! with qualifications and services; an agency whose qualification expired is not offered; the
//! enterprise chooses freely for its own plan item (another enterprise never sees the case),
//! changes its choice before delivery with a reason; the lead agent records the delivery; the
//! enterprise rates it; the history records each step; bad input is refused by field with
//! nothing stored; a closed case refuses every write.

use butler_domain::credit_code::CreditCode;
use serde_json::{Value, json};

use crate::helpers::*;
use crate::lifecycle::{case_in_service, directory, get_as, step};

fn credit_code(body17: &str) -> String {
    CreditCode::complete(body17).unwrap().as_str().to_owned()
}

async fn agency(app: &TestApp, token: &str, name: &str, body17: &str) -> Value {
    let body = json!({
        "name": name, "credit_code": credit_code(body17), "contact": "李文", "phone": "0878-6120001",
        "address": "楚雄市鹿城镇示例路 1 号", "intro": "环境影响评价、水土保持方案编制。"
    });
    let r = app.post("/api/v1/intermediaries/agencies", token, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

async fn qualify(app: &TestApp, token: &str, id: &str, kind: &str, until: &str) -> Value {
    let body = json!({"kind": kind, "level": "甲级", "certificate_number": format!("{kind}-0001"), "valid_from": "2020-01-01", "valid_until": until});
    let r = app.post(&format!("/api/v1/intermediaries/agencies/{id}/qualifications"), token, body).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

async fn serve(app: &TestApp, token: &str, id: &str, kind: &str, codes: Value) -> String {
    let body = json!({"name": "建设项目环境影响报告表编制", "kind": kind, "fee_note": "费用由企业与机构协商，帮办代办服务免费", "item_codes": codes});
    let r = app.post(&format!("/api/v1/intermediaries/agencies/{id}/services"), token, body).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["services"].as_array().unwrap().last().unwrap()["id"].as_str().unwrap().to_owned()
}

/// Today in the county (Asia/Shanghai, UTC+8 all year).
fn county_today(app: &TestApp) -> String {
    (app.clock_now() + chrono::Duration::hours(8)).date_naive().to_string()
}

fn item_id(case: &Value, name_part: &str) -> String {
    case["items"].as_array().unwrap().iter().find(|i| i["name"].as_str().unwrap().contains(name_part)).unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn history_actions(app: &TestApp, id: &str) -> Vec<String> {
    let timeline = get_as(app, "office", &format!("/api/v1/cases/{id}/timeline")).await;
    timeline["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_owned())
        .filter(|a| a.starts_with("intermediary_"))
        .collect()
}

async fn a_case_goes_through_a_chosen_intermediary(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let office = app.token("office").await;
    let admin = app.token("admin").await;

    // The admin and the office keep agencies; a department agent may not.
    let agent = app.token("agent-water").await;
    let r = app
        .post(
            "/api/v1/intermediaries/agencies",
            &agent,
            json!({"name": "x", "credit_code": credit_code("91532326MA6K00012"), "contact": "x", "phone": "0878-6120001"}),
        )
        .await;
    r.assert_problem(403, "forbidden");
    let green = agency(&app, &admin, "楚雄青山环境咨询有限公司", "91532326MA6K00012").await;
    let green_id = green["id"].as_str().unwrap().to_owned();
    assert_eq!(green["status"], "active");
    qualify(&app, &office, &green_id, "environmental_assessment", "2099-12-31").await;
    let green_service = serve(&app, &office, &green_id, "environmental_assessment", json!(["DY-009"])).await;
    let stale = agency(&app, &office, "大姚旧证环评服务部", "91532326MA6K00029").await;
    let stale_id = stale["id"].as_str().unwrap().to_owned();
    let q = qualify(&app, &office, &stale_id, "environmental_assessment", "2021-06-30").await;
    assert_eq!(q["qualifications"][0]["expired"], true);
    let stale_service = serve(&app, &office, &stale_id, "environmental_assessment", json!(["DY-009"])).await;
    let other = agency(&app, &office, "云南远景环境技术有限公司", "91532326MA6K00037").await;
    let other_id = other["id"].as_str().unwrap().to_owned();
    qualify(&app, &office, &other_id, "environmental_assessment", "2099-12-31").await;
    let other_service = serve(&app, &office, &other_id, "environmental_assessment", json!(["DY-009"])).await;
    // The same credit code twice is a field-level 409.
    let dup = app
        .post(
            "/api/v1/intermediaries/agencies",
            &office,
            json!({"name": "重复", "credit_code": credit_code("91532326MA6K00012"), "contact": "x", "phone": "0878-6120001"}),
        )
        .await;
    dup.assert_problem(409, "conflict");
    assert_eq!(dup.field_codes(), vec![("credit_code".to_owned(), "taken".to_owned())]);

    let id = case_in_service(&app, &d).await;
    let case = get_as(&app, "enterprise", &format!("/api/v1/cases/{id}")).await;
    let eia = item_id(&case, "环境影响");
    let eligible_path = format!("/api/v1/cases/{id}/items/{eia}/intermediaries");

    // The expired one is not offered; the two in force are.
    let enterprise = app.token("enterprise").await;
    let offered = app.get(&eligible_path, &enterprise).await;
    assert_eq!(offered.status, 200, "{}", offered.body);
    let names: Vec<&str> =
        offered.body.as_array().unwrap().iter().map(|o| o["agency"]["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"楚雄青山环境咨询有限公司") && names.contains(&"云南远景环境技术有限公司"), "{names:?}");
    assert!(!names.contains(&"大姚旧证环评服务部"), "{names:?}");
    // Another enterprise does not learn the case exists.
    let stranger = app.token("enterprise-2").await;
    app.get(&eligible_path, &stranger).await.assert_problem(404, "not_found");
    app.post(&eligible_path, &stranger, json!({"service_id": green_service})).await.assert_problem(404, "not_found");

    // The expired agency cannot be chosen either.
    let r = app.post(&eligible_path, &enterprise, json!({"service_id": stale_service})).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("service_id".to_owned(), "not_offered".to_owned())]);
    // An official records a choice only with the on-behalf note.
    let window = app.token("window_agent").await;
    let r = app.post(&eligible_path, &window, json!({"service_id": green_service})).await;
    assert_eq!(r.field_codes(), vec![("on_behalf_note".to_owned(), "required".to_owned())]);
    assert!(app.get(&format!("/api/v1/cases/{id}/intermediaries"), &office).await.body.as_array().unwrap().is_empty());

    // The enterprise chooses; changing needs a reason.
    let chosen = app
        .post(&eligible_path, &enterprise, json!({"service_id": green_service, "promised_delivery": "2099-01-31"}))
        .await;
    assert_eq!(chosen.status, 201, "{}", chosen.body);
    assert_eq!(chosen.body["state"], "chosen");
    assert_eq!(chosen.body["agency_name"], "楚雄青山环境咨询有限公司");
    assert_eq!(chosen.body["chosen_by"], d.users["enterprise"].as_str());
    let r = app.post(&eligible_path, &enterprise, json!({"service_id": other_service})).await;
    assert_eq!(r.field_codes(), vec![("reason".to_owned(), "required".to_owned())]);
    let changed =
        app.post(&eligible_path, &enterprise, json!({"service_id": other_service, "reason": "青山公司排期过长"})).await;
    assert_eq!(changed.status, 201, "{}", changed.body);
    let engagement = changed.body["id"].as_str().unwrap().to_owned();
    let list = app.get(&format!("/api/v1/cases/{id}/intermediaries"), &enterprise).await.body;
    let states: Vec<&str> = list.as_array().unwrap().iter().map(|e| e["state"].as_str().unwrap()).collect();
    assert_eq!(states, vec!["replaced", "chosen"]);

    // The delivery: the lead agent (the window here) or the office; not a co-agent.
    let delivery_path = format!("/api/v1/cases/{id}/intermediaries/{engagement}/delivery");
    let today = county_today(&app);
    let delivery = json!({"actual_delivery": today, "report_name": "环境影响报告表", "report_number": "HP-2026-018", "conclusion": "项目建设环境可行"});
    let co_agent = app.token("agent-ecology-environment").await;
    app.post(&delivery_path, &co_agent, delivery.clone()).await.assert_problem(403, "forbidden");
    let r = app
        .post(
            &delivery_path,
            &window,
            json!({"actual_delivery": "2099-01-01", "report_name": " ", "report_number": "x", "conclusion": "x"}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("report_name".to_owned(), "blank".to_owned())]);
    let r = app
        .post(
            &delivery_path,
            &window,
            json!({"actual_delivery": "2099-01-01", "report_name": "r", "report_number": "x", "conclusion": "x"}),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("actual_delivery".to_owned(), "out_of_range".to_owned())]);
    // Rating before delivery is refused.
    let rating_path = format!("/api/v1/cases/{id}/intermediaries/{engagement}/rating");
    app.post(&rating_path, &enterprise, json!({"level": "satisfied"})).await.assert_problem(409, "invalid_transition");
    let delivered = app.post(&delivery_path, &window, delivery.clone()).await;
    assert_eq!(delivered.status, 200, "{}", delivered.body);
    assert_eq!(delivered.body["state"], "delivered");
    assert_eq!(delivered.body["report_number"], "HP-2026-018");
    // Delivered: the choice no longer changes.
    let r = app.post(&eligible_path, &enterprise, json!({"service_id": green_service, "reason": "再换"})).await;
    r.assert_problem(409, "invalid_transition");

    // The rating: only the enterprise; a bad one says why.
    app.post(&rating_path, &office, json!({"level": "satisfied"})).await.assert_problem(403, "forbidden");
    let r = app.post(&rating_path, &enterprise, json!({"level": "dissatisfied"})).await;
    assert_eq!(r.field_codes(), vec![("comment".to_owned(), "required".to_owned())]);
    let r = app.post(&rating_path, &enterprise, json!({"level": "brilliant"})).await;
    assert_eq!(r.status, 422, "{}", r.body);
    let rated = app.post(&rating_path, &enterprise, json!({"level": "very_satisfied", "comment": "按期交付"})).await;
    assert_eq!(rated.status, 200, "{}", rated.body);
    assert_eq!((rated.body["state"].as_str(), rated.body["rating"].as_str()), (Some("rated"), Some("very_satisfied")));

    // The history records choice, change, delivery and rating, and still verifies.
    assert_eq!(
        history_actions(&app, &id).await,
        vec!["intermediary_chosen", "intermediary_changed", "intermediary_delivered", "intermediary_rated"]
    );
    let verification = get_as(&app, "office", &format!("/api/v1/cases/{id}/history/verification")).await;
    assert_eq!(verification["valid"], true);

    // 附件6 lists the choice in force with its delivery and rating, not the replaced one.
    let res = app
        .client
        .get(format!("{}/api/v1/cases/{id}/intermediaries/form.docx", app.base))
        .bearer_auth(&enterprise)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 200);
    let bytes = res.bytes().await.unwrap().to_vec();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a docx");
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("word/document.xml").unwrap(), &mut xml).unwrap();
    assert!(xml.contains("中介超市服务招商引资重大项目事项清单"), "the title");
    assert!(xml.contains("云南远景环境技术有限公司") && xml.contains("HP-2026-018") && xml.contains("非常满意"));
    assert!(!xml.contains("楚雄青山环境咨询有限公司"), "the replaced choice is not listed");
    app.get(&format!("/api/v1/cases/{id}/intermediaries/form.docx"), &stranger).await.assert_problem(404, "not_found");

    // Suspending an agency takes it off the list offered.
    let r = app
        .post(
            &format!("/api/v1/intermediaries/agencies/{green_id}/status"),
            &office,
            json!({"status": "suspended", "reason": "年度考核不合格"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let offered = app.get(&eligible_path, &enterprise).await.body;
    let names: Vec<&str> = offered.as_array().unwrap().iter().map(|o| o["agency"]["name"].as_str().unwrap()).collect();
    assert!(!names.contains(&"楚雄青山环境咨询有限公司") && names.contains(&"云南远景环境技术有限公司"), "{names:?}");
}

async fn bad_input_is_refused_by_field_and_a_closed_case_refuses_writes(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let office = app.token("office").await;

    // Field-level, in Chinese and in English; nothing stored.
    let before = app.get("/api/v1/intermediaries/agencies", &office).await.body["items"].clone();
    let bad = json!({"name": " ", "credit_code": "91532326MA6K0001", "contact": "李文", "phone": "12345"});
    let r = app.post("/api/v1/intermediaries/agencies", &office, bad.clone()).await;
    r.assert_problem(422, "validation_failed");
    let mut fields: Vec<String> = r.field_codes().into_iter().map(|(f, _)| f).collect();
    fields.sort();
    assert_eq!(fields, vec!["credit_code", "name", "phone"]);
    let en = app
        .raw(
            app.client
                .post(format!("{}/api/v1/intermediaries/agencies", app.base))
                .bearer_auth(&office)
                .header("Accept-Language", "en")
                .json(&bad),
        )
        .await;
    assert!(
        en.body["errors"].as_array().unwrap().iter().all(|e| e["message"].as_str().unwrap().is_ascii()),
        "{}",
        en.body
    );
    let listed = app.get("/api/v1/intermediaries/agencies", &office).await;
    assert_eq!(listed.body["items"], before);

    let a = agency(&app, &office, "楚雄青山环境咨询有限公司", "91532326MA6K00012").await;
    let a_id = a["id"].as_str().unwrap().to_owned();
    let r = app
        .post(
            &format!("/api/v1/intermediaries/agencies/{a_id}/qualifications"),
            &office,
            json!({"kind": "environmental_assessment", "level": "甲级", "certificate_number": "c", "valid_from": "2026-01-01", "valid_until": "2025-01-01"}),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("valid_until".to_owned(), "before_valid_from".to_owned())]);
    let r = app
        .post(
            &format!("/api/v1/intermediaries/agencies/{a_id}/services"),
            &office,
            json!({"name": "环评", "kind": "environmental_assessment", "item_codes": [" "]}),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("item_codes".to_owned(), "item_code".to_owned())]);
    let unchanged = app.get(&format!("/api/v1/intermediaries/agencies/{a_id}"), &office).await.body;
    assert_eq!(
        (unchanged["qualifications"].as_array().unwrap().len(), unchanged["services"].as_array().unwrap().len()),
        (0, 0)
    );
    assert_eq!(unchanged["version"], 1);
    qualify(&app, &office, &a_id, "environmental_assessment", "2099-12-31").await;
    let service = serve(&app, &office, &a_id, "environmental_assessment", json!(["DY-009"])).await;

    // The window records the enterprise's written choice for it, with the note.
    let id = case_in_service(&app, &d).await;
    let case = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let eia = item_id(&case, "环境影响");
    let path = format!("/api/v1/cases/{id}/items/{eia}/intermediaries");
    let window = app.token("window_agent").await;
    let r = app
        .post(
            &path,
            &window,
            json!({"service_id": service, "on_behalf_note": "代为录入，企业书面选择（2026-12-01 选择确认书）"}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert!(r.body["on_behalf_note"].as_str().unwrap().contains("企业书面选择"));
    let engagement = r.body["id"].as_str().unwrap().to_owned();

    // A closed (then archived) case refuses every write; nothing changes.
    step(&app, "office", &id, "terminate", json!({"reason": "企业主动申请终止（项目选址调整）"})).await;
    step(&app, "enterprise", &id, "confirm", json!(null)).await;
    step(&app, "enterprise", &id, "evaluation", json!({"declined": true})).await;
    let archived = step(&app, "office", &id, "archive", json!(null)).await;
    assert_eq!(archived["state"], "archived");
    let enterprise = app.token("enterprise").await;
    let today = county_today(&app);
    app.post(&path, &enterprise, json!({"service_id": service, "reason": "r"}))
        .await
        .assert_problem(409, "case_frozen");
    app.post(
        &format!("/api/v1/cases/{id}/intermediaries/{engagement}/delivery"),
        &office,
        json!({"actual_delivery": today, "report_name": "r", "report_number": "n", "conclusion": "c"}),
    )
    .await
    .assert_problem(409, "case_frozen");
    let list = app.get(&format!("/api/v1/cases/{id}/intermediaries"), &office).await.body;
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["state"], "chosen");
    assert_eq!(history_actions(&app, &id).await, vec!["intermediary_chosen"]);
}

async fn the_public_sees_active_agencies_without_signing_in(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    let a = agency(&app, &office, "楚雄青山环境咨询有限公司", "91532326MA6K00012").await;
    qualify(&app, &office, a["id"].as_str().unwrap(), "environmental_assessment", "2099-12-31").await;
    let b = agency(&app, &office, "停业测绘公司", "91532326MA6K00029").await;
    let r = app
        .post(
            &format!("/api/v1/intermediaries/agencies/{}/status", b["id"].as_str().unwrap()),
            &office,
            json!({"status": "suspended", "reason": "停业"}),
        )
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app.request(reqwest::Method::GET, "/api/v1/public/dayao/agencies", None, None).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let names: Vec<&str> = r.body["items"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"楚雄青山环境咨询有限公司") && !names.contains(&"停业测绘公司"), "{names:?}");
    // The demo county's agencies are there; its surveying firm's qualification has expired.
    let surveying = r.body["items"].as_array().unwrap().iter().find(|a| a["name"] == "大姚示例测绘服务部").unwrap();
    assert_eq!(surveying["qualifications"][0]["expired"], true);
    let ours = r.body["items"].as_array().unwrap().iter().find(|a| a["name"] == "楚雄青山环境咨询有限公司").unwrap();
    assert_eq!(ours["qualifications"][0]["expired"], false);
    // Cached like every public answer: the same ETag answers 304.
    let etag = app
        .client
        .get(format!("{}/api/v1/public/dayao/agencies", app.base))
        .send()
        .await
        .unwrap()
        .headers()
        .get("etag")
        .unwrap()
        .to_str()
        .unwrap()
        .to_owned();
    let again = app
        .client
        .get(format!("{}/api/v1/public/dayao/agencies", app.base))
        .header("If-None-Match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);
}

crate::on_both_databases!(
    a_case_goes_through_a_chosen_intermediary,
    bad_input_is_refused_by_field_and_a_closed_case_refuses_writes,
    the_public_sees_active_agencies_without_signing_in,
);

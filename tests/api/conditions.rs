//! Conditions (notice / hold / lock, 信用与限制): a hold on an enterprise stops its submissions
//! and the leader's acceptance, naming the condition, until it is lifted; a lock on a case
//! stops its sheets and its lifecycle; a notice changes nothing but shows, to officials only;
//! bad input is refused field by field with nothing stored; the credit platform's list
//! imports all or nothing, with a dry run, idempotently.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Backend, Reply, TestApp, spawn_app};
use crate::lifecycle::{application, case_in_service, directory, get_as, step, task, task_of};
use crate::on_both_databases;

/// A credit code no demo enterprise has (valid check character).
const UNREGISTERED: &str = "91532326MA6K5XQX5N";

fn review() -> Value {
    json!({"recommendation": "符合受理条件，建议受理。", "policy_checks": {"industrial": true, "land": true, "environmental": true, "safety": true, "energy": true}})
}

async fn new_case(app: &TestApp, d: &crate::lifecycle::Directory) -> String {
    let enterprise = app.token("enterprise").await;
    let created = app.post("/api/v1/cases", &enterprise, application(d)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    created.body["id"].as_str().unwrap().to_owned()
}

/// The demo enterprise's credit code and id, as its own user reads them.
async fn own_enterprise(app: &TestApp) -> (String, String) {
    let list = get_as(app, "enterprise", "/api/v1/enterprises").await;
    let e = &list["items"][0];
    (e["credit_code"].as_str().unwrap().to_owned(), e["id"].as_str().unwrap().to_owned())
}

async fn add(app: &TestApp, body: Value) -> Value {
    let office = app.token("office").await;
    let r = app.post("/api/v1/conditions", &office, body).await;
    assert_eq!(r.status, 201, "{}", r.body);
    r.body
}

async fn lift(app: &TestApp, id: &str) -> Value {
    let office = app.token("office").await;
    let r =
        app.post(&format!("/api/v1/conditions/{id}/lift"), &office, json!({"reason": "已履行，来源决定移出"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

async fn post_as(app: &TestApp, user: &str, path: &str, body: Value) -> Reply {
    let token = app.token(user).await;
    app.post(path, &token, body).await
}

async fn count(app: &TestApp) -> usize {
    get_as(app, "office", "/api/v1/conditions?limit=200").await["items"].as_array().unwrap().len()
}

fn message(r: &Reply) -> String {
    r.body["errors"][0]["message"].as_str().unwrap_or_default().to_owned()
}

async fn actions(app: &TestApp, case: &str) -> Vec<String> {
    let timeline = get_as(app, "office", &format!("/api/v1/cases/{case}/timeline")).await;
    timeline["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect()
}

async fn a_hold_stops_submission_and_acceptance_until_lifted(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let (credit_code, enterprise_id) = own_enterprise(&app).await;
    let reviewed = new_case(&app, &d).await;
    step(&app, "enterprise", &reviewed, "submit", json!(null)).await;
    step(&app, "investment_officer", &reviewed, "review", review()).await;
    let draft = new_case(&app, &d).await;

    let hold = add(
        &app,
        json!({"credit_code": credit_code.to_lowercase(), "severity": "hold", "source": "court",
               "source_ref": "(2026)云2326执123号", "reason": "失信被执行人：未履行生效判决", "valid_from": "2000-01-01"}),
    )
    .await;
    assert_eq!((hold["severity"].as_str(), hold["in_force"].as_bool()), (Some("hold"), Some(true)));
    assert_eq!(hold["credit_code"].as_str(), Some(credit_code.as_str()), "kept in upper case");

    // The leader's acceptance is refused, naming the condition's source, document and reason.
    let r = post_as(&app, "investment_leader", &format!("/api/v1/cases/{reviewed}/accept"), json!(null)).await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.field_codes(), vec![("case".to_owned(), "not_on_credit_blacklist".to_owned())]);
    let named = message(&r);
    assert!(
        named.contains("法院") && named.contains("(2026)云2326执123号") && named.contains("未履行生效判决"),
        "{named}"
    );
    // So is the enterprise's new submission: the one thing about a condition it is told.
    let r = post_as(&app, "enterprise", &format!("/api/v1/cases/{draft}/submit"), json!(null)).await;
    r.assert_problem(409, "preconditions_not_met");
    assert!(message(&r).contains("未履行生效判决"), "{}", r.body);
    // Other work goes on: the draft can still be edited.
    let enterprise = app.token("enterprise").await;
    let edit = app
        .request(
            reqwest::Method::PATCH,
            &format!("/api/v1/cases/{draft}"),
            Some(&enterprise),
            Some(json!({"brief": "调整建设内容。"})),
        )
        .await;
    assert_eq!(edit.status, 200, "{}", edit.body);

    // Officials see it on the case and the enterprise; the enterprise's users do not.
    let office_view = get_as(&app, "office", &format!("/api/v1/cases/{reviewed}")).await;
    assert_eq!(office_view["conditions"][0]["id"], hold["id"]);
    let own_view = get_as(&app, "enterprise", &format!("/api/v1/cases/{reviewed}")).await;
    assert!(own_view.get("conditions").is_none(), "{own_view}");
    let office_enterprise = get_as(&app, "office", &format!("/api/v1/enterprises/{enterprise_id}")).await;
    assert_eq!(office_enterprise["conditions"][0]["id"], hold["id"]);
    let own_enterprise = get_as(&app, "enterprise", &format!("/api/v1/enterprises/{enterprise_id}")).await;
    assert!(own_enterprise.get("conditions").is_none(), "{own_enterprise}");
    app.get("/api/v1/conditions", &enterprise).await.assert_problem(403, "forbidden");
    app.get(&format!("/api/v1/conditions/{}", hold["id"].as_str().unwrap()), &enterprise)
        .await
        .assert_problem(403, "forbidden");
    let filtered =
        get_as(&app, "supervisor", &format!("/api/v1/conditions?credit_code={credit_code}&in_force=true")).await;
    assert_eq!(filtered["items"].as_array().unwrap().len(), 1);

    // Lifting needs a reason; then acceptance and submission go through.
    let office = app.token("office").await;
    let hold_id = hold["id"].as_str().unwrap();
    let r = app.post(&format!("/api/v1/conditions/{hold_id}/lift"), &office, json!({"reason": "  "})).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes()[0].0, "reason");
    let lifted = lift(&app, hold_id).await;
    assert_eq!(
        (lifted["in_force"].as_bool(), lifted["lift_reason"].as_str()),
        (Some(false), Some("已履行，来源决定移出"))
    );
    app.post(&format!("/api/v1/conditions/{hold_id}/lift"), &office, json!({"reason": "again"}))
        .await
        .assert_problem(409, "invalid_transition");
    let accepted = step(&app, "investment_leader", &reviewed, "accept", json!(null)).await;
    assert_eq!(accepted["state"], "accepted");
    assert_eq!(accepted["conditions"], json!([]), "the leader sees none in force");
    step(&app, "enterprise", &draft, "submit", json!(null)).await;
    let not_in_force = get_as(&app, "office", "/api/v1/conditions?in_force=false").await;
    assert_eq!(not_in_force["items"][0]["id"], hold["id"]);
}

async fn a_lock_stops_every_change_of_the_case_and_its_sheets(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let id = case_in_service(&app, &d).await;
    let case = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let land = task_of(&case, "建设用地规划许可", "approval")["id"].as_str().unwrap().to_owned();

    let lock = add(
        &app,
        json!({"case_id": id, "severity": "lock", "source": "department", "source_ref": "大自然资〔2026〕7号",
               "reason": "用地权属争议待查", "valid_from": "2000-01-01"}),
    )
    .await;
    assert!(actions(&app, &id).await.contains(&"condition_added".to_owned()));

    // A sheet's step and a case's step are both refused, naming the lock.
    let r = post_as(&app, "agent-natural-resources", &format!("/api/v1/tasks/{land}/acknowledge"), json!(null)).await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.field_codes(), vec![("condition".to_owned(), "condition_lock".to_owned())]);
    assert!(message(&r).contains("用地权属争议待查") && message(&r).contains("大自然资〔2026〕7号"), "{}", r.body);
    let r = post_as(&app, "office", &format!("/api/v1/cases/{id}/terminate"), json!({"reason": "企业申请终止"})).await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.field_codes()[0].1, "condition_lock");
    // So is a write of the other parts on the case: a legal fee on its sheet, a
    // joint pre-review's opening.
    let fee = json!({"amount_fen": 50_000, "basis": "《土地管理法实施条例》", "receipt_number": "FS-001", "paid_on": "2026-01-05"});
    let r = post_as(&app, "agent-natural-resources", &format!("/api/v1/tasks/{land}/legal-fees"), fee).await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.field_codes()[0].1, "condition_lock");
    let r = post_as(&app, "office", &format!("/api/v1/cases/{id}/prereview"), json!(null)).await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.field_codes()[0].1, "condition_lock");
    let still = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await;
    assert_eq!(still["state"], "in_service");
    assert_eq!(still["conditions"][0]["severity"], "lock");
    assert_eq!(
        task_of(&still, "建设用地规划许可", "approval")["state"],
        task_of(&case, "建设用地规划许可", "approval")["state"]
    );

    lift(&app, lock["id"].as_str().unwrap()).await;
    assert!(actions(&app, &id).await.contains(&"condition_lifted".to_owned()));
    let acknowledged = task(&app, "agent-natural-resources", &land, "acknowledge", json!(null)).await;
    assert_eq!(acknowledged["state"], "acknowledged");
    let verified = get_as(&app, "office", &format!("/api/v1/cases/{id}/history/verification")).await;
    assert_eq!(verified["valid"], true, "{verified}");
}

async fn a_notice_changes_nothing_and_bad_input_is_refused_field_by_field(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let (credit_code, _) = own_enterprise(&app).await;
    let id = new_case(&app, &d).await;
    let notice = add(
        &app,
        json!({"credit_code": credit_code, "severity": "notice", "source": "office", "reason": "曾有合同违约记录，注意核实",
               "valid_from": "2000-01-01", "valid_until": "2100-01-01"}),
    )
    .await;
    let submitted = step(&app, "enterprise", &id, "submit", json!(null)).await;
    assert!(submitted.get("conditions").is_none(), "the enterprise is not shown it");
    step(&app, "investment_officer", &id, "review", review()).await;
    let accepted = step(&app, "investment_leader", &id, "accept", json!(null)).await;
    assert_eq!(accepted["conditions"][0]["id"], notice["id"], "shown to officials");

    // Only the office and the admin add conditions; the enterprise may not.
    let body = json!({"credit_code": UNREGISTERED, "severity": "hold", "source": "court", "reason": "x", "valid_from": "2026-12-01"});
    post_as(&app, "enterprise", "/api/v1/conditions", body.clone()).await.assert_problem(403, "forbidden");
    post_as(&app, "investment_officer", "/api/v1/conditions", body).await.assert_problem(403, "forbidden");

    // Every wrong field is named, in the reader's language, and nothing is stored.
    let before = count(&app).await;
    let office = app.token("office").await;
    let bad = json!({"credit_code": "91532326MA6K5XQX5A", "severity": "hold", "source": "court", "reason": "  ",
                     "valid_from": "2026-12-01", "valid_until": "2026-11-01"});
    let r = app.post("/api/v1/conditions", &office, bad.clone()).await;
    r.assert_problem(422, "validation_failed");
    let mut fields: Vec<String> = r.field_codes().into_iter().map(|(f, _)| f).collect();
    fields.sort();
    assert_eq!(fields, vec!["credit_code", "reason"], "{}", r.body);
    let r = app
        .post(
            "/api/v1/conditions",
            &office,
            json!({"credit_code": UNREGISTERED, "severity": "hold", "source": "court",
              "reason": "失信", "valid_from": "2026-12-01", "valid_until": "2026-11-01"}),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("valid_until".to_owned(), "period".to_owned())]);
    let both = json!({"credit_code": UNREGISTERED, "case_id": id, "severity": "hold", "source": "court", "reason": "失信", "valid_from": "2026-12-01"});
    let r = app
        .raw(
            app.client
                .post(format!("{}/api/v1/conditions", app.base))
                .bearer_auth(&office)
                .header("accept-language", "en")
                .json(&both),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("target".to_owned(), "target".to_owned())]);
    assert!(message(&r).contains("either"), "{}", r.body);
    let r = app.post("/api/v1/conditions", &office, json!({"severity": "stern", "source": "court", "reason": "x", "valid_from": "2026-12-01", "credit_code": UNREGISTERED})).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    let unknown_case = json!({"case_id": uuid::Uuid::now_v7(), "severity": "lock", "source": "court", "reason": "x", "valid_from": "2026-12-01"});
    let r = app.post("/api/v1/conditions", &office, unknown_case).await;
    assert_eq!(r.field_codes(), vec![("case_id".to_owned(), "not_found".to_owned())]);
    assert_eq!(count(&app).await, before);
    // The same source, enterprise and document twice is refused.
    let once = json!({"credit_code": UNREGISTERED, "severity": "hold", "source": "court", "source_ref": "A-1", "reason": "失信", "valid_from": "2026-12-01"});
    add(&app, once.clone()).await;
    let r = app.post("/api/v1/conditions", &office, once).await;
    r.assert_problem(409, "conflict");
    assert_eq!(r.field_codes(), vec![("source_ref".to_owned(), "taken".to_owned())]);
    assert_eq!(count(&app).await, before + 1);
}

fn list_workbook(rows: &[&[&str]]) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("失信名单").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

async fn import(app: &TestApp, query: &str, bytes: &[u8]) -> Reply {
    let token = app.token("office").await;
    let boundary = "----butler-conditions-boundary";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"list.xlsx\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let req = app
        .client
        .post(format!("{}/api/v1/conditions/import{query}", app.base))
        .bearer_auth(token)
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body);
    app.raw(req).await
}

const HEADER: &[&str] = &["序号", "统一社会信用代码", "名称", "列入原因", "列入日期", "移出日期", "决定文号"];

async fn the_credit_platforms_list_imports_all_or_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let (credit_code, enterprise_id) = own_enterprise(&app).await;
    let good = list_workbook(&[
        HEADER,
        &["1", &credit_code, "大姚示例企业", "拖欠农民工工资", "2000-01-01", "", "云信用〔2026〕12号"],
        &[
            "2",
            UNREGISTERED,
            "大姚示例建材有限公司",
            "未履行生效判决",
            "2000/01/01",
            "2100-01-01",
            "云信用〔2026〕13号",
        ],
    ]);

    let dry = import(&app, "?dry_run=true", &good).await;
    assert_eq!(dry.status, 200, "{}", dry.body);
    assert_eq!((dry.body["dry_run"].as_bool(), dry.body["created"].as_u64()), (Some(true), Some(2)));
    assert_eq!(dry.body["rows"][0]["enterprise_id"].as_str(), Some(enterprise_id.as_str()));
    assert!(dry.body["rows"][1]["enterprise_id"].is_null(), "not registered here");
    assert_eq!(count(&app).await, 0, "a dry run writes nothing");

    let done = import(&app, "", &good).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert_eq!((done.body["created"].as_u64(), done.body["unchanged"].as_u64()), (Some(2), Some(0)));
    let stored = get_as(&app, "office", "/api/v1/conditions?severity=hold").await;
    let stored = stored["items"].as_array().unwrap();
    assert_eq!(stored.len(), 2);
    assert!(stored.iter().all(|c| c["source"] == "credit_platform" && c["in_force"] == true));

    let again = import(&app, "", &good).await;
    assert_eq!(
        (again.body["created"].as_u64(), again.body["unchanged"].as_u64()),
        (Some(0), Some(2)),
        "{}",
        again.body
    );
    assert_eq!(count(&app).await, 2, "a re-import changes nothing");

    // The listed enterprise's application is held, naming the list.
    let id = new_case(&app, &d).await;
    let r = post_as(&app, "enterprise", &format!("/api/v1/cases/{id}/submit"), json!(null)).await;
    r.assert_problem(409, "preconditions_not_met");
    assert!(message(&r).contains("信用平台") && message(&r).contains("拖欠农民工工资"), "{}", r.body);

    // A broken file: every problem named by sheet/row/column, nothing written.
    let broken = list_workbook(&[
        &["统一社会信用代码", "名称", "列入原因", "列入日期", "移出日期"],
        &["91532326MA6K5XQX5A", "甲公司", "", "2026-13-01", ""],
        &[UNREGISTERED, "乙公司", "原因", "2026-12-01", "2026-11-01"],
    ]);
    let r = import(&app, "", &broken).await;
    r.assert_problem(422, "validation_failed");
    let named: Vec<(String, String)> = r.field_codes();
    assert_eq!(
        named,
        vec![
            ("失信名单/1/决定文号".to_owned(), "missing_column".to_owned()),
            ("失信名单/2/列入原因".to_owned(), "required".to_owned()),
            ("失信名单/2/统一社会信用代码".to_owned(), "credit_code".to_owned()),
            ("失信名单/2/列入日期".to_owned(), "not_a_date".to_owned()),
            ("失信名单/3/移出日期".to_owned(), "period".to_owned()),
        ],
        "{}",
        r.body
    );
    assert_eq!(count(&app).await, 2, "nothing written");
    let r = import(&app, "", b"not a workbook").await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes()[0], ("file".to_owned(), "not_a_workbook".to_owned()));
}

on_both_databases!(
    a_hold_stops_submission_and_acceptance_until_lifted,
    a_lock_stops_every_change_of_the_case_and_its_sheets,
    a_notice_changes_nothing_and_bad_input_is_refused_field_by_field,
    the_credit_platforms_list_imports_all_or_nothing,
);

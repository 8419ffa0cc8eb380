//! Legal fees (法定收费) recorded per sheet and totalled for supervision, beside a service
//! that charged nothing; and the joint pre-review (联合预审) that settles one list of gaps per
//! department before the sheets are dispatched.

use crate::helpers::*;
use crate::lifecycle::{Directory, application, case_in_service, directory, plan, review, step, task_of, team};
use serde_json::{Value, json};

/// Carries a case from draft to `entrusted` (agreement signed, nothing dispatched); returns its id.
async fn case_entrusted(app: &TestApp, d: &Directory) -> String {
    let enterprise = app.token("enterprise").await;
    let created = app.post("/api/v1/cases", &enterprise, application(d)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    step(app, "enterprise", &id, "submit", json!(null)).await;
    step(app, "investment_officer", &id, "review", review()).await;
    step(app, "investment_leader", &id, "accept", json!(null)).await;
    step(app, "office", &id, "team", team(d)).await;
    step(app, "office", &id, "plan", plan(d, json!([1]))).await;
    step(app, "enterprise", &id, "plan/agree", json!(null)).await;
    step(app, "window_agent", &id, "agreement", json!({})).await;
    id
}

async fn as_user(app: &TestApp, user: &str, method: reqwest::Method, path: &str, body: Option<Value>) -> Reply {
    let token = app.token(user).await;
    app.request(method, path, Some(&token), body).await
}

async fn post_as(app: &TestApp, user: &str, path: &str, body: Value) -> Reply {
    as_user(app, user, reqwest::Method::POST, path, Some(body)).await
}

async fn get_ok(app: &TestApp, user: &str, path: &str) -> Value {
    let r = as_user(app, user, reqwest::Method::GET, path, None).await;
    assert_eq!(r.status, 200, "{user} GET {path}: {}", r.body);
    r.body
}

async fn timeline_actions(app: &TestApp, case: &str) -> Vec<String> {
    let body = get_ok(app, "office", &format!("/api/v1/cases/{case}/timeline")).await;
    assert_eq!(body["verification"]["valid"], true, "the history chain stays valid");
    body["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap().to_owned()).collect()
}

fn today(app: &TestApp) -> String {
    app.clock_now().with_timezone(&chrono_tz_shanghai()).date_naive().to_string()
}

fn chrono_tz_shanghai() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(8 * 3600).unwrap()
}

async fn a_legal_fee_is_recorded_corrected_and_totalled(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let id = case_in_service(&app, &d).await;
    let case = get_ok(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let land = task_of(&case, "建设用地规划许可", "approval")["id"].as_str().unwrap().to_owned();
    let water = task_of(&case, "取水许可", "approval")["id"].as_str().unwrap().to_owned();
    let fees_of_land = format!("/api/v1/tasks/{land}/legal-fees");
    let fees_of_case = format!("/api/v1/cases/{id}/legal-fees");
    let fee = json!({"amount_fen": 1500, "basis": "《不动产登记收费标准》（示例）", "receipt_number": "YN-2026-0001", "paid_on": today(&app)});

    // Wrong role and another department's agent are refused; bad input is refused field by
    // field; nothing is stored.
    post_as(&app, "enterprise", &fees_of_land, fee.clone()).await.assert_problem(403, "forbidden");
    post_as(&app, "supervisor", &fees_of_land, fee.clone()).await.assert_problem(403, "forbidden");
    post_as(&app, "agent-ecology-environment", &fees_of_land, fee.clone()).await.assert_problem(403, "forbidden");
    let bad = json!({"amount_fen": 0, "receipt_number": " ", "paid_on": "2099-01-01"});
    let r = post_as(&app, "agent-natural-resources", &fees_of_land, bad).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(
        r.field_codes(),
        [
            ("amount_fen".to_owned(), "not_positive".to_owned()),
            ("basis".to_owned(), "basis_required_for_free_item".to_owned()),
            ("receipt_number".to_owned(), "required".to_owned()),
            ("paid_on".to_owned(), "in_future".to_owned()),
        ],
        "{}",
        r.body
    );
    let too_much =
        json!({"amount_fen": 1_000_000_001i64, "basis": "x", "receipt_number": "R1", "paid_on": today(&app)});
    let r = post_as(&app, "agent-natural-resources", &fees_of_land, too_much).await;
    assert_eq!(r.field_codes(), [("amount_fen".to_owned(), "too_large".to_owned())], "{}", r.body);
    // The item's guide says it charges nothing: without a basis written, its catalog basis
    // (a law forbidding fees) is not taken.
    let no_basis = json!({"amount_fen": 1500, "receipt_number": "R1", "paid_on": today(&app)});
    let r = post_as(&app, "agent-natural-resources", &fees_of_land, no_basis).await;
    assert_eq!(r.field_codes(), [("basis".to_owned(), "basis_required_for_free_item".to_owned())], "{}", r.body);
    let stored = get_ok(&app, "office", &fees_of_case).await;
    assert_eq!((stored["legal_fees_total_fen"].as_i64(), stored["sheets"].as_array().unwrap().len()), (Some(0), 0));

    // The department records on its own sheet; the office on another department's.
    let r = post_as(&app, "agent-natural-resources", &fees_of_land, fee.clone()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!((r.body["amount_fen"].as_i64(), r.body["basis_from_catalog"].as_bool()), (Some(1500), Some(false)));
    let first = r.body["id"].as_str().unwrap().to_owned();
    let water_fee = json!({"amount_fen": 2000, "basis": "《水资源费征收标准》（示例）", "receipt_number": "YN-2026-0002", "paid_on": today(&app)});
    let r = post_as(&app, "office", &format!("/api/v1/tasks/{water}/legal-fees"), water_fee).await;
    assert_eq!(r.status, 201, "{}", r.body);

    // A correction replaces a fee with a reason; the replaced one stays in the history.
    let correction = format!("/api/v1/legal-fees/{first}/correction");
    let mut corrected = fee.clone();
    corrected["amount_fen"] = json!(1200);
    corrected["reason"] = json!(" ");
    let r = post_as(&app, "agent-natural-resources", &correction, corrected.clone()).await;
    assert_eq!(r.field_codes(), [("reason".to_owned(), "required".to_owned())], "{}", r.body);
    post_as(&app, "agent-water", &correction, corrected.clone()).await.assert_problem(403, "forbidden");
    corrected["reason"] = json!("票据金额录入有误");
    let r = post_as(&app, "leader-natural-resources", &correction, corrected.clone()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["replaces_id"], first.as_str());
    post_as(&app, "office", &correction, corrected).await.assert_problem(409, "conflict");

    // The case shows the service charged nothing, and the legal fees per sheet with totals.
    let fees = get_ok(&app, "enterprise", &fees_of_case).await;
    assert_eq!(fees["service_fee_fen"], 0);
    assert_eq!(fees["legal_fees_total_fen"], 3200, "{fees}");
    let sheets = fees["sheets"].as_array().unwrap();
    assert_eq!(sheets.len(), 2);
    let land_fees = sheets.iter().find(|s| s["sheet_id"] == land.as_str()).unwrap();
    assert_eq!((land_fees["total_fen"].as_i64(), land_fees["fees"].as_array().unwrap().len()), (Some(1200), 1));
    assert_eq!(land_fees["replaced"][0]["id"], first.as_str());
    assert_eq!(get_ok(&app, "agent-natural-resources", &fees_of_land).await["total_fen"], 1200);
    let actions = timeline_actions(&app, &id).await;
    assert_eq!(actions.iter().filter(|a| *a == "legal_fee_recorded").count(), 2, "{actions:?}");
    assert_eq!(actions.iter().filter(|a| *a == "legal_fee_corrected").count(), 1, "{actions:?}");

    // Supervision totals them per department and per item.
    let stats = get_ok(&app, "office", "/api/v1/statistics/sheets").await;
    let totals = &stats["legal_fees"];
    assert_eq!((totals["total_fen"].as_i64(), totals["fees"].as_i64()), (Some(3200), Some(2)), "{totals}");
    let of = |rows: &Value, department: &str| {
        rows.as_array().unwrap().iter().find(|r| r["department_id"] == department).unwrap()["total_fen"].as_i64()
    };
    assert_eq!(of(&totals["by_department"], &d.departments["natural-resources"]), Some(1200));
    assert_eq!(of(&totals["by_department"], &d.departments["water"]), Some(2000));
    let items = totals["by_item"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["item_name"].as_str().map(|n| n.contains("取水许可")), Some(true), "largest first");
    let own = get_ok(&app, "leader-water", "/api/v1/statistics/sheets").await;
    assert_eq!(own["legal_fees"]["total_fen"], 2000, "a department leader sees its own");

    // A closed case stays closed.
    step(&app, "office", &id, "terminate", json!({"reason": "企业申请终止"})).await;
    let late = json!({"amount_fen": 100, "basis": "x", "receipt_number": "R9", "paid_on": today(&app)});
    post_as(&app, "office", &fees_of_land, late).await.assert_problem(409, "invalid_transition");
    assert_eq!(get_ok(&app, "office", &fees_of_case).await["legal_fees_total_fen"], 3200);
}

async fn a_joint_pre_review_settles_one_list_before_dispatch(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let id = case_entrusted(&app, &d).await;
    let review = format!("/api/v1/cases/{id}/prereview");
    let opinion = format!("/api/v1/cases/{id}/prereview/opinion");
    let close = format!("/api/v1/cases/{id}/prereview/close");
    let put = |user: &'static str, body: Value| {
        let (app, opinion) = (&app, opinion.clone());
        async move { as_user(app, user, reqwest::Method::PUT, &opinion, Some(body)).await }
    };

    assert_eq!(get_ok(&app, "office", &review).await["allowed_actions"], json!(["open"]));
    post_as(&app, "agent-natural-resources", &review, json!(null)).await.assert_problem(403, "forbidden");
    let r = post_as(&app, "office", &review, json!(null)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["current"]["state"], "open");
    assert_eq!(r.body["current"]["departments"].as_array().unwrap().len(), 4, "the plan's four departments");
    post_as(&app, "office", &review, json!(null)).await.assert_problem(409, "preconditions_not_met");

    // The departments are asked.
    let told = get_ok(&app, "agent-water", "/api/v1/notifications?limit=200").await;
    assert!(told["items"].as_array().unwrap().iter().any(|n| n["kind"] == "prereview_opened"), "{told}");

    // Dispatch waits while the review is open.
    let r = post_as(&app, "window_agent", &format!("/api/v1/cases/{id}/dispatch"), json!(null)).await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.field_codes(), [("case".to_owned(), "no_open_prereview".to_owned())], "{}", r.body);

    // Closing needs every department's opinion.
    let r = post_as(&app, "office", &close, json!(null)).await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.body["errors"].as_array().unwrap().len(), 4);

    // Opinions: field-level refusals store nothing; a repeated opinion replaces the last.
    let r = put("agent-ecology-environment", json!({"no_gaps": false, "gaps": []})).await;
    assert_eq!(r.field_codes(), [("gaps".to_owned(), "required".to_owned())], "{}", r.body);
    let r = put("agent-ecology-environment", json!({"no_gaps": false, "gaps": [{"material": " ", "problem": "缺页"}]}))
        .await;
    assert_eq!(r.field_codes(), [("gaps[0].material".to_owned(), "required".to_owned())], "{}", r.body);
    put("office", json!({"no_gaps": true})).await.assert_problem(403, "forbidden");
    put("enterprise", json!({"no_gaps": true})).await.assert_problem(403, "forbidden");
    let r = put(
        "agent-natural-resources",
        json!({"no_gaps": false, "gaps": [{"material": "建设用地规划许可申请表", "problem": "缺法定代表人签字"}]}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let land_gaps = json!([
        {"material": "建设用地规划许可申请表", "problem": "缺法定代表人签字"},
        {"material": "项目红线图", "problem": "比例尺不符", "note": "须 1:500"}
    ]);
    let r = put("leader-natural-resources", json!({"no_gaps": false, "gaps": land_gaps})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["current"]["opinions"].as_array().unwrap().len(), 1);
    assert_eq!(r.body["current"]["replaced"].as_array().unwrap().len(), 1, "the first opinion kept as replaced");
    let r = put(
        "agent-ecology-environment",
        json!({"no_gaps": false, "gaps": [{"material": "环境影响报告表", "problem": "缺编制单位盖章"}]}),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(put("agent-water", json!({"no_gaps": true})).await.status, 200);
    assert_eq!(put("agent-housing-construction", json!({"no_gaps": true, "gaps": []})).await.status, 200);
    let seen = get_ok(&app, "enterprise", &review).await;
    assert_eq!(seen["current"]["opinions"], json!([]), "the enterprise sees the list, not the working opinions");

    // Closed into one list per department; the enterprise is told at once.
    post_as(&app, "agent-water", &close, json!(null)).await.assert_problem(403, "forbidden");
    let r = post_as(&app, "office", &close, json!(null)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["current"]["state"], "closed");
    let list = r.body["current"]["consolidated"].as_array().unwrap().clone();
    let gaps_of = |department: &str| {
        list.iter().find(|e| e["department_id"] == department).unwrap()["gaps"].as_array().unwrap().len()
    };
    assert_eq!(gaps_of(&d.departments["natural-resources"]), 2);
    assert_eq!(gaps_of(&d.departments["ecology-environment"]), 1);
    assert_eq!(gaps_of(&d.departments["water"]), 0);
    let told = get_ok(&app, "enterprise", "/api/v1/notifications?limit=200").await;
    assert!(told["items"].as_array().unwrap().iter().any(|n| n["kind"] == "prereview_closed"), "{told}");
    let seen = get_ok(&app, "enterprise", &review).await;
    assert_eq!(seen["current"]["consolidated"].as_array().unwrap().len(), 4);
    put("agent-water", json!({"no_gaps": true})).await.assert_problem(409, "preconditions_not_met");

    // The sheets, dispatched now, start from their department's gaps.
    step(&app, "window_agent", &id, "dispatch", json!(null)).await;
    let case = get_ok(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let land = task_of(&case, "建设用地规划许可", "approval")["id"].as_str().unwrap().to_owned();
    let water = task_of(&case, "取水许可", "approval")["id"].as_str().unwrap().to_owned();
    let gaps = get_ok(&app, "agent-natural-resources", &format!("/api/v1/tasks/{land}/prereview-gaps")).await;
    assert_eq!(gaps.as_array().unwrap().len(), 2, "{gaps}");
    assert_eq!(gaps[1]["note"], "须 1:500");
    assert_eq!(get_ok(&app, "agent-water", &format!("/api/v1/tasks/{water}/prereview-gaps")).await, json!([]));
    let actions = timeline_actions(&app, &id).await;
    for action in ["prereview_opened", "prereview_opinion", "prereview_closed", "start_service"] {
        assert!(actions.iter().any(|a| a == action), "{action} in {actions:?}");
    }
    assert_eq!(actions.iter().filter(|a| *a == "prereview_opinion").count(), 5);

    // In service the case takes no pre-review; once closed, no new work at all.
    post_as(&app, "office", &review, json!(null)).await.assert_problem(409, "invalid_transition");
    step(&app, "office", &id, "terminate", json!({"reason": "企业申请终止"})).await;
    post_as(&app, "office", &review, json!(null)).await.assert_problem(409, "case_frozen");
    assert_eq!(get_ok(&app, "office", &review).await["allowed_actions"], json!([]));
}

crate::on_both_databases!(
    a_legal_fee_is_recorded_corrected_and_totalled,
    a_joint_pre_review_settles_one_list_before_dispatch,
);

//! The case lifecycle end to end through the API.

use crate::helpers::*;
use chrono::Duration;
use serde_json::{Value, json};
use std::collections::HashMap;

/// Ids of the demo county's users and departments by name/code.
pub(crate) struct Directory {
    pub(crate) users: HashMap<String, String>,
    pub(crate) departments: HashMap<String, String>,
    pub(crate) items: HashMap<String, String>,
    /// The version in force of each item code.
    pub(crate) item_versions: HashMap<String, i64>,
}

/// The county's users, departments and items in force, once its catalog allows what the
/// suite's plans ask of it.
pub(crate) async fn directory(app: &TestApp) -> Directory {
    crate::catalog::allow_what_the_plans_ask(app).await;
    let admin = app.token("admin").await;
    let mut users = HashMap::new();
    let r = app.get("/api/v1/users?limit=200", &admin).await;
    for u in r.body["items"].as_array().unwrap() {
        users.insert(u["username"].as_str().unwrap().to_owned(), u["id"].as_str().unwrap().to_owned());
    }
    let mut departments = HashMap::new();
    for d in app.get("/api/v1/departments?limit=200", &admin).await.body["items"].as_array().unwrap() {
        departments.insert(d["code"].as_str().unwrap().to_owned(), d["id"].as_str().unwrap().to_owned());
    }
    let mut items = HashMap::new();
    let mut item_versions = HashMap::new();
    for i in app.get("/api/v1/items?limit=200", &admin).await.body["items"].as_array().unwrap() {
        items.insert(i["code"].as_str().unwrap().to_owned(), i["id"].as_str().unwrap().to_owned());
        item_versions.insert(i["code"].as_str().unwrap().to_owned(), i["version"].as_i64().unwrap());
    }
    Directory { users, departments, items, item_versions }
}

pub(crate) fn application(d: &Directory) -> Value {
    json!({
        "project_name": "年产 5 万吨绿色新材料项目",
        "industry_code": "C2662",
        "total_investment_fen": 12_000_000_000i64,
        "location": "大姚县金碧镇工业片区",
        "agreement_signed_on": "2026-10-18",
        "brief": "新建生产线两条及配套设施。",
        "contact_name": "周晓明",
        "contact_phone": "13800000031",
        "items": [
            {"catalog_item_id": d.items["DY-007"]},
            {"catalog_item_id": d.items["DY-009"]},
            {"catalog_item_id": d.items["DY-014"]},
            {"catalog_item_id": d.items["DY-021"]}
        ]
    })
}

/// Carries a case from draft to `in_service`; returns its id.
pub(crate) async fn case_in_service(app: &TestApp, d: &Directory) -> String {
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
    step(app, "window_agent", &id, "dispatch", json!(null)).await;
    id
}

pub(crate) fn review() -> Value {
    json!({"recommendation": "符合受理条件，建议受理。", "policy_checks": {"industrial": true, "land": true, "environmental": true, "safety": true, "energy": true}})
}

pub(crate) fn team(d: &Directory) -> Value {
    json!({
        "responsible_leader_id": d.users["leader-natural-resources"],
        "lead_agent_id": d.users["window_agent"],
        "co_agent_ids": [
            d.users["agent-natural-resources"], d.users["agent-ecology-environment"],
            d.users["agent-water"], d.users["agent-housing-construction"]
        ]
    })
}

pub(crate) fn plan(d: &Directory, fourth_prerequisites: Value) -> Value {
    json!({"items": [
        {"catalog_item_id": d.items["DY-007"], "promised_limit": "3", "agent_id": d.users["agent-natural-resources"], "max_extension_days": 5},
        {"catalog_item_id": d.items["DY-009"], "agent_id": d.users["agent-ecology-environment"],
         "missing_materials": [{"name": "水土保持方案批复", "committed_by": "2026-12-31"}]},
        {"catalog_item_id": d.items["DY-014"], "agent_id": d.users["agent-water"], "allows_commitment": true},
        {"catalog_item_id": d.items["DY-021"], "promised_limit": "5", "agent_id": d.users["agent-housing-construction"],
         "prerequisites": fourth_prerequisites}
    ]})
}

/// Posts a lifecycle step as `user` and asserts it succeeded.
pub(crate) async fn step(app: &TestApp, user: &str, id: &str, path: &str, body: Value) -> Value {
    let token = app.token(user).await;
    let r = app.post(&format!("/api/v1/cases/{id}/{path}"), &token, body).await;
    assert_eq!(r.status, 200, "{user} {path}: {}", r.body);
    r.body
}

pub(crate) async fn task(app: &TestApp, user: &str, id: &str, path: &str, body: Value) -> Value {
    let token = app.token(user).await;
    let r = app.post(&format!("/api/v1/tasks/{id}/{path}"), &token, body).await;
    assert_eq!(r.status, 200, "{user} {path}: {}", r.body);
    r.body
}

pub(crate) fn task_of<'a>(case: &'a Value, item_name_part: &str, kind: &str) -> &'a Value {
    case["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["item_name"].as_str().unwrap().contains(item_name_part) && t["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} task for {item_name_part}: {}", case["tasks"]))
}

/// Reads as `user` with a fresh token (tests move the clock past token lifetimes).
pub(crate) async fn get_as(app: &TestApp, user: &str, path: &str) -> Value {
    let token = app.token(user).await;
    let r = app.get(path, &token).await;
    assert_eq!(r.status, 200, "{user} GET {path}: {}", r.body);
    r.body
}

async fn notifications_of(app: &TestApp, user: &str) -> Vec<Value> {
    let token = app.token(user).await;
    let r = app.get("/api/v1/notifications?limit=200", &token).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body["items"].as_array().unwrap().clone()
}

async fn a_case_goes_from_application_to_archive(backend: Backend) {
    let app = spawn_app(backend).await;
    app.start_a_plain_week().await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;

    // Application.
    let created = app.post("/api/v1/cases", &enterprise, application(&d)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_str().unwrap().to_owned();
    assert_eq!(created.body["state"], "draft");
    assert!(created.body["number"].as_str().unwrap().starts_with("DAYAO-"));
    assert_eq!(created.body["items"].as_array().unwrap().len(), 4);
    assert_eq!(created.body["allowed_actions"], json!(["submit"]));

    // The officer cannot accept; the leader cannot review.
    step(&app, "enterprise", &id, "submit", json!(null)).await;
    let leader = app.token("investment_leader").await;
    app.post(&format!("/api/v1/cases/{id}/review"), &leader, review()).await.assert_problem(403, "forbidden");
    step(&app, "investment_officer", &id, "review", review()).await;
    let officer = app.token("investment_officer").await;
    app.post(&format!("/api/v1/cases/{id}/accept"), &officer, json!(null)).await.assert_problem(403, "forbidden");
    let accepted = step(&app, "investment_leader", &id, "accept", json!(null)).await;
    assert_eq!(accepted["state"], "accepted");
    // The case list carries the step's deadline: the team within 1 working day.
    let step_due = |state: &'static str| {
        let app = &app;
        let id = id.clone();
        async move {
            let list = get_as(app, "office", &format!("/api/v1/cases?state={state}")).await;
            let row = list["items"].as_array().unwrap().iter().find(|c| c["id"] == id.as_str()).cloned();
            row.unwrap_or_else(|| panic!("{id} is not {state}: {list}"))["step_due_at"].clone()
        }
    };
    let team_due = step_due("accepted").await;
    assert!(team_due.as_str().is_some_and(|d| d > accepted["updated_at"].as_str().unwrap()), "{team_due}");

    // Only the office forms the team; others are refused before their input is looked at.
    let mut bogus = team(&d);
    bogus["co_agent_ids"] = json!([d.users["agent-water"]]);
    app.post(&format!("/api/v1/cases/{id}/team"), &enterprise, bogus).await.assert_problem(403, "forbidden");
    // Team: an unqualified or missing co-agent is refused with the department named.
    let office = app.token("office").await;
    let mut empty = team(&d);
    empty["co_agent_ids"] = json!([]);
    let r = app.post(&format!("/api/v1/cases/{id}/team"), &office, empty).await;
    assert_eq!(r.field_codes(), vec![("co_agent_ids".to_owned(), "length".to_owned())]);
    assert_eq!(r.body["errors"][0]["message"], "须有 1–50 项", "a list is counted in entries, not characters");
    let mut incomplete = team(&d);
    incomplete["co_agent_ids"] = json!([d.users["agent-natural-resources"]]);
    let r = app.post(&format!("/api/v1/cases/{id}/team"), &office, incomplete).await;
    r.assert_problem(422, "validation_failed");
    assert!(r.field_codes().iter().all(|(_, c)| c == "department_not_covered"), "{}", r.body);
    step(&app, "office", &id, "team", team(&d)).await;
    // The plan within 1 working day of the team: the same office closing, when formed the same day.
    let plan_due = step_due("team_formed").await;
    assert!(plan_due.as_str().is_some_and(|d| d >= team_due.as_str().unwrap()), "{plan_due} after {team_due}");

    // Plan: a cycle is refused; a promise longer than the law is refused.
    let mut cyclic = plan(&d, json!([1]));
    cyclic["items"][0]["prerequisites"] = json!([4]);
    let r = app.post(&format!("/api/v1/cases/{id}/plan"), &office, cyclic).await;
    assert!(r.field_codes().contains(&("items".to_owned(), "dependency_cycle".to_owned())), "{}", r.body);
    let mut too_long = plan(&d, json!([1]));
    too_long["items"][0]["promised_limit"] = json!("25");
    let r = app.post(&format!("/api/v1/cases/{id}/plan"), &office, too_long).await;
    assert!(
        r.field_codes().contains(&("items[0].promised_limit".to_owned(), "promise_exceeds_legal".to_owned())),
        "{}",
        r.body
    );
    let planned = step(&app, "office", &id, "plan", plan(&d, json!([1]))).await;
    assert_eq!(planned["state"], "plan_proposed");
    assert_eq!(step_due("plan_proposed").await, Value::Null, "waiting for the enterprise has no deadline");
    assert!(planned["forecast_end"].is_string());
    assert!(planned["items"].as_array().unwrap().iter().all(|i| i["planned"] == true && i["forecast_end"].is_string()));
    assert_eq!(planned["items"][0]["catalog_version"], d.item_versions["DY-007"]);

    step(&app, "enterprise", &id, "plan/agree", json!(null)).await;
    let signed = step(&app, "window_agent", &id, "agreement", json!({})).await;
    assert!(signed["notification_text"].as_str().unwrap().contains("一次性告知书"));
    let dispatched = step(&app, "window_agent", &id, "dispatch", json!(null)).await;
    assert_eq!(dispatched["state"], "in_service");
    // Three items run in parallel; the fourth waits for the first.
    let tasks = dispatched["tasks"].as_array().unwrap();
    assert_eq!(tasks.len(), 3, "{}", dispatched["tasks"]);
    assert!(tasks.iter().all(|t| t["state"] == "dispatched"));

    // The acknowledgement of the land-planning sheet is missed and escalated.
    let land = task_of(&dispatched, "建设用地规划许可", "approval")["id"].as_str().unwrap().to_owned();
    let water = task_of(&dispatched, "取水许可", "approval")["id"].as_str().unwrap().to_owned();
    let eia = task_of(&dispatched, "环境影响", "approval")["id"].as_str().unwrap().to_owned();
    task(&app, "agent-water", &water, "acknowledge", json!(null)).await;
    task(&app, "agent-ecology-environment", &eia, "acknowledge", json!(null)).await;
    app.clock.advance(Duration::days(3));
    let admin = app.token("admin").await;
    let run = app.post("/api/v1/admin/scheduler/run", &admin, json!(null)).await;
    assert_eq!(run.status, 200, "{}", run.body);
    let leader_notes = notifications_of(&app, "leader-natural-resources").await;
    assert!(
        leader_notes.iter().any(|n| n["task_id"] == land.as_str() || n["sheet_id"] == land.as_str()),
        "the department leader hears of the missed acknowledgement: {leader_notes:?}"
    );
    let acknowledged = task(&app, "agent-natural-resources", &land, "acknowledge", json!(null)).await;
    assert_eq!(acknowledged["state"], "acknowledged");

    // 补正: the clock stops while the enterprise works, and the deadline moves.
    let before = acknowledged["finish_by"].as_str().unwrap().to_owned();
    let paused = task(
        &app,
        "agent-natural-resources",
        &land,
        "corrections",
        json!({"reason": "规划总平面图缺少指北针", "materials": ["规划总平面图"]}),
    )
    .await;
    assert_eq!(paused["state"], "paused");
    app.clock.advance(Duration::days(1));
    let resumed = task(&app, "enterprise", &land, "corrections/supplied", json!(null)).await;
    assert_eq!(resumed["state"], "acknowledged");
    assert_eq!(resumed["pauses"].as_array().unwrap().len(), 1);
    assert!(resumed["finish_by"].as_str().unwrap() > before.as_str(), "{} vs {before}", resumed["finish_by"]);
    let done = task(
        &app,
        "agent-natural-resources",
        &land,
        "finish",
        json!({"outcome": "approved", "document_number": "姚自然资规〔2026〕12号"}),
    )
    .await;
    assert_eq!(done["outcome"], "approved");
    // Supervision sees its time used against the promised 3 working days (counted from
    // dispatch, so the rest of that day too), with the 补正 day left out of the time used.
    let figures = get_as(
        &app,
        "office",
        &format!("/api/v1/statistics/sheets?department_id={}", d.departments["natural-resources"]),
    )
    .await;
    let promised = figures["total"]["average_working_days_promised"].as_f64().expect("promised is measured");
    let used = figures["total"]["average_working_days_used"].as_f64().expect("used is measured");
    assert!((3.0..=4.0).contains(&promised), "{figures}");
    assert!((0.0..=promised).contains(&used), "{figures}");

    // The dependent item was dispatched by itself.
    let case = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let construction = task_of(&case, "施工许可", "approval")["id"].as_str().unwrap().to_owned();

    // 容缺: the approval waits for the committed material.
    let r = app
        .post(
            &format!("/api/v1/tasks/{eia}/finish"),
            &app.token("agent-ecology-environment").await,
            json!({"outcome": "approved", "document_number": "姚环审〔2026〕8号"}),
        )
        .await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.field_codes(), vec![("task".to_owned(), "materials_outstanding".to_owned())]);
    task(&app, "enterprise", &eia, "missing-materials/supplied", json!({"names": ["水土保持方案批复"]})).await;
    task(
        &app,
        "agent-ecology-environment",
        &eia,
        "finish",
        json!({"outcome": "approved", "document_number": "姚环审〔2026〕8号"}),
    )
    .await;

    // 告知承诺: approved at once, and a verification sheet follows.
    let committed = task(
        &app,
        "agent-water",
        &water,
        "finish",
        json!({"outcome": "approved", "document_number": "姚水许〔2026〕3号", "on_commitment": true}),
    )
    .await;
    assert_eq!(committed["approved_on_commitment"], true);
    let case = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let verification = task_of(&case, "取水许可", "verification")["id"].as_str().unwrap().to_owned();
    task(&app, "agent-water", &verification, "acknowledge", json!(null)).await;
    task(
        &app,
        "agent-water",
        &verification,
        "finish",
        json!({"outcome": "approved", "document_number": "姚水核〔2026〕1号"}),
    )
    .await;

    task(&app, "agent-housing-construction", &construction, "acknowledge", json!(null)).await;
    task(
        &app,
        "agent-housing-construction",
        &construction,
        "finish",
        json!({"outcome": "approved", "document_number": "姚建施〔2026〕21号"}),
    )
    .await;

    // Results go back to the enterprise, each with its channel; the window's queue of results
    // to pass on holds the approval sheets (not the verification) until then.
    let window = app.token("window_agent").await;
    let mut to_notify: Vec<String> = app.get("/api/v1/tasks?queue=results_to_notify", &window).await.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect();
    to_notify.sort();
    let mut expected = vec![land.clone(), eia.clone(), water.clone(), construction.clone()];
    expected.sort();
    assert_eq!(to_notify, expected);
    for t in [&land, &eia, &water, &verification, &construction] {
        task(&app, "window_agent", t, "result-notice", json!({"channel": "phone", "note": "已电话告知企业联络员"}))
            .await;
    }
    let told = notifications_of(&app, "enterprise").await;
    let result =
        told.iter().find(|n| n["kind"] == "task_result" && n["sheet_id"] == json!(land)).expect("result notice");
    assert!(result["title"].as_str().unwrap().starts_with("办理结果："), "{result}");
    // The same notification, read in English: rendered from what it says, not translated text.
    let english = app
        .raw(
            app.client
                .get(format!("{}/api/v1/notifications?limit=200", app.base))
                .bearer_auth(app.token("enterprise").await)
                .header("Accept-Language", "en"),
        )
        .await;
    let same = english.body["items"].as_array().unwrap().iter().find(|n| n["id"] == result["id"]).expect("same notice");
    assert!(same["title"].as_str().unwrap().starts_with("Result: "), "{same}");
    assert!(same["body"].as_str().unwrap().contains("approved"), "{same}");
    let left = app.get("/api/v1/tasks?queue=results_to_notify", &window).await;
    assert_eq!(left.body["items"], json!([]), "{}", left.body);

    // Completion, confirmation, a bad evaluation with rectification, archive.
    let completed = step(
        &app,
        "office",
        &id,
        "complete",
        json!({"handed_over_documents": ["建设用地规划许可证", "环评批复", "取水许可证", "施工许可证"]}),
    )
    .await;
    assert_eq!(completed["state"], "completed");
    step(&app, "enterprise", &id, "confirm", json!(null)).await;
    let office = app.token("office").await;
    let r = app.post(&format!("/api/v1/cases/{id}/archive"), &office, json!(null)).await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.field_codes(), vec![("dossier".to_owned(), "evaluation".to_owned())]);
    step(&app, "enterprise", &id, "evaluation", json!({
        "level": "satisfied", "comment": "服务很好",
        "departments": [{"department_id": d.departments["water"], "level": "dissatisfied", "comment": "核查往返两次"}]
    })).await;
    // Each level is kept: the case's first, then each department's.
    let given = get_as(&app, "enterprise", &format!("/api/v1/cases/{id}/evaluations")).await;
    let levels: Vec<(Value, Value)> =
        given.as_array().unwrap().iter().map(|e| (e["department_id"].clone(), e["level"].clone())).collect();
    assert_eq!(levels, vec![(Value::Null, json!("satisfied")), (json!(d.departments["water"]), json!("dissatisfied"))]);
    assert_eq!(given[1]["comment"], "核查往返两次");
    app.get(&format!("/api/v1/cases/{id}/evaluations"), &app.token("enterprise-2").await)
        .await
        .assert_problem(404, "not_found");
    let leader_water = notifications_of(&app, "leader-water").await;
    assert!(leader_water.iter().any(|n| n["kind"] == "rectification_opened"), "{leader_water:?}");
    // The department's leader answers in writing, once; another department's cannot.
    let rects = get_as(&app, "office", &format!("/api/v1/cases/{id}/rectifications")).await;
    let rect = rects.as_array().unwrap()[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(rects[0]["department_id"], d.departments["water"].as_str());
    // The water department finds it in its list across cases; another department does not.
    let waiting = get_as(&app, "leader-water", "/api/v1/rectifications").await;
    assert_eq!(waiting["items"].as_array().unwrap().len(), 1, "{waiting}");
    assert_eq!(waiting["items"][0]["allowed_actions"], json!(["reply"]));
    assert_eq!(get_as(&app, "supervisor", "/api/v1/rectifications").await["items"][0]["allowed_actions"], json!([]));
    assert_eq!(waiting["items"][0]["id"], rect.as_str());
    assert_eq!(waiting["items"][0]["project_name"], "年产 5 万吨绿色新材料项目");
    assert!(waiting["items"][0]["case_number"].as_str().unwrap().starts_with("DAYAO-"));
    assert_eq!(get_as(&app, "office", "/api/v1/rectifications").await["items"].as_array().unwrap().len(), 1);
    let elsewhere = get_as(&app, "leader-natural-resources", "/api/v1/rectifications").await;
    assert_eq!(elsewhere["items"], json!([]));
    app.get("/api/v1/rectifications", &app.token("enterprise").await).await.assert_problem(403, "forbidden");
    let other = app.token("leader-natural-resources").await;
    app.post(&format!("/api/v1/rectifications/{rect}/reply"), &other, json!({"reply": "x"}))
        .await
        .assert_problem(403, "forbidden");
    let answered = app
        .post(
            &format!("/api/v1/rectifications/{rect}/reply"),
            &app.token("leader-water").await,
            json!({"reply": "已约谈承办人，核查改为一次办结，并电话回访企业。"}),
        )
        .await;
    assert_eq!(answered.status, 200, "{}", answered.body);
    assert!(answered.body["replied_at"].is_string());
    app.post(
        &format!("/api/v1/rectifications/{rect}/reply"),
        &app.token("leader-water").await,
        json!({"reply": "again"}),
    )
    .await
    .assert_problem(409, "conflict");
    // Answered: off the list of those waiting, still in the full list.
    assert_eq!(get_as(&app, "leader-water", "/api/v1/rectifications").await["items"], json!([]));
    let all = get_as(&app, "leader-water", "/api/v1/rectifications?include_answered=true").await;
    assert_eq!(all["items"][0]["reply"], "已约谈承办人，核查改为一次办结，并电话回访企业。");
    assert_eq!(all["items"][0]["allowed_actions"], json!([]), "answered once");
    let archived = step(&app, "office", &id, "archive", json!(null)).await;
    assert_eq!(archived["state"], "archived");

    // An archived case is read-only.
    let r = app.post(&format!("/api/v1/cases/{id}/terminate"), &office, json!({"reason": "试图修改"})).await;
    r.assert_problem(409, "invalid_transition");
    assert_eq!(r.body["state"], "archived");
    assert_eq!(r.body["allowed_actions"], json!(["reopen"]));

    // The history: every step, chained and verified.
    let timeline = app.get(&format!("/api/v1/cases/{id}/timeline"), &office).await;
    assert_eq!(timeline.status, 200);
    let actions: Vec<&str> =
        timeline.body["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    for expected in [
        "create",
        "submit",
        "review",
        "accept",
        "form_team",
        "propose_plan",
        "agree_plan",
        "sign_agreement",
        "start_service",
        "task_dispatched",
        "task_acknowledged",
        "task_correction_requested",
        "task_correction_supplied",
        "task_finished",
        "task_missing_materials_supplied",
        "task_approved_on_commitment",
        "task_result_noticed",
        "complete",
        "confirm",
        "evaluate",
        "rectification_opened",
        "archive",
    ] {
        assert!(actions.contains(&expected), "missing {expected} in {actions:?}");
    }
    let events = timeline.body["events"].as_array().unwrap();
    for (i, e) in events.iter().enumerate() {
        assert_eq!(e["sequence"], i + 1);
        if i > 0 {
            assert_eq!(e["prev_hash"], events[i - 1]["hash"]);
        }
    }
    assert_eq!(timeline.body["verification"]["valid"], true);
    assert_eq!(timeline.body["verification"]["algorithm"], "sm3");
    let enterprise = app.token("enterprise").await;
    let verification = app.get(&format!("/api/v1/cases/{id}/history/verification"), &enterprise).await;
    assert_eq!(verification.body["valid"], true);
    assert_eq!(verification.body["length"], events.len());

    // Tampering with a stored event is detected at its sequence.
    let db = app.db().await;
    use sea_orm::ConnectionTrait;
    db.execute_unprepared("UPDATE case_events SET payload = '{\"reason\":\"篡改\"}' WHERE sequence = 3").await.unwrap();
    let verification = app.get(&format!("/api/v1/cases/{id}/history/verification"), &office).await;
    assert_eq!(verification.body["valid"], false);
    assert_eq!(verification.body["broken_at"], 3);
}

async fn a_case_is_terminated_midway(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let id = case_in_service(&app, &d).await;
    let office = app.token("office").await;
    let case = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let land = task_of(&case, "建设用地规划许可", "approval")["id"].as_str().unwrap().to_owned();
    task(&app, "agent-natural-resources", &land, "acknowledge", json!(null)).await;

    let r = app.post(&format!("/api/v1/cases/{id}/terminate"), &office, json!({"reason": ""})).await;
    r.assert_problem(422, "validation_failed");
    // No follow-up visit while the service runs.
    let visit = json!({"scheduled_for": "2027-01-15", "method": "phone"});
    assert_eq!(case["aftercare_actions"], json!([]));
    let r = app.post(&format!("/api/v1/cases/{id}/follow-ups"), &office, visit.clone()).await;
    r.assert_problem(409, "invalid_transition");
    let terminated =
        step(&app, "office", &id, "terminate", json!({"reason": "企业主动申请终止（项目选址调整）"})).await;
    assert_eq!(terminated["state"], "terminated");

    // Follow-up visits (回访): the office plans and records them, once each; the case and each
    // visit say who may do what.
    assert_eq!(terminated["aftercare_actions"], json!(["schedule_follow_up"]));
    let window = get_as(&app, "window_agent", &format!("/api/v1/cases/{id}")).await;
    assert_eq!(window["aftercare_actions"], json!([]));
    let window_token = app.token("window_agent").await;
    app.post(&format!("/api/v1/cases/{id}/follow-ups"), &window_token, visit.clone())
        .await
        .assert_problem(403, "forbidden");
    let r = app
        .post(
            &format!("/api/v1/cases/{id}/follow-ups"),
            &office,
            json!({"scheduled_for": "2027-01-15", "method": "fax"}),
        )
        .await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes()[0].0, "method");
    let planned = app.post(&format!("/api/v1/cases/{id}/follow-ups"), &office, visit).await;
    assert_eq!(planned.status, 201, "{}", planned.body);
    assert_eq!((planned.body["method"].as_str(), planned.body["done_at"].is_null()), (Some("phone"), true));
    assert_eq!(planned.body["allowed_actions"], json!(["record"]));
    let visit_id = planned.body["id"].as_str().unwrap().to_owned();
    let seen = get_as(&app, "supervisor", &format!("/api/v1/cases/{id}/follow-ups")).await;
    assert_eq!(seen[0]["id"], visit_id.as_str());
    assert_eq!(seen[0]["allowed_actions"], json!([]));
    let record = format!("/api/v1/cases/{id}/follow-ups/{visit_id}/record");
    app.post(&record, &office, json!({"notes": "  "})).await.assert_problem(422, "validation_failed");
    let recorded = app.post(&record, &office, json!({"notes": "企业已另选址，暂无新的办理需求。"})).await;
    assert_eq!(recorded.status, 200, "{}", recorded.body);
    assert!(recorded.body["done_at"].is_string());
    assert_eq!(recorded.body["allowed_actions"], json!([]));
    app.post(&record, &office, json!({"notes": "再记一次"})).await.assert_problem(409, "conflict");
    assert!(
        terminated["tasks"].as_array().unwrap().iter().all(|t| t["state"] == "cancelled"),
        "{}",
        terminated["tasks"]
    );
    // A cancelled sheet of a closed case takes no more commands.
    let r = app
        .post(
            &format!("/api/v1/tasks/{land}/finish"),
            &app.token("agent-natural-resources").await,
            json!({"outcome": "approved", "document_number": "x"}),
        )
        .await;
    r.assert_problem(409, "case_frozen");
    step(&app, "enterprise", &id, "confirm", json!(null)).await;
    step(&app, "enterprise", &id, "evaluation", json!({"declined": true})).await;
    let archived = step(&app, "office", &id, "archive", json!(null)).await;
    assert_eq!(archived["state"], "archived");
    let verification = app.get(&format!("/api/v1/cases/{id}/history/verification"), &office).await;
    assert_eq!(verification.body["valid"], true);
}

/// Every lifecycle endpoint not allowed in the case's state answers 409 naming the state
/// and what is possible.
async fn transitions_outside_the_table_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    let office = app.token("office").await;
    let id = app.post("/api/v1/cases", &enterprise, application(&d)).await.body["id"].as_str().unwrap().to_owned();
    let endpoints: [(&str, &str, Value); 15] = [
        ("review", "investment_officer", review()),
        ("accept", "investment_leader", json!(null)),
        ("reject", "investment_leader", json!({"reason": "x"})),
        ("team", "office", team(&d)),
        ("plan", "office", plan(&d, json!([]))),
        ("plan/agree", "enterprise", json!(null)),
        ("agreement", "window_agent", json!({})),
        ("dispatch", "window_agent", json!(null)),
        ("complete", "office", json!({"handed_over_documents": ["x"]})),
        ("terminate", "office", json!({"reason": "x"})),
        ("confirm", "enterprise", json!(null)),
        ("evaluation", "enterprise", json!({"level": "satisfied"})),
        ("archive", "office", json!(null)),
        ("reopen", "office", json!({"reason": "x"})),
        ("return", "investment_officer", json!({"reason": "x"})),
    ];
    for (path, user, body) in endpoints {
        let token = app.token(user).await;
        let r = app.post(&format!("/api/v1/cases/{id}/{path}"), &token, body).await;
        r.assert_problem(409, "invalid_transition");
        assert_eq!(r.body["state"], "draft");
        assert_eq!(r.body["allowed_actions"], json!(["submit"]), "{path}");
    }
    let case = app.get(&format!("/api/v1/cases/{id}"), &office).await;
    assert_eq!(case.body["state"], "draft");
    assert_eq!(case.body["version"], 1);
}

async fn concurrent_conflicting_transitions_let_exactly_one_through(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    let id = app.post("/api/v1/cases", &enterprise, application(&d)).await.body["id"].as_str().unwrap().to_owned();
    let url = format!("{}/api/v1/cases/{id}/submit", app.base);
    let requests = (0..100).map(|_| {
        let client = app.client.clone();
        let url = url.clone();
        let token = enterprise.clone();
        tokio::spawn(async move { client.post(&url).bearer_auth(token).send().await.unwrap().status().as_u16() })
    });
    let statuses: Vec<u16> = futures_util::future::join_all(requests).await.into_iter().map(|r| r.unwrap()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 200).count(), 1, "{statuses:?}");
    assert!(statuses.iter().all(|s| *s == 200 || *s == 409), "{statuses:?}");
    let timeline = app.get(&format!("/api/v1/cases/{id}/timeline"), &enterprise).await;
    let submits = timeline.body["events"].as_array().unwrap().iter().filter(|e| e["action"] == "submit").count();
    assert_eq!(submits, 1);
    assert_eq!(timeline.body["verification"]["valid"], true);
}

async fn versions_and_idempotency_keys(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    let send = |key: &str, body: Value| {
        app.client
            .post(format!("{}/api/v1/cases", app.base))
            .bearer_auth(&enterprise)
            .header("Idempotency-Key", key)
            .json(&body)
    };
    let first = app.raw(send("apply-1", application(&d))).await;
    assert_eq!(first.status, 201);
    let again = app.raw(send("apply-1", application(&d))).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.body["id"], first.body["id"]);
    let replayed = send("apply-1", application(&d)).send().await.unwrap();
    assert_eq!(replayed.headers()["idempotent-replayed"], "true");
    // Concurrent retries of one request create one case.
    let retries = (0..8).map(|_| send("apply-2", application(&d)).send());
    let statuses: Vec<u16> =
        futures_util::future::join_all(retries).await.into_iter().map(|r| r.unwrap().status().as_u16()).collect();
    assert!(statuses.iter().all(|s| *s == 201 || *s == 409), "{statuses:?}");
    // Any POST takes a key: a retried transition acts once.
    let other_case = app.raw(send("apply-3", application(&d))).await.body["id"].as_str().unwrap().to_owned();
    let submit = || {
        app.client
            .post(format!("{}/api/v1/cases/{other_case}/submit", app.base))
            .bearer_auth(&enterprise)
            .header("Idempotency-Key", "submit-1")
    };
    assert_eq!(submit().send().await.unwrap().status(), 200);
    assert_eq!(submit().send().await.unwrap().status(), 200, "the retry is answered, not refused as a second submit");
    let mut other = application(&d);
    other["project_name"] = json!("另一个项目");
    app.raw(send("apply-1", other)).await.assert_problem(422, "idempotency_key_reused");
    let list = app.get("/api/v1/cases", &enterprise).await;
    assert_eq!(list.body["items"].as_array().unwrap().len(), 3, "apply-1, apply-2 and apply-3 each created once");

    // If-Match: a stale version is refused with 412 and changes nothing.
    let id = first.body["id"].as_str().unwrap();
    let stale = app
        .raw(
            app.client
                .patch(format!("{}/api/v1/cases/{id}", app.base))
                .bearer_auth(&enterprise)
                .header("If-Match", "\"7\"")
                .json(&json!({"brief": "改"})),
        )
        .await;
    stale.assert_problem(412, "version_mismatch");
    assert_eq!(stale.body["current_version"], 1);
    let ok = app
        .raw(
            app.client
                .patch(format!("{}/api/v1/cases/{id}", app.base))
                .bearer_auth(&enterprise)
                .header("If-Match", "\"1\"")
                .json(&json!({"brief": "改"})),
        )
        .await;
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["version"], 2);

    // Another enterprise sees nothing of it.
    let other = app.token("enterprise-2").await;
    app.get(&format!("/api/v1/cases/{id}"), &other).await.assert_problem(404, "not_found");
    assert!(app.get("/api/v1/cases", &other).await.body["items"].as_array().unwrap().is_empty());

    // Once the account is closed, a retry gets no replay of the stored answer either.
    let me = app.get("/api/v1/me", &enterprise).await.body["id"].as_str().unwrap().to_owned();
    let close = app
        .client
        .patch(format!("{}/api/v1/users/{me}", app.base))
        .bearer_auth(app.token("admin").await)
        .json(&json!({"active": false}));
    assert_eq!(app.raw(close).await.status, 200);
    app.raw(send("apply-1", application(&d))).await.assert_problem(401, "unauthenticated");
}

async fn an_application_below_the_threshold_is_refused_with_the_reason(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    let mut small = application(&d);
    small["total_investment_fen"] = json!(3_000_000_000i64);
    let id = app.post("/api/v1/cases", &enterprise, small).await.body["id"].as_str().unwrap().to_owned();
    let r = app.post(&format!("/api/v1/cases/{id}/submit"), &enterprise, json!(null)).await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.field_codes(), vec![("total_investment_fen".to_owned(), "below_threshold".to_owned())]);
    assert!(r.body["errors"][0]["message"].as_str().unwrap().contains("3000.00 万元"), "{}", r.body);
}

async fn one_departments_sheet_moves_without_touching_its_siblings(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let admin = app.token("admin").await;
    let colleague = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "agent-water-2", "display_name": "钱示例", "role": "department_agent",
                   "department_id": d.departments["water"], "password": "Initial-Pass-2026", "approval_work_since": "2020-01-01"}),
        )
        .await;
    assert_eq!(colleague.status, 201, "{}", colleague.body);
    let id = case_in_service(&app, &d).await;
    let case = get_as(&app, "office", &format!("/api/v1/cases/{id}")).await;
    let versions = |case: &Value| -> HashMap<String, i64> {
        case["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| (t["id"].as_str().unwrap().to_owned(), t["version"].as_i64().unwrap()))
            .collect()
    };
    let before = versions(&case);
    let land = task_of(&case, "建设用地规划许可", "approval").clone();
    let water = task_of(&case, "取水许可", "approval").clone();
    let eia = task_of(&case, "环境影响", "approval")["id"].as_str().unwrap().to_owned();

    // 转办: the holder changes, the clock does not.
    let transferred = task(
        &app,
        "agent-water",
        water["id"].as_str().unwrap(),
        "transfer",
        json!({"to_user_id": colleague.body["id"]}),
    )
    .await;
    assert_eq!(transferred["assignee_id"], colleague.body["id"]);
    assert_eq!(transferred["assignee_name"], "钱示例", "the holder is named, though not in the team");
    assert_eq!(transferred["finish_by"], water["finish_by"]);
    assert_eq!(transferred["dispatched_at"], water["dispatched_at"]);
    // Not to another department.
    let (water2, _) = app.first_sign_in("dayao", "agent-water-2", "Initial-Pass-2026", "Own-Choice-2027").await;
    let r = app
        .post(
            &format!("/api/v1/tasks/{}/transfer", water["id"].as_str().unwrap()),
            &water2,
            json!({"to_user_id": d.users["agent-natural-resources"]}),
        )
        .await;
    r.assert_problem(422, "validation_failed");

    // 退回 and re-dispatch: a new clock for that sheet only.
    let sent =
        task(&app, "agent-ecology-environment", &eia, "send-back", json!({"reason": "事项应由州生态环境局审批"})).await;
    assert_eq!(sent["state"], "sent_back");
    // The window finds it in its queue of sheets sent back, and nothing else there.
    let window = app.token("window_agent").await;
    let queue_ids = |r: Reply| -> Vec<String> {
        assert_eq!(r.status, 200, "{}", r.body);
        r.body["items"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_owned()).collect()
    };
    assert_eq!(queue_ids(app.get("/api/v1/tasks?queue=sent_back", &window).await), vec![eia.clone()]);
    let again = task(&app, "window_agent", &eia, "redispatch", json!({})).await;
    assert!(queue_ids(app.get("/api/v1/tasks?queue=sent_back", &window).await).is_empty());
    assert_eq!(again["state"], "dispatched");
    let after = versions(&get_as(&app, "office", &format!("/api/v1/cases/{id}")).await);
    assert_eq!(
        after[land["id"].as_str().unwrap()],
        before[land["id"].as_str().unwrap()],
        "the land sheet was not touched"
    );

    // 延期: once, by the department leader, within the item's maximum.
    let land_id = land["id"].as_str().unwrap();
    task(&app, "agent-natural-resources", land_id, "acknowledge", json!(null)).await;
    let agent = app.token("agent-natural-resources").await;
    app.post(&format!("/api/v1/tasks/{land_id}/extension"), &agent, json!({"working_days": 2, "reason": "需现场踏勘"}))
        .await
        .assert_problem(403, "forbidden");
    let leader = app.token("leader-natural-resources").await;
    let r = app
        .post(
            &format!("/api/v1/tasks/{land_id}/extension"),
            &leader,
            json!({"working_days": 9, "reason": "需现场踏勘"}),
        )
        .await;
    r.assert_problem(409, "preconditions_not_met");
    assert_eq!(r.field_codes(), vec![("task".to_owned(), "extension_out_of_bounds".to_owned())]);
    let extended = task(
        &app,
        "leader-natural-resources",
        land_id,
        "extension",
        json!({"working_days": 2, "reason": "需现场踏勘"}),
    )
    .await;
    assert_eq!(extended["extension_working_days"], 2);
    assert!(extended["finish_by"].as_str().unwrap() > land["finish_by"].as_str().unwrap());
    let r = app
        .post(&format!("/api/v1/tasks/{land_id}/extension"), &leader, json!({"working_days": 1, "reason": "再延"}))
        .await;
    assert_eq!(r.field_codes(), vec![("task".to_owned(), "already_extended".to_owned())]);
    // The water item allows no extension at all.
    let water_id = water["id"].as_str().unwrap();
    let r = app.post(&format!("/api/v1/tasks/{water_id}/acknowledge"), &water2, json!(null)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .post(
            &format!("/api/v1/tasks/{water_id}/extension"),
            &app.token("leader-water").await,
            json!({"working_days": 1, "reason": "x"}),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("task".to_owned(), "extension_not_allowed".to_owned())]);
    // Stale If-Match on a sheet is refused.
    let stale = app
        .raw(
            app.client
                .post(format!("{}/api/v1/tasks/{land_id}/finish", app.base))
                .bearer_auth(&agent)
                .header("If-Match", "\"1\"")
                .json(&json!({"outcome": "not_approved", "reason": "x"})),
        )
        .await;
    stale.assert_problem(412, "version_mismatch");

    // A terminated case can be reopened by the office, with a reason, back to service.
    let office = app.token("office").await;
    step(&app, "office", &id, "terminate", json!({"reason": "政策调整"})).await;
    app.post(&format!("/api/v1/cases/{id}/reopen"), &app.token("window_agent").await, json!({"reason": "误操作"}))
        .await
        .assert_problem(403, "forbidden");
    let reopened = step(&app, "office", &id, "reopen", json!({"reason": "终止系误操作，恢复办理"})).await;
    assert_eq!(reopened["state"], "in_service");
    let live: Vec<&Value> =
        reopened["tasks"].as_array().unwrap().iter().filter(|t| t["state"] == "dispatched").collect();
    assert_eq!(live.len(), 3, "the cancelled items start again: {}", reopened["tasks"]);
    let timeline = app.get(&format!("/api/v1/cases/{id}/timeline"), &office).await;
    let events = timeline.body["events"].as_array().unwrap();
    let reopen = events.iter().rev().find(|e| e["action"] == "reopen").unwrap();
    assert_eq!(reopen["payload"]["reason"], "终止系误操作，恢复办理");
    assert_eq!(reopen["from_state"], "terminated");
    assert_eq!(reopen["to_state"], "in_service");
    assert_eq!(timeline.body["verification"]["valid"], true);
}

/// Items not in the catalog may be asked for with a name and a department.
async fn off_catalog_items_need_a_name_and_a_department(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let enterprise = app.token("enterprise").await;
    let mut body = application(&d);
    body["items"] = json!([{"name": "林木采伐许可证核发", "department_id": d.departments["forestry-grassland"]}]);
    let created = app.post("/api/v1/cases", &enterprise, body.clone()).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let item = &created.body["items"][0];
    assert!(item["catalog_item_id"].is_null());
    assert_eq!(item["name"], "林木采伐许可证核发");
    assert_eq!(item["department_id"], d.departments["forestry-grassland"].as_str());
    body["items"] = json!([{"name": "林木采伐许可证核发"}]);
    let r = app.post("/api/v1/cases", &enterprise, body).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("items[0]".to_owned(), "item_incomplete".to_owned())]);
}

crate::on_both_databases!(
    off_catalog_items_need_a_name_and_a_department,
    one_departments_sheet_moves_without_touching_its_siblings,
    a_case_goes_from_application_to_archive,
    a_case_is_terminated_midway,
    transitions_outside_the_table_are_refused,
    concurrent_conflicting_transitions_let_exactly_one_through,
    versions_and_idempotency_keys,
    an_application_below_the_threshold_is_refused_with_the_reason,
    the_demo_holds_cases_at_every_stage_with_real_histories,
    a_work_queue_pages_with_its_own_cursor,
);

async fn the_demo_holds_cases_at_every_stage_with_real_histories(backend: Backend) {
    let app = spawn_app_with(backend, Options { demo_cases: true, ..Options::default() }).await;
    let office = app.token("office").await;
    let cases = app.get("/api/v1/cases?limit=50", &office).await;
    let states: Vec<&str> =
        cases.body["items"].as_array().unwrap().iter().map(|c| c["state"].as_str().unwrap()).collect();
    for state in
        ["draft", "submitted", "accepted", "plan_proposed", "in_service", "completed", "terminated", "archived"]
    {
        assert!(states.contains(&state), "no demo case is {state}: {states:?}");
    }
    for c in cases.body["items"].as_array().unwrap() {
        let v = app.get(&format!("/api/v1/cases/{}/history/verification", c["id"].as_str().unwrap()), &office).await;
        assert_eq!(v.body["valid"], true, "{}", c["number"]);
        assert!(v.body["length"].as_i64().unwrap() >= 1);
    }
    // One sheet is overdue; the paused one is not counted as overdue.
    let overdue = app.get("/api/v1/tasks?queue=overdue", &office).await;
    let items = overdue.body["items"].as_array().unwrap();
    assert!(!items.is_empty());
    assert!(items.iter().all(|t| t["overdue"] == true && t["state"] != "paused"), "{items:?}");
    // The enterprise sees only its own.
    let enterprise = app.token("enterprise").await;
    let own = app.get("/api/v1/cases?limit=50", &enterprise).await.body["items"].as_array().unwrap().len();
    assert!(own > 0 && own < states.len());
    // A department's agent sees the cases with an item of its department, drafts aside, in the
    // list's order and a page at a time.
    let agent = app.token("agent-natural-resources").await;
    let department = app.get("/api/v1/me", &agent).await.body["department"]["id"].clone();
    assert!(department.is_string(), "the agent has a department");
    let mut expected = Vec::new();
    for c in cases.body["items"].as_array().unwrap() {
        let detail = app.get(&format!("/api/v1/cases/{}", c["id"].as_str().unwrap()), &office).await;
        let items = detail.body["items"].as_array().unwrap();
        if c["state"] != "draft" && items.iter().any(|i| i["department_id"] == department) {
            expected.push(c["id"].as_str().unwrap().to_owned());
        }
    }
    assert!(expected.len() > 1, "the demo has cases of the agent's department: {expected:?}");
    let mut seen = Vec::new();
    let mut path = "/api/v1/cases?limit=1".to_owned();
    loop {
        let page = app.get(&path, &agent).await;
        assert_eq!(page.status.as_u16(), 200, "{}", page.body);
        seen.extend(page.body["items"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()));
        match page.body["next_cursor"].as_str() {
            Some(cursor) => path = format!("/api/v1/cases?limit=1&cursor={cursor}"),
            None => break,
        }
    }
    assert_eq!(seen, expected);
}

/// A queue's `next_cursor` (a deadline and an id) reads the next page: paging by two gives the
/// same sheets, in the same order, as one page of all; a cursor not issued by the queue is
/// refused.
async fn a_work_queue_pages_with_its_own_cursor(backend: Backend) {
    let app = spawn_app_with(backend, Options { demo_cases: true, ..Options::default() }).await;
    let office = app.token("office").await;
    let ids = |r: &Reply| -> Vec<String> {
        r.body["items"].as_array().unwrap().iter().map(|t| t["id"].as_str().unwrap().to_owned()).collect()
    };
    let whole = app.get("/api/v1/tasks?queue=all&limit=200", &office).await;
    assert_eq!(whole.status.as_u16(), 200, "{}", whole.body);
    let all = ids(&whole);
    assert!(all.len() > 2, "the demo has several sheets: {all:?}");
    let mut paged = Vec::new();
    let mut path = "/api/v1/tasks?queue=all&limit=2".to_owned();
    loop {
        let page = app.get(&path, &office).await;
        assert_eq!(page.status.as_u16(), 200, "{path}: {}", page.body);
        paged.extend(ids(&page));
        match page.body["next_cursor"].as_str() {
            Some(c) => path = format!("/api/v1/tasks?queue=all&limit=2&cursor={c}"),
            None => break,
        }
        assert!(paged.len() <= all.len(), "paging does not end");
    }
    assert_eq!(paged, all);
    app.get("/api/v1/tasks?queue=all&cursor=not-a-cursor", &office).await.assert_problem(422, "validation_failed");
}

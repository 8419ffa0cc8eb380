//! Reads answered from the facts a server keeps of a case: after every kind of write that
//! changes what a case, a sheet or a work queue shows, the next read shows it, through the
//! server that wrote and through another server on the same database; and what one caller
//! was shown is never what another, with other rights, gets.

use crate::helpers::*;
use crate::lifecycle::{Directory, application, case_in_service, directory, plan, review, step, task, task_of, team};
use crate::on_both_databases;
use serde_json::{Value, json};

/// Reads `path` as `user` through `app`, asserting 200.
async fn read(app: &TestApp, user: &str, path: &str) -> Value {
    let token = app.token(user).await;
    let r = app.get(path, &token).await;
    assert_eq!(r.status, 200, "{user} GET {path}: {}", r.body);
    r.body
}

/// The case as `user` reads it through each of the two servers.
async fn case_on_both(a: &TestApp, b: &TestApp, user: &str, id: &str) -> [Value; 2] {
    let path = format!("/api/v1/cases/{id}");
    [read(a, user, &path).await, read(b, user, &path).await]
}

/// The sheet as `user` reads it through each of the two servers.
async fn sheet_on_both(a: &TestApp, b: &TestApp, user: &str, id: &str) -> [Value; 2] {
    let path = format!("/api/v1/tasks/{id}");
    [read(a, user, &path).await, read(b, user, &path).await]
}

/// The department's first queue page as `user` reads it through each of the two servers.
async fn queue_on_both(a: &TestApp, b: &TestApp, user: &str) -> [Value; 2] {
    let path = "/api/v1/tasks?queue=department&limit=50";
    [read(a, user, path).await, read(b, user, path).await]
}

fn sheet_in<'a>(page: &'a Value, id: &str) -> Option<&'a Value> {
    page["items"].as_array().unwrap().iter().find(|t| t["id"] == id)
}

async fn new_case(app: &TestApp, d: &Directory) -> String {
    let enterprise = app.token("enterprise").await;
    let created = app.post("/api/v1/cases", &enterprise, application(d)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    created.body["id"].as_str().unwrap().to_owned()
}

/// Every kind of write is seen on the next read, through the writing server and another one
/// that had read (and kept) the case before.
async fn every_write_is_seen_on_the_next_read_through_either_server(backend: Backend) {
    let app = spawn_app(backend).await;
    let other = spawn_sibling(&app, false).await;
    let d = directory(&app).await;

    // Lifecycle steps, the team and the plan: each read first, then written through `app`.
    let id = new_case(&app, &d).await;
    for c in case_on_both(&app, &other, "office", &id).await {
        assert_eq!(c["state"], "draft", "{c}");
    }
    step(&app, "enterprise", &id, "submit", json!(null)).await;
    step(&app, "investment_officer", &id, "review", review()).await;
    for c in case_on_both(&app, &other, "office", &id).await {
        assert_eq!(c["state"], "reviewed", "{c}");
    }
    step(&app, "investment_leader", &id, "accept", json!(null)).await;
    for c in case_on_both(&app, &other, "office", &id).await {
        assert_eq!((c["state"].as_str(), c["team"].as_array().unwrap().len()), (Some("accepted"), 0), "{c}");
    }
    step(&app, "office", &id, "team", team(&d)).await;
    for c in case_on_both(&app, &other, "office", &id).await {
        assert_eq!(c["state"], "team_formed");
        assert_eq!(c["team"].as_array().unwrap().len(), 6, "{c}");
    }
    let first = step(&app, "office", &id, "plan", plan(&d, json!([1]))).await;
    for c in case_on_both(&app, &other, "office", &id).await {
        assert_eq!(c["state"], "plan_proposed");
        assert!(c["items"].as_array().unwrap().iter().all(|i| i["planned"] == true && i["forecast_end"].is_string()));
        assert_eq!(c["items"][0]["promised_limit"], first["items"][0]["promised_limit"]);
    }
    // A plan change: the enterprise returns the plan, the office proposes it again with the
    // promise of the first item moved.
    step(&app, "enterprise", &id, "return", json!({"reason": "首项承诺时限请再压缩"})).await;
    let mut changed = plan(&d, json!([1]));
    changed["items"][0]["promised_limit"] = json!("2");
    let second = step(&app, "office", &id, "plan", changed).await;
    assert_ne!(second["items"][0]["promised_limit"], first["items"][0]["promised_limit"]);
    for c in case_on_both(&app, &other, "office", &id).await {
        assert_eq!(c["items"][0]["promised_limit"], second["items"][0]["promised_limit"], "{}", c["items"][0]);
    }
    step(&app, "enterprise", &id, "plan/agree", json!(null)).await;
    step(&app, "window_agent", &id, "agreement", json!({})).await;
    step(&app, "window_agent", &id, "dispatch", json!(null)).await;
    let [case, _] = case_on_both(&app, &other, "office", &id).await;
    assert_eq!(case["state"], "in_service");
    let land = task_of(&case, "建设用地规划许可", "approval")["id"].as_str().unwrap().to_owned();

    // A sheet's transition, read as its department and through the queue.
    for t in sheet_on_both(&app, &other, "agent-natural-resources", &land).await {
        assert_eq!(t["state"], "dispatched");
    }
    for page in queue_on_both(&app, &other, "agent-natural-resources").await {
        assert_eq!(sheet_in(&page, &land).unwrap()["state"], "dispatched");
    }
    task(&app, "agent-natural-resources", &land, "acknowledge", json!(null)).await;
    for t in sheet_on_both(&app, &other, "agent-natural-resources", &land).await {
        assert_eq!(t["state"], "acknowledged", "{t}");
    }
    for c in case_on_both(&app, &other, "office", &id).await {
        assert_eq!(task_of(&c, "建设用地规划许可", "approval")["state"], "acknowledged");
    }
    for page in queue_on_both(&app, &other, "agent-natural-resources").await {
        assert_eq!(sheet_in(&page, &land).unwrap()["state"], "acknowledged");
    }

    // A user renamed: the team seat and the sheet's holder are named anew.
    let agent = d.users["agent-natural-resources"].clone();
    let admin = app.token("admin").await;
    let req = app
        .client
        .patch(format!("{}/api/v1/users/{agent}", app.base))
        .bearer_auth(&admin)
        .json(&json!({"display_name": "郑新名"}));
    assert_eq!(app.raw(req).await.status, 200);
    for c in case_on_both(&app, &other, "office", &id).await {
        let seat = c["team"].as_array().unwrap().iter().find(|m| m["user_id"] == agent.as_str()).unwrap().clone();
        assert_eq!(seat["display_name"], "郑新名", "{seat}");
        assert_eq!(task_of(&c, "建设用地规划许可", "approval")["assignee_name"], "郑新名");
    }
    for t in sheet_on_both(&app, &other, "agent-natural-resources", &land).await {
        assert_eq!(t["assignee_name"], "郑新名", "{t}");
    }
    for page in queue_on_both(&app, &other, "agent-natural-resources").await {
        assert_eq!(sheet_in(&page, &land).unwrap()["assignee_name"], "郑新名");
    }

    // A condition on the enterprise (not on the case): shown on the case once imposed, gone
    // once lifted.
    let enterprise = read(&app, "enterprise", "/api/v1/enterprises").await["items"][0].clone();
    let office = app.token("office").await;
    let hold = app
        .post(
            "/api/v1/conditions",
            &office,
            json!({"credit_code": enterprise["credit_code"], "severity": "hold", "source": "court",
                   "source_ref": "(2026)云2326执88号", "reason": "失信被执行人", "valid_from": "2000-01-01"}),
        )
        .await;
    assert_eq!(hold.status, 201, "{}", hold.body);
    for c in case_on_both(&app, &other, "office", &id).await {
        let conditions = c["conditions"].as_array().unwrap();
        assert!(conditions.iter().any(|k| k["id"] == hold.body["id"]), "{c}");
    }
    let lifted = app
        .post(
            &format!("/api/v1/conditions/{}/lift", hold.body["id"].as_str().unwrap()),
            &office,
            json!({"reason": "已履行"}),
        )
        .await;
    assert_eq!(lifted.status, 200, "{}", lifted.body);
    for c in case_on_both(&app, &other, "office", &id).await {
        assert!(c["conditions"].as_array().unwrap().iter().all(|k| k["id"] != hold.body["id"]), "{c}");
    }

    // A closure: the case terminated, its open sheets no longer in the department's queue.
    step(&app, "office", &id, "terminate", json!({"reason": "企业申请终止"})).await;
    for c in case_on_both(&app, &other, "office", &id).await {
        assert_eq!(c["state"], "terminated", "{c}");
        assert!(c["allowed_actions"].as_array().unwrap().iter().all(|a| a != "terminate"), "{c}");
    }
    for t in sheet_on_both(&app, &other, "agent-natural-resources", &land).await {
        assert_ne!(t["state"], "acknowledged", "{t}");
        assert_eq!(t["allowed_actions"], json!([]), "{t}");
    }
    for page in queue_on_both(&app, &other, "agent-natural-resources").await {
        assert!(sheet_in(&page, &land).is_none(), "{page}");
    }
}

/// A write through the other server is seen through this one too (the direction reversed).
async fn a_write_through_another_server_is_seen_here(backend: Backend) {
    let app = spawn_app(backend).await;
    let other = spawn_sibling(&app, false).await;
    let d = directory(&app).await;
    let id = case_in_service(&app, &d).await;
    let [case, _] = case_on_both(&app, &other, "office", &id).await;
    let water = task_of(&case, "取水许可", "approval")["id"].as_str().unwrap().to_owned();
    for t in sheet_on_both(&app, &other, "agent-water", &water).await {
        assert_eq!(t["state"], "dispatched");
    }
    task(&other, "agent-water", &water, "acknowledge", json!(null)).await;
    assert_eq!(read(&app, "agent-water", &format!("/api/v1/tasks/{water}")).await["state"], "acknowledged");
    let case = read(&app, "office", &format!("/api/v1/cases/{id}")).await;
    assert_eq!(task_of(&case, "取水许可", "approval")["state"], "acknowledged");
}

/// What the office was shown of a case is not what anyone else gets: a department with
/// nothing on the case, another enterprise and the case's own enterprise each get their own
/// answer (404, or their own actions and no conditions).
async fn a_cached_case_is_decided_again_for_every_caller(backend: Backend) {
    let app = spawn_app(backend).await;
    let d = directory(&app).await;
    let id = new_case(&app, &d).await;
    step(&app, "enterprise", &id, "submit", json!(null)).await;
    step(&app, "investment_officer", &id, "review", review()).await;
    step(&app, "investment_leader", &id, "accept", json!(null)).await;
    step(&app, "office", &id, "team", team(&d)).await;
    step(&app, "office", &id, "plan", plan(&d, json!([1]))).await;
    let path = format!("/api/v1/cases/{id}");
    // The office reads first (the facts are kept), twice.
    let office = read(&app, "office", &path).await;
    assert_eq!(read(&app, "office", &path).await["allowed_actions"], office["allowed_actions"]);
    assert!(office["conditions"].is_array(), "officials see the conditions: {office}");
    assert!(office["allowed_actions"].as_array().unwrap().iter().all(|a| a != "agree_plan"), "{office}");

    let enterprise = read(&app, "enterprise", &path).await;
    assert!(enterprise["conditions"].is_null(), "the enterprise's own users are not shown conditions: {enterprise}");
    assert_ne!(enterprise["allowed_actions"], office["allowed_actions"]);
    assert!(enterprise["allowed_actions"].as_array().unwrap().iter().any(|a| a == "agree_plan"), "{enterprise}");

    let other_enterprise = app.token("enterprise-2").await;
    app.get(&path, &other_enterprise).await.assert_problem(404, "not_found");
    let meteorology = app.token("agent-meteorology").await;
    app.get(&path, &meteorology).await.assert_problem(404, "not_found");

    // So for a sheet read after its department's agent read it.
    step(&app, "enterprise", &id, "plan/agree", json!(null)).await;
    step(&app, "window_agent", &id, "agreement", json!({})).await;
    let dispatched = step(&app, "window_agent", &id, "dispatch", json!(null)).await;
    let land = task_of(&dispatched, "建设用地规划许可", "approval")["id"].as_str().unwrap().to_owned();
    let sheet_path = format!("/api/v1/tasks/{land}");
    let own = read(&app, "agent-natural-resources", &sheet_path).await;
    assert!(own["allowed_actions"].as_array().unwrap().iter().any(|a| a == "acknowledge"), "{own}");
    app.get(&sheet_path, &meteorology).await.assert_problem(404, "not_found");
    app.get(&sheet_path, &other_enterprise).await.assert_problem(404, "not_found");
    let water = read(&app, "agent-water", &sheet_path).await;
    assert!(water["allowed_actions"].as_array().unwrap().iter().all(|a| a != "acknowledge"), "{water}");
    // A sheet of another county is not found, whoever asks.
    app.get(&format!("/api/v1/tasks/{}", uuid::Uuid::new_v4()), &meteorology).await.assert_problem(404, "not_found");
}

on_both_databases!(
    every_write_is_seen_on_the_next_read_through_either_server,
    a_write_through_another_server_is_seen_here,
    a_cached_case_is_decided_again_for_every_caller,
);

//! Complaints (投诉举报): lodged and followed without an account, throttled per client
//! address, handled by the office, chased by the reminder sweep, counted for supervision.

use crate::helpers::*;
use crate::reminders::{fixture, sweep};
use butler_domain::notice::NotificationKind;
use butler_persistence::Code;
use butler_persistence::entity::{complaint, deadline, notification};
use chrono::Duration;
use reqwest::Method;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};

const LODGE: &str = "/api/v1/public/dayao/complaints";

async fn lodge(app: &TestApp, body: Value) -> Reply {
    app.request(Method::POST, LODGE, None, Some(body)).await
}

async fn follow(app: &TestApp, tracking: &str, last4: &str) -> Reply {
    let req = app.client.get(format!("{}{LODGE}/{tracking}", app.base)).header("X-Mobile-Last4", last4);
    app.raw(req).await
}

async fn rate(app: &TestApp, tracking: &str, last4: &str, body: Value) -> Reply {
    let req = app
        .client
        .post(format!("{}{LODGE}/{tracking}/satisfaction", app.base))
        .header("X-Mobile-Last4", last4)
        .json(&body);
    app.raw(req).await
}

async fn complaints_stored(app: &TestApp) -> u64 {
    complaint::Entity::find().count(&app.db().await).await.unwrap()
}

fn about_department(department: uuid::Uuid) -> Value {
    json!({
        "subject": "department",
        "subject_id": department,
        "name": "李明",
        "mobile": "138 0000 0001",
        "text": "办理用地手续时被要求提供清单外的材料。"
    })
}

async fn a_complaint_is_followed_from_submission_to_closure(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;

    // Bad input is refused field by field, in the reader's language, and nothing is stored.
    let r = lodge(&app, json!({"subject": "department", "name": " ", "mobile": "12345", "text": ""})).await;
    r.assert_problem(422, "validation_failed");
    let fields: Vec<String> = r.field_codes().into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["name", "mobile", "text", "subject_id"], "{}", r.body);
    let req = app
        .client
        .post(format!("{}{LODGE}", app.base))
        .header("Accept-Language", "en")
        .json(&json!({"subject": "case", "name": "Li", "mobile": "13800000001", "text": "late"}));
    let r = app.raw(req).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.body["errors"][0]["field"], "case_number");
    assert_eq!(r.body["errors"][0]["message"], "a case number is required for a complaint about a case");
    let unknown = json!({"subject": "department", "subject_id": uuid::Uuid::now_v7(), "name": "李明", "mobile": "13800000001", "text": "x"});
    assert_eq!(lodge(&app, unknown).await.field_codes(), [("subject_id".to_owned(), "unknown".to_owned())]);
    assert_eq!(complaints_stored(&app).await, 0);

    // Lodged without a token: the tracking number is the key.
    let r = lodge(&app, about_department(f.department)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["state"], "submitted");
    let tracking = r.body["tracking_number"].as_str().unwrap().to_owned();
    assert!(tracking.starts_with("TS") && tracking.len() == 19, "{tracking}");

    // Followed with the mobile's last four digits; anything wrong is the same 404, and a
    // request without four digits is malformed whatever it names.
    follow(&app, &tracking, "0002").await.assert_problem(404, "not_found");
    for digits in ["", "12345", "00a1"] {
        let r = follow(&app, &tracking, digits).await;
        r.assert_problem(422, "validation_failed");
        assert_eq!(r.field_codes(), [("X-Mobile-Last4".to_owned(), "last4".to_owned())]);
    }
    follow(&app, "TS20261205AAAAAAAA0", "0001").await.assert_problem(404, "not_found");
    let other_county = app.client.get(format!("{}/api/v1/public/nowhere/complaints/{tracking}", app.base));
    app.raw(other_county.header("X-Mobile-Last4", "0001")).await.assert_problem(404, "not_found");
    let r = follow(&app, &tracking.to_lowercase(), "0001").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "submitted");
    assert_eq!(r.body["timeline"].as_array().unwrap().len(), 1);
    assert!(r.body.get("mobile").is_none() && r.body.get("name").is_none());

    // The office lists and reads it with the phone masked, and reveals it to call back.
    let office = app.token("office").await;
    let list = app.get("/api/v1/complaints?state=submitted", &office).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let item = &list.body["items"][0];
    assert_eq!(item["tracking_number"], tracking.as_str());
    assert_eq!(item["mobile"], "138****0001");
    let id = item["id"].as_str().unwrap().to_owned();
    let one = app.get(&format!("/api/v1/complaints/{id}"), &office).await;
    assert_eq!(one.body["mobile"], "138****0001");
    let full = app
        .post("/api/v1/personal-numbers/reveal", &office, json!({"number": "complaint_mobile", "record_id": id}))
        .await;
    assert_eq!(full.body["value"], "13800000001", "{}", full.body);
    assert_eq!(one.body["allowed_actions"], json!(["assign", "reject"]));

    // Only the office assigns; the assignee replies, others may not.
    let agent = app.token("agent-natural-resources").await;
    let assign = format!("/api/v1/complaints/{id}/assign");
    let supervisor = app.token("supervisor").await;
    app.post(&assign, &supervisor, json!({"department_id": f.department})).await.assert_problem(403, "forbidden");
    // A department never assigns: refused for its role, before the complaint is looked up.
    app.post(&assign, &agent, json!({"department_id": f.department})).await.assert_problem(403, "forbidden");
    // Nor does it see a complaint before it is assigned to it.
    app.get(&format!("/api/v1/complaints/{id}"), &agent).await.assert_problem(404, "not_found");
    app.post(&assign, &office, json!({})).await.assert_problem(422, "validation_failed");
    let r = app.post(&assign, &office, json!({"assignee_id": f.agent})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "assigned");
    assert_eq!(r.body["department_id"], f.department.to_string());
    assert!(r.body["due_at"].is_string());
    let stranger = app.token("agent-water").await;
    let reply = format!("/api/v1/complaints/{id}/reply");
    assert_eq!(app.post(&reply, &stranger, json!({"text": "已处理"})).await.status, 404);
    app.post(&reply, &agent, json!({"text": "  "})).await.assert_problem(422, "validation_failed");
    let r = app.post(&reply, &agent, json!({"text": "经核查，已按清单受理，并向您致歉。"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "replied");
    // The agent's department reads its complaints, and only them.
    let mine = app.get("/api/v1/complaints", &agent).await;
    assert_eq!(mine.body["items"].as_array().unwrap().len(), 1, "{}", mine.body);
    app.get(&format!("/api/v1/complaints?department_id={}", uuid::Uuid::now_v7()), &agent)
        .await
        .assert_problem(403, "forbidden");

    // The complainant reads the reply and, dissatisfied, reopens it once.
    let r = follow(&app, &tracking, "0001").await;
    assert_eq!(r.body["reply"], "经核查，已按清单受理，并向您致歉。");
    assert_eq!(r.body["allowed_actions"], json!(["rate"]));
    let r = rate(&app, &tracking, "0001", json!({"satisfaction": "dissatisfied", "reopen": true})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "assigned");
    rate(&app, &tracking, "0001", json!({"satisfaction": "satisfied"})).await.assert_problem(409, "invalid_transition");
    rate(&app, &tracking, "9999", json!({"satisfaction": "satisfied"})).await.assert_problem(404, "not_found");
    let r = app.post(&reply, &agent, json!({"text": "已重新办理完毕。"})).await;
    assert_eq!(r.body["state"], "replied", "{}", r.body);
    let r = rate(&app, &tracking, "0001", json!({"satisfaction": "satisfied"})).await;
    assert_eq!(r.body["state"], "closed", "{}", r.body);
    assert_eq!(r.body["satisfaction"], "satisfied");
    rate(&app, &tracking, "0001", json!({"satisfaction": "dissatisfied", "reopen": true}))
        .await
        .assert_problem(409, "conflict");
    app.post(&format!("/api/v1/complaints/{id}/close"), &office, json!({}))
        .await
        .assert_problem(409, "invalid_transition");
    let timeline = &app.get(&format!("/api/v1/complaints/{id}"), &office).await.body["timeline"];
    let actions: Vec<&str> = timeline.as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["lodge", "assign", "reply", "rate", "reopen", "reply", "rate"]);

    // Counted for supervision.
    let stats = app.get("/api/v1/statistics/complaints", &office).await;
    assert_eq!(stats.status, 200, "{}", stats.body);
    let total = &stats.body["total"];
    assert_eq!((total["received"].as_i64(), total["open"].as_i64()), (Some(1), Some(0)));
    assert_eq!((total["replied"].as_i64(), total["replied_on_time"].as_i64()), (Some(1), Some(1)));
    assert_eq!(total["satisfied"], 1);
    assert_eq!(stats.body["rows"][0]["department_id"], f.department.to_string());
    let by_agent = app.get("/api/v1/statistics/complaints?group_by=agent", &office).await;
    assert_eq!(by_agent.body["rows"][0]["agent_id"], f.agent.to_string(), "{}", by_agent.body);
    app.get("/api/v1/statistics/complaints", &agent).await.assert_problem(403, "forbidden");

    // Audited, with the client address.
    let audit = butler_persistence::entity::audit_log::Entity::find()
        .filter(butler_persistence::entity::audit_log::Column::Action.like("complaint_%"))
        .count(&db)
        .await
        .unwrap();
    // Lodged, assigned, replied, rated (reopened), replied, rated: refusals change nothing.
    assert_eq!(audit, 6);
}

async fn lodging_is_throttled_per_client_address(backend: Backend) {
    let app = spawn_app(backend).await;
    let f = fixture(&app.db().await).await;
    for _ in 0..5 {
        assert_eq!(lodge(&app, about_department(f.department)).await.status, 201);
    }
    let res =
        app.client.post(format!("{}{LODGE}", app.base)).json(&about_department(f.department)).send().await.unwrap();
    assert_eq!(res.status(), 429);
    assert!(res.headers().get("retry-after").is_some());
    assert_eq!(complaints_stored(&app).await, 5);
    // Following is counted apart, so a throttled lodger can still follow.
    let tracking = app.get("/api/v1/complaints", &app.token("office").await).await.body["items"][0]["tracking_number"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(follow(&app, &tracking, "0001").await.status, 200);
}

async fn an_unanswered_complaint_is_chased_and_counted_overdue(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let tracking =
        lodge(&app, about_department(f.department)).await.body["tracking_number"].as_str().unwrap().to_owned();
    let office = app.token("office").await;
    let id = app.get("/api/v1/complaints", &office).await.body["items"][0]["id"].as_str().unwrap().to_owned();
    let r = app.post(&format!("/api/v1/complaints/{id}/assign"), &office, json!({"assignee_id": f.agent})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let open = deadline::Entity::find().filter(deadline::Column::ClosedAt.is_null()).all(&db).await.unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!(open[0].case_id, None);
    assert_eq!(open[0].complaint_id.map(|c| c.to_string()), Some(id.clone()));
    assert_eq!(app.get("/api/v1/complaints?overdue=true", &office).await.body["items"].as_array().unwrap().len(), 0);

    // Past the five working days the sweep tells the assignee, and the complaint is overdue.
    app.clock.advance(Duration::days(8));
    let report = sweep(&app).await;
    assert!(report["notifications"].as_u64().unwrap() >= 1, "{report}");
    let told = notification::Entity::find()
        .filter(notification::Column::Kind.eq(Code(NotificationKind::DeadlineOverdue)))
        .all(&db)
        .await
        .unwrap();
    assert_eq!(told.len(), 1, "{told:?}");
    assert_eq!(told[0].recipient_id, f.agent);
    assert!(told[0].body.contains(&tracking), "{}", told[0].body);
    assert!(told[0].dedupe_key.starts_with(&format!("complaint:{id}:")));
    // A second sweep at the same time tells nobody again.
    assert_eq!(sweep(&app).await["notifications"], 0);
    // (Tokens signed before the clock moved have expired.)
    let office = app.token("office").await;
    assert_eq!(app.get("/api/v1/complaints?overdue=true", &office).await.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(follow(&app, &tracking, "0001").await.body["overdue"], true);
    let stats = app.get("/api/v1/statistics/complaints", &office).await;
    assert_eq!(stats.body["total"]["overdue"], 1, "{}", stats.body);

    // A late reply stops the chase and counts as replied, not on time.
    let agent = app.token("agent-natural-resources").await;
    let r = app.post(&format!("/api/v1/complaints/{id}/reply"), &agent, json!({"text": "迟复为歉。"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let open = deadline::Entity::find().filter(deadline::Column::ClosedAt.is_null()).count(&db).await.unwrap();
    assert_eq!(open, 0);
    let total = &app.get("/api/v1/statistics/complaints", &office).await.body["total"];
    assert_eq!(
        (total["replied"].as_i64(), total["replied_on_time"].as_i64(), total["overdue"].as_i64()),
        (Some(1), Some(0), Some(0))
    );
}

async fn the_office_rejects_what_is_no_complaint(backend: Backend) {
    let app = spawn_app(backend).await;
    let r = lodge(&app, json!({"subject": "service", "name": "王芳", "mobile": "13900000002", "text": "咨询土地价格"}))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let tracking = r.body["tracking_number"].as_str().unwrap().to_owned();
    let office = app.token("office").await;
    let id = app.get("/api/v1/complaints", &office).await.body["items"][0]["id"].as_str().unwrap().to_owned();
    let reject = format!("/api/v1/complaints/{id}/reject");
    app.post(&reject, &office, json!({"reason": ""})).await.assert_problem(422, "validation_failed");
    let r = app.post(&reject, &office, json!({"reason": "属于咨询，已转咨询窗口。"})).await;
    assert_eq!(r.body["state"], "rejected", "{}", r.body);
    assert_eq!(r.body["allowed_actions"], json!([]));
    let r = follow(&app, &tracking, "0002").await;
    assert_eq!(r.body["reject_reason"], "属于咨询，已转咨询窗口。");
    rate(&app, &tracking, "0002", json!({"satisfaction": "satisfied"})).await.assert_problem(409, "invalid_transition");
}

crate::on_both_databases!(
    a_complaint_is_followed_from_submission_to_closure,
    lodging_is_throttled_per_client_address,
    an_unanswered_complaint_is_chased_and_counted_overdue,
    the_office_rejects_what_is_no_complaint,
);

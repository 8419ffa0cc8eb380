//! Joint meetings (联席会议): the office convenes a meeting for a case, records the minutes
//! with a decision whose action goes to a department with working days; the reminder sweep
//! chases the action up the ladder once per step; completing it closes its deadline; the
//! case's history records the meeting; wrong roles and bad input change nothing.

use crate::helpers::*;
use crate::reminders::{fixture, insert_sheet, sweep};
use butler_domain::calendar::Calendar;
use butler_domain::case::escalation::EscalationPolicy;
use butler_domain::notice::NotificationKind;
use butler_persistence::Code;
use butler_persistence::entity::{audit_log, deadline, meeting, meeting_action, meeting_decision, notification};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;

fn convene_body(department: Uuid, case_id: Uuid, at: DateTime<Utc>) -> Value {
    json!({
        "title": "光伏组件项目用地协调",
        "kind": "joint_meeting",
        "scheduled_at": at,
        "place": "县政务服务中心三楼会议室",
        "agenda": ["用地预审意见", "环评与能评并联办理"],
        "attendees": [{"department_id": department}],
        "case_ids": [case_id]
    })
}

fn minutes_body(department: Uuid, case_id: Uuid) -> Value {
    json!({
        "minutes": "会议研究了项目用地预审和环评并联办理事项。",
        "decisions": [{
            "text": "同意按容缺方式先行受理，用地预审意见限期出具",
            "kind": "tolerance",
            "case_id": case_id,
            "actions": [{"department_id": department, "what": "出具用地预审意见", "working_days": 2}]
        }]
    })
}

async fn told(db: &DatabaseConnection, key_prefix: &str) -> Vec<notification::Model> {
    notification::Entity::find().filter(notification::Column::DedupeKey.starts_with(key_prefix)).all(db).await.unwrap()
}

/// Moves `app`'s clock to just after `at`.
fn advance_past(app: &TestApp, at: DateTime<Utc>) {
    let delta = at + Duration::minutes(1) - app.clock_now();
    if delta > Duration::zero() {
        app.clock.advance(delta);
    }
}

async fn a_meeting_decision_becomes_an_action_that_goes_overdue_and_escalates(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let now = app.clock_now();
    let (case_id, _sheet) = insert_sheet(&db, &f, now).await;
    let office = app.token("office").await;
    let body = convene_body(f.department, case_id, now + Duration::days(1));

    // Only the office convenes; an enterprise reads nothing of meetings.
    for who in ["agent-natural-resources", "leader-natural-resources", "supervisor", "enterprise"] {
        let token = app.token(who).await;
        app.post("/api/v1/meetings", &token, body.clone()).await.assert_problem(403, "forbidden");
    }
    app.get("/api/v1/meetings", &app.token("enterprise").await).await.assert_problem(403, "forbidden");

    // Bad input is refused field by field, and nothing is stored.
    let bad = json!({
        "title": " ", "kind": "joint_meeting", "scheduled_at": now, "place": "会议室",
        "agenda": ["用地", ""], "attendees": [], "case_ids": [case_id, case_id]
    });
    let r = app.post("/api/v1/meetings", &office, bad).await;
    r.assert_problem(422, "validation_failed");
    let fields: Vec<String> = r.field_codes().into_iter().map(|(f, _)| f).collect();
    assert_eq!(fields, ["title", "agenda[1]", "attendees", "case_ids[1]"], "{}", r.body);
    let mut unknown = body.clone();
    unknown["attendees"] = json!([{"department_id": Uuid::now_v7()}]);
    unknown["case_ids"] = json!([Uuid::now_v7()]);
    let req = app
        .client
        .post(format!("{}/api/v1/meetings", app.base))
        .bearer_auth(&office)
        .header("Accept-Language", "en")
        .json(&unknown);
    let r = app.raw(req).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(
        r.field_codes(),
        [
            ("attendees[0].department_id".to_owned(), "unknown_department".to_owned()),
            ("case_ids[0]".to_owned(), "unknown_case".to_owned())
        ]
    );
    assert_eq!(r.body["errors"][0]["message"], "no such department");
    assert_eq!(meeting::Entity::find().count(&db).await.unwrap(), 0);

    // Convened: the attending department is told.
    let r = app.post("/api/v1/meetings", &office, body.clone()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["state"], "scheduled");
    assert_eq!(r.body["allowed_actions"], json!(["edit", "hold", "cancel"]));
    let id = r.body["id"].as_str().unwrap().to_owned();
    let convened = told(&db, &format!("meeting:{id}:convened")).await;
    assert!(!convened.is_empty());
    assert!(convened.iter().all(|n| n.kind == Code(NotificationKind::MeetingConvened)));
    assert!(convened.iter().any(|n| n.recipient_id == f.leader), "{convened:?}");
    assert!(convened[0].title.contains("光伏组件项目用地协调"), "{}", convened[0].title);

    // The attending department reads it; another department does not.
    let agent = app.token("agent-natural-resources").await;
    assert_eq!(app.get(&format!("/api/v1/meetings/{id}"), &agent).await.status, 200);
    assert_eq!(app.get("/api/v1/meetings", &agent).await.body["items"].as_array().unwrap().len(), 1);
    let water = app.token("agent-water").await;
    app.get(&format!("/api/v1/meetings/{id}"), &water).await.assert_problem(404, "not_found");
    assert_eq!(app.get("/api/v1/meetings", &water).await.body["items"].as_array().unwrap().len(), 0);
    // The case's meetings.
    let of_case = app.get(&format!("/api/v1/meetings?case_id={case_id}"), &office).await;
    assert_eq!(of_case.body["items"][0]["id"], id.as_str(), "{}", of_case.body);

    // Minutes with a bad decision are refused whole: nothing is stored.
    let minutes = format!("/api/v1/meetings/{id}/minutes");
    let bad = json!({
        "minutes": "纪要",
        "decisions": [{
            "text": "决定", "kind": "other", "case_id": Uuid::now_v7(),
            "actions": [{"department_id": f.department, "what": " ", "working_days": 0}]
        }]
    });
    let r = app.post(&minutes, &office, bad).await;
    r.assert_problem(422, "validation_failed");
    let fields: Vec<String> = r.field_codes().into_iter().map(|(f, _)| f).collect();
    assert_eq!(
        fields,
        ["decisions[0].case_id", "decisions[0].actions[0].what", "decisions[0].actions[0].working_days"],
        "{}",
        r.body
    );
    app.post(&minutes, &agent, minutes_body(f.department, case_id)).await.assert_problem(403, "forbidden");
    assert_eq!(meeting_decision::Entity::find().count(&db).await.unwrap(), 0);
    assert_eq!(app.get(&format!("/api/v1/meetings/{id}"), &office).await.body["state"], "scheduled");

    // Recorded: held, with the decision and its action due in 2 working days.
    let r = app.post(&minutes, &office, minutes_body(f.department, case_id)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "held");
    let action = &r.body["decisions"][0]["actions"][0];
    assert_eq!(action["state"], "open");
    assert_eq!(action["working_days"], 2);
    let action_id = action["id"].as_str().unwrap().to_owned();
    let cal = Calendar::china().unwrap();
    let held_at: DateTime<Utc> = r.body["held_at"].as_str().unwrap().parse().unwrap();
    let due = cal.add_working_days(held_at, 2).unwrap();
    assert_eq!(action["due_at"].as_str().unwrap().parse::<DateTime<Utc>>().unwrap(), due);
    app.post(&minutes, &office, minutes_body(f.department, case_id)).await.assert_problem(409, "invalid_transition");
    let open = deadline::Entity::find().filter(deadline::Column::ClosedAt.is_null()).all(&db).await.unwrap();
    let chased: Vec<_> = open.iter().filter(|d| d.meeting_action_id.is_some()).collect();
    assert_eq!(chased.len(), 1);
    assert_eq!(chased[0].meeting_action_id.map(|a| a.to_string()), Some(action_id.clone()));
    assert_eq!(chased[0].case_id, None);

    // The case's history records the meeting and its decision about the case.
    let timeline = app.get(&format!("/api/v1/cases/{case_id}/timeline"), &office).await;
    assert_eq!(timeline.status, 200, "{}", timeline.body);
    let actions: Vec<&str> =
        timeline.body["events"].as_array().unwrap().iter().map(|e| e["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["meeting_held", "meeting_decision"]);
    assert_eq!(timeline.body["verification"]["valid"], true);

    // The sweep chases the action up the ladder, once per step.
    let steps = EscalationPolicy::finishing()
        .schedule(&format!("meeting_action:{action_id}:meeting_action"), due, &cal)
        .unwrap();
    let ladder = [
        ("remind_before", NotificationKind::DeadlineReminder, f.agent),
        ("at_deadline", NotificationKind::DeadlineOverdue, f.agent),
        ("escalate_department_leader", NotificationKind::DeadlineEscalation, f.leader),
        ("escalate_office", NotificationKind::DeadlineEscalation, f.office),
    ];
    let prefix = format!("meeting_action:{action_id}:");
    for (step, (code, kind, who)) in steps.iter().zip(ladder) {
        assert_eq!(step.code, code);
        advance_past(&app, step.due_at);
        let report = sweep(&app).await;
        assert_eq!(report["steps"], 1, "{code}: {report}");
        let rows = told(&db, &step.key).await;
        let recipients: BTreeSet<Uuid> = rows.iter().map(|n| n.recipient_id).collect();
        assert_eq!(recipients, BTreeSet::from([who]), "{code}");
        assert_eq!(rows[0].kind, Code(kind));
        assert!(rows[0].body.contains("出具用地预审意见"), "{}", rows[0].body);
        // A second sweep adds nothing.
        assert_eq!(sweep(&app).await["notifications"], 0, "{code}");
    }
    assert_eq!(told(&db, &prefix).await.len(), 4);
    let overdue_title = told(&db, &steps[1].key).await.remove(0).title;
    assert!(overdue_title.contains("议定事项已超时"), "{overdue_title}");

    // Overdue in the lists; the department completes it and the chase stops.
    let agent = app.token("agent-natural-resources").await;
    let mine = app.get("/api/v1/meeting-actions?overdue=true", &agent).await;
    assert_eq!(mine.status, 200, "{}", mine.body);
    assert_eq!(mine.body["items"][0]["overdue"], true, "{}", mine.body);
    assert_eq!(mine.body["items"][0]["meeting_title"], "光伏组件项目用地协调");
    let water = app.token("agent-water").await;
    let complete = format!("/api/v1/meeting-actions/{action_id}/complete");
    app.post(&complete, &water, json!({"note": "已办"})).await.assert_problem(404, "not_found");
    app.post(&complete, &agent, json!({"note": " "})).await.assert_problem(422, "validation_failed");
    let r = app.post(&complete, &agent, json!({"note": "已出具用地预审意见。"})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.body["state"], "done");
    assert_eq!(r.body["overdue"], false);
    let open = deadline::Entity::find()
        .filter(deadline::Column::ClosedAt.is_null())
        .filter(deadline::Column::MeetingActionId.is_not_null())
        .count(&db)
        .await
        .unwrap();
    assert_eq!(open, 0);
    app.post(&complete, &agent, json!({"note": "再次"})).await.assert_problem(409, "invalid_transition");
    app.clock.advance(Duration::days(10));
    sweep(&app).await;
    assert_eq!(told(&db, &prefix).await.len(), 4);

    // The office files the record; audited.
    let office = app.token("office").await;
    let r = app.post(&format!("/api/v1/meetings/{id}/close"), &office, json!({})).await;
    assert_eq!(r.body["state"], "closed", "{}", r.body);
    let audited =
        audit_log::Entity::find().filter(audit_log::Column::Action.like("meeting_%")).count(&db).await.unwrap();
    // Convened, held, action completed, closed: refusals change nothing.
    assert_eq!(audited, 4);
    assert_eq!(meeting_action::Entity::find().count(&db).await.unwrap(), 1);
}

async fn a_scheduled_meeting_is_edited_or_cancelled_and_closed_cases_stay_closed(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let now = app.clock_now();
    let (case_id, _sheet) = insert_sheet(&db, &f, now).await;
    let office = app.token("office").await;
    let r = app.post("/api/v1/meetings", &office, convene_body(f.department, case_id, now)).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.body["id"].as_str().unwrap().to_owned();

    // Edited while scheduled, guarded by its version.
    let mut changed = convene_body(f.department, case_id, now + Duration::days(2));
    changed["title"] = json!("光伏组件项目专题协调");
    changed["kind"] = json!("special_coordination");
    let req = app
        .client
        .put(format!("{}/api/v1/meetings/{id}", app.base))
        .bearer_auth(&office)
        .header("If-Match", "\"7\"")
        .json(&changed);
    assert_eq!(app.raw(req).await.status, 412);
    let req = app.client.put(format!("{}/api/v1/meetings/{id}", app.base)).bearer_auth(&office).json(&changed);
    let r = app.raw(req).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!((r.body["title"].as_str(), r.body["version"].as_i64()), (Some("光伏组件项目专题协调"), Some(2)));

    // Cancelled with a reason; then nothing more.
    let cancel = format!("/api/v1/meetings/{id}/cancel");
    app.post(&cancel, &office, json!({"reason": ""})).await.assert_problem(422, "validation_failed");
    let r = app.post(&cancel, &office, json!({"reason": "议题已在专题会上解决。"})).await;
    assert_eq!(r.body["state"], "cancelled", "{}", r.body);
    assert_eq!(r.body["allowed_actions"], json!([]));
    app.post(&format!("/api/v1/meetings/{id}/minutes"), &office, minutes_body(f.department, case_id))
        .await
        .assert_problem(409, "invalid_transition");

    // A meeting may discuss a closed case, but writes nothing to it.
    use butler_domain::case::lifecycle::CaseState;
    use butler_persistence::entity::case;
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let closed = case::ActiveModel { id: Set(case_id), state: Set(Code(CaseState::Archived)), ..Default::default() };
    closed.update(&db).await.unwrap();
    let r = app.post("/api/v1/meetings", &office, convene_body(f.department, case_id, now)).await;
    let id = r.body["id"].as_str().unwrap().to_owned();
    let r = app.post(&format!("/api/v1/meetings/{id}/minutes"), &office, minutes_body(f.department, case_id)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let timeline = app.get(&format!("/api/v1/cases/{case_id}/timeline"), &office).await;
    assert_eq!(timeline.body["events"].as_array().unwrap().len(), 0, "{}", timeline.body);
    let stored = case::Entity::find_by_id(case_id).one(&db).await.unwrap().unwrap();
    assert_eq!((stored.state, stored.chain_length), (Code(CaseState::Archived), 0));
}

crate::on_both_databases!(
    a_meeting_decision_becomes_an_action_that_goes_overdue_and_escalates,
    a_scheduled_meeting_is_edited_or_cancelled_and_closed_cases_stay_closed,
);

//! Supervision notices (督办通知): the office issues them, the people concerned are told,
//! departments read only their own.

use crate::helpers::*;
use crate::reminders::{Fixture, fixture, insert_sheet};
use butler_domain::case::evaluation::EvaluationLevel;
use butler_domain::case::sheet::{ResultNoticeChannel, SheetKind, SheetOutcome, SheetState};
use butler_domain::notice::NotificationKind;
use butler_persistence::Code;
use butler_persistence::entity::{evaluation, notification, task_sheet};
use butler_persistence::repo::departments;
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;

async fn notified(db: &sea_orm::DatabaseConnection, kind: NotificationKind) -> BTreeSet<Uuid> {
    notification::Entity::find()
        .filter(notification::Column::Kind.eq(Code(kind)))
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.recipient_id)
        .collect()
}

async fn the_office_chases_a_department_in_writing(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let office = app.token("office").await;
    let r = app
        .post(
            "/api/v1/supervision-notices",
            &office,
            json!({"department_id": f.department, "content": "  请于本周内报送用地审批进展。 "}),
        )
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["department_id"], f.department.to_string());
    assert_eq!(r.body["content"], "请于本周内报送用地审批进展。");
    assert_eq!(r.body["issued_by"], f.office.to_string());
    assert_eq!(notified(&db, NotificationKind::SupervisionNotice).await, BTreeSet::from([f.agent, f.leader]));

    // Naming a sheet fills in its case and department.
    let (case_id, sheet_id) = insert_sheet(&db, &f, app.clock_now()).await;
    let r = app
        .post("/api/v1/supervision-notices", &office, json!({"sheet_id": sheet_id, "content": "请加快办理。"}))
        .await;
    assert_eq!(r.status, 201, "{}", r.body);
    assert_eq!(r.body["case_id"], case_id.to_string());
    assert_eq!(r.body["department_id"], f.department.to_string());
    let agent = app.token("agent-natural-resources").await;
    let mine = app.get("/api/v1/notifications", &agent).await;
    let titles: Vec<&str> =
        mine.body["items"].as_array().unwrap().iter().map(|n| n["title"].as_str().unwrap()).collect();
    assert!(titles.contains(&"督办通知：自然资源局"), "{titles:?}");
    assert!(titles.iter().any(|t| t.starts_with("督办通知：项目“光伏组件项目”")), "{titles:?}");
    // The notice about a task sheet points at it; the one about the department does not.
    let sheets: Vec<&Value> = mine.body["items"].as_array().unwrap().iter().map(|n| &n["sheet_id"]).collect();
    assert!(sheets.contains(&&json!(sheet_id.to_string())), "{sheets:?}");
    assert!(sheets.contains(&&Value::Null), "{sheets:?}");

    // The office and supervisors read every notice, newest first; the department its own.
    for reader in ["office", "supervisor", "leader-natural-resources", "agent-natural-resources"] {
        let list = app.get("/api/v1/supervision-notices", &app.token(reader).await).await;
        assert_eq!(list.status, 200, "{reader}: {}", list.body);
        let items = list.body["items"].as_array().unwrap();
        assert_eq!(items.len(), 2, "{reader}");
        assert_eq!(items[0]["sheet_id"], sheet_id.to_string());
    }
    let by_case = app.get(&format!("/api/v1/supervision-notices?case_id={case_id}"), &office).await;
    assert_eq!(by_case.body["items"].as_array().unwrap().len(), 1);
    // The notice is part of the case's file.
    let timeline = app.get(&format!("/api/v1/cases/{case_id}/timeline"), &office).await;
    assert_eq!(timeline.status, 200, "{}", timeline.body);
    let notice =
        timeline.body["events"].as_array().unwrap().iter().find(|e| e["action"] == "supervision_notice").cloned();
    assert_eq!(notice.expect("a supervision_notice event")["payload"]["content"], "请加快办理。");
    assert_eq!(timeline.body["verification"]["valid"], true);
    let water = app.token("leader-water").await;
    assert_eq!(app.get("/api/v1/supervision-notices", &water).await.body["items"].as_array().unwrap().len(), 0);
    app.get(&format!("/api/v1/supervision-notices?department_id={}", f.department), &water)
        .await
        .assert_problem(403, "forbidden");
    for role in ["enterprise", "window_agent", "admin"] {
        app.get("/api/v1/supervision-notices", &app.token(role).await).await.assert_problem(403, "forbidden");
    }
}

async fn a_notice_needs_the_office_and_a_known_target(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    for role in ["supervisor", "window_agent", "leader-natural-resources"] {
        app.post(
            "/api/v1/supervision-notices",
            &app.token(role).await,
            json!({"department_id": f.department, "content": "请加快办理。"}),
        )
        .await
        .assert_problem(403, "forbidden");
    }
    let office = app.token("office").await;
    let r = app.post("/api/v1/supervision-notices", &office, json!({"content": "请加快办理。"})).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("department_id".to_owned(), "target_required".to_owned())]);
    let r = app
        .post(
            "/api/v1/supervision-notices",
            &office,
            json!({"department_id": Uuid::now_v7(), "case_id": Uuid::now_v7(), "sheet_id": Uuid::now_v7(), "content": "x"}),
        )
        .await;
    let codes: BTreeSet<String> = r.field_codes().into_iter().map(|(_, c)| c).collect();
    assert_eq!(
        codes,
        BTreeSet::from(["unknown_case".to_owned(), "unknown_department".to_owned(), "unknown_sheet".to_owned()])
    );
    // A sheet of another department than the one named.
    let (_, sheet_id) = insert_sheet(&db, &f, app.clock_now()).await;
    let other = butler_persistence::repo::departments::find_by_code(&db, f.tenant, "water").await.unwrap().unwrap();
    let r = app
        .post(
            "/api/v1/supervision-notices",
            &office,
            json!({"sheet_id": sheet_id, "department_id": other.id, "content": "x"}),
        )
        .await;
    assert_eq!(r.field_codes(), vec![("sheet_id".to_owned(), "sheet_not_in_department".to_owned())]);
    let r = app
        .post("/api/v1/supervision-notices", &office, json!({"department_id": f.department, "content": " \n "}))
        .await;
    assert_eq!(r.field_codes(), vec![("content".to_owned(), "blank".to_owned())]);
    assert!(notified(&db, NotificationKind::SupervisionNotice).await.is_empty());
}

/// One sheet as the statistics see it: (state, acknowledged after `acknowledge_by` by this much,
/// closed after `finish_by` by this much, outcome).
struct SheetSpec {
    department: Uuid,
    assignee: Option<Uuid>,
    state: SheetState,
    dispatched: DateTime<Utc>,
    acknowledge_by: DateTime<Utc>,
    acknowledged_at: Option<DateTime<Utc>>,
    finish_by: DateTime<Utc>,
    closed_at: Option<DateTime<Utc>>,
    outcome: Option<SheetOutcome>,
    noticed: bool,
    /// Office minutes used and promised, as the service stores them when a sheet finishes.
    minutes: Option<(i32, i32)>,
}

async fn put_sheet(db: &DatabaseConnection, f: &Fixture, case_id: Uuid, item_id: Uuid, s: SheetSpec) -> Uuid {
    let id = Uuid::now_v7();
    let open = !s.state.is_final();
    task_sheet::Entity::insert(task_sheet::ActiveModel {
        id: Set(id),
        tenant_id: Set(f.tenant),
        case_id: Set(case_id),
        case_item_id: Set(item_id),
        kind: Set(Code(SheetKind::Approval)),
        department_id: Set(s.department),
        assignee_id: Set(s.assignee),
        state: Set(Code(s.state)),
        open: Set(open),
        version: Set(1),
        dispatched_at: Set(s.dispatched),
        acknowledge_by: Set(s.acknowledge_by),
        acknowledged_at: Set(s.acknowledged_at),
        finish_by: Set(s.finish_by),
        closed_at: Set(s.closed_at),
        outcome: Set(s.outcome.map(Code)),
        document_number: Set(None),
        result_notice_channel: Set(s.noticed.then_some(Code(ResultNoticeChannel::Phone))),
        result_noticed_at: Set(s.closed_at.filter(|_| s.noticed)),
        office_minutes_used: Set(s.minutes.map(|m| m.0)),
        office_minutes_promised: Set(s.minutes.map(|m| m.1)),
        data: Set(json!({})),
        result_file_id: Set(None),
        created_at: Set(s.dispatched),
        updated_at: Set(s.dispatched),
    })
    .exec_without_returning(db)
    .await
    .unwrap();
    id
}

fn row<'a>(body: &'a serde_json::Value, key: &str, id: Option<Uuid>) -> &'a serde_json::Value {
    let want = id.map_or(serde_json::Value::Null, |id| json!(id.to_string()));
    body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[key] == want)
        .unwrap_or_else(|| panic!("no row {want} in {body}"))
}

async fn statistics_count_what_supervision_asks(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let now = app.clock_now();
    let water = departments::find_by_code(&db, f.tenant, "water").await.unwrap().unwrap().id;
    // A case with one item; its own sheet is removed so that only the sheets below count.
    let (case_id, first) = insert_sheet(&db, &f, now - Duration::days(1)).await;
    let item_id = task_sheet::Entity::find_by_id(first).one(&db).await.unwrap().unwrap().case_item_id;
    task_sheet::Entity::delete_by_id(first).exec(&db).await.unwrap();

    let (h, m) = (Duration::hours(1), Duration::minutes(10));
    let day = now - Duration::days(2);
    let base = |state| SheetSpec {
        department: f.department,
        assignee: None,
        state,
        dispatched: day,
        acknowledge_by: day + m,
        acknowledged_at: Some(day + m),
        finish_by: now + Duration::days(3),
        closed_at: None,
        outcome: None,
        noticed: false,
        minutes: None,
    };
    let agent = Some(f.agent);
    // The demo county's office day: 09:00–12:00 and 14:30–18:00.
    let office_day = 390;
    // Acknowledged in time, past its deadline now: overdue.
    put_sheet(
        &db,
        &f,
        case_id,
        item_id,
        SheetSpec { assignee: agent, finish_by: now - h, ..base(SheetState::Acknowledged) },
    )
    .await;
    // Acknowledged late, finished in time and approved.
    let approved = SheetSpec {
        assignee: agent,
        acknowledged_at: Some(day + m + m),
        closed_at: Some(now - h),
        outcome: Some(SheetOutcome::Approved),
        minutes: Some((office_day * 5 / 2, office_day * 5)),
        ..base(SheetState::Finished)
    };
    put_sheet(&db, &f, case_id, item_id, approved).await;
    // Finished late, not approved.
    let refused = SheetSpec {
        finish_by: now - h - h,
        closed_at: Some(now - h),
        outcome: Some(SheetOutcome::NotApproved),
        minutes: Some((office_day * 59 / 10, office_day * 5)),
        ..base(SheetState::Finished)
    };
    put_sheet(&db, &f, case_id, item_id, refused).await;
    // Paused for 补正 past its old deadline: not overdue, the clock is stopped.
    put_sheet(&db, &f, case_id, item_id, SheetSpec { finish_by: now - h, ..base(SheetState::Paused) }).await;
    // Never acknowledged, past the 30 minutes.
    put_sheet(&db, &f, case_id, item_id, SheetSpec { acknowledged_at: None, ..base(SheetState::Dispatched) }).await;
    // Cancelled: not counted anywhere.
    put_sheet(&db, &f, case_id, item_id, SheetSpec { finish_by: now - h, ..base(SheetState::Cancelled) }).await;
    // Water: one finished 40 days ago (outside a recent period), one sent back to the window.
    // The old one was finished before time used was recorded: it has no minutes and is left
    // out of the averages.
    let old = now - Duration::days(40);
    let earlier = SheetSpec {
        department: water,
        dispatched: old,
        acknowledge_by: old + m,
        acknowledged_at: Some(old + m),
        finish_by: old + Duration::days(5),
        closed_at: Some(old + Duration::days(1)),
        outcome: Some(SheetOutcome::Approved),
        noticed: true,
        ..base(SheetState::Finished)
    };
    put_sheet(&db, &f, case_id, item_id, earlier).await;
    put_sheet(&db, &f, case_id, item_id, SheetSpec { department: water, ..base(SheetState::SentBack) }).await;
    evaluation::Entity::insert(evaluation::ActiveModel {
        id: Set(Uuid::now_v7()),
        tenant_id: Set(f.tenant),
        case_id: Set(case_id),
        department_id: Set(Some(f.department)),
        level: Set(Code(EvaluationLevel::Dissatisfied)),
        comment: Set(Some("材料反复补正".into())),
        created_by: Set(f.office),
        created_at: Set(now - h),
    })
    .exec_without_returning(&db)
    .await
    .unwrap();

    let office = app.token("office").await;
    let r = app.get("/api/v1/statistics/sheets", &office).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let land = row(&r.body, "department_id", Some(f.department));
    for (field, expected) in [
        ("received", 5),
        ("acknowledged", 4),
        ("acknowledged_on_time", 3),
        ("unacknowledged_late", 1),
        ("finished", 2),
        ("finished_on_time", 1),
        ("approved", 1),
        ("open", 3),
        ("paused", 1),
        ("overdue_now", 1),
        ("evaluations", 1),
        ("dissatisfied", 1),
    ] {
        assert_eq!(land[field], expected, "{field}: {land}");
    }
    // What is late counts before it is done: the unacknowledged sheet past its 30 minutes is a
    // late acknowledgement (3 / (4 + 1)), the overdue open sheet a late finish (1 / (2 + 1)).
    assert_eq!((land["acknowledge_due"].as_i64(), land["finish_due"].as_i64()), (Some(5), Some(3)));
    assert_eq!(land["acknowledge_rate"], 0.6);
    assert_eq!(land["on_time_rate"].as_f64(), Some(1.0 / 3.0));
    // (2.5 + 5.9) / 2 working days used against 5 promised.
    assert_eq!(
        (land["average_working_days_used"].as_f64(), land["average_working_days_promised"].as_f64()),
        (Some(4.2), Some(5.0))
    );
    let w = row(&r.body, "department_id", Some(water));
    assert_eq!((w["received"].as_i64(), w["open"].as_i64(), w["overdue_now"].as_i64()), (Some(2), Some(1), Some(0)));
    assert_eq!(w["on_time_rate"], 1.0);
    assert_eq!(w["evaluations"], 0);
    assert_eq!(w["average_working_days_used"], serde_json::Value::Null, "no finished sheet was measured: {w}");
    // The most overdue department comes first; the total adds them up.
    assert_eq!(r.body["rows"][0]["department_id"], f.department.to_string());
    assert_eq!(r.body["total"]["received"], 7);
    assert_eq!(r.body["total"]["finished_on_time"], 2);
    assert_eq!(r.body["total"]["dissatisfied"], 1);
    assert_eq!(r.body["total"]["average_working_days_used"], 4.2);

    // A period by dispatch day leaves out the old sheet.
    let today = (now + Duration::hours(8)).date_naive();
    let recent =
        app.get(&format!("/api/v1/statistics/sheets?from={}&to={today}", today - Duration::days(10)), &office).await;
    assert_eq!(recent.status, 200, "{}", recent.body);
    assert_eq!(row(&recent.body, "department_id", Some(water))["received"], 1);
    assert_eq!(recent.body["total"]["received"], 6);
    let backwards =
        app.get(&format!("/api/v1/statistics/sheets?from={today}&to={}", today - Duration::days(1)), &office).await;
    backwards.assert_problem(422, "validation_failed");
    assert_eq!(backwards.field_codes(), vec![("to".to_owned(), "before_from".to_owned())]);

    // A department's leader sees its own department, also per agent, and no other's.
    let leader = app.token("leader-natural-resources").await;
    let own = app.get("/api/v1/statistics/sheets", &leader).await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert_eq!(own.body["rows"].as_array().unwrap().len(), 1);
    assert_eq!(own.body["total"]["received"], 5);
    let agents = app.get("/api/v1/statistics/sheets?group_by=agent", &leader).await;
    assert_eq!(agents.status, 200, "{}", agents.body);
    assert_eq!(row(&agents.body, "agent_id", Some(f.agent))["received"], 2);
    assert_eq!(row(&agents.body, "agent_id", Some(f.agent))["average_working_days_used"], 2.5);
    assert_eq!(row(&agents.body, "agent_id", None)["received"], 3);
    assert_eq!(row(&agents.body, "agent_id", Some(f.agent))["evaluations"], serde_json::Value::Null);
    app.get(&format!("/api/v1/statistics/sheets?department_id={water}"), &leader)
        .await
        .assert_problem(403, "forbidden");
    assert_eq!(app.get("/api/v1/statistics/sheets", &app.token("supervisor").await).await.status, 200);
    for role in ["agent-natural-resources", "enterprise", "window_agent", "investment_officer"] {
        app.get("/api/v1/statistics/sheets", &app.token(role).await).await.assert_problem(403, "forbidden");
    }
}

/// Each finished sheet's office minutes used and promised, by id.
async fn time_used(db: &DatabaseConnection) -> Vec<(Uuid, Option<i32>, Option<i32>)> {
    task_sheet::Entity::find()
        .filter(task_sheet::Column::State.eq(Code(SheetState::Finished)))
        .order_by_asc(task_sheet::Column::Id)
        .all(db)
        .await
        .unwrap()
        .into_iter()
        .map(|s| (s.id, s.office_minutes_used, s.office_minutes_promised))
        .collect()
}

async fn sheets_finished_before_time_used_was_kept_are_measured_at_start(backend: Backend) {
    let app = spawn_app_with(backend, Options { demo_cases: true, ..Options::default() }).await;
    let db = app.db().await;
    // The demo's sheets were finished through the service, which measured them.
    let measured = time_used(&db).await;
    assert!(measured.len() >= 3, "{measured:?}");
    assert!(measured.iter().all(|(_, used, promised)| used.is_some() && promised.is_some()), "{measured:?}");

    // As a database from before the figures were kept: no finished sheet has them.
    task_sheet::Entity::update_many()
        .col_expr(task_sheet::Column::OfficeMinutesUsed, Expr::value(Option::<i32>::None))
        .col_expr(task_sheet::Column::OfficeMinutesPromised, Expr::value(Option::<i32>::None))
        .exec(&db)
        .await
        .unwrap();
    assert!(time_used(&db).await.iter().all(|(_, used, _)| used.is_none()));

    // A server starting on it measures them again, in the background, to the same minutes.
    let _restarted = spawn_sibling(&app, false).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let now = time_used(&db).await;
        if now.iter().all(|(_, used, _)| used.is_some()) {
            assert_eq!(now, measured);
            break;
        }
        assert!(std::time::Instant::now() < deadline, "still unmeasured after 30 s: {now:?}");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

crate::on_both_databases!(
    the_office_chases_a_department_in_writing,
    a_notice_needs_the_office_and_a_known_target,
    statistics_count_what_supervision_asks,
    sheets_finished_before_time_used_was_kept_are_measured_at_start
);

//! Deadlines, the reminder sweep and its ladder, exactly-once delivery across two server
//! processes, the scheduler, notifications, and the demo time switch.

use crate::helpers::*;
use butler_domain::calendar::Calendar;
use butler_domain::case::deadline::DeadlineKind;
use butler_domain::case::escalation::{DueStep, EscalationPolicy};
use butler_domain::case::lifecycle::{CaseState, EvaluationStatus};
use butler_domain::case::sheet::{SheetKind, SheetState};
use butler_domain::notice::NotificationKind;
use butler_persistence::Code;
use butler_persistence::entity::{case, case_item, deadline, notification, task_sheet};
use butler_persistence::repo::deadlines::{self, NewDeadline};
use butler_persistence::repo::{departments, enterprises, tenants, users};
use chrono::{DateTime, Duration, Utc};
use reqwest::Method;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use std::collections::BTreeSet;
use uuid::Uuid;

/// The demo county's people and records a deadline involves.
pub struct Fixture {
    pub tenant: Uuid,
    pub department: Uuid,
    pub enterprise: Uuid,
    pub agent: Uuid,
    pub leader: Uuid,
    pub office: Uuid,
    pub supervisor: Uuid,
}

async fn user_id(db: &DatabaseConnection, tenant: Uuid, username: &str) -> Uuid {
    users::find_by_username(db, tenant, username).await.unwrap().unwrap().id
}

pub async fn fixture(db: &DatabaseConnection) -> Fixture {
    let tenant = tenants::find_by_code(db, "dayao").await.unwrap().unwrap().id;
    let department = departments::find_by_code(db, tenant, "natural-resources").await.unwrap().unwrap().id;
    let enterprise = enterprises::list(db, tenant, &Default::default(), Default::default()).await.unwrap().items[0].id;
    Fixture {
        tenant,
        department,
        enterprise,
        agent: user_id(db, tenant, "agent-natural-resources").await,
        leader: user_id(db, tenant, "leader-natural-resources").await,
        office: user_id(db, tenant, "office").await,
        supervisor: user_id(db, tenant, "supervisor").await,
    }
}

/// Writes a case in service with one acknowledged sheet of the fixture's department, straight
/// into the database; returns (case, sheet).
pub async fn insert_sheet(db: &DatabaseConnection, f: &Fixture, now: DateTime<Utc>) -> (Uuid, Uuid) {
    let case_id = Uuid::now_v7();
    case::Entity::insert(case::ActiveModel {
        id: Set(case_id),
        tenant_id: Set(f.tenant),
        number: Set(format!("T-{}", &case_id.simple().to_string()[20..])),
        enterprise_id: Set(f.enterprise),
        state: Set(Code(CaseState::InService)),
        version: Set(1),
        project_name: Set("光伏组件项目".into()),
        industry_code: Set("C3825".into()),
        investment_fen: Set(8_000_000_000),
        location: Set("金碧镇".into()),
        project_code: Set(None),
        agreement_signed_on: Set(None),
        brief: Set("测试".into()),
        contact_name: Set("张三".into()),
        contact_phone: Set("13800000001".into()),
        created_by: Set(f.office),
        reviewer_id: Set(None),
        review_note: Set(None),
        accepter_id: Set(None),
        responsible_leader_id: Set(None),
        lead_agent_id: Set(None),
        notification_text: Set(None),
        documents_handed_over_at: Set(None),
        enterprise_confirmed_at: Set(None),
        evaluation_status: Set(Code(EvaluationStatus::Pending)),
        state_before_closing: Set(None),
        closing_reason: Set(None),
        chain_length: Set(0),
        chain_head: Set("0".repeat(64)),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await
    .unwrap();
    let item_id = Uuid::now_v7();
    case_item::Entity::insert(case_item::ActiveModel {
        id: Set(item_id),
        tenant_id: Set(f.tenant),
        case_id: Set(case_id),
        position: Set(1),
        catalog_item_id: Set(None),
        catalog_version: Set(None),
        name: Set("建设用地规划许可".into()),
        department_id: Set(f.department),
        stage: Set(None),
        legal_limit: Set(None),
        promised_limit: Set(None),
        allows_tolerance: Set(false),
        allows_commitment: Set(false),
        max_extension_days: Set(None),
        agent_id: Set(None),
        materials: Set(json!([])),
        missing_materials: Set(json!([])),
        prerequisites: Set(json!([])),
        planned: Set(true),
    })
    .exec_without_returning(db)
    .await
    .unwrap();
    let sheet_id = Uuid::now_v7();
    task_sheet::Entity::insert(task_sheet::ActiveModel {
        id: Set(sheet_id),
        tenant_id: Set(f.tenant),
        case_id: Set(case_id),
        case_item_id: Set(item_id),
        kind: Set(Code(SheetKind::Approval)),
        department_id: Set(f.department),
        assignee_id: Set(None),
        state: Set(Code(SheetState::Acknowledged)),
        open: Set(true),
        version: Set(1),
        dispatched_at: Set(now),
        acknowledge_by: Set(now),
        acknowledged_at: Set(Some(now)),
        finish_by: Set(now),
        closed_at: Set(None),
        outcome: Set(None),
        document_number: Set(None),
        result_notice_channel: Set(None),
        result_noticed_at: Set(None),
        office_minutes_used: Set(None),
        office_minutes_promised: Set(None),
        data: Set(json!({})),
        result_file_id: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
    })
    .exec_without_returning(db)
    .await
    .unwrap();
    (case_id, sheet_id)
}

/// Opens a sheet deadline of `kind`, due at `due_at`, for the sweep to chase from `now`.
pub async fn open_deadline(
    db: &DatabaseConnection,
    f: &Fixture,
    case_id: Uuid,
    sheet_id: Option<Uuid>,
    kind: DeadlineKind,
    due_at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> deadline::Model {
    let new = NewDeadline { tenant_id: f.tenant, case_id, sheet_id, kind, due_at, next_step_at: Some(now) };
    deadlines::open(db, new, now).await.unwrap()
}

/// Runs one sweep on `app` as its admin; returns the report.
pub async fn sweep(app: &TestApp) -> Value {
    let token = app.token("admin").await;
    sweep_with(app, &token).await
}

async fn sweep_with(app: &TestApp, token: &str) -> Value {
    let r = app.post("/api/v1/admin/scheduler/run", token, json!({})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.body
}

/// Moves `app`'s clock to just after `at`.
fn advance_past(app: &TestApp, at: DateTime<Utc>) {
    let delta = at + Duration::minutes(1) - app.clock_now();
    if delta > Duration::zero() {
        app.clock.advance(delta);
    }
}

async fn notifications_of(db: &DatabaseConnection, sheet_id: Uuid) -> Vec<notification::Model> {
    notification::Entity::find().filter(notification::Column::SheetId.eq(sheet_id)).all(db).await.unwrap()
}

fn recipients_of(rows: &[notification::Model], key: &str) -> BTreeSet<Uuid> {
    rows.iter().filter(|n| n.dedupe_key == key).map(|n| n.recipient_id).collect()
}

fn finishing_steps(sheet_id: Uuid, due: DateTime<Utc>) -> Vec<DueStep> {
    let cal = Calendar::china().unwrap();
    EscalationPolicy::finishing().schedule(&format!("sheet:{sheet_id}:finish"), due, &cal).unwrap()
}

async fn a_deadline_climbs_the_ladder_as_the_clock_advances(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let now = app.clock_now();
    let cal = Calendar::china().unwrap();
    let due = cal.add_working_days(now, 3).unwrap();
    let (case_id, sheet_id) = insert_sheet(&db, &f, now).await;
    open_deadline(&db, &f, case_id, Some(sheet_id), DeadlineKind::Finish, due, now).await;
    let steps = finishing_steps(sheet_id, due);
    assert_eq!(steps.len(), 5);

    // Nothing is due yet: the sweep only learns when the first step falls.
    let report = sweep(&app).await;
    assert_eq!(report["deadlines"], 1, "{report}");
    assert_eq!(report["notifications"], 0, "{report}");
    assert!(notifications_of(&db, sheet_id).await.is_empty());
    // Not claimed again before that.
    assert_eq!(sweep(&app).await["deadlines"], 0);

    let ladder = [
        ("remind_before", NotificationKind::DeadlineReminder, f.agent),
        ("at_deadline", NotificationKind::DeadlineOverdue, f.agent),
        ("escalate_department_leader", NotificationKind::DeadlineEscalation, f.leader),
        ("escalate_office", NotificationKind::DeadlineEscalation, f.office),
        ("escalate_supervisor", NotificationKind::DeadlineEscalation, f.supervisor),
    ];
    for (step, (code, kind, who)) in steps.iter().zip(ladder) {
        assert_eq!(step.code, code);
        advance_past(&app, step.due_at);
        let report = sweep(&app).await;
        assert_eq!(report["steps"], 1, "{code}: {report}");
        assert_eq!(report["notifications"], 1, "{code}: {report}");
        let rows = notifications_of(&db, sheet_id).await;
        assert_eq!(recipients_of(&rows, &step.key), BTreeSet::from([who]), "{code}");
        let row = rows.iter().find(|n| n.dedupe_key == step.key).unwrap();
        assert_eq!(row.kind, kind);
        assert_eq!(row.case_id, Some(case_id));
        assert!(row.body.contains("建设用地规划许可") && row.body.contains("自然资源局"), "{}", row.body);
    }
    let rows = notifications_of(&db, sheet_id).await;
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().any(|n| n.title == "任务单即将超时：建设用地规划许可"));
    assert!(rows.iter().any(|n| n.title == "任务单已超时：建设用地规划许可"));

    // The ladder is done: the deadline is never due again, and a week later nothing is sent.
    let row = deadline::Entity::find().filter(deadline::Column::SheetId.eq(sheet_id)).one(&db).await.unwrap().unwrap();
    assert_eq!(row.next_step_at, None);
    assert_eq!(row.claimed_until, None);
    assert_eq!(row.done_steps.as_array().unwrap().len(), 5);
    app.clock.advance(Duration::days(7));
    let report = sweep(&app).await;
    assert_eq!(report["deadlines"], 0, "{report}");
    assert_eq!(notifications_of(&db, sheet_id).await.len(), 5);
}

async fn an_acknowledgement_is_chased_in_office_minutes(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let now = app.clock_now();
    let cal = Calendar::china().unwrap();
    // Thirty office minutes into the next working day.
    let due = cal.add_office_minutes(cal.add_working_days(now, 1).unwrap(), 30).unwrap();
    let (case_id, sheet_id) = insert_sheet(&db, &f, now).await;
    // Dispatched, not yet acknowledged.
    task_sheet::Entity::update_many()
        .col_expr(task_sheet::Column::State, Expr::value(Code(SheetState::Dispatched)))
        .col_expr(task_sheet::Column::AcknowledgedAt, Expr::value(Option::<DateTime<Utc>>::None))
        .filter(task_sheet::Column::Id.eq(sheet_id))
        .exec(&db)
        .await
        .unwrap();
    open_deadline(&db, &f, case_id, Some(sheet_id), DeadlineKind::Acknowledgement, due, now).await;
    let cal_steps =
        EscalationPolicy::acknowledgement().schedule(&format!("sheet:{sheet_id}:acknowledge"), due, &cal).unwrap();
    // Ten office minutes before: the department's agents; at the deadline: its leader.
    assert_eq!(cal_steps[0].due_at, due - Duration::minutes(10));
    advance_past(&app, cal_steps[0].due_at);
    assert_eq!(sweep(&app).await["notifications"], 1);
    advance_past(&app, cal_steps[1].due_at);
    assert_eq!(sweep(&app).await["notifications"], 1);
    let rows = notifications_of(&db, sheet_id).await;
    assert_eq!(recipients_of(&rows, &cal_steps[0].key), BTreeSet::from([f.agent]));
    assert_eq!(recipients_of(&rows, &cal_steps[1].key), BTreeSet::from([f.leader]));
    assert!(rows.iter().any(|n| n.title.starts_with("任务单回执已超时")));
}

async fn a_closed_deadline_sends_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let now = app.clock_now();
    let due = now + Duration::days(2);

    // Closed by its owner before anything fell due.
    let (case_a, sheet_a) = insert_sheet(&db, &f, now).await;
    open_deadline(&db, &f, case_a, Some(sheet_a), DeadlineKind::Finish, due, now).await;
    assert_eq!(deadlines::close(&db, case_a, Some(sheet_a), DeadlineKind::Finish, now).await.unwrap(), 1);
    // Still open, but its sheet has finished meanwhile.
    let (case_b, sheet_b) = insert_sheet(&db, &f, now).await;
    open_deadline(&db, &f, case_b, Some(sheet_b), DeadlineKind::Finish, due, now).await;
    task_sheet::Entity::update_many()
        .col_expr(task_sheet::Column::Open, Expr::value(false))
        .col_expr(task_sheet::Column::State, Expr::value(Code(SheetState::Finished)))
        .filter(task_sheet::Column::Id.eq(sheet_b))
        .exec(&db)
        .await
        .unwrap();
    // An acknowledgement deadline of a sheet already acknowledged.
    let (case_d, sheet_d) = insert_sheet(&db, &f, now).await;
    open_deadline(&db, &f, case_d, Some(sheet_d), DeadlineKind::Acknowledgement, due, now).await;
    // Closed with the whole case.
    let (case_c, sheet_c) = insert_sheet(&db, &f, now).await;
    open_deadline(&db, &f, case_c, Some(sheet_c), DeadlineKind::Finish, due, now).await;
    open_deadline(&db, &f, case_c, None, DeadlineKind::TeamFormation, due, now).await;
    assert_eq!(deadlines::close_all(&db, case_c, None, now).await.unwrap(), 2);

    app.clock.advance(Duration::days(30));
    let report = sweep(&app).await;
    assert_eq!(report["notifications"], 0, "{report}");
    assert_eq!(report["closed"], 2, "{report}");
    for sheet in [sheet_a, sheet_b, sheet_c, sheet_d] {
        assert!(notifications_of(&db, sheet).await.is_empty());
    }
    let open = deadline::Entity::find().filter(deadline::Column::ClosedAt.is_null()).all(&db).await.unwrap();
    assert!(open.is_empty(), "{open:?}");
}

async fn a_moved_deadline_runs_its_ladder_again(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let now = app.clock_now();
    let cal = Calendar::china().unwrap();
    let due = cal.add_working_days(now, 2).unwrap();
    let (case_id, sheet_id) = insert_sheet(&db, &f, now).await;
    open_deadline(&db, &f, case_id, Some(sheet_id), DeadlineKind::Finish, due, now).await;
    let first = finishing_steps(sheet_id, due);
    advance_past(&app, first[0].due_at);
    assert_eq!(sweep(&app).await["notifications"], 1);
    advance_past(&app, first[1].due_at);
    assert_eq!(sweep(&app).await["notifications"], 1);

    // An extension of two working days: a new deadline, new keys, the ladder again.
    let later = cal.add_working_days(due, 2).unwrap();
    let now = app.clock_now();
    assert!(deadlines::reschedule(&db, case_id, Some(sheet_id), DeadlineKind::Finish, later, now).await.unwrap());
    assert_eq!(sweep(&app).await["notifications"], 0);
    let second = finishing_steps(sheet_id, later);
    advance_past(&app, second[0].due_at);
    let report = sweep(&app).await;
    assert_eq!(report["notifications"], 1, "{report}");
    let rows = notifications_of(&db, sheet_id).await;
    assert_eq!(recipients_of(&rows, &second[0].key), BTreeSet::from([f.agent]));
    assert_eq!(rows.len(), 3);
}

async fn two_servers_send_each_reminder_once(backend: Backend) {
    const N: u64 = 130;
    let a = spawn_app(backend).await;
    let b = spawn_sibling(&a, true).await;
    let db = a.db().await;
    let f = fixture(&db).await;
    let now = a.clock_now();
    let cal = Calendar::china().unwrap();
    // More deadlines a month overdue than one claim takes: every rung is due at once.
    let due = cal.add_working_days(now - Duration::days(30), 0).unwrap();
    let mut sheets = Vec::new();
    for _ in 0..N {
        let (case_id, sheet_id) = insert_sheet(&db, &f, now).await;
        open_deadline(&db, &f, case_id, Some(sheet_id), DeadlineKind::Finish, due, now).await;
        sheets.push(sheet_id);
    }
    let (ta, tb) = (a.token("admin").await, b.token("admin").await);
    let reports = futures_util::future::join_all([
        sweep_with(&a, &ta),
        sweep_with(&b, &tb),
        sweep_with(&a, &ta),
        sweep_with(&b, &tb),
    ])
    .await;
    let total = |field: &str| reports.iter().map(|r| r[field].as_u64().unwrap()).sum::<u64>();
    // Each deadline was worked by exactly one sweep, and each of its messages written once:
    // the reminder before the deadline is stale and skipped; the deadline notice and three
    // escalations go out.
    assert_eq!(total("deadlines"), N, "{reports:?}");
    assert_eq!(total("notifications"), N * 4, "{reports:?}");
    assert_eq!(total("lost") + total("failed"), 0, "{reports:?}");
    let rows = notification::Entity::find().all(&db).await.unwrap();
    assert_eq!(rows.len() as u64, N * 4);
    let distinct: BTreeSet<(Uuid, String)> = rows.iter().map(|n| (n.recipient_id, n.dedupe_key.clone())).collect();
    assert_eq!(distinct.len(), rows.len());
    for sheet in sheets {
        let steps = finishing_steps(sheet, due);
        let mine = notifications_of(&db, sheet).await;
        assert!(recipients_of(&mine, &steps[0].key).is_empty(), "a stale reminder was sent");
        assert_eq!(recipients_of(&mine, &steps[1].key), BTreeSet::from([f.agent]));
        assert_eq!(recipients_of(&mine, &steps[2].key), BTreeSet::from([f.leader]));
        assert_eq!(recipients_of(&mine, &steps[3].key), BTreeSet::from([f.office]));
        assert_eq!(recipients_of(&mine, &steps[4].key), BTreeSet::from([f.supervisor]));
    }
    // Later sweeps from either server find nothing.
    for app in [&a, &b] {
        let again = sweep(app).await;
        assert_eq!(again["deadlines"], 0, "{again}");
    }
    drop(b);
}

async fn the_scheduler_sweeps_by_itself(backend: Backend) {
    let app = spawn_configured(backend, |s| s.scheduler_interval_secs = 1).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let now = app.clock_now();
    let (case_id, sheet_id) = insert_sheet(&db, &f, now).await;
    open_deadline(&db, &f, case_id, Some(sheet_id), DeadlineKind::Finish, now - Duration::days(30), now).await;
    let mut sent = 0;
    for _ in 0..100 {
        sent = notifications_of(&db, sheet_id).await.len();
        if sent == 4 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(sent, 4);
}

async fn notifications_are_private_and_can_be_marked_read(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let f = fixture(&db).await;
    let now = app.clock_now();
    let (case_id, sheet_id) = insert_sheet(&db, &f, now).await;
    open_deadline(&db, &f, case_id, Some(sheet_id), DeadlineKind::Finish, now - Duration::days(30), now).await;
    sweep(&app).await;

    let agent = app.token("agent-natural-resources").await;
    let list = app.get("/api/v1/notifications", &agent).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body["items"].as_array().unwrap().len(), 1);
    assert_eq!(list.body["unread_count"], 1);
    let item = &list.body["items"][0];
    assert_eq!(item["kind"], "deadline_overdue");
    assert_eq!(item["sheet_id"], sheet_id.to_string());
    assert!(item["read_at"].is_null());
    let id = item["id"].as_str().unwrap().to_owned();

    // Someone else's notification does not exist for the caller.
    let leader = app.token("leader-natural-resources").await;
    app.post(&format!("/api/v1/notifications/{id}/read"), &leader, json!({})).await.assert_problem(404, "not_found");
    app.post(&format!("/api/v1/notifications/{}/read", Uuid::now_v7()), &agent, json!({}))
        .await
        .assert_problem(404, "not_found");

    let read = app.post(&format!("/api/v1/notifications/{id}/read"), &agent, json!({})).await;
    assert_eq!(read.status, 200, "{}", read.body);
    let read_at = read.body["read_at"].as_str().unwrap().to_owned();
    // Reading again keeps the first time.
    app.clock.advance(Duration::minutes(5));
    let agent = app.token("agent-natural-resources").await;
    let again = app.post(&format!("/api/v1/notifications/{id}/read"), &agent, json!({})).await;
    assert_eq!(again.body["read_at"], read_at);
    let unread = app.get("/api/v1/notifications?unread=true", &agent).await;
    assert_eq!(unread.body["items"].as_array().unwrap().len(), 0);
    assert_eq!(unread.body["unread_count"], 0);
    assert_eq!(app.get("/api/v1/notifications", &agent).await.body["items"].as_array().unwrap().len(), 1);

    // Newest first, paged.
    let supervisor = app.token("supervisor").await;
    let first = app.get("/api/v1/notifications?limit=1", &supervisor).await;
    assert_eq!(first.body["items"].as_array().unwrap().len(), 1);
    assert!(first.body["next_cursor"].is_null());
    let enterprise = app.token("enterprise").await;
    let none = app.get("/api/v1/notifications", &enterprise).await;
    assert_eq!(none.status, 200);
    assert_eq!(none.body["items"].as_array().unwrap().len(), 0);
}

async fn the_time_switch_is_admin_and_demo_only(backend: Backend) {
    let app = spawn_app(backend).await;
    let office = app.token("office").await;
    app.post("/api/v1/admin/clock/advance", &office, json!({"minutes": 10})).await.assert_problem(403, "forbidden");
    app.post("/api/v1/admin/scheduler/run", &office, json!({})).await.assert_problem(403, "forbidden");
    let admin = app.token("admin").await;
    let r = app.post("/api/v1/admin/clock/advance", &admin, json!({"minutes": 0})).await;
    r.assert_problem(422, "validation_failed");
    assert_eq!(r.field_codes(), vec![("minutes".to_owned(), "range".to_owned())]);

    let before = app.clock_now();
    let r = app.post("/api/v1/admin/clock/advance", &admin, json!({"minutes": 90})).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let moved: DateTime<Utc> = r.body["now"].as_str().unwrap().parse().unwrap();
    assert!(moved >= before + Duration::minutes(90), "{moved} vs {before}");
    assert!(app.clock_now() >= moved);
    // Tokens follow the server clock: the admin's 15-minute token has expired.
    app.get("/api/v1/me", &admin).await.assert_problem(401, "unauthenticated");

    // A server outside demo mode refuses both switches, even to its admin.
    let production = spawn_sibling(&app, false).await;
    let admin = production.token("admin").await;
    production
        .post("/api/v1/admin/clock/advance", &admin, json!({"minutes": 10}))
        .await
        .assert_problem(403, "demo_only");
    production.post("/api/v1/admin/scheduler/run", &admin, json!({})).await.assert_problem(403, "demo_only");
    let me = production.request(Method::GET, "/api/v1/me", Some(&admin), None).await;
    assert_eq!(me.status, 200);
}

crate::on_both_databases!(
    a_deadline_climbs_the_ladder_as_the_clock_advances,
    an_acknowledgement_is_chased_in_office_minutes,
    a_closed_deadline_sends_nothing,
    a_moved_deadline_runs_its_ladder_again,
    two_servers_send_each_reminder_once,
    the_scheduler_sweeps_by_itself,
    notifications_are_private_and_can_be_marked_read,
    the_time_switch_is_admin_and_demo_only,
);

//! The supervision statistics' counters equal a recount from the sheets: after a seeded random
//! run of sheet transitions over several days and departments (acknowledged in time and late,
//! finished approved and refused, 补正 and resumed, extended, transferred, sent back and
//! re-dispatched, cancelled with their case), for several periods, one department or all, by
//! department and by agent, at the run's end and with the clock moved on; through the API
//! too; and a full recount finds no counter row wrong.

use crate::helpers::*;
use crate::lifecycle::{Directory, case_in_service, directory, get_as};
use butler_persistence::entity::tenant;
use butler_persistence::repo::statistics::{self as repo, GroupBy, SheetCounts, StatisticsFilter, local_day};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde_json::{Value, json};
use uuid::Uuid;

const COLLEAGUE_PASSWORD: &str = "Own-Choice-2027";

/// A small seeded generator (xorshift64*): the same run every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn sorted(mut rows: Vec<SheetCounts>) -> Vec<SheetCounts> {
    rows.sort_by_key(|r| (r.department_id, r.group_id));
    rows
}

/// Counters against the recount for every grouping and each of `periods`, all departments and
/// `department`, at `now`. Returns how many comparisons found sheets (so the run is known to
/// have counted something).
async fn assert_counters_match(
    db: &DatabaseConnection,
    tenant_id: Uuid,
    department: Uuid,
    periods: &[(Option<NaiveDate>, Option<NaiveDate>)],
    now: DateTime<Utc>,
) -> usize {
    let mut with_sheets = 0;
    for &(from, to) in periods {
        for department_id in [None, Some(department)] {
            for group_by in [GroupBy::Department, GroupBy::Assignee] {
                let filter = StatisticsFilter { department_id, from, to };
                let counted = sorted(repo::sheet_counts(db, tenant_id, group_by, &filter, now).await.unwrap());
                let recounted = sorted(repo::recount(db, tenant_id, group_by, &filter, now).await.unwrap());
                assert_eq!(counted, recounted, "{group_by:?} {filter:?} at {now}");
                if !counted.is_empty() {
                    with_sheets += 1;
                }
            }
        }
    }
    with_sheets
}

/// The periods checked: all time, open at either end, one day, a span, and none.
fn periods(days: &[NaiveDate]) -> Vec<(Option<NaiveDate>, Option<NaiveDate>)> {
    let first = days[0];
    let last = *days.last().unwrap();
    let middle = days[days.len() / 2];
    vec![
        (None, None),
        (Some(middle), None),
        (None, Some(middle)),
        (Some(middle), Some(middle)),
        (Some(first), Some(last)),
        (first.succ_opt(), last.pred_opt()),
        (last.succ_opt(), None),
    ]
}

/// The user holding a task, by name (the department's agent when nobody does).
fn holder(d: &Directory, t: &Value, department_agent: &str) -> String {
    let held = t["assignee_id"].as_str();
    d.users
        .iter()
        .find(|(_, id)| Some(id.as_str()) == held)
        .map(|(name, _)| name.clone())
        .unwrap_or_else(|| department_agent.to_owned())
}

/// The department agent of an item, by the plan of `lifecycle::plan`.
fn agent_of(item_name: &str) -> &'static str {
    if item_name.contains("建设用地") {
        "agent-natural-resources"
    } else if item_name.contains("环境影响") {
        "agent-ecology-environment"
    } else if item_name.contains("取水") {
        "agent-water"
    } else {
        "agent-housing-construction"
    }
}

fn leader_of(agent: &str) -> String {
    let department = agent.trim_start_matches("agent-").trim_end_matches("-2");
    format!("leader-{department}")
}

/// One random step on the task `t` of a case; refused steps change nothing (and are fine).
/// `agent-water-2` signs in with the password it chose.
async fn random_step(app: &TestApp, d: &Directory, rng: &mut Rng, t: &Value) {
    let id = t["id"].as_str().unwrap();
    let item = t["item_name"].as_str().unwrap_or("");
    let agent = holder(d, t, agent_of(item));
    let post = |user: String, path: &'static str, body: Value| async move {
        let token = if user == "agent-water-2" {
            let r = app.login_reply("dayao", &user, COLLEAGUE_PASSWORD).await;
            r.body["access_token"].as_str().unwrap().to_owned()
        } else {
            app.token(&user).await
        };
        app.post(&format!("/api/v1/tasks/{id}/{path}"), &token, body).await.status
    };
    let approved = json!({"outcome": "approved", "document_number": format!("姚审〔2026〕{}号", rng.below(999))});
    let status = match (t["state"].as_str().unwrap(), rng.below(12)) {
        ("dispatched", 0) => Some(post(agent, "send-back", json!({"reason": "事项不属本部门办理"})).await),
        ("dispatched", 1..=7) => Some(post(agent, "acknowledge", json!(null)).await),
        ("acknowledged", 0..=2) => Some(post(agent, "finish", approved).await),
        ("acknowledged", 3) => {
            Some(post(agent, "finish", json!({"outcome": "not_approved", "reason": "不符合规划条件"})).await)
        }
        ("acknowledged", 4 | 5) => {
            Some(post(agent, "corrections", json!({"reason": "材料需补正", "materials": ["补充说明材料"]})).await)
        }
        ("acknowledged", 6) => {
            Some(post(leader_of(&agent), "extension", json!({"working_days": 2, "reason": "需现场踏勘"})).await)
        }
        ("acknowledged", 7) if agent == "agent-water" => {
            Some(post(agent, "transfer", json!({"to_user_id": d.users["agent-water-2"]})).await)
        }
        ("paused", 0..=7) => Some(post("enterprise".to_owned(), "corrections/supplied", json!(null)).await),
        ("sent_back", 0..=8) => Some(post("window_agent".to_owned(), "redispatch", json!({})).await),
        _ => None,
    };
    // A refusal is a problem answer, never a server error.
    if let Some(status) = status {
        assert!(status.as_u16() < 500, "{status} on {t}");
    }
}

async fn counters_equal_a_recount_after_random_transitions(backend: Backend) {
    let app = spawn_app(backend).await;
    let db = app.db().await;
    let admin = app.token("admin").await;
    let colleague = app
        .post(
            "/api/v1/users",
            &admin,
            json!({"username": "agent-water-2", "display_name": "钱示例", "role": "department_agent",
                   "department_id": directory(&app).await.departments["water"], "password": "Initial-Pass-2026",
                   "approval_work_since": "2020-01-01"}),
        )
        .await;
    assert_eq!(colleague.status, 201, "{}", colleague.body);
    app.first_sign_in("dayao", "agent-water-2", "Initial-Pass-2026", COLLEAGUE_PASSWORD).await;
    let d = directory(&app).await;
    let tenant_id = tenant::Entity::find().filter(tenant::Column::Code.eq("dayao")).one(&db).await.unwrap().unwrap().id;
    let natural: Uuid = d.departments["natural-resources"].parse().unwrap();

    let mut rng = Rng(0x5eed_2026_1209_0029);
    let mut cases = Vec::new();
    let mut days = Vec::new();
    let mut counted = 0;
    for round in 0..7 {
        // A few hours to two days on: dispatches fall at any hour, some after midnight in the
        // county and some before, and acknowledgements come in time or late.
        app.clock.advance(Duration::minutes(60 + rng.below(47 * 60) as i64));
        cases.push(case_in_service(&app, &d).await);
        days.push(local_day(app.clock_now()));
        for _ in 0..12 {
            app.clock.advance(Duration::minutes(rng.below(240) as i64));
            let case = &cases[rng.below(cases.len() as u64) as usize];
            let view = get_as(&app, "office", &format!("/api/v1/cases/{case}")).await;
            let tasks = view["tasks"].as_array().unwrap();
            if tasks.is_empty() {
                continue;
            }
            let t = tasks[rng.below(tasks.len() as u64) as usize].clone();
            random_step(&app, &d, &mut rng, &t).await;
        }
        if round == 4 {
            // 终止: the open sheets are cancelled and leave the counts.
            let terminated = app
                .post(
                    &format!("/api/v1/cases/{}/terminate", cases[1]),
                    &app.token("office").await,
                    json!({"reason": "企业申请终止"}),
                )
                .await;
            assert_eq!(terminated.status, 200, "{}", terminated.body);
        }
        days.sort();
        days.dedup();
        counted += assert_counters_match(&db, tenant_id, natural, &periods(&days), app.clock_now()).await;
    }
    assert!(counted > 0, "the run counted sheets");
    assert!(days.len() >= 3, "dispatches on several days: {days:?}");

    // Now moves on: what is late or overdue now changes with it, the counters still agree.
    for hours in [1, 9, 30, 24 * 5, 24 * 40] {
        app.clock.advance(Duration::hours(hours));
        assert_counters_match(&db, tenant_id, natural, &periods(&days), app.clock_now()).await;
    }
    // A moment inside today, as the recount reads it, at several times of the day.
    let now = app.clock_now();
    for minutes in [1, 60 * 3, 60 * 10, 60 * 17 + 59] {
        let at = repo::day_start(local_day(now)) + Duration::minutes(minutes);
        assert_counters_match(&db, tenant_id, natural, &periods(&days), at).await;
    }

    // Through the API: the figures are the recount's.
    let office = app.token("office").await;
    let from = days[1];
    let r = app.get(&format!("/api/v1/statistics/sheets?group_by=agent&from={from}"), &office).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let generated_at: DateTime<Utc> = r.body["generated_at"].as_str().unwrap().parse().unwrap();
    let filter = StatisticsFilter { department_id: None, from: Some(from), to: None };
    let recounted = repo::recount(&db, tenant_id, GroupBy::Assignee, &filter, generated_at).await.unwrap();
    let sum = |f: fn(&SheetCounts) -> i64| recounted.iter().map(f).sum::<i64>();
    let total = &r.body["total"];
    assert!(sum(|c| c.received) > 0);
    for (field, expected) in [
        ("received", sum(|c| c.received)),
        ("acknowledged", sum(|c| c.acknowledged)),
        ("acknowledged_on_time", sum(|c| c.acknowledged_on_time)),
        ("unacknowledged_late", sum(|c| c.unacknowledged_late)),
        ("finished", sum(|c| c.finished)),
        ("finished_on_time", sum(|c| c.finished_on_time)),
        ("approved", sum(|c| c.approved)),
        ("open", sum(|c| c.open)),
        ("paused", sum(|c| c.paused)),
        ("overdue_now", sum(|c| c.overdue_now)),
    ] {
        assert_eq!(total[field].as_i64(), Some(expected), "{field}: {total}");
    }
    assert_eq!(r.body["rows"].as_array().unwrap().len(), recounted.len());

    // A full recount of every counter finds none wrong.
    let rebuilt = repo::rebuild_counters(&db).await.unwrap();
    assert!(rebuilt.day_rows > 0 && rebuilt.due_rows > 0, "{rebuilt:?}");
    assert_eq!((rebuilt.day_rows_wrong, rebuilt.due_rows_wrong), (0, 0), "{rebuilt:?}");
}

/// The counters of sheets written around the triggers' expectations are found and mended by
/// the recount: one counter row spoiled by hand is reported and set right.
async fn a_recount_mends_a_spoiled_counter(backend: Backend) {
    let app = spawn_app_with(backend, Options { demo_cases: true, ..Options::default() }).await;
    let db = app.db().await;
    let tenant_id = tenant::Entity::find().filter(tenant::Column::Code.eq("dayao")).one(&db).await.unwrap().unwrap().id;
    let now = app.clock_now();
    let all = StatisticsFilter::default();
    let before = sorted(repo::sheet_counts(&db, tenant_id, GroupBy::Department, &all, now).await.unwrap());
    assert!(!before.is_empty(), "the demo cases have sheets");
    assert_eq!(before, sorted(repo::recount(&db, tenant_id, GroupBy::Department, &all, now).await.unwrap()));
    use sea_orm::ConnectionTrait;
    db.execute_unprepared("UPDATE sheet_day_counts SET received = received + 5 WHERE received > 0").await.unwrap();
    let spoiled = sorted(repo::sheet_counts(&db, tenant_id, GroupBy::Department, &all, now).await.unwrap());
    assert_ne!(spoiled, before);
    let rebuilt = repo::rebuild_counters(&db).await.unwrap();
    assert!(rebuilt.day_rows_wrong > 0, "{rebuilt:?}");
    assert_eq!(sorted(repo::sheet_counts(&db, tenant_id, GroupBy::Department, &all, now).await.unwrap()), before);
    assert_eq!(repo::rebuild_counters(&db).await.unwrap().day_rows_wrong, 0);
}

crate::on_both_databases!(counters_equal_a_recount_after_random_transitions, a_recount_mends_a_spoiled_counter);

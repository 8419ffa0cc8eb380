//! The SIGKILL test: the real server process killed in the middle of 10 000 concurrent writes
//! and restarted on the same database. Every write answered 2xx is there, nothing is half
//! there, every case's chain verifies, and a `createCase` retried with its `Idempotency-Key`
//! is carried out exactly once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use butler_persistence::entity::{case, enterprise, task_sheet};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde_json::json;

use super::process::ServerProcess;
use super::workload::{self, Answered, Ledger, Target};
use crate::helpers::*;
use crate::lifecycle::directory;

/// Writes in all, before and after the kill.
const WRITES: usize = 10_000;
/// Writes answered before the kill.
const KILL_AFTER: usize = 4_000;
/// Clients writing at once.
const CLIENTS: usize = 32;

async fn answered_writes_survive_a_sigkill(backend: Backend) {
    // The in-process server prepares the database (demo county, a catalog the plans fit) and
    // owns its lifetime; the writes go to `butler` processes of their own.
    let app = spawn_app(backend).await;
    let d = Arc::new(directory(&app).await);
    let files = tempfile::tempdir().unwrap();
    let mut server = ServerProcess::start(&app.database_url, files.path());
    let ledger = Arc::new(Ledger::default());

    // Phase 1: many clients write; the server is killed when KILL_AFTER writes are answered.
    let target = Arc::new(Target::sign_in(&server.base).await);
    let halt = Arc::new(AtomicBool::new(false));
    let writers = tokio::spawn(workload::run(target, d.clone(), ledger.clone(), halt.clone(), CLIENTS, WRITES, "a"));
    while ledger.answered_count() < KILL_AFTER {
        assert!(!writers.is_finished(), "the clients stopped early: {:?}", ledger.refused.lock().unwrap());
        tokio::task::yield_now().await;
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    server.kill();
    halt.store(true, Ordering::SeqCst);
    writers.await.unwrap();
    let before_kill = ledger.attempted.load(Ordering::SeqCst).min(WRITES);
    let in_flight = ledger.unanswered.load(Ordering::SeqCst);
    assert!(in_flight > 0, "the kill came while writes were in flight");

    // Restart on the same database.
    let server = ServerProcess::start(&app.database_url, files.path());
    let target = Arc::new(Target::sign_in(&server.base).await);

    // A createCase that got no answer, retried with its key once its reservation counts as
    // abandoned: carried out exactly once (a 201 now, or a 409 saying it was carried out).
    let r = target.send("admin", "/api/v1/admin/clock/advance", &json!({"minutes": 2}), None).await.unwrap();
    assert_eq!(r.0, 200, "{}", r.1);
    let db = app.db().await;
    let unanswered_creates = ledger.unanswered_creates.lock().unwrap().clone();
    for u in &unanswered_creates {
        let (status, body, _) = target.send("enterprise", "/api/v1/cases", &u.body, Some(&u.key)).await.unwrap();
        assert!(status == 201 || status == 409, "{status} {body}");
        let name = u.body["project_name"].as_str().unwrap();
        let count = case::Entity::find().filter(case::Column::ProjectName.eq(name)).count(&db).await.unwrap();
        assert_eq!(count, 1, "`{name}` exists exactly once after the retry ({status} {body})");
    }
    // An answered one retried answers the same again and creates nothing.
    let answered_creates = ledger.answered_creates.lock().unwrap().clone();
    for (key, body, id) in answered_creates.iter().take(5) {
        let (status, again, replayed) = target.send("enterprise", "/api/v1/cases", body, Some(key)).await.unwrap();
        assert_eq!((status, replayed), (201, true), "{again}");
        assert_eq!(again["id"].as_str(), Some(id.to_string().as_str()));
    }

    // Phase 2: the restarted server takes the rest of the writes.
    let halt = Arc::new(AtomicBool::new(false));
    workload::run(target, d.clone(), ledger.clone(), halt, CLIENTS, WRITES, "b").await;

    // Every answered write is there, at least at the version it answered.
    let answered = ledger.answered.lock().unwrap().clone();
    let mut found = 0usize;
    let mut missing = Vec::new();
    for a in &answered {
        let there = match a {
            Answered::Enterprise(id) => enterprise::Entity::find_by_id(*id).one(&db).await.unwrap().is_some(),
            Answered::Case { id, version } => {
                case::Entity::find_by_id(*id).one(&db).await.unwrap().is_some_and(|c| i64::from(c.version) >= *version)
            }
            Answered::Sheet { id, version } => task_sheet::Entity::find_by_id(*id)
                .one(&db)
                .await
                .unwrap()
                .is_some_and(|s| i64::from(s.version) >= *version),
        };
        if there {
            found += 1;
        } else {
            missing.push(a.clone());
        }
    }
    // Nothing half there: every case's chain verifies to its head, and every case's and
    // sheet's state is the one its history last led to.
    let report = butler_app::integrity::check(&db).await.unwrap();
    let refused = ledger.refused.lock().unwrap().clone();
    println!(
        "durability on {backend:?}: writes attempted {}, of them before the kill {before_kill}, answered 2xx {}, \
         found after restart {found}, lost {}; in flight at the kill {in_flight} (createCase among them: {}); \
         refused {}; cases checked {}, history events {}, sheets {}, problems {}",
        ledger.attempted.load(Ordering::SeqCst).min(WRITES),
        answered.len(),
        missing.len(),
        unanswered_creates.len(),
        refused.len(),
        report.cases,
        report.events,
        report.sheets,
        report.problems.len(),
    );
    assert!(missing.is_empty(), "answered writes lost: {missing:?}");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert!(report.intact());
    assert!(refused.is_empty(), "{refused:?}");
    assert!(answered.len() > KILL_AFTER, "the restarted server took writes too");
    db.close().await.ok();
    drop(server);
}

crate::on_both_databases!(answered_writes_survive_a_sigkill);

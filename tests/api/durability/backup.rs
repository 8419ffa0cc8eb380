//! `butler backup` while the server writes, `butler restore` into a fresh file, and
//! `butler verify` finding a tampered history row, on SQLite; on PostgreSQL `butler backup`
//! points to `pg_dump` and `butler verify` checks the database the same way.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use butler_persistence::entity::{case, case_event, enterprise, task_sheet};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use super::workload::{self, Answered, Ledger, Target};
use crate::helpers::*;
use crate::lifecycle::directory;

/// Runs `butler ARGS` on the database at `database_url`: (exit code, what it printed).
fn butler(args: &[&str], database_url: &str) -> (i32, String) {
    let out = std::process::Command::new(crate::dossier::butler_binary())
        .args(args)
        .env_clear()
        .env("BUTLER_DATABASE_URL", database_url)
        .env("RUST_LOG", "error")
        .output()
        .expect("run butler");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.code().unwrap_or(-1), text)
}

/// Changes the payload of one event of the first case with a history; returns the case's number.
async fn tamper(db: &sea_orm::DatabaseConnection) -> String {
    let event = case_event::Entity::find()
        .filter(case_event::Column::Sequence.eq(2))
        .order_by_asc(case_event::Column::Id)
        .one(db)
        .await
        .unwrap()
        .expect("an event to change");
    case_event::Entity::update_many()
        .col_expr(case_event::Column::Payload, sea_orm::sea_query::Expr::value(json!({"note": "改过"})))
        .filter(case_event::Column::Id.eq(event.id))
        .exec(db)
        .await
        .unwrap();
    case::Entity::find_by_id(event.case_id).one(db).await.unwrap().unwrap().number
}

async fn is_there(db: &sea_orm::DatabaseConnection, a: &Answered) -> bool {
    match a {
        Answered::Enterprise(id) => enterprise::Entity::find_by_id(*id).one(db).await.unwrap().is_some(),
        Answered::Case { id, version } => {
            case::Entity::find_by_id(*id).one(db).await.unwrap().is_some_and(|c| i64::from(c.version) >= *version)
        }
        Answered::Sheet { id, version } => {
            task_sheet::Entity::find_by_id(*id).one(db).await.unwrap().is_some_and(|s| i64::from(s.version) >= *version)
        }
    }
}

async fn a_backup_taken_while_writing_restores_and_verifies(backend: Backend) {
    if backend == Backend::Postgres {
        return postgres_is_verified_and_backed_up_by_its_own_tools().await;
    }
    let app = spawn_app(backend).await;
    let d = Arc::new(directory(&app).await);
    let ledger = Arc::new(Ledger::default());
    let target = Arc::new(Target::sign_in(&app.base).await);
    let writers =
        tokio::spawn(workload::run(target, d, ledger.clone(), Arc::new(AtomicBool::new(false)), 8, 1_500, "a"));
    while ledger.answered_count() < 200 {
        assert!(!writers.is_finished(), "the clients stopped early: {:?}", ledger.refused.lock().unwrap());
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    // What was answered before the backup began must be in it.
    let answered_before: Vec<Answered> = ledger.answered.lock().unwrap().clone();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("butler-backup.sqlite");
    let (url, to) = (app.database_url.clone(), file.to_str().unwrap().to_owned());
    let (code, out) = tokio::task::spawn_blocking(move || butler(&["backup", "--to", &to], &url)).await.unwrap();
    let still_writing = !writers.is_finished();
    writers.await.unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(still_writing, "the backup ran while the clients wrote");
    assert!(out.contains("backup written to") && out.contains("intact"), "{out}");
    let (code, out) = butler(&["backup", "--to", file.to_str().unwrap()], &app.database_url);
    assert_ne!(code, 0, "an existing file is never overwritten: {out}");

    // Restored into a fresh file: checked, every chain verifies, the answered writes are there.
    let restored = dir.path().join("restored/butler.sqlite");
    let restored_url = format!("sqlite://{}", restored.display());
    let (code, out) = butler(&["restore", "--from", file.to_str().unwrap()], &restored_url);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("restored") && out.contains("intact: every case's history chain verifies"), "{out}");
    let (code, out) = butler(&["restore", "--from", file.to_str().unwrap()], &restored_url);
    assert_ne!(code, 0, "a restore never overwrites a database: {out}");
    let db = butler_persistence::connect(&restored_url, 1).await.unwrap();
    let mut missing = Vec::new();
    for a in &answered_before {
        if !is_there(&db, a).await {
            missing.push(a.clone());
        }
    }
    assert!(missing.is_empty(), "answered before the backup but not in it: {missing:?}");
    let report = butler_app::integrity::check(&db).await.unwrap();
    assert!(report.intact() && report.cases > 0, "{report:?}");
    assert!(report.migrations.pending().is_empty() && report.migrations.unknown().is_empty());
    println!(
        "backup while writing: {} writes answered before it began, all restored; {} cases, {} events verified",
        answered_before.len(),
        report.cases,
        report.events
    );

    // A changed history row: `verify` names the case and exits 1.
    let number = tamper(&db).await;
    db.close().await.ok();
    let (code, out) = butler(&["verify"], &restored_url);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("BROKEN case {number}")) && out.contains("NOT intact"), "{out}");
    // A tampered backup is not restored.
    let elsewhere = format!("sqlite://{}", dir.path().join("again/butler.sqlite").display());
    let (code, out) = butler(&["restore", "--from", restored.to_str().unwrap()], &elsewhere);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("not restored"), "{out}");
    assert!(!dir.path().join("again/butler.sqlite").exists());
}

/// PostgreSQL: `butler backup` refuses and names `pg_dump`; `butler verify` checks the
/// database in place and finds a tampered row.
async fn postgres_is_verified_and_backed_up_by_its_own_tools() {
    let app = spawn_app_with(Backend::Postgres, Options { demo_cases: true, ..Options::default() }).await;
    if !app.database_url.starts_with("postgres") {
        return; // a deliberately SQLite-only run
    }
    let dir = tempfile::tempdir().unwrap();
    let to = dir.path().join("b.sqlite");
    let (code, out) = butler(&["backup", "--to", to.to_str().unwrap()], &app.database_url);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("pg_dump") && out.contains("pg_restore") && !to.exists(), "{out}");
    let (code, out) = butler(&["verify"], &app.database_url);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("intact"), "{out}");
    let db = app.db().await;
    let number = tamper(&db).await;
    db.close().await.ok();
    let (code, out) = butler(&["verify"], &app.database_url);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(&format!("BROKEN case {number}")), "{out}");
}

crate::on_both_databases!(a_backup_taken_while_writing_restores_and_verifies);

//! The database's own commit rate, the yardstick of sheet transitions.

use butler_persistence::DatabaseConnection;
use sea_orm::ConnectionTrait;
use sea_orm::sea_query::{Alias, Query};
use std::time::Instant;
use uuid::Uuid;

use crate::stats::{WriteResult, ms, stats};

/// The scratch table [`raw_commits`] writes to.
pub const CREATE_TABLE: &str =
    "CREATE TABLE bench_commit (id VARCHAR(36) PRIMARY KEY, client BIGINT NOT NULL, n BIGINT NOT NULL)";

/// Single-row INSERT + COMMIT in a loop (`clients` loops at once) on a scratch table, through
/// the application's own pool setup and write transactions.
pub async fn raw_commits(db: &DatabaseConnection, clients: usize, secs: u64) -> anyhow::Result<WriteResult> {
    let end = Instant::now() + std::time::Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let db = db.clone();
        tasks.spawn(async move {
            let mut lat = Vec::new();
            let mut n = 0i64;
            while Instant::now() < end {
                let t = Instant::now();
                let txn = butler_persistence::begin_write(&db).await?;
                let stmt = Query::insert()
                    .into_table(Alias::new("bench_commit"))
                    .columns([Alias::new("id"), Alias::new("client"), Alias::new("n")])
                    .values([Uuid::now_v7().to_string().into(), (c as i64).into(), n.into()])?
                    .to_owned();
                txn.execute(&stmt).await?;
                txn.commit().await?;
                lat.push(ms(t.elapsed()));
                n += 1;
            }
            Ok::<_, anyhow::Error>(lat)
        });
    }
    let mut all = Vec::new();
    while let Some(r) = tasks.join_next().await {
        all.extend(r??);
    }
    let elapsed = started.elapsed().as_secs_f64();
    let commands = all.len() as u64;
    Ok(WriteResult {
        server_ms: None,
        clients,
        commands,
        errors: 0,
        per_sec: commands as f64 / elapsed,
        lat: stats(all),
        first_error: None,
    })
}

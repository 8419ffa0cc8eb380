//! Every direct use of the application layer (`butler_app`: its context, clock and the
//! reminder sweep, the demo cases) is here. The rest of the benchmark reaches the application
//! through the HTTP API of the server process (`server.rs`), and through these wrappers.

use butler_app::Context;
use butler_app::clock::{Clock, SystemClock};
use butler_app::reminders;
use butler_persistence::DatabaseConnection;
use chrono::{DateTime, Utc};
use std::sync::Arc;

pub use butler_app::reminders::SweepReport;

/// Deadlines the sweep claims per query (the `LIMIT` of its candidate query).
pub const CLAIM_BATCH: u64 = reminders::CLAIM_BATCH;

/// Loads the demo cases (every stage of a case, as `butler serve --demo` does) into the demo
/// county; returns how many.
pub async fn demo_cases(db: &DatabaseConnection, tenant_code: &str) -> anyhow::Result<usize> {
    let clock: Arc<dyn Clock> = Arc::new(SystemClock::default());
    let now = clock.now();
    let app = Context::new(db.clone(), clock, false);
    Ok(butler_server::demo_cases::load(&app, tenant_code, now).await?)
}

/// The reminder sweep, run in-process on a context of its own (as the scheduler does), with
/// its own connection pool on the benchmark's database.
pub struct Sweeper {
    app: Context,
}

impl Sweeper {
    pub async fn new(database_url: &str, pool: u32) -> anyhow::Result<Sweeper> {
        let db = butler_persistence::connect(database_url, pool).await?;
        let clock: Arc<dyn Clock> = Arc::new(SystemClock::default());
        Ok(Sweeper { app: Context::new(db, clock, false) })
    }

    /// The sweeper's connection pool.
    pub fn db(&self) -> &DatabaseConnection {
        &self.app.db
    }

    /// One sweep at `now` (`reminders::sweep`).
    pub async fn sweep(&self, now: DateTime<Utc>) -> anyhow::Result<SweepReport> {
        Ok(reminders::sweep(&self.app, now).await?)
    }
}

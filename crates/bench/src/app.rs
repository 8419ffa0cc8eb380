//! Every direct use of the application layer (`butler_app`: its context, clock and the
//! reminder sweep) is here. The rest of the benchmark reaches the application through the
//! HTTP API of the server that [`start_server`] starts, and through these wrappers.

use butler_app::Context;
use butler_app::clock::{Clock, SystemClock};
use butler_app::reminders;
use butler_persistence::DatabaseConnection;
use butler_server::config::Settings;
use chrono::{DateTime, Utc};
use std::sync::Arc;

pub use butler_app::reminders::SweepReport;

/// Deadlines the sweep claims per query (the `LIMIT` of its candidate query).
pub const CLAIM_BATCH: u64 = reminders::CLAIM_BATCH;

/// Starts the real server in-process on `settings` with the system clock, without the demo
/// (the benchmark has loaded it already).
pub async fn start_server(settings: &Settings) -> anyhow::Result<butler_server::Running> {
    Ok(butler_server::start(settings, false, Arc::new(SystemClock::default())).await?)
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

//! Every direct use of the application layer (`butler_http` today: its state, clock and the
//! reminder sweep) is here, so that moving them to another crate changes this file alone.
//! The rest of the benchmark reaches the application through the HTTP API of the server that
//! [`start_server`] starts, and through these wrappers.

use butler_http::clock::{Clock, SystemClock};
use butler_http::service::reminders;
use butler_http::{AppState, AuthSettings};
use butler_persistence::DatabaseConnection;
use butler_server::config::Settings;
use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;

pub use butler_http::service::reminders::SweepReport;

/// Deadlines the sweep claims per query (the `LIMIT` of its candidate query).
pub const CLAIM_BATCH: u64 = reminders::CLAIM_BATCH;

/// Starts the real server in-process on `settings` with the system clock, without the demo
/// (the benchmark has loaded it already).
pub async fn start_server(settings: &Settings) -> anyhow::Result<butler_server::Running> {
    Ok(butler_server::start(settings, false, Arc::new(SystemClock::default())).await?)
}

/// The reminder sweep, run in-process on state of its own (as the scheduler does), with its
/// own connection pool on the benchmark's database.
pub struct Sweeper {
    state: AppState,
}

impl Sweeper {
    pub async fn new(database_url: &str, pool: u32, jwt_secret: &[u8]) -> anyhow::Result<Sweeper> {
        let db = butler_persistence::connect(database_url, pool).await?;
        let clock: Arc<dyn Clock> = Arc::new(SystemClock::default());
        let auth = AuthSettings {
            jwt_secret: jwt_secret.to_vec(),
            access_ttl: Duration::minutes(15),
            refresh_ttl: Duration::hours(12),
            max_failed_logins: 5,
            lockout: Duration::minutes(15),
            login_attempts_per_ip_per_minute: 20,
        };
        Ok(Sweeper { state: AppState::new(db, clock, auth, None, false) })
    }

    /// The sweeper's connection pool.
    pub fn db(&self) -> &DatabaseConnection {
        &self.state.db
    }

    /// One sweep at `now` (`reminders::sweep`).
    pub async fn sweep(&self, now: DateTime<Utc>) -> anyhow::Result<SweepReport> {
        Ok(reminders::sweep(&self.state, now).await?)
    }
}

//! The background workers: the reminder scheduler runs the reminder sweep (督办), then removes
//! the audit entries past their retention, every `scheduler_interval_secs`, the delivery worker drains the outbox every
//! `delivery.interval_ms`, both with the server's clock. Several server processes may run
//! them against one database: claims and dedupe keys make every reminder and every message
//! go out once.

use butler_app::Context;
use butler_app::audit_log;
use butler_app::delivery::drain;
use butler_app::reminders;
use butler_app::webhooks::fanout;
use std::time::{Duration, Instant};
use tokio::task::JoinHandle;
use tokio::time::MissedTickBehavior;

/// Runs `round` every `every` (the first at once). A round longer than `every` delays the
/// next; a failed one is logged by the round itself and the next runs on time.
fn run_every<F, Fut>(every: Duration, mut round: F) -> JoinHandle<()>
where
    F: FnMut() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = ()> + Send,
{
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(every);
        ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            round().await;
        }
    })
}

/// Starts sweeping every `every` (the first sweep runs at once); each sweep also removes the
/// audit entries past the configured retention. A failed sweep is logged
/// and the next one runs on time; a sweep longer than `every` delays the next.
pub fn spawn(app: Context, every: Duration) -> JoinHandle<()> {
    run_every(every, move || {
        let app = app.clone();
        async move {
            let started = Instant::now();
            let now = app.clock.now();
            match reminders::sweep(&app, now).await {
                Ok(report) if report.is_empty() => {
                    tracing::debug!(at = %now, "reminder sweep: nothing due");
                }
                Ok(report) => tracing::info!(
                    at = %now,
                    deadlines = report.deadlines,
                    steps = report.steps,
                    notifications = report.notifications,
                    closed = report.closed,
                    lost = report.lost,
                    failed = report.failed,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "reminder sweep"
                ),
                Err(err) => tracing::error!(error = %err, "reminder sweep failed"),
            }
            match audit_log::purge(&app, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(removed = n, "audit entries past their retention removed"),
                Err(err) => tracing::error!(error = %err, "removing audit entries past their retention failed"),
            }
        }
    })
}

/// Starts draining the delivery outbox every `every` (the first drain at once), after feeding
/// webhook subscriptions their new events. A failed round is logged and the next one runs on
/// time.
pub fn spawn_delivery(app: Context, every: Duration) -> JoinHandle<()> {
    run_every(every, move || {
        let app = app.clone();
        async move {
            let started = Instant::now();
            let now = app.clock.now();
            // Subscriptions first: their new events join this drain.
            match fanout::fan_out(&app, now).await {
                Ok(report) if report.is_empty() => {}
                Ok(report) => tracing::info!(
                    subscriptions = report.subscriptions,
                    events = report.events,
                    deliveries = report.deliveries,
                    lost = report.lost,
                    "webhook fan-out"
                ),
                Err(err) => tracing::error!(error = %err, "webhook fan-out failed"),
            }
            match drain::drain(&app, now).await {
                Ok(report) if report.is_empty() => {}
                Ok(report) => tracing::info!(
                    claimed = report.claimed,
                    delivered = report.delivered,
                    retried = report.retried,
                    dead = report.dead,
                    postponed = report.postponed,
                    lost = report.lost,
                    failed = report.failed,
                    elapsed_ms = started.elapsed().as_millis() as u64,
                    "delivery drain"
                ),
                Err(err) => tracing::error!(error = %err, "delivery drain failed"),
            }
        }
    })
}

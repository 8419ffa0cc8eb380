//! The reminder sweep with few deadlines due among many open ones.

use butler_persistence::entity::deadline;
use butler_persistence::repo::deadlines;
use chrono::{DateTime, Duration, Utc};
use rand::Rng;
use rand::rngs::SmallRng;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DbBackend, EntityTrait, PaginatorTrait, QueryFilter, Statement};
use std::time::Instant;

use crate::app::{CLAIM_BATCH, Sweeper};
use crate::load::Loaded;
use crate::log;
use crate::stats::{Stats, ms, stats};

/// Sweeps of one step: with `due` deadlines made due, and with nothing due.
pub struct SweepResult {
    pub open_deadlines: u64,
    pub due: usize,
    pub sweep: Stats,
    pub empty: Stats,
    pub notifications: u32,
    pub deadlines_claimed: u32,
}

/// `reps` times: makes `due` open finishing deadlines due (taken from `loaded`), sweeps, then
/// sweeps again with nothing due.
pub async fn measure_sweep(
    sweeper: &Sweeper,
    loaded: &mut Loaded,
    due: usize,
    reps: usize,
    rng: &mut SmallRng,
) -> anyhow::Result<SweepResult> {
    let db = sweeper.db();
    let open_deadlines = deadline::Entity::find().filter(deadline::Column::ClosedAt.is_null()).count(db).await?;
    let mut sweep = Vec::new();
    let mut empty = Vec::new();
    let mut notifications = 0;
    let mut claimed = 0;
    // A first empty sweep drains whatever is due already (nothing, normally).
    sweeper.sweep(Utc::now()).await?;
    for _ in 0..reps {
        let mut ids = Vec::with_capacity(due);
        while ids.len() < due && !loaded.finish_deadlines.is_empty() {
            let i = rng.random_range(0..loaded.finish_deadlines.len());
            ids.push(loaded.finish_deadlines.swap_remove(i));
        }
        let now = Utc::now();
        deadline::Entity::update_many()
            .col_expr(deadline::Column::NextStepAt, Expr::value(Some(now - Duration::seconds(1))))
            .filter(deadline::Column::Id.is_in(ids))
            .exec(db)
            .await?;
        let t = Instant::now();
        let report = sweeper.sweep(now).await?;
        sweep.push(ms(t.elapsed()));
        notifications += report.notifications;
        claimed += report.deadlines;
        let t = Instant::now();
        let report = sweeper.sweep(Utc::now()).await?;
        empty.push(ms(t.elapsed()));
        if report.deadlines != 0 {
            log(format!("  note: an 'empty' sweep found {} deadlines", report.deadlines));
        }
    }
    Ok(SweepResult {
        open_deadlines,
        due,
        sweep: stats(sweep),
        empty: stats(empty),
        notifications: notifications / reps.max(1) as u32,
        deadlines_claimed: claimed / reps.max(1) as u32,
    })
}

/// The candidate query of the sweep's claim (`repo::deadlines::claim_due`), as the sweep runs
/// it at `now`, for EXPLAIN.
pub fn claim_statement(backend: DbBackend, now: DateTime<Utc>) -> Statement {
    backend.build(&deadlines::claim_candidates(now, CLAIM_BATCH))
}

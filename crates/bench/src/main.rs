//! `butler-bench`: the performance benchmark of Project Butler (see `docs/benchmarks.md`).
//!
//! On a fresh database (an SQLite file, or a PostgreSQL database `bench_<pid>_<time>` created
//! from an administrative URL and dropped afterwards) it migrates, loads the demo county,
//! bulk-loads task sheets with their cases, plan items, butler teams, hash-chained history and
//! open deadlines, starts the real server in-process and measures, over HTTP:
//!
//! * `getCase` latency under concurrent clients (closed loop, fixed duration);
//! * the work queues (`listTasks`), first page and a deep page, with their query plans;
//! * the supervision statistics (`getSheetStatistics`), by department and by agent;
//! * sheet transitions (acknowledge + finish) against the database's raw commit rate;
//! * the reminder sweep with few deadlines due among many open ones.
//!
//! With `--dossier` it measures only the export of one case's dossier archive ([`dossier`]);
//! with `--delivery` only the delivery worker's throughput and backlog drain ([`delivery`]).
//!
//! Loading happens in steps (by default a tenth of the sheets, then all of them) and the
//! read-side measurements run after each step, so their growth with the data is visible.
//! The report is Markdown, printed on standard output (and written to `--out`).
//!
//! Modules: [`target`] makes and drops the database; [`world`] reads the demo county and
//! [`load`] generates and bulk-loads the sheets around it; [`http`] drives the server (getCase,
//! transitions, statistics), [`queues`] the work queues, [`sweep`] the reminder sweep and
//! [`baseline`] the database's raw commit rate; [`stats`] and [`report`] make the figures and the
//! Markdown; [`run`] puts the steps together. [`app`] is the one place that calls the
//! application layer (`butler_http`) directly.

mod app;
mod baseline;
mod create_case;
mod delivery;
mod dossier;
mod http;
mod load;
mod queues;
mod report;
mod run;
mod stats;
mod sweep;
mod target;
mod world;

use anyhow::{Context, bail};
use chrono::Utc;
use clap::Parser;
use std::path::PathBuf;

/// The password of the demo accounts the benchmark signs in with.
const PASSWORD: &str = "butler-demo";
/// Sheets per case (one plan item each).
const SHEETS_PER_CASE: usize = 10;

#[derive(Parser, Debug)]
#[command(name = "butler-bench", about = "Project Butler performance benchmark (docs/benchmarks.md)")]
pub struct Args {
    /// `sqlite://path/file.sqlite` (must not exist unless --overwrite) or a PostgreSQL URL
    /// with the right to create databases (a fresh `bench_…` database is made and dropped).
    #[arg(long)]
    pub database_url: String,
    /// Task sheets to load (over sheets/10 cases).
    #[arg(long, default_value_t = 1_000_000)]
    pub sheets: u64,
    /// Loading steps as fractions of --sheets; the measurements run after each step.
    #[arg(long, default_value = "0.1,1", value_delimiter = ',')]
    pub steps: Vec<f64>,
    /// Concurrent clients for getCase and for transitions.
    #[arg(long, default_value_t = 16)]
    pub clients: usize,
    /// Seconds of each getCase run (after 2 s of warm-up).
    #[arg(long, default_value_t = 20)]
    pub read_secs: u64,
    /// Seconds of each transition and raw-commit run.
    #[arg(long, default_value_t = 10)]
    pub write_secs: u64,
    /// Requests per queue page measurement (sequential, one client).
    #[arg(long, default_value_t = 200)]
    pub queue_requests: usize,
    /// Deadlines made due per sweep measurement.
    #[arg(long, default_value_t = 50)]
    pub due: usize,
    /// Sweep measurements per step.
    #[arg(long, default_value_t = 7)]
    pub sweeps: usize,
    /// Connection pool size of the server (and of the benchmark's own pool).
    #[arg(long, default_value_t = 10)]
    pub pool: u32,
    /// Server HTTP workers (0: one per core, the release default).
    #[arg(long, default_value_t = 0)]
    pub workers: usize,
    /// Keep the database afterwards.
    #[arg(long)]
    pub keep: bool,
    /// Replace an existing SQLite file.
    #[arg(long)]
    pub overwrite: bool,
    /// Also write the Markdown report here.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// Measure only the dossier (一事一档) export, of one case shaped by the `--dossier-*`
    /// options.
    #[arg(long)]
    pub dossier: bool,
    /// Task sheets of the dossier's case.
    #[arg(long, default_value_t = 40)]
    pub dossier_sheets: usize,
    /// Material and result files in the dossier.
    #[arg(long, default_value_t = 100)]
    pub dossier_files: usize,
    /// Size of each of those files, in KiB.
    #[arg(long, default_value_t = 2048)]
    pub dossier_file_kb: usize,
    /// Exports measured.
    #[arg(long, default_value_t = 3)]
    pub dossier_runs: usize,
    /// Seconds of each `createCase` run (1 client, then `--clients`) after the transitions;
    /// 0 leaves it out.
    #[arg(long, default_value_t = 0)]
    pub create_case_secs: u64,
    /// Measure only the delivery worker: throughput and the drain of a backlog.
    #[arg(long)]
    pub delivery: bool,
    /// Messages of the throughput run.
    #[arg(long, default_value_t = 2000)]
    pub delivery_messages: usize,
    /// Messages of the backlog written while the receiver is down.
    #[arg(long, default_value_t = 10_000)]
    pub delivery_backlog: usize,
    /// Deliveries claimed per query.
    #[arg(long, default_value_t = 200)]
    pub delivery_batch: u64,
    /// Sends in flight at once.
    #[arg(long, default_value_t = 32)]
    pub delivery_concurrency: usize,
}

/// A progress line on standard error.
fn log(msg: impl AsRef<str>) {
    eprintln!("[butler-bench {}] {}", Utc::now().format("%H:%M:%S"), msg.as_ref());
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.sheets < (SHEETS_PER_CASE as u64) * 10 {
        bail!("--sheets must be at least {}", SHEETS_PER_CASE * 10);
    }
    let target = target::prepare(&args).await?;
    log(format!("database: {}", target.label));
    let result = if args.dossier {
        dossier::run(&args, &target).await
    } else if args.delivery {
        delivery::run(&args, &target).await
    } else {
        run::run(&args, &target).await
    };
    if args.keep {
        log(format!("kept the database: {}", target.url));
    } else {
        target::discard(&target).await;
    }
    let report = result?;
    println!("{report}");
    if let Some(out) = &args.out {
        std::fs::write(out, &report).with_context(|| format!("writing {}", out.display()))?;
    }
    Ok(())
}

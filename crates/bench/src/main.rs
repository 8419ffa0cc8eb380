//! `butler-bench`: the performance benchmark of Project Butler (see `docs/benchmarks.md`).
//!
//! On a fresh database (an SQLite file, or a PostgreSQL database `bench_<pid>_<time>` created
//! from an administrative URL and dropped afterwards) it migrates, loads the demo county with
//! its demo cases, spawns the release server (`butler serve`) as a process of its own and
//! measures the demo county; then it bulk-loads task sheets with their cases, plan items,
//! butler teams, hash-chained history and open deadlines, and measures again, over HTTP:
//!
//! * the ceiling (`/healthz`), then `getCase`, `getTask` and `listTasks`' first page at one
//!   client and under concurrent clients, as the roles that use them;
//! * the work queues (`listTasks`), first page and a deep page, with their query plans;
//! * the supervision statistics (`getSheetStatistics`) for several periods and groupings;
//! * sheet transitions (acknowledge + finish) against the database's raw commit rate, and
//!   `createCase` as the window on fresh enterprises;
//! * the reminder sweep with few deadlines due among many open ones;
//! * the server process's resident memory after each step, its start-to-ready time on the
//!   loaded database, and what the browser receives (compression, caching, Lighthouse).
//!
//! The report opens with one table of every goal (figure, same-run baseline, ratio, verdict;
//! [`goals`], [`summary`]) over every `--database-url` given, then each database's details.
//! With `--dossier` it measures only the export of one case's dossier archive ([`dossier`]);
//! with `--delivery` only the delivery worker's throughput and backlog drain ([`delivery`]).
//!
//! Loading happens in steps (by default a tenth of the sheets, then all of them) and the
//! read-side measurements run after each step, so their growth with the data is visible.
//! The report is Markdown, printed on standard output (and written to `--out`).
//!
//! Modules: [`target`] makes and drops the database; [`world`] reads the demo county and
//! [`load`] generates and bulk-loads the sheets around it; [`server`] spawns the server
//! process; [`http`] drives it (reads, transitions, statistics), [`intake`] creates cases,
//! [`queues`] measures the work queues, [`browser`] the web app's delivery, [`sweep`] the
//! reminder sweep and [`baseline`] the database's raw commit rate; [`stats`], [`report`],
//! [`goals`] and [`summary`] make the figures and the Markdown; [`run`] puts the steps
//! together. [`app`] is the one place that calls the application layer directly.

mod app;
mod baseline;
mod browser;
mod delivery;
mod dossier;
mod goals;
mod http;
mod intake;
mod load;
mod queues;
mod report;
mod run;
mod server;
mod stats;
mod summary;
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
    /// Repeat it to measure several databases one after the other into one table.
    #[arg(long, required = true)]
    pub database_url: Vec<String>,
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
    /// Requests per `getSheetStatistics` measurement (sequential, one client).
    #[arg(long, default_value_t = 20)]
    pub stat_requests: usize,
    /// Timed starts of the server on the loaded database (the median is reported).
    #[arg(long, default_value_t = 5)]
    pub starts: usize,
    /// The `butler` binary to spawn (default: `butler` next to this binary).
    #[arg(long)]
    pub server_bin: Option<PathBuf>,
    /// The built web app the server serves (its compression and caching are measured).
    #[arg(long, default_value = "frontend/dist")]
    pub web_dir: PathBuf,
    /// The script that prints the portal's Lighthouse score, called with the server's URL
    /// (skipped when absent).
    #[arg(long, default_value = "scripts/lighthouse")]
    pub lighthouse: PathBuf,
    /// A small, short run (10 k sheets in one step, 2 s runs), to check the instrument; its
    /// figures are not for comparison.
    #[arg(long)]
    pub quick: bool,
    /// Keep the database afterwards.
    #[arg(long)]
    pub keep: bool,
    /// Replace an existing SQLite file.
    #[arg(long)]
    pub overwrite: bool,
    /// Append the spawned server's log here (kept; by default it goes with the run's scratch
    /// folder). With `BUTLER_DATABASE_SLOW_STATEMENT_MS` in the environment, it holds every
    /// statement slower than that, with its time.
    #[arg(long)]
    pub server_log: Option<PathBuf>,
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

impl Args {
    /// `--quick`: a small load and short runs.
    fn quicken(&mut self) {
        self.sheets = 10_000;
        self.steps = vec![1.0];
        self.read_secs = 2;
        self.write_secs = 2;
        self.queue_requests = 20;
        self.stat_requests = 5;
        self.sweeps = 2;
        self.starts = 3;
    }
}

/// The first three fields of `/proc/loadavg`.
fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first line `program args…` prints, or "unknown".
fn version_of(program: &str, args: &[&str]) -> String {
    std::process::Command::new(program)
        .args(args)
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8_lossy(&o.stdout).lines().next().map(|l| l.trim().to_owned()))
        .unwrap_or_else(|| "unknown".to_owned())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = Args::parse();
    if args.quick {
        args.quicken();
    }
    if args.sheets < (SHEETS_PER_CASE as u64) * 10 {
        bail!("--sheets must be at least {}", SHEETS_PER_CASE * 10);
    }
    let load_before = loadavg();
    let started = Utc::now();
    let lighthouse = args.lighthouse.is_file().then_some(args.lighthouse.as_path());
    let mut per_database = Vec::new();
    let mut details = String::new();
    let mut labels = Vec::new();
    for url in &args.database_url {
        let target = target::prepare(url, args.overwrite).await?;
        log(format!("database: {}", target.label));
        let result = if args.dossier {
            dossier::run(&args, &target).await.map(|md| (md, None))
        } else if args.delivery {
            delivery::run(&args, &target).await.map(|md| (md, None))
        } else {
            run::run(&args, &target, lighthouse)
                .await
                .map(|r| (r.markdown.clone(), Some(goals::rows(target.name(), &r))))
        };
        if args.keep {
            log(format!("kept the database: {}", target.url));
        } else {
            target::discard(&target).await;
        }
        let (markdown, rows) = result?;
        details.push_str(&markdown);
        details.push('\n');
        labels.push(target.label.clone());
        per_database.extend(rows);
    }
    let mut report = String::new();
    if !per_database.is_empty() {
        let rows = summary::interleave(&per_database);
        report.push_str(&format!(
            "## butler-bench {started}\n\n\
             - machine: {}\n\
             - load average (1, 5, 15 min): {load_before} before, {} after\n\
             - versions: butler {} ({}), {}; databases: {}\n\
             - data: {} sheets at the largest step ({} cases), besides the demo county's own cases\n\n",
            report::machine(),
            loadavg(),
            env!("CARGO_PKG_VERSION"),
            version_of("git", &["describe", "--always", "--dirty"]),
            version_of("rustc", &["--version"]),
            labels.join("; "),
            stats::thousands(args.sheets),
            stats::thousands(args.sheets / SHEETS_PER_CASE as u64),
            started = started.format("%Y-%m-%d %H:%M UTC"),
        ));
        report.push_str(&summary::render(&rows));
        report.push('\n');
    }
    report.push_str(&details);
    println!("{report}");
    if let Some(out) = &args.out {
        std::fs::write(out, &report).with_context(|| format!("writing {}", out.display()))?;
    }
    Ok(())
}

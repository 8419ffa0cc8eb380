//! One database's run: migrate, load the demo county with its demo cases, spawn the server
//! process, measure the demo county, then per loading step load and measure; at the end what
//! the browser receives and the server's start time.

use butler_persistence::entity::{case, task_sheet};
use butler_persistence::repo::{cases, sheets};
use butler_persistence::{DatabaseConnection, PageRequest};
use butler_server::demo;
use chrono::{SubsecRound, Utc};
use rand::SeedableRng;
use rand::rngs::SmallRng;
use sea_orm::sea_query::{Expr, Order};
use sea_orm::{ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

use crate::app::{self, Sweeper};
use crate::baseline::{self, raw_commits};
use crate::browser::{self, Browser};
use crate::http::{Api, LoadResult, Requests, Tokens, closed_loop, measure_statistics, sign_in, transitions};
use crate::intake;
use crate::load::{Loaded, load_cases};
use crate::queues::{QueueResult, measure_queue, queue_specs};
use crate::report::render;
use crate::server::{self, ServerSpec};
use crate::stats::{Stats, WriteResult, thousands};
use crate::sweep::{SweepResult, claim_statement, measure_sweep};
use crate::target::{Target, database_bytes, explain};
use crate::world::{World, world};
use crate::{Args, PASSWORD, SHEETS_PER_CASE, log};

/// A read measured at one client and at `--clients` clients.
pub struct ReadRun {
    pub name: &'static str,
    pub who: String,
    pub single: LoadResult,
    pub many: LoadResult,
}

/// The figures of one step: the demo county alone, then each loading step.
pub struct StepReport {
    pub label: String,
    /// The demo county without the bulk load (reads and statistics only).
    pub demo: bool,
    pub sheets: u64,
    pub cases: u64,
    pub open_sheets: u64,
    pub load_secs: f64,
    pub rows: u64,
    pub db_bytes: u64,
    /// `/healthz` at `--clients` connections: the ceiling of the server's throughput.
    pub ceiling: LoadResult,
    pub reads: Vec<ReadRun>,
    pub queues: Vec<QueueResult>,
    pub statistics: Vec<(String, Stats)>,
    pub sweep: Option<SweepResult>,
    pub transitions: Option<(WriteResult, WriteResult)>,
    pub raw: Option<(WriteResult, WriteResult)>,
    pub create_cases: Option<WriteResult>,
    /// The server's (resident, peak) memory in KiB after the step's reads and writes.
    pub memory_kb: Option<(u64, u64)>,
}

/// What one database's run measured.
pub struct DatabaseRun {
    pub steps: Vec<StepReport>,
    pub start_secs: Vec<f64>,
    pub browser: Option<Browser>,
    pub markdown: String,
}

/// Runs the benchmark on `target`.
pub async fn run(args: &Args, target: &Target, lighthouse: Option<&Path>) -> anyhow::Result<DatabaseRun> {
    let db = butler_persistence::connect(&target.url, args.pool).await?;
    butler_persistence::migrate(&db).await?;
    let t = Instant::now();
    demo::load(&db, &butler_app::pii::Keyring::demo(), &demo::DEMO_COUNTY, PASSWORD, Utc::now()).await?;
    let demo_cases = app::demo_cases(&db, demo::DEMO_COUNTY.code).await?;
    log(format!("migrated and loaded the demo county with {demo_cases} cases in {:.1} s", t.elapsed().as_secs_f64()));
    let w = Arc::new(world(&db).await?);
    db.execute_unprepared(baseline::CREATE_TABLE).await?;

    let scratch = tempfile::tempdir()?;
    let mut spec = ServerSpec::new(
        args.server_bin.clone().unwrap_or_else(default_server_bin),
        &target.url,
        args.pool,
        args.workers,
        args.web_dir.clone(),
        scratch.path(),
    );
    if let Some(log) = &args.server_log {
        spec.log = log.clone();
    }
    let server = server::spawn(&spec).await?;
    let base = server.base.clone();
    let api = Api::new(&base)?;
    log(format!("server (pid {}) on {base}, ready in {:.3} s", server.pid(), server.start_secs));

    // The sweep runs in-process on its own state (as the scheduler does), on the same settings.
    let sweeper = Sweeper::new(&target.url, args.pool).await?;

    // The department with the most catalog items carries the most sheets: its queues are the
    // longest.
    let mut per_dept = vec![0usize; w.depts.len()];
    for c in &w.catalog {
        per_dept[c.dept] += 1;
    }
    let busiest = per_dept.iter().enumerate().max_by_key(|(_, n)| **n).map(|(i, _)| i).unwrap_or(0);

    let total_cases = args.sheets / SHEETS_PER_CASE as u64;
    let mut steps: Vec<u64> =
        args.steps.iter().map(|f| ((total_cases as f64 * f.clamp(0.0, 1.0)).round() as u64).max(1)).collect();
    steps.sort_unstable();
    steps.dedup();
    steps.insert(0, 0);
    let mut loaded = Loaded::default();
    let mut rng = SmallRng::seed_from_u64(7);
    let mut reports = Vec::new();
    let mut plans = String::new();
    let mut load_total = 0.0;
    let mut loaded_cases = 0u64;
    let mut enterprise_seq = 0u64;
    for &cases_at in &steps {
        let is_demo = cases_at == 0;
        let label = if is_demo {
            "demo county".to_owned()
        } else {
            format!("{} sheets", thousands(cases_at * SHEETS_PER_CASE as u64))
        };
        let mut load_secs = 0.0;
        if !is_demo {
            log(format!("loading up to {label} ({cases_at} cases)"));
            let now = Utc::now().trunc_subsecs(0);
            let t = Instant::now();
            load_cases(&db, w.clone(), loaded_cases, cases_at, now, &mut loaded).await?;
            load_secs = t.elapsed().as_secs_f64();
            load_total += load_secs;
            loaded_cases = cases_at;
        } else {
            log("the demo county");
        }
        if target.backend == DbBackend::Postgres {
            // What autovacuum would do after a load this size. (SQLite keeps no statistics: the
            // queries are written so that its planner's rules choose their indexes.)
            let t = Instant::now();
            db.execute_unprepared("ANALYZE").await?;
            log(format!("  ANALYZE took {:.1} s", t.elapsed().as_secs_f64()));
        }
        let rows =
            loaded.sheets + loaded.items + loaded.events + loaded.deadlines + loaded.team + loaded.cases.len() as u64;
        let db_bytes = database_bytes(target, &db).await;
        log(format!("  {label}: {load_secs:.1} s to load ({} MB)", db_bytes / 1_000_000));

        let tokens = sign_in(&api, &w).await?;
        let now = Utc::now();

        log("  reads: the /healthz ceiling, getCase, getTask, listTasks");
        let (ceiling, reads) = measure_reads(args, &db, &base, &w, &tokens, busiest, &loaded).await?;

        let mut queues = Vec::new();
        if !is_demo {
            log("  work queues");
            for q in queue_specs(&w, &tokens, busiest, now) {
                queues.push(measure_queue(&db, &api, w.tenant_id, &q, args.queue_requests, &mut plans, &label).await?);
            }
            if target.backend == DbBackend::Postgres || steps.last() == Some(&cases_at) {
                let stmt = claim_statement(target.backend, Utc::now());
                writeln!(plans, "\n#### {label}: the sweep's claim (candidates of `claim_due`)\n\n```text")?;
                plans.push_str(&explain(&db, &stmt).await?);
                plans.push_str("```\n");
            }
            if let Some(id) = loaded.cases.first() {
                let backend = target.backend;
                let stmt = sheets::for_case_select(*id).build(backend);
                writeln!(plans, "\n#### {label}: getCase's sheets of a case\n\n```text")?;
                plans.push_str(&explain(&db, &stmt).await?);
                plans.push_str("```\n");
                // listTasks' lookup of the cases of a page (`repo::cases::get_many`).
                let page: Vec<Uuid> = loaded.cases.iter().step_by(97).take(50).copied().collect();
                let stmt = cases::get_many_select(&page).build(backend);
                writeln!(plans, "\n#### {label}: listTasks' cases of a page (50 ids)\n\n```text")?;
                plans.push_str(&explain(&db, &stmt).await?);
                plans.push_str("```\n");
            }
        }

        log("  statistics");
        let statistics = measure_statistics(&api, &tokens, &w, busiest, args.stat_requests).await?;

        let (mut sweep, mut raw, mut transitions_run, mut create_cases) = (None, None, None, None);
        if !is_demo {
            log("  reminder sweep");
            sweep = Some(measure_sweep(&sweeper, &mut loaded, args.due, args.sweeps, &mut rng).await?);

            log("  raw commits and transitions");
            let raw1 = raw_commits(&db, 1, args.write_secs).await?;
            let raw_n = raw_commits(&db, args.clients, args.write_secs).await?;
            let (t1, tn) = measure_transitions(args, &base, &tokens, &mut loaded).await?;
            raw = Some((raw1, raw_n));
            transitions_run = Some((t1, tn));

            log("  createCase on fresh enterprises");
            let n = (args.clients as u64 * args.write_secs * 150).max(args.clients as u64);
            let fresh = intake::fresh_enterprises(&db, &w, enterprise_seq, n).await?;
            enterprise_seq += n;
            let created =
                intake::create_cases(&base, &w, &tokens.window, &fresh, args.clients, args.write_secs).await?;
            if let Some(e) = &created.first_error {
                log(format!("  createCase error: {e}"));
            }
            create_cases = Some(created);
        }
        let memory_kb = server.memory_kb();
        reports.push(StepReport {
            label,
            demo: is_demo,
            sheets: loaded.sheets,
            cases: loaded.cases.len() as u64,
            open_sheets: loaded.open_sheets,
            load_secs,
            rows,
            db_bytes,
            ceiling,
            reads,
            queues,
            statistics,
            sweep,
            transitions: transitions_run,
            raw,
            create_cases,
            memory_kb,
        });
    }

    log("what the browser receives");
    let tokens = sign_in(&api, &w).await?;
    let json_path = format!("/api/v1/tasks?queue=department&limit={}", PageRequest::DEFAULT_LIMIT);
    let browser = match browser::measure(
        &api,
        &args.web_dir,
        &json_path,
        &tokens.by_dept[busiest],
        lighthouse,
        &spec.bin,
    )
    .await
    {
        Ok(b) => Some(b),
        Err(e) => {
            log(format!("  browser figures failed: {e}"));
            None
        }
    };
    server.stop().await?;
    log(format!("{} starts of the server on the loaded database", args.starts));
    let start_secs = server::start_times(&spec, args.starts).await?;

    let markdown = render(args, target, &w, busiest, &reports, &plans, load_total);
    Ok(DatabaseRun { steps: reports, start_secs, browser, markdown })
}

/// The ceiling (`/healthz`, no database) and the three reads, each at one client and at
/// `--clients`: `getCase` as `office` on random cases, `getTask` on random sheets as their
/// department's agent, and the first page of the busiest department's queue as its agent.
async fn measure_reads(
    args: &Args,
    db: &DatabaseConnection,
    base: &str,
    w: &World,
    tokens: &Tokens,
    busiest: usize,
    loaded: &Loaded,
) -> anyhow::Result<(LoadResult, Vec<ReadRun>)> {
    let mut all_tokens = vec![String::new(), tokens.office.clone()];
    all_tokens.extend(tokens.by_dept.iter().cloned());
    let all_tokens = Arc::new(all_tokens);
    let (anonymous, office, agent) = (0, 1, |dept: usize| 2 + dept);
    let case_ids = if loaded.cases.is_empty() { sample_cases(db, w.tenant_id).await? } else { loaded.cases.clone() };
    let dept_of: std::collections::HashMap<Uuid, usize> = w.depts.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let sheets = sample_sheets(db, w.tenant_id).await?;
    let requests =
        |route, paths: Vec<(String, usize)>| Requests { route, paths: Arc::new(paths), tokens: all_tokens.clone() };
    let ceiling = requests("/healthz", vec![("/healthz".to_owned(), anonymous)]);
    let ceiling = closed_loop(base, &ceiling, args.clients, args.read_secs).await?;
    let specs = [
        (
            "getCase",
            "office".to_owned(),
            requests("/api/v1/cases/{id}", case_ids.iter().map(|id| (format!("/api/v1/cases/{id}"), office)).collect()),
        ),
        (
            "getTask",
            "the sheet's department agent".to_owned(),
            requests(
                "/api/v1/tasks/{id}",
                sheets
                    .iter()
                    .filter_map(|(id, d)| Some((format!("/api/v1/tasks/{id}"), agent(*dept_of.get(d)?))))
                    .collect(),
            ),
        ),
        (
            "listTasks, first page",
            format!("agent-{} (queue department)", w.depts[busiest].code),
            requests(
                "/api/v1/tasks",
                vec![(format!("/api/v1/tasks?queue=department&limit={}", PageRequest::DEFAULT_LIMIT), agent(busiest))],
            ),
        ),
    ];
    let mut reads = Vec::new();
    for (name, who, req) in specs {
        let single = closed_loop(base, &req, 1, args.read_secs.min(5)).await?;
        let many = closed_loop(base, &req, args.clients, args.read_secs).await?;
        reads.push(ReadRun { name, who, single, many });
    }
    Ok((ceiling, reads))
}

/// Up to 20,000 random cases of the tenant.
async fn sample_cases(db: &DatabaseConnection, tenant: Uuid) -> anyhow::Result<Vec<Uuid>> {
    Ok(case::Entity::find()
        .filter(case::Column::TenantId.eq(tenant))
        .order_by(Expr::cust("RANDOM()"), Order::Asc)
        .limit(20_000)
        .all(db)
        .await?
        .into_iter()
        .map(|c| c.id)
        .collect())
}

/// Up to 20,000 random sheets of the tenant: (sheet, department).
async fn sample_sheets(db: &DatabaseConnection, tenant: Uuid) -> anyhow::Result<Vec<(Uuid, Uuid)>> {
    Ok(task_sheet::Entity::find()
        .select_only()
        .column(task_sheet::Column::Id)
        .column(task_sheet::Column::DepartmentId)
        .filter(task_sheet::Column::TenantId.eq(tenant))
        .order_by(Expr::cust("RANDOM()"), Order::Asc)
        .limit(20_000)
        .into_tuple()
        .all(db)
        .await?)
}

/// Transitions at one client, then at `--clients` (each client on its own cases: a case's
/// sheets share one history chain).
async fn measure_transitions(
    args: &Args,
    base: &str,
    tokens: &Tokens,
    loaded: &mut Loaded,
) -> anyhow::Result<(WriteResult, WriteResult)> {
    let available = loaded.dispatched.iter().map(Vec::len).sum::<usize>();
    let mut take = |clients: usize, per_client: usize| {
        let mut work: Vec<Vec<(Uuid, usize)>> = vec![Vec::new(); clients];
        let mut c = 0;
        while work.iter().map(Vec::len).sum::<usize>() < clients * per_client {
            let Some(case_sheets) = loaded.dispatched.pop() else { break };
            work[c % clients].extend(case_sheets);
            c += 1;
        }
        work
    };
    // Sheets for at most ~1 000 (one client) and ~4 000 (all clients) commands a second;
    // the single client gets at most a third of what there is.
    let single = (available / 3).min(args.write_secs as usize * 500);
    let t1 = transitions(base, tokens, take(1, single), args.write_secs).await?;
    let many = (available - single).min(args.write_secs as usize * 2_000) / args.clients.max(1);
    let tn = transitions(base, tokens, take(args.clients, many), args.write_secs).await?;
    for r in [&t1, &tn] {
        if let Some(e) = &r.first_error {
            log(format!("  transition error: {e}"));
        }
    }
    Ok((t1, tn))
}

/// `butler` next to this binary (both are built into the same target directory).
fn default_server_bin() -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|p| p.parent().map(|d| d.join("butler")))
        .unwrap_or_else(|| PathBuf::from("butler"))
}

//! One run: migrate, load the demo county, start the server, then per loading step load and
//! measure.

use butler_persistence::repo::{cases, sheets};
use butler_server::config::{Secret, Settings};
use butler_server::demo;
use chrono::{SubsecRound, Utc};
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ConnectionTrait, DbBackend, QueryTrait};
use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

use crate::app::{self, Sweeper};
use crate::baseline::{self, raw_commits};
use crate::http::{Api, LoadResult, get_case_load, measure_statistics, sign_in, transitions};
use crate::load::{Loaded, load_cases};
use crate::queues::{QueueResult, measure_queue, queue_specs};
use crate::report::render;
use crate::stats::{Stats, WriteResult, thousands};
use crate::sweep::{SweepResult, claim_statement, measure_sweep};
use crate::target::{Target, database_bytes, explain};
use crate::world::world;
use crate::{Args, PASSWORD, SHEETS_PER_CASE, log};

/// The figures of one loading step.
pub struct StepReport {
    pub label: String,
    pub sheets: u64,
    pub cases: u64,
    pub open_sheets: u64,
    pub load_secs: f64,
    pub rows: u64,
    pub db_bytes: u64,
    pub get_case: LoadResult,
    pub get_case_single: LoadResult,
    pub queues: Vec<QueueResult>,
    pub statistics: Vec<(String, Stats)>,
    pub sweep: SweepResult,
    pub transitions: Option<(WriteResult, WriteResult)>,
    pub raw: Option<(WriteResult, WriteResult)>,
}

/// Runs the benchmark on `target`; returns the Markdown report.
pub async fn run(args: &Args, target: &Target) -> anyhow::Result<String> {
    let db = butler_persistence::connect(&target.url, args.pool).await?;
    butler_persistence::migrate(&db).await?;
    let t = Instant::now();
    demo::load(&db, &demo::DEMO_COUNTY, PASSWORD, Utc::now()).await?;
    log(format!("migrated and loaded the demo county in {:.1} s", t.elapsed().as_secs_f64()));
    let w = Arc::new(world(&db).await?);
    db.execute_unprepared(baseline::CREATE_TABLE).await?;

    // The real server, release settings except: no background sweep (measured on its own),
    // no sign-in throttling for the benchmark's logins, tokens that outlast a long load.
    let mut secret = [0u8; 48];
    rand::rng().fill(&mut secret[..]);
    let secret_text = hex_string(&secret);
    let settings = Settings {
        database_url: target.url.clone(),
        database_max_connections: args.pool,
        bind: "127.0.0.1:0".into(),
        jwt_secret: Secret::new(secret_text.clone()),
        access_token_ttl_secs: 6 * 3600,
        refresh_token_ttl_secs: 12 * 3600,
        login_attempts_per_ip_per_minute: 10_000,
        web_dir: "/nonexistent".into(),
        workers: args.workers,
        scheduler_interval_secs: 0,
        ..Settings::default()
    };
    let running = app::start_server(&settings).await?;
    let handle = running.handle.clone();
    let server = tokio::spawn(running.server);
    let base = format!("http://{}", running.addr);
    let api = Api::new(&base)?;
    log(format!("server on {base}"));

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
    let mut loaded = Loaded::default();
    let mut rng = SmallRng::seed_from_u64(7);
    let mut reports = Vec::new();
    let mut plans = String::new();
    let mut load_total = 0.0;
    let mut loaded_cases = 0u64;
    for &cases_at in &steps {
        let label = format!("{} sheets", thousands(cases_at * SHEETS_PER_CASE as u64));
        log(format!("loading up to {label} ({cases_at} cases)"));
        let now = Utc::now().trunc_subsecs(0);
        let t = Instant::now();
        load_cases(&db, w.clone(), loaded_cases, cases_at, now, &mut loaded).await?;
        let load_secs = t.elapsed().as_secs_f64();
        load_total += load_secs;
        loaded_cases = cases_at;
        if target.backend == DbBackend::Postgres {
            // What autovacuum would do after a load this size.
            let t = Instant::now();
            db.execute_unprepared("ANALYZE").await?;
            log(format!("  ANALYZE took {:.1} s", t.elapsed().as_secs_f64()));
        }
        let rows =
            loaded.sheets + loaded.items + loaded.events + loaded.deadlines + loaded.team + loaded.cases.len() as u64;
        let db_bytes = database_bytes(target, &db).await;
        log(format!("  {label} loaded in {load_secs:.1} s ({} MB)", db_bytes / 1_000_000));

        let tokens = sign_in(&api, &w).await?;
        let now = Utc::now();

        log("  work queues");
        let mut queues = Vec::new();
        for q in queue_specs(&w, &tokens, busiest, now) {
            queues.push(measure_queue(&db, &api, w.tenant_id, &q, args.queue_requests, &mut plans, &label).await?);
        }
        if target.backend == DbBackend::Postgres || steps.last() == Some(&cases_at) {
            let stmt = claim_statement(target.backend, Utc::now());
            writeln!(plans, "\n#### {label}: the sweep's claim (candidates of `claim_due`)\n\n```text")?;
            plans.push_str(&explain(&db, &stmt).await?);
            plans.push_str("```\n");
        }

        log("  getCase");
        let ids = Arc::new(loaded.cases.clone());
        let get_case_single = get_case_load(&base, &tokens.office, ids.clone(), 1, args.read_secs.min(5)).await?;
        let get_case = get_case_load(&base, &tokens.office, ids, args.clients, args.read_secs).await?;
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

        log("  statistics");
        let statistics = measure_statistics(&api, &tokens, &w, busiest, 20).await?;

        log("  reminder sweep");
        let sweep = measure_sweep(&sweeper, &mut loaded, args.due, args.sweeps, &mut rng).await?;

        log("  raw commits and transitions");
        let raw1 = raw_commits(&db, 1, args.write_secs).await?;
        let raw_n = raw_commits(&db, args.clients, args.write_secs).await?;
        // Each client works on its own cases (a case's sheets share one history chain).
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
        let t1 = transitions(&base, &tokens, take(1, single), args.write_secs).await?;
        let many = (available - single).min(args.write_secs as usize * 2_000) / args.clients.max(1);
        let tn = transitions(&base, &tokens, take(args.clients, many), args.write_secs).await?;
        for r in [&t1, &tn] {
            if let Some(e) = &r.first_error {
                log(format!("  transition error: {e}"));
            }
        }
        if args.create_case_secs > 0 {
            for clients in [1, args.clients] {
                let r = crate::create_case::create_cases(&base, clients, args.create_case_secs).await?;
                log(format!(
                    "  createCase, {clients} clients: {:.0}/s, median {:.2} ms, p95 {:.2} ms, errors {}{}",
                    r.per_sec,
                    r.lat.median,
                    r.lat.p95,
                    r.errors,
                    r.first_error.map(|e| format!(" ({e})")).unwrap_or_default()
                ));
            }
        }
        reports.push(StepReport {
            label,
            sheets: loaded.sheets,
            cases: loaded.cases.len() as u64,
            open_sheets: loaded.open_sheets,
            load_secs,
            rows,
            db_bytes,
            get_case,
            get_case_single,
            queues,
            statistics,
            sweep,
            transitions: Some((t1, tn)),
            raw: Some((raw1, raw_n)),
        });
    }

    handle.stop(true).await;
    server.abort();
    let report = render(args, target, &w, busiest, &reports, &plans, load_total);
    Ok(report)
}

fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

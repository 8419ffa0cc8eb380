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
//! Loading happens in steps (by default a tenth of the sheets, then all of them) and the
//! read-side measurements run after each step, so their growth with the data is visible.
//! The report is Markdown, printed on standard output (and written to `--out`).

use anyhow::{Context, anyhow, bail};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use butler_app::Context as AppContext;
use butler_app::clock::{Clock, SystemClock};
use butler_domain::calendar::Calendar;
use butler_domain::case::Actor as CaseActor;
use butler_domain::case::history::{self, Event, GENESIS_HASH, HashAlgorithm};
use butler_domain::case::sheet::{self, Decision, ItemRules, SheetCommand, TaskSheet, TimeUsed};
use butler_domain::credit_code::CreditCode;
use butler_domain::role::Role;
use butler_domain::time_limit::TimeLimit;
use butler_persistence::entity::{case, case_event, case_item, case_team_member, deadline, enterprise, task_sheet};
use butler_persistence::repo::sheets::{self as sheets_repo, QueueFilter};
use butler_persistence::repo::{departments, items, tenants, users};
use butler_persistence::{DatabaseConnection, PageRequest};
use butler_server::config::{Secret, Settings};
use butler_server::demo;
use chrono::{DateTime, Duration, SubsecRound, Utc};
use clap::Parser;
use rand::rngs::SmallRng;
use rand::{Rng, SeedableRng};
use sea_orm::sea_query::{Alias, Condition, Expr, LockBehavior, LockType, Order, Query};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbBackend, EntityTrait, IntoActiveModel, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, QueryTrait, Select, Statement,
};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;
use uuid::Uuid;

const PASSWORD: &str = "butler-demo";
/// Sheets per case (one plan item each).
const SHEETS_PER_CASE: usize = 10;
/// Cases written per transaction while loading.
const CASES_PER_TXN: usize = 2_000;

#[derive(Parser, Debug)]
#[command(name = "butler-bench", about = "Project Butler performance benchmark (docs/benchmarks.md)")]
struct Args {
    /// `sqlite://path/file.sqlite` (must not exist unless --overwrite) or a PostgreSQL URL
    /// with the right to create databases (a fresh `bench_…` database is made and dropped).
    #[arg(long)]
    database_url: String,
    /// Task sheets to load (over sheets/10 cases).
    #[arg(long, default_value_t = 1_000_000)]
    sheets: u64,
    /// Loading steps as fractions of --sheets; the measurements run after each step.
    #[arg(long, default_value = "0.1,1", value_delimiter = ',')]
    steps: Vec<f64>,
    /// Concurrent clients for getCase and for transitions.
    #[arg(long, default_value_t = 16)]
    clients: usize,
    /// Seconds of each getCase run (after 2 s of warm-up).
    #[arg(long, default_value_t = 20)]
    read_secs: u64,
    /// Seconds of each transition and raw-commit run.
    #[arg(long, default_value_t = 10)]
    write_secs: u64,
    /// Requests per queue page measurement (sequential, one client).
    #[arg(long, default_value_t = 200)]
    queue_requests: usize,
    /// Deadlines made due per sweep measurement.
    #[arg(long, default_value_t = 50)]
    due: usize,
    /// Sweep measurements per step.
    #[arg(long, default_value_t = 7)]
    sweeps: usize,
    /// Connection pool size of the server (and of the benchmark's own pool).
    #[arg(long, default_value_t = 10)]
    pool: u32,
    /// Server HTTP workers (0: one per core, the release default).
    #[arg(long, default_value_t = 0)]
    workers: usize,
    /// Keep the database afterwards.
    #[arg(long)]
    keep: bool,
    /// Replace an existing SQLite file.
    #[arg(long)]
    overwrite: bool,
    /// Also write the Markdown report here.
    #[arg(long)]
    out: Option<PathBuf>,
}

// ---------------------------------------------------------------------------------------
// Statistics

#[derive(Debug, Clone, Default)]
struct Stats {
    median: f64,
    p95: f64,
    p99: f64,
    max: f64,
}

fn stats(mut ms: Vec<f64>) -> Stats {
    if ms.is_empty() {
        return Stats::default();
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| ms[((q * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
    Stats { median: at(0.5), p95: at(0.95), p99: at(0.99), max: ms[ms.len() - 1] }
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn f2(x: f64) -> String {
    if x >= 100.0 {
        format!("{x:.0}")
    } else if x >= 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.2}")
    }
}

fn log(msg: impl AsRef<str>) {
    eprintln!("[butler-bench {}] {}", Utc::now().format("%H:%M:%S"), msg.as_ref());
}

// ---------------------------------------------------------------------------------------
// The database

struct Target {
    backend: DbBackend,
    url: String,
    /// PostgreSQL: (admin URL, database name) to drop at the end.
    pg: Option<(String, String)>,
    /// SQLite: the file.
    file: Option<PathBuf>,
    label: String,
}

fn with_database(url: &str, name: &str) -> String {
    let (head, query) = match url.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (url, None),
    };
    let base = match head.rfind('/') {
        Some(i) if i > "postgres://".len() => &head[..i],
        _ => head,
    };
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

async fn prepare_target(args: &Args) -> anyhow::Result<Target> {
    if args.database_url.starts_with("postgres") {
        let name = format!("bench_{}_{}", std::process::id(), Utc::now().timestamp());
        let admin = sea_orm::Database::connect(&args.database_url).await.context("connecting to the admin URL")?;
        admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await?;
        let version = admin
            .query_one_raw(Statement::from_string(DbBackend::Postgres, "SHOW server_version"))
            .await?
            .and_then(|r| r.try_get::<String>("", "server_version").ok())
            .unwrap_or_default();
        admin.close().await.ok();
        Ok(Target {
            backend: DbBackend::Postgres,
            url: with_database(&args.database_url, &name),
            pg: Some((args.database_url.clone(), name.clone())),
            file: None,
            label: format!("PostgreSQL {version} (database `{name}`)"),
        })
    } else if let Some(path) =
        args.database_url.strip_prefix("sqlite://").or_else(|| args.database_url.strip_prefix("sqlite:"))
    {
        let path = PathBuf::from(path.split('?').next().unwrap_or(path));
        if path.exists() {
            if !args.overwrite {
                bail!("{} exists; pass --overwrite to replace it", path.display());
            }
            remove_sqlite(&path);
        }
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        Ok(Target {
            backend: DbBackend::Sqlite,
            url: args.database_url.clone(),
            pg: None,
            file: Some(path.clone()),
            label: format!("SQLite (WAL, synchronous=NORMAL) file `{}`", path.display()),
        })
    } else {
        bail!("--database-url must start with sqlite: or postgres")
    }
}

fn remove_sqlite(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        std::fs::remove_file(PathBuf::from(p)).ok();
    }
}

async fn drop_target(t: &Target) {
    if let Some((admin, name)) = &t.pg
        && let Ok(db) = sea_orm::Database::connect(admin).await
    {
        db.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await.ok();
        db.close().await.ok();
    }
    if let Some(file) = &t.file {
        remove_sqlite(file);
    }
}

fn size_of_sqlite(path: &std::path::Path) -> u64 {
    ["", "-wal"]
        .iter()
        .map(|s| {
            let mut p = path.as_os_str().to_owned();
            p.push(s);
            std::fs::metadata(PathBuf::from(p)).map(|m| m.len()).unwrap_or(0)
        })
        .sum()
}

async fn database_bytes(t: &Target, db: &DatabaseConnection) -> u64 {
    match &t.file {
        Some(f) => size_of_sqlite(f),
        None => db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT pg_database_size(current_database())::BIGINT AS n",
            ))
            .await
            .ok()
            .flatten()
            .and_then(|r| r.try_get::<i64>("", "n").ok())
            .unwrap_or(0) as u64,
    }
}

// ---------------------------------------------------------------------------------------
// The world the loader writes into

struct Dept {
    id: Uuid,
    code: String,
    agent: Uuid,
    leader: Uuid,
}

struct CatItem {
    id: Uuid,
    version: i32,
    name: String,
    dept: usize,
    stage: String,
    legal_limit: Option<String>,
    allows_tolerance: bool,
    allows_commitment: bool,
    materials: Value,
}

struct World {
    tenant_id: Uuid,
    depts: Vec<Dept>,
    office: Uuid,
    window: Uuid,
    officer: Uuid,
    inv_leader: Uuid,
    catalog: Vec<CatItem>,
    cal: Calendar,
}

async fn world(db: &DatabaseConnection) -> anyhow::Result<World> {
    let tenant = tenants::find_by_code(db, demo::DAYAO.code).await?.context("demo tenant")?;
    let mut by_name = HashMap::new();
    let mut page = PageRequest::first(200);
    loop {
        let list = users::list(db, tenant.id, &Default::default(), page).await?;
        for u in list.items {
            by_name.insert(u.username.clone(), u.id);
        }
        match list.next_cursor {
            Some(c) => page.after = Some(butler_persistence::Cursor::decode(&c)?),
            None => break,
        }
    }
    let user = |n: &str| by_name.get(n).copied().with_context(|| format!("demo user {n}"));
    let mut depts = Vec::new();
    for d in departments::all(db, tenant.id).await? {
        depts.push(Dept {
            id: d.id,
            agent: user(&format!("agent-{}", d.code))?,
            leader: user(&format!("leader-{}", d.code))?,
            code: d.code,
        });
    }
    let dept_index: HashMap<Uuid, usize> = depts.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
    let list = items::list_current(db, tenant.id, &Default::default(), PageRequest::first(200)).await?;
    let catalog = list
        .items
        .into_iter()
        .filter_map(|it| {
            let materials: Vec<Value> = it
                .materials
                .iter()
                .map(|m| json!({"name": m.name, "required": m.required, "may_be_missing": m.may_be_missing}))
                .collect();
            Some(CatItem {
                id: it.item.id,
                version: it.item.version,
                name: it.item.name,
                dept: *dept_index.get(&it.item.department_id)?,
                stage: it.item.stage,
                legal_limit: it.item.legal_limit,
                allows_tolerance: it.item.allows_tolerance,
                allows_commitment: it.item.allows_commitment,
                materials: Value::Array(materials),
            })
        })
        .collect::<Vec<_>>();
    if catalog.len() < SHEETS_PER_CASE {
        bail!("the demo catalog has only {} items", catalog.len());
    }
    Ok(World {
        tenant_id: tenant.id,
        office: user("office")?,
        window: user("window_agent")?,
        officer: user("investment_officer")?,
        inv_leader: user("investment_leader")?,
        depts,
        catalog,
        cal: Calendar::china().map_err(|e| anyhow!("calendar: {e}"))?,
    })
}

/// What the measurements pick from: ids kept while loading.
#[derive(Default)]
struct Loaded {
    cases: Vec<Uuid>,
    /// Sheets still `dispatched` (sheet, department index), grouped by case.
    dispatched: Vec<Vec<(Uuid, usize)>>,
    /// Open finishing deadlines of acknowledged sheets (the sweep makes some due).
    finish_deadlines: Vec<Uuid>,
    sheets: u64,
    open_sheets: u64,
    items: u64,
    events: u64,
    deadlines: u64,
    team: u64,
    enterprises: u64,
}

#[derive(Default)]
struct Batch {
    enterprises: Vec<enterprise::ActiveModel>,
    cases: Vec<case::ActiveModel>,
    team: Vec<case_team_member::ActiveModel>,
    items: Vec<case_item::ActiveModel>,
    sheets: Vec<task_sheet::ActiveModel>,
    deadlines: Vec<deadline::ActiveModel>,
    events: Vec<case_event::ActiveModel>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fate {
    Dispatched,
    Acknowledged,
    Paused,
    Finished,
}

fn set<M: IntoActiveModel<A>, A: ActiveModelTrait>(m: M) -> A {
    m.into_active_model().reset_all()
}

struct Gen<'a> {
    w: &'a World,
    rng: SmallRng,
    now: DateTime<Utc>,
    enterprise: Option<Uuid>,
}

impl Gen<'_> {
    fn minutes(&mut self, lo: i64, hi: i64) -> Duration {
        Duration::minutes(self.rng.random_range(lo..hi))
    }

    /// A time between `a` and `b` (fractions lo..hi of the span).
    fn between(&mut self, a: DateTime<Utc>, b: DateTime<Utc>, lo: f64, hi: f64) -> DateTime<Utc> {
        let span = (b - a).num_seconds().max(60) as f64;
        a + Duration::seconds((span * self.rng.random_range(lo..hi)) as i64)
    }

    /// One case (in service or completed) with its items, team, sheets, deadlines and history.
    fn case(&mut self, seq: u64, out: &mut Batch, loaded: &mut Loaded) -> anyhow::Result<()> {
        let w = self.w;
        let now = self.now;
        if seq.is_multiple_of(20) || self.enterprise.is_none() {
            let body = format!("91532326MA{:07}", seq / 20);
            let code = CreditCode::complete(&body).map_err(|e| anyhow!("credit code {body}: {e}"))?;
            let id = Uuid::now_v7();
            out.enterprises.push(set(enterprise::Model {
                id,
                tenant_id: w.tenant_id,
                name: format!("基准测试企业 {:07} 有限公司", seq / 20),
                credit_code: code.as_str().to_owned(),
                contact_name: "周晓明".into(),
                contact_phone: format!("139{:08}", seq / 20),
                address: Some("大姚县金碧镇工业片区".into()),
                created_at: now - Duration::days(120),
            }));
            self.enterprise = Some(id);
            loaded.enterprises += 1;
        }
        let enterprise_id = self.enterprise.context("enterprise")?;
        let in_service = self.rng.random_bool(0.45);
        let start = if in_service {
            now - Duration::days(self.rng.random_range(3..30)) - self.minutes(0, 600)
        } else {
            now - Duration::days(self.rng.random_range(25..90)) - self.minutes(0, 600)
        }
        .trunc_subsecs(0);
        let case_id = Uuid::now_v7();

        // Ten distinct catalog items.
        let mut pool: Vec<usize> = (0..w.catalog.len()).collect();
        for i in 0..SHEETS_PER_CASE {
            let j = self.rng.random_range(i..pool.len());
            pool.swap(i, j);
        }
        let chosen = &pool[..SHEETS_PER_CASE];
        let first_dept = &w.depts[w.catalog[chosen[0]].dept];

        // Team: a responsible leader, the window as lead agent, one co-agent per department.
        let mut team_depts: Vec<usize> = chosen.iter().map(|c| w.catalog[*c].dept).collect();
        team_depts.sort_unstable();
        team_depts.dedup();
        out.team.push(set(case_team_member::Model {
            id: Uuid::now_v7(),
            case_id,
            user_id: first_dept.leader,
            department_id: Some(first_dept.id),
            team_role: "responsible_leader".into(),
        }));
        out.team.push(set(case_team_member::Model {
            id: Uuid::now_v7(),
            case_id,
            user_id: w.window,
            department_id: None,
            team_role: "lead_agent".into(),
        }));
        for d in &team_depts {
            out.team.push(set(case_team_member::Model {
                id: Uuid::now_v7(),
                case_id,
                user_id: w.depts[*d].agent,
                department_id: Some(w.depts[*d].id),
                team_role: "co_agent".into(),
            }));
        }
        loaded.team += 2 + team_depts.len() as u64;

        // History: the way to in-service, SM3-chained.
        let lifecycle: [(&str, Option<&str>, &str, Uuid, i64); 6] = [
            ("create", None, "draft", w.officer, 72),
            ("submit", Some("draft"), "submitted", w.officer, 60),
            ("accept", Some("reviewed"), "accepted", w.inv_leader, 48),
            ("form_team", Some("accepted"), "team_formed", w.office, 40),
            ("sign_agreement", Some("plan_agreed"), "entrusted", w.window, 24),
            ("start_service", Some("entrusted"), "in_service", w.window, 0),
        ];
        let mut prev = GENESIS_HASH.to_owned();
        for (i, (action, from, to, actor, hours_before)) in lifecycle.iter().enumerate() {
            let at = start - Duration::hours(*hours_before);
            let payload = json!({"bench": true, "step": i + 1});
            let event = Event {
                sequence: i as u64 + 1,
                occurred_at: at,
                actor_id: Some(*actor),
                action: (*action).to_owned(),
                from: from.map(str::to_owned),
                to: Some((*to).to_owned()),
                payload: payload.clone(),
            };
            let hash = history::hash_event(HashAlgorithm::Sm3, &event, &prev);
            out.events.push(set(case_event::Model {
                id: Uuid::now_v7(),
                tenant_id: w.tenant_id,
                case_id,
                sequence: i as i32 + 1,
                occurred_at: at,
                actor_id: Some(*actor),
                action: (*action).to_owned(),
                sheet_id: None,
                from_state: from.map(str::to_owned),
                to_state: Some((*to).to_owned()),
                payload,
                prev_hash: prev.clone(),
                hash: hash.clone(),
            }));
            prev = hash;
        }
        loaded.events += lifecycle.len() as u64;

        // Items and sheets.
        let mut fates = [Fate::Finished; SHEETS_PER_CASE];
        if in_service {
            fates = [
                Fate::Finished,
                Fate::Finished,
                Fate::Finished,
                Fate::Finished,
                Fate::Dispatched,
                Fate::Dispatched,
                Fate::Acknowledged,
                Fate::Acknowledged,
                Fate::Acknowledged,
                Fate::Paused,
            ];
            for i in (1..fates.len()).rev() {
                let j = self.rng.random_range(0..=i);
                fates.swap(i, j);
            }
        }
        let mut dispatched_here = Vec::new();
        let mut last_change = start;
        for (pos, (cat_idx, fate)) in chosen.iter().zip(fates).enumerate() {
            let cat = &w.catalog[*cat_idx];
            let dept = &w.depts[cat.dept];
            let promised = TimeLimit::WorkingDays([2, 3, 5, 5, 7, 10, 15, 20][self.rng.random_range(0..8)]);
            let item_id = Uuid::now_v7();
            out.items.push(set(case_item::Model {
                id: item_id,
                tenant_id: w.tenant_id,
                case_id,
                position: pos as i32 + 1,
                catalog_item_id: Some(cat.id),
                catalog_version: Some(cat.version),
                name: cat.name.clone(),
                department_id: dept.id,
                stage: Some(cat.stage.clone()),
                legal_limit: cat.legal_limit.clone(),
                promised_limit: Some(promised.to_string()),
                allows_tolerance: cat.allows_tolerance,
                allows_commitment: cat.allows_commitment,
                max_extension_days: Some(5),
                agent_id: Some(dept.agent),
                materials: cat.materials.clone(),
                missing_materials: json!([]),
                prerequisites: json!([]),
                planned: true,
            }));
            let rules =
                ItemRules { promised, max_extension_working_days: Some(5), allows_commitment: cat.allows_commitment };
            let dispatched_at = start + Duration::minutes(pos as i64 * 3);
            let (mut task, _) = TaskSheet::dispatch(dept.id, rules, vec![], dispatched_at, &w.cal)
                .map_err(|e| anyhow!("dispatch: {e}"))?;
            let agent = CaseActor { user_id: dept.agent, role: Role::DepartmentAgent, department_id: Some(dept.id) };
            let mut at = dispatched_at;
            let mut version = 1;
            let mut apply = |task: &mut TaskSheet, cmd: SheetCommand, when: DateTime<Utc>| -> anyhow::Result<()> {
                *task = sheet::apply(task, cmd, &agent, when, &w.cal).map_err(|e| anyhow!("sheet: {e}"))?.sheet;
                version += 1;
                Ok(())
            };
            if fate != Fate::Dispatched {
                at = dispatched_at + self.minutes(5, 90);
                apply(&mut task, SheetCommand::Acknowledge, at)?;
            }
            match fate {
                Fate::Finished => {
                    let end = if in_service { now - Duration::minutes(30) } else { start + Duration::days(20) };
                    at = self.between(at, end.max(at + Duration::hours(1)), 0.05, 0.9);
                    let document_number = format!("姚审〔2026〕{}号", seq * 10 + pos as u64);
                    apply(&mut task, SheetCommand::Finish { decision: Decision::Approved { document_number } }, at)?;
                }
                Fate::Paused => {
                    at = self.between(at, now - Duration::minutes(30), 0.1, 0.9);
                    apply(
                        &mut task,
                        SheetCommand::RequestCorrection {
                            reason: "申请材料需补正".into(),
                            materials: vec!["补充说明材料".into()],
                        },
                        at,
                    )?;
                }
                Fate::Dispatched | Fate::Acknowledged => {}
            }
            last_change = last_change.max(at);
            let acknowledge_by = task.acknowledgement_deadline(&w.cal).map_err(|e| anyhow!("{e}"))?;
            let finish_by = task.finish_deadline(&w.cal, at).map_err(|e| anyhow!("{e}"))?;
            let sheet_id = Uuid::now_v7();
            let (outcome, document_number) = match &task.decision {
                Some(Decision::Approved { document_number }) => {
                    (Some("approved".to_owned()), Some(document_number.clone()))
                }
                _ => (None, None),
            };
            let open = !task.state.is_final();
            let used = task.time_used(&w.cal).map_err(|e| anyhow!("{e}"))?;
            out.sheets.push(set(task_sheet::Model {
                id: sheet_id,
                tenant_id: w.tenant_id,
                case_id,
                case_item_id: item_id,
                kind: "approval".into(),
                department_id: dept.id,
                assignee_id: task.assignee_id.or(Some(dept.agent)),
                state: task.state.code().to_owned(),
                open,
                version,
                dispatched_at,
                acknowledge_by,
                acknowledged_at: task.acknowledged_at,
                finish_by,
                closed_at: task.closed_at,
                outcome,
                document_number,
                result_notice_channel: None,
                result_noticed_at: None,
                office_minutes_used: used.map(TimeUsed::used_minutes),
                office_minutes_promised: used.map(TimeUsed::promised_minutes),
                data: serde_json::to_value(&task)?,
                created_at: dispatched_at,
                updated_at: at,
            }));
            loaded.sheets += 1;
            loaded.items += 1;
            if open {
                loaded.open_sheets += 1;
            }
            let mut deadline_row = |kind: &str, due_at: DateTime<Utc>, rng: &mut SmallRng| {
                let id = Uuid::now_v7();
                let next = now + Duration::minutes(rng.random_range(60..20 * 24 * 60));
                out.deadlines.push(set(deadline::Model {
                    id,
                    tenant_id: w.tenant_id,
                    case_id,
                    sheet_id: Some(sheet_id),
                    kind: kind.into(),
                    due_at,
                    next_step_at: Some(next),
                    done_steps: json!([]),
                    claimed_until: None,
                    closed_at: None,
                }));
                loaded.deadlines += 1;
                id
            };
            match fate {
                Fate::Dispatched => {
                    deadline_row("acknowledgement", acknowledge_by, &mut self.rng);
                    deadline_row("finish", finish_by, &mut self.rng);
                    dispatched_here.push((sheet_id, cat.dept));
                }
                Fate::Acknowledged => {
                    let id = deadline_row("finish", finish_by, &mut self.rng);
                    loaded.finish_deadlines.push(id);
                }
                Fate::Paused | Fate::Finished => {}
            }
        }
        if !dispatched_here.is_empty() {
            loaded.dispatched.push(dispatched_here);
        }

        let state = if in_service { "in_service" } else { "completed" };
        out.cases.push(set(case::Model {
            id: case_id,
            tenant_id: w.tenant_id,
            number: format!("DAYAO-2026-B{seq:07}"),
            enterprise_id,
            state: state.into(),
            version: 9,
            project_name: format!("基准测试项目 {seq:07}"),
            industry_code: "C3061".into(),
            investment_fen: 5_000_000_000 + self.rng.random_range(0..50_000_000_000i64),
            location: "大姚县金碧镇工业片区".into(),
            agreement_signed_on: Some((start - Duration::days(30)).date_naive()),
            brief: "新建厂房及配套设施（基准测试数据）。".into(),
            contact_name: "周晓明".into(),
            contact_phone: "13800000041".into(),
            created_by: w.officer,
            reviewer_id: Some(w.officer),
            review_note: Some("符合产业政策，建议受理。".into()),
            accepter_id: Some(w.inv_leader),
            responsible_leader_id: Some(first_dept.leader),
            lead_agent_id: Some(w.window),
            notification_text: Some("一次性告知书（基准测试数据）".into()),
            documents_handed_over_at: (!in_service).then_some(last_change),
            enterprise_confirmed_at: None,
            evaluation_status: "pending".into(),
            state_before_closing: (!in_service).then(|| "in_service".to_owned()),
            closing_reason: None,
            chain_length: lifecycle.len() as i32,
            chain_head: prev,
            created_at: start - Duration::hours(72),
            updated_at: last_change,
        }));
        loaded.cases.push(case_id);
        Ok(())
    }
}

async fn insert_chunks<A>(txn: &impl ConnectionTrait, rows: Vec<A>, chunk: usize) -> anyhow::Result<()>
where
    A: ActiveModelTrait + Send,
{
    let mut rows = rows;
    while !rows.is_empty() {
        let rest = rows.split_off(rows.len().min(chunk));
        let now = std::mem::replace(&mut rows, rest);
        <A::Entity as EntityTrait>::insert_many(now).exec_without_returning(txn).await?;
    }
    Ok(())
}

async fn flush(db: &DatabaseConnection, b: Batch) -> anyhow::Result<()> {
    let txn = butler_persistence::begin_write(db).await?;
    // SQLite binds at most 32 766 values per statement; the widest table has 30 columns.
    insert_chunks(&txn, b.enterprises, 500).await?;
    insert_chunks(&txn, b.cases, 500).await?;
    insert_chunks(&txn, b.team, 2000).await?;
    insert_chunks(&txn, b.items, 1000).await?;
    insert_chunks(&txn, b.sheets, 1000).await?;
    insert_chunks(&txn, b.deadlines, 2000).await?;
    insert_chunks(&txn, b.events, 2000).await?;
    txn.commit().await?;
    Ok(())
}

/// Loads cases `from..to` (10 sheets each). Generation runs on a blocking thread, one batch
/// ahead of the inserts.
async fn load_cases(
    db: &DatabaseConnection,
    w: Arc<World>,
    from: u64,
    to: u64,
    now: DateTime<Utc>,
    loaded: &mut Loaded,
) -> anyhow::Result<()> {
    let (tx, mut rx) = tokio::sync::mpsc::channel::<anyhow::Result<(Batch, Loaded)>>(2);
    let producer = tokio::task::spawn_blocking(move || {
        let mut g = Gen { w: &w, rng: SmallRng::seed_from_u64(from ^ 0x5eed), now, enterprise: None };
        let mut seq = from;
        while seq < to {
            let mut batch = Batch::default();
            let mut part = Loaded::default();
            let end = (seq + CASES_PER_TXN as u64).min(to);
            let result = (seq..end).try_for_each(|s| g.case(s, &mut batch, &mut part));
            seq = end;
            let failed = result.is_err();
            if tx.blocking_send(result.map(|()| (batch, part))).is_err() || failed {
                break;
            }
        }
    });
    let total = to - from;
    let mut done = 0u64;
    let started = Instant::now();
    let mut last_log = Instant::now();
    while let Some(next) = rx.recv().await {
        let (batch, part) = next?;
        let n = batch.cases.len() as u64;
        flush(db, batch).await?;
        loaded.cases.extend(part.cases);
        loaded.dispatched.extend(part.dispatched);
        loaded.finish_deadlines.extend(part.finish_deadlines);
        loaded.sheets += part.sheets;
        loaded.open_sheets += part.open_sheets;
        loaded.items += part.items;
        loaded.events += part.events;
        loaded.deadlines += part.deadlines;
        loaded.team += part.team;
        loaded.enterprises += part.enterprises;
        done += n;
        if last_log.elapsed().as_secs() >= 15 {
            last_log = Instant::now();
            let rate = done as f64 * SHEETS_PER_CASE as f64 / started.elapsed().as_secs_f64();
            log(format!("  loaded {done}/{total} cases ({rate:.0} sheets/s)"));
        }
    }
    producer.await?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// HTTP

#[derive(Clone)]
struct Api {
    base: String,
    client: reqwest::Client,
}

impl Api {
    fn new(base: &str) -> anyhow::Result<Api> {
        Ok(Api { base: base.to_owned(), client: reqwest::Client::builder().build()? })
    }

    async fn login(&self, username: &str) -> anyhow::Result<String> {
        let res = self
            .client
            .post(format!("{}/api/v1/auth/login", self.base))
            .json(&json!({"tenant": demo::DAYAO.code, "username": username, "password": PASSWORD}))
            .send()
            .await?;
        let status = res.status();
        let body: Value = res.json().await?;
        body["access_token"].as_str().map(str::to_owned).ok_or_else(|| anyhow!("login {username}: {status} {body}"))
    }

    /// GET, reading the whole body; (status, milliseconds).
    async fn get(&self, path: &str, token: &str) -> anyhow::Result<(u16, f64)> {
        let t = Instant::now();
        let res = self.client.get(format!("{}{path}", self.base)).bearer_auth(token).send().await?;
        let status = res.status().as_u16();
        let _ = res.bytes().await?;
        Ok((status, ms(t.elapsed())))
    }

    async fn post(&self, path: &str, token: &str, body: &Value) -> anyhow::Result<(u16, f64, String)> {
        let t = Instant::now();
        let res = self.client.post(format!("{}{path}", self.base)).bearer_auth(token).json(body).send().await?;
        let status = res.status().as_u16();
        let text = res.text().await?;
        Ok((status, ms(t.elapsed()), text))
    }
}

/// (count, seconds) served so far on `routes` (matched patterns), from `/metrics`.
async fn served(api: &Api, routes: &[&str]) -> anyhow::Result<(f64, f64)> {
    let text = api.client.get(format!("{}/metrics", api.base)).send().await?.text().await?;
    let (mut count, mut sum) = (0.0, 0.0);
    for line in text.lines() {
        let Some((key, value)) = line.rsplit_once(' ') else { continue };
        if !routes.iter().any(|r| key.contains(&format!("route=\"{r}\"")) && key.contains("status=\"200\"")) {
            continue;
        }
        let value: f64 = value.parse().unwrap_or(0.0);
        if key.starts_with("butler_http_request_duration_seconds_sum") {
            sum += value;
        } else if key.starts_with("butler_http_request_duration_seconds_count") {
            count += value;
        }
    }
    Ok((count, sum))
}

/// Mean server-side milliseconds per request between two `served` readings.
fn server_mean(before: (f64, f64), after: (f64, f64)) -> f64 {
    let n = after.0 - before.0;
    if n > 0.0 { (after.1 - before.1) * 1000.0 / n } else { 0.0 }
}

struct Tokens {
    office: String,
    by_dept: Vec<String>,
}

async fn sign_in(api: &Api, w: &World) -> anyhow::Result<Tokens> {
    let office = api.login("office").await?;
    let mut by_dept = Vec::new();
    for d in &w.depts {
        by_dept.push(api.login(&format!("agent-{}", d.code)).await?);
    }
    Ok(Tokens { office, by_dept })
}

// ---------------------------------------------------------------------------------------
// getCase

struct LoadResult {
    clients: usize,
    /// Mean time inside the server (its request metrics), warm-up included.
    server_ms: f64,
    secs: f64,
    lat: Stats,
    errors: u64,
    throughput: f64,
}

async fn get_case_load(
    base: &str,
    token: &str,
    ids: Arc<Vec<Uuid>>,
    clients: usize,
    secs: u64,
) -> anyhow::Result<LoadResult> {
    let probe = Api::new(base)?;
    let before = served(&probe, &["/api/v1/cases/{id}"]).await?;
    let warmup = std::time::Duration::from_secs(2);
    let started = Instant::now();
    let measure_from = started + warmup;
    let end = measure_from + std::time::Duration::from_secs(secs);
    let mut tasks = tokio::task::JoinSet::new();
    for c in 0..clients {
        let api = Api::new(base)?;
        let token = token.to_owned();
        let ids = ids.clone();
        tasks.spawn(async move {
            let mut rng = SmallRng::seed_from_u64(c as u64 + 1);
            let mut lat = Vec::new();
            let mut errors = 0u64;
            loop {
                let now = Instant::now();
                if now >= end {
                    break;
                }
                let id = ids[rng.random_range(0..ids.len())];
                match api.get(&format!("/api/v1/cases/{id}"), &token).await {
                    Ok((200, t)) if now >= measure_from => lat.push(t),
                    Ok((200, _)) => {}
                    _ => errors += 1,
                }
            }
            (lat, errors)
        });
    }
    let mut all = Vec::new();
    let mut errors = 0;
    while let Some(r) = tasks.join_next().await {
        let (lat, e) = r?;
        all.extend(lat);
        errors += e;
    }
    let n = all.len();
    let server_ms = server_mean(before, served(&probe, &["/api/v1/cases/{id}"]).await?);
    Ok(LoadResult {
        clients,
        server_ms,
        secs: secs as f64,
        lat: stats(all),
        errors,
        throughput: n as f64 / secs as f64,
    })
}

// ---------------------------------------------------------------------------------------
// Work queues

/// The select of `repo::sheets::queue`, for counting, for finding a deep cursor and for
/// EXPLAIN.
fn queue_select(
    tenant_id: Uuid,
    filter: &QueueFilter,
    cursor: Option<(DateTime<Utc>, Uuid)>,
) -> Select<task_sheet::Entity> {
    butler_persistence::repo::sheets::queue_select(tenant_id, filter, cursor)
}

fn encode_cursor(finish_by: DateTime<Utc>, id: Uuid) -> String {
    let mut bytes = finish_by.timestamp_micros().to_be_bytes().to_vec();
    bytes.extend_from_slice(id.as_bytes());
    URL_SAFE_NO_PAD.encode(bytes)
}

struct QueueSpec {
    label: &'static str,
    who: String,
    query: &'static str,
    filter: QueueFilter,
    token: String,
}

struct QueueResult {
    label: &'static str,
    who: String,
    length: u64,
    first_http: Stats,
    first_repo: Stats,
    deep_http: Option<Stats>,
    deep_repo: Option<Stats>,
    deep_position: u64,
}

async fn explain(db: &DatabaseConnection, stmt: &Statement) -> anyhow::Result<String> {
    let backend = db.get_database_backend();
    let sql = stmt.to_string();
    let (prefix, column) = match backend {
        DbBackend::Postgres => ("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF, SUMMARY OFF, TIMING OFF) ", "QUERY PLAN"),
        _ => ("EXPLAIN QUERY PLAN ", "detail"),
    };
    let rows = db.query_all_raw(Statement::from_string(backend, format!("{prefix}{sql}"))).await?;
    let mut out = String::new();
    for r in rows {
        let line: String = r.try_get("", column).unwrap_or_default();
        writeln!(out, "{line}")?;
    }
    Ok(out)
}

#[allow(clippy::too_many_arguments)]
async fn measure_queue(
    db: &DatabaseConnection,
    api: &Api,
    tenant_id: Uuid,
    q: &QueueSpec,
    requests: usize,
    plans: &mut String,
    step_label: &str,
) -> anyhow::Result<QueueResult> {
    let limit = PageRequest::DEFAULT_LIMIT;
    let length = queue_select(tenant_id, &q.filter, None).count(db).await?;
    let deep_position = length / 2;
    let deep = if length > limit * 2 {
        queue_select(tenant_id, &q.filter, None)
            .order_by_asc(task_sheet::Column::FinishBy)
            .order_by_asc(task_sheet::Column::Id)
            .offset(deep_position)
            .limit(1)
            .one(db)
            .await?
            .map(|s| (s.finish_by, s.id))
    } else {
        None
    };
    let time_http = |path: String| async move {
        for _ in 0..10 {
            api.get(&path, &q.token).await?;
        }
        let mut lat = Vec::with_capacity(requests);
        for _ in 0..requests {
            let (status, t) = api.get(&path, &q.token).await?;
            if status != 200 {
                bail!("{path}: status {status}");
            }
            lat.push(t);
        }
        Ok::<_, anyhow::Error>(stats(lat))
    };
    let time_repo = |cursor: Option<String>| async move {
        let mut lat = Vec::with_capacity(requests);
        for i in 0..requests + 10 {
            let t = Instant::now();
            let page = sheets_repo::queue(db, tenant_id, &q.filter, limit, cursor.as_deref()).await?;
            if i >= 10 {
                lat.push(ms(t.elapsed()));
            }
            std::hint::black_box(page);
        }
        Ok::<_, anyhow::Error>(stats(lat))
    };
    let path = format!("/api/v1/tasks?queue={}&limit={limit}", q.query);
    let first_http = time_http(path.clone()).await?;
    let first_repo = time_repo(None).await?;
    let (deep_http, deep_repo) = match deep {
        Some((at, id)) => {
            let cursor = encode_cursor(at, id);
            (Some(time_http(format!("{path}&cursor={cursor}")).await?), Some(time_repo(Some(cursor)).await?))
        }
        None => (None, None),
    };
    let backend = db.get_database_backend();
    let first_stmt = queue_select(tenant_id, &q.filter, None)
        .order_by_asc(task_sheet::Column::FinishBy)
        .order_by_asc(task_sheet::Column::Id)
        .limit(limit + 1)
        .build(backend);
    writeln!(plans, "\n#### {step_label}: `{}` as `{}`, first page\n\n```text", q.label, q.who)?;
    plans.push_str(&explain(db, &first_stmt).await?);
    plans.push_str("```\n");
    if let Some(c) = deep {
        let deep_stmt = queue_select(tenant_id, &q.filter, Some(c))
            .order_by_asc(task_sheet::Column::FinishBy)
            .order_by_asc(task_sheet::Column::Id)
            .limit(limit + 1)
            .build(backend);
        writeln!(
            plans,
            "\n#### {step_label}: `{}` as `{}`, deep page (position {deep_position})\n\n```text",
            q.label, q.who
        )?;
        plans.push_str(&explain(db, &deep_stmt).await?);
        plans.push_str("```\n");
    }
    Ok(QueueResult {
        label: q.label,
        who: q.who.clone(),
        length,
        first_http,
        first_repo,
        deep_http,
        deep_repo,
        deep_position,
    })
}

fn queue_specs(w: &World, tokens: &Tokens, dept: usize, now: DateTime<Utc>) -> Vec<QueueSpec> {
    let d = &w.depts[dept];
    let agent = format!("agent-{}", d.code);
    let dept_filter = QueueFilter { department_id: Some(d.id), ..Default::default() };
    vec![
        QueueSpec {
            label: "department",
            who: agent.clone(),
            query: "department",
            filter: QueueFilter { open: Some(true), ..dept_filter.clone() },
            token: tokens.by_dept[dept].clone(),
        },
        QueueSpec {
            label: "mine",
            who: agent.clone(),
            query: "mine",
            filter: QueueFilter { assignee_id: Some(d.agent), open: Some(true), ..dept_filter.clone() },
            token: tokens.by_dept[dept].clone(),
        },
        QueueSpec {
            label: "overdue",
            who: agent.clone(),
            query: "overdue",
            filter: QueueFilter { open: Some(true), running_clock: true, due_before: Some(now), ..dept_filter.clone() },
            token: tokens.by_dept[dept].clone(),
        },
        QueueSpec {
            label: "due_soon",
            who: agent,
            query: "due_soon",
            filter: QueueFilter {
                open: Some(true),
                running_clock: true,
                due_from: Some(now),
                due_before: Some(now + Duration::hours(24)),
                ..dept_filter
            },
            token: tokens.by_dept[dept].clone(),
        },
        QueueSpec {
            label: "overdue",
            who: "office".into(),
            query: "overdue",
            filter: QueueFilter { open: Some(true), running_clock: true, due_before: Some(now), ..Default::default() },
            token: tokens.office.clone(),
        },
        QueueSpec {
            label: "due_soon",
            who: "office".into(),
            query: "due_soon",
            filter: QueueFilter {
                open: Some(true),
                running_clock: true,
                due_from: Some(now),
                due_before: Some(now + Duration::hours(24)),
                ..Default::default()
            },
            token: tokens.office.clone(),
        },
    ]
}

// ---------------------------------------------------------------------------------------
// Transitions and raw commits

struct WriteResult {
    clients: usize,
    /// Mean time inside the server per command (transitions only).
    server_ms: Option<f64>,
    commands: u64,
    errors: u64,
    per_sec: f64,
    lat: Stats,
    first_error: Option<String>,
}

async fn transitions(
    base: &str,
    tokens: &Tokens,
    work: Vec<Vec<(Uuid, usize)>>,
    secs: u64,
) -> anyhow::Result<WriteResult> {
    let clients = work.len();
    let probe = Api::new(base)?;
    let before = served(&probe, &["/api/v1/tasks/{id}/acknowledge", "/api/v1/tasks/{id}/finish"]).await?;
    let end = Instant::now() + std::time::Duration::from_secs(secs);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for (i, list) in work.into_iter().enumerate() {
        let api = Api::new(base)?;
        let tokens: Vec<String> = tokens.by_dept.clone();
        tasks.spawn(async move {
            let mut lat = Vec::new();
            let mut errors = 0u64;
            let mut first_error = None;
            let finish = json!({"outcome": "approved", "document_number": format!("姚基准〔2026〕{i}号")});
            'outer: for (sheet, dept) in list {
                for (path, body) in [("acknowledge", json!({})), ("finish", finish.clone())] {
                    if Instant::now() >= end {
                        break 'outer;
                    }
                    match api.post(&format!("/api/v1/tasks/{sheet}/{path}"), &tokens[dept], &body).await {
                        Ok((200, t, _)) => lat.push(t),
                        Ok((status, _, text)) => {
                            errors += 1;
                            first_error.get_or_insert(format!(
                                "{path}: {status} {}",
                                text.chars().take(300).collect::<String>()
                            ));
                            break;
                        }
                        Err(e) => {
                            errors += 1;
                            first_error.get_or_insert(format!("{path}: {e}"));
                            break;
                        }
                    }
                }
            }
            (lat, errors, first_error)
        });
    }
    let mut all = Vec::new();
    let mut errors = 0;
    let mut first_error = None;
    while let Some(r) = tasks.join_next().await {
        let (lat, e, f) = r?;
        all.extend(lat);
        errors += e;
        if first_error.is_none() {
            first_error = f;
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let commands = all.len() as u64;
    let server_ms = Some(server_mean(
        before,
        served(&probe, &["/api/v1/tasks/{id}/acknowledge", "/api/v1/tasks/{id}/finish"]).await?,
    ));
    Ok(WriteResult {
        clients,
        server_ms,
        commands,
        errors,
        per_sec: commands as f64 / elapsed,
        lat: stats(all),
        first_error,
    })
}

/// Single-row INSERT + COMMIT in a loop (`clients` loops at once) on a scratch table, through
/// the application's own pool setup and write transactions.
async fn raw_commits(db: &DatabaseConnection, clients: usize, secs: u64) -> anyhow::Result<WriteResult> {
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

// ---------------------------------------------------------------------------------------
// Statistics

/// `getSheetStatistics` over HTTP: the county by department, the county by agent, and the
/// busiest department by agent, each `requests` times after a warm-up.
async fn measure_statistics(
    api: &Api,
    tokens: &Tokens,
    w: &World,
    busiest: usize,
    requests: usize,
) -> anyhow::Result<Vec<(String, Stats)>> {
    let dept = &w.depts[busiest];
    let cases = [
        ("county, by department".to_owned(), "/api/v1/statistics/sheets".to_owned()),
        ("county, by agent".to_owned(), "/api/v1/statistics/sheets?group_by=agent".to_owned()),
        (
            format!("{} (busiest), by agent", dept.code),
            format!("/api/v1/statistics/sheets?group_by=agent&department_id={}", dept.id),
        ),
    ];
    let mut out = Vec::new();
    for (what, path) in cases {
        for _ in 0..3 {
            api.get(&path, &tokens.office).await?;
        }
        let mut lat = Vec::with_capacity(requests);
        for _ in 0..requests {
            let (status, t) = api.get(&path, &tokens.office).await?;
            if status != 200 {
                bail!("{path}: status {status}");
            }
            lat.push(t);
        }
        out.push((what, stats(lat)));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// The reminder sweep

struct SweepResult {
    open_deadlines: u64,
    due: usize,
    sweep: Stats,
    empty: Stats,
    notifications: u32,
    deadlines_claimed: u32,
}

async fn measure_sweep(
    state: &AppContext,
    loaded: &mut Loaded,
    due: usize,
    reps: usize,
    rng: &mut SmallRng,
) -> anyhow::Result<SweepResult> {
    let db = &state.db;
    let open_deadlines = deadline::Entity::find().filter(deadline::Column::ClosedAt.is_null()).count(db).await?;
    let mut sweep = Vec::new();
    let mut empty = Vec::new();
    let mut notifications = 0;
    let mut claimed = 0;
    // A first empty sweep drains whatever is due already (nothing, normally).
    butler_app::reminders::sweep(state, Utc::now()).await?;
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
        let report = butler_app::reminders::sweep(state, now).await?;
        sweep.push(ms(t.elapsed()));
        notifications += report.notifications;
        claimed += report.deadlines;
        let t = Instant::now();
        let report = butler_app::reminders::sweep(state, Utc::now()).await?;
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

fn claim_statement(backend: DbBackend, now: DateTime<Utc>) -> Statement {
    // The candidate query of `repo::deadlines::claim_due`.
    let due =
        Condition::all().add(deadline::Column::NextStepAt.lte(now)).add(deadline::Column::ClosedAt.is_null()).add(
            Condition::any().add(deadline::Column::ClaimedUntil.is_null()).add(deadline::Column::ClaimedUntil.lte(now)),
        );
    let q = Query::select()
        .column(deadline::Column::Id)
        .from(deadline::Entity)
        .cond_where(due)
        .order_by(deadline::Column::NextStepAt, Order::Asc)
        .limit(100)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    backend.build(&q)
}

// ---------------------------------------------------------------------------------------
// The run

struct StepReport {
    label: String,
    sheets: u64,
    cases: u64,
    open_sheets: u64,
    load_secs: f64,
    rows: u64,
    db_bytes: u64,
    get_case: LoadResult,
    get_case_single: LoadResult,
    queues: Vec<QueueResult>,
    statistics: Vec<(String, Stats)>,
    sweep: SweepResult,
    transitions: Option<(WriteResult, WriteResult)>,
    raw: Option<(WriteResult, WriteResult)>,
}

fn machine_notes() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let mem = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|s| s.lines().next().map(|l| l.split_whitespace().nth(1).unwrap_or("0").parse::<u64>().unwrap_or(0)))
        .unwrap_or(0);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    format!(
        "{} × {cpu}, {:.1} GiB memory, load average at the end {}",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0),
        mem as f64 / 1024.0 / 1024.0,
        load.split_whitespace().take(3).collect::<Vec<_>>().join(" ")
    )
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if args.sheets < (SHEETS_PER_CASE as u64) * 10 {
        bail!("--sheets must be at least {}", SHEETS_PER_CASE * 10);
    }
    let target = prepare_target(&args).await?;
    log(format!("database: {}", target.label));
    let result = run(&args, &target).await;
    if args.keep {
        log(format!("kept the database: {}", target.url));
    } else {
        drop_target(&target).await;
    }
    let report = result?;
    println!("{report}");
    if let Some(out) = &args.out {
        std::fs::write(out, &report).with_context(|| format!("writing {}", out.display()))?;
    }
    Ok(())
}

async fn run(args: &Args, target: &Target) -> anyhow::Result<String> {
    let db = butler_persistence::connect(&target.url, args.pool).await?;
    butler_persistence::migrate(&db).await?;
    let t = Instant::now();
    demo::load(&db, &demo::DAYAO, PASSWORD, Utc::now()).await?;
    log(format!("migrated and loaded the demo county in {:.1} s", t.elapsed().as_secs_f64()));
    let w = Arc::new(world(&db).await?);
    db.execute_unprepared(
        "CREATE TABLE bench_commit (id VARCHAR(36) PRIMARY KEY, client BIGINT NOT NULL, n BIGINT NOT NULL)",
    )
    .await?;

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
    let running = butler_server::start(&settings, false, Arc::new(SystemClock::default())).await?;
    let handle = running.handle.clone();
    let server = tokio::spawn(running.server);
    let base = format!("http://{}", running.addr);
    let api = Api::new(&base)?;
    log(format!("server on {base}"));

    // The sweep runs in-process on its own state (as the scheduler does), on the same settings.
    let sweep_db = butler_persistence::connect(&target.url, args.pool).await?;
    let clock: Arc<dyn Clock> = Arc::new(SystemClock::default());
    let sweep_state = AppContext::new(sweep_db, clock, false);

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
            let stmt = task_sheet::Entity::find()
                .filter(task_sheet::Column::CaseId.eq(*id))
                .order_by_asc(task_sheet::Column::Id)
                .build(backend);
            writeln!(plans, "\n#### {label}: getCase's sheets of a case\n\n```text")?;
            plans.push_str(&explain(&db, &stmt).await?);
            plans.push_str("```\n");
            // listTasks' lookup of the cases of a page (`repo::cases::get_many`).
            let page: Vec<Uuid> = loaded.cases.iter().step_by(97).take(50).copied().collect();
            let stmt = case::Entity::find().filter(case::Column::Id.is_in(page)).build(backend);
            writeln!(plans, "\n#### {label}: listTasks' cases of a page (50 ids)\n\n```text")?;
            plans.push_str(&explain(&db, &stmt).await?);
            plans.push_str("```\n");
        }

        log("  statistics");
        let statistics = measure_statistics(&api, &tokens, &w, busiest, 20).await?;

        log("  reminder sweep");
        let sweep = measure_sweep(&sweep_state, &mut loaded, args.due, args.sweeps, &mut rng).await?;

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

fn thousands(n: u64) -> String {
    if n >= 1_000_000 && n.is_multiple_of(1_000_000) {
        format!("{} M", n / 1_000_000)
    } else if n >= 1_000 && n.is_multiple_of(1_000) {
        format!("{} k", n / 1_000)
    } else {
        n.to_string()
    }
}

fn render(
    args: &Args,
    target: &Target,
    w: &World,
    busiest: usize,
    steps: &[StepReport],
    plans: &str,
    load_total: f64,
) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "## butler-bench: {}\n", target.label.split(" (").next().unwrap_or(""));
    let _ = writeln!(s, "- database: {}", target.label);
    let _ = writeln!(s, "- machine: {}", machine_notes());
    let _ = writeln!(
        s,
        "- server: in-process `butler_server::start`, {} HTTP workers, pool of {} connections, scheduler off (the sweep is measured alone)",
        if args.workers == 0 { "one per core".to_owned() } else { args.workers.to_string() },
        args.pool
    );
    let _ = writeln!(
        s,
        "- data: {} sheets over {} cases ({SHEETS_PER_CASE} items and sheets each), loaded in steps {}; busiest department `{}`",
        thousands(args.sheets),
        thousands(args.sheets / SHEETS_PER_CASE as u64),
        steps.iter().map(|r| r.label.clone()).collect::<Vec<_>>().join(" → "),
        w.depts[busiest].code
    );
    let _ = writeln!(s, "- total load time: {load_total:.1} s\n");

    let _ = writeln!(s, "### Load\n");
    let _ = writeln!(s, "| step | cases | sheets (open) | rows written | time | sheets/s | database size |");
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|");
    for r in steps {
        let _ = writeln!(
            s,
            "| {} | {} | {} ({}) | {} | {:.1} s | {:.0} | {} MB |",
            r.label,
            r.cases,
            r.sheets,
            r.open_sheets,
            r.rows,
            r.load_secs,
            (r.sheets as f64 - steps.iter().take_while(|x| x.label != r.label).last().map_or(0.0, |p| p.sheets as f64))
                / r.load_secs,
            r.db_bytes / 1_000_000
        );
    }

    let _ = writeln!(s, "\n### getCase (as `office`, random cases, closed loop)\n");
    let _ = writeln!(
        s,
        "| step | clients | seconds | requests/s | server mean ms | median ms | p95 ms | p99 ms | max ms | errors |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in steps {
        for g in [&r.get_case_single, &r.get_case] {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {:.0} | {} | {} | {} | {} | {} | {} |",
                r.label,
                g.clients,
                g.secs,
                g.throughput,
                f2(g.server_ms),
                f2(g.lat.median),
                f2(g.lat.p95),
                f2(g.lat.p99),
                f2(g.lat.max),
                g.errors
            );
        }
    }

    let _ =
        writeln!(s, "\n### Work queues (`listTasks`, limit 50; {} sequential requests each)\n", args.queue_requests);
    let _ = writeln!(
        s,
        "| step | queue | as | length | first page HTTP median / p95 ms | repo median ms | deep page HTTP median / p95 ms | repo median ms |"
    );
    let _ = writeln!(s, "|---|---|---|---:|---:|---:|---:|---:|");
    for r in steps {
        for q in &r.queues {
            let deep = match (&q.deep_http, &q.deep_repo) {
                (Some(h), Some(d)) => {
                    (format!("{} / {} (at {})", f2(h.median), f2(h.p95), q.deep_position), f2(d.median))
                }
                _ => ("—".into(), "—".into()),
            };
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} / {} | {} | {} | {} |",
                r.label,
                q.label,
                q.who,
                q.length,
                f2(q.first_http.median),
                f2(q.first_http.p95),
                f2(q.first_repo.median),
                deep.0,
                deep.1
            );
        }
    }

    let _ = writeln!(s, "\n### Sheet transitions vs raw commits ({} s runs)\n", args.write_secs);
    let _ =
        writeln!(s, "| step | what | clients | count | per second | server mean ms | median ms | p95 ms | errors |");
    let _ = writeln!(s, "|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for r in steps {
        if let (Some((r1, rn)), Some((t1, tn))) = (&r.raw, &r.transitions) {
            for (what, x) in [
                ("raw INSERT+COMMIT", r1),
                ("raw INSERT+COMMIT", rn),
                ("transition (acknowledge/finish via API)", t1),
                ("transition (acknowledge/finish via API)", tn),
            ] {
                let _ = writeln!(
                    s,
                    "| {} | {what} | {} | {} | {:.0} | {} | {} | {} | {} |",
                    r.label,
                    x.clients,
                    x.commands,
                    x.per_sec,
                    x.server_ms.map(f2).unwrap_or_else(|| "—".into()),
                    f2(x.lat.median),
                    f2(x.lat.p95),
                    x.errors
                );
            }
            let _ = writeln!(
                s,
                "| {} | **ratio** transitions ÷ raw commits | 1 / {} | | {:.3} / {:.3} | | | | |",
                r.label,
                rn.clients,
                t1.per_sec / r1.per_sec.max(1e-9),
                tn.per_sec / rn.per_sec.max(1e-9)
            );
        }
    }

    let _ = writeln!(s, "\n### Statistics (`getSheetStatistics`, sequential requests)\n");
    let _ = writeln!(s, "| step | request | median / p95 ms |");
    let _ = writeln!(s, "|---|---|---:|");
    for r in steps {
        for (what, x) in &r.statistics {
            let _ = writeln!(s, "| {} | {what} | {} / {} |", r.label, f2(x.median), f2(x.p95));
        }
    }

    let _ = writeln!(s, "\n### Reminder sweep (`reminders::sweep`)\n");
    let _ = writeln!(
        s,
        "| step | open deadlines | due per sweep | claimed | notifications | sweep median / p95 ms | nothing-due sweep median ms |"
    );
    let _ = writeln!(s, "|---|---:|---:|---:|---:|---:|---:|");
    for r in steps {
        let x = &r.sweep;
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} / {} | {} |",
            r.label,
            x.open_deadlines,
            x.due,
            x.deadlines_claimed,
            x.notifications,
            f2(x.sweep.median),
            f2(x.sweep.p95),
            f2(x.empty.median)
        );
    }

    let _ = writeln!(s, "\n### Query plans\n{plans}");
    s
}

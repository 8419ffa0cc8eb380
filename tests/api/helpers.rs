//! `spawn_app`: the real server on a random port, on a fresh SQLite file or a fresh
//! PostgreSQL database, with the demo county loaded.

use butler_app::clock::SystemClock;
use butler_persistence::with_database;
use butler_server::config::{Secret, Settings};
use reqwest::{Method, StatusCode};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use std::sync::Arc;
use tokio::sync::OnceCell;

pub const PASSWORD: &str = "butler-demo";
pub const JWT_SECRET: &str = "test-secret-test-secret-test-secret-0123";
/// The suite's key for personal numbers: the demo's (`butler_app::pii::Keyring::demo`), so
/// that servers in and out of demo mode and contexts the tests build read each other's rows.
pub const PII_KEYS: &str = butler_app::pii::DEMO_KEYS;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub struct TestApp {
    pub base: String,
    pub client: reqwest::Client,
    pub clock: Arc<SystemClock>,
    pub database_url: String,
    handle: actix_web::dev::ServerHandle,
    _dir: Option<tempfile::TempDir>,
    /// Where the server keeps stored files (a fresh folder per test unless S3 is chosen).
    pub storage: butler_server::config::StorageSettings,
    _files: Option<tempfile::TempDir>,
    /// (administrative URL, database name) of a PostgreSQL test database, dropped at the end.
    pg_database: Option<(String, String)>,
}

/// The PostgreSQL server's URL for administration (`TEST_DATABASE_URL`). Without it the
/// PostgreSQL variants fail, so the suite cannot silently skip half its runs; set
/// `BUTLER_TEST_SQLITE_ONLY=1` to run only the SQLite variants on purpose.
fn postgres_admin_url() -> Option<String> {
    match std::env::var("TEST_DATABASE_URL") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("BUTLER_TEST_SQLITE_ONLY").is_ok_and(|v| v == "1"),
                "TEST_DATABASE_URL is not set: run scripts/test (it starts PostgreSQL), or set BUTLER_TEST_SQLITE_ONLY=1"
            );
            None
        }
    }
}

/// The migrated template database of this run. Databases are named
/// `bt_<pid>_<...>` after the test process, so concurrent runs never touch each other's.
static TEMPLATE: OnceCell<String> = OnceCell::const_new();

fn run_prefix() -> String {
    format!("bt_{}_", std::process::id())
}

/// Migrates a template database once per run (after dropping the databases of earlier
/// runs whose process has ended); each test then clones it, much faster than migrating.
async fn postgres_template(admin: &str) -> String {
    TEMPLATE
        .get_or_init(|| async {
            let db = Database::connect(admin).await.expect("connect to TEST_DATABASE_URL");
            let backend = db.get_database_backend();
            let stale = db
                .query_all_raw(sea_orm::Statement::from_string(
                    backend,
                    "SELECT d.datname FROM pg_database d JOIN pg_roles r ON d.datdba = r.oid \
                     WHERE r.rolname = current_user AND d.datname LIKE 'bt\\_%'",
                ))
                .await
                .expect("list databases");
            for row in stale {
                let name: String = row.try_get("", "datname").expect("datname");
                let pid = name.split('_').nth(1).unwrap_or("");
                if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
                    db.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await.ok();
                }
            }
            let template = format!("{}template", run_prefix());
            db.execute_unprepared(&format!("CREATE DATABASE \"{template}\"")).await.expect("create template");
            db.close().await.ok();
            let tpl = butler_persistence::connect(&with_database(admin, &template), 2).await.expect("connect template");
            butler_persistence::migrate(&tpl).await.expect("migrate template");
            tpl.close().await.ok();
            template
        })
        .await
        .clone()
}

async fn fresh_postgres(admin: &str) -> (String, String) {
    let template = postgres_template(admin).await;
    let name = format!("{}{}", run_prefix(), uuid::Uuid::new_v4().simple());
    let db = Database::connect(admin).await.expect("connect to TEST_DATABASE_URL");
    db.execute_unprepared(&format!("CREATE DATABASE \"{name}\" TEMPLATE \"{template}\""))
        .await
        .expect("create database");
    db.close().await.ok();
    (with_database(admin, &name), name)
}

/// Drops a test's database when the test ends, on a thread of its own (`Drop` is not async)
/// that the test does not wait for. A `DROP DATABASE` waits until every backend of the cluster
/// has let go of the database's files, and a backend still starting up for it (a connection
/// that the ended test's server threads open after `FORCE` cut off the others) lets go only at
/// the cluster's authentication timeout: a minute in which the test, and every other test
/// dropping a database, stood still (seen in CI as tests "running for over 60 seconds"). What
/// a run ends before dropping, the next run drops.
fn drop_postgres(admin: String, name: String) {
    std::thread::spawn(move || {
        let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else { return };
        rt.block_on(async move {
            if let Ok(db) = Database::connect(&admin).await {
                db.execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await.ok();
                db.close().await.ok();
            }
        });
    });
}

pub struct Options {
    pub login_attempts_per_ip_per_minute: u32,
    /// Load the demo cases too (most tests start from the county alone).
    pub demo_cases: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { login_attempts_per_ip_per_minute: 1000, demo_cases: false }
    }
}

/// Every log line the servers of this test binary wrote at `debug` and above from the
/// project's crates (and `warn` from others), for tests that check what never shows in logs.
static CAPTURED_LOGS: std::sync::Mutex<Vec<u8>> = std::sync::Mutex::new(Vec::new());

/// A writer appending to [`CAPTURED_LOGS`].
struct Capture;

impl std::io::Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        CAPTURED_LOGS.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// What the servers of this test binary have logged so far.
pub fn captured_logs() -> String {
    String::from_utf8_lossy(&CAPTURED_LOGS.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
}

/// Logs go through the test harness's capture (shown for failing tests only), at `warn`
/// unless `RUST_LOG` says otherwise; the project's crates' `debug` lines are also kept in
/// [`captured_logs`].
fn init_logs() {
    use tracing_subscriber::Layer;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    let kept = tracing_subscriber::EnvFilter::new(
        "warn,butler_app=debug,butler_server=debug,butler_http=debug,butler_persistence=debug",
    );
    let _ = tracing_subscriber::registry()
        .with(tracing_subscriber::fmt::layer().with_test_writer().with_filter(filter))
        .with(tracing_subscriber::fmt::layer().with_ansi(false).with_writer(|| Capture).with_filter(kept))
        .try_init();
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, Options::default()).await
}

pub async fn spawn_app_with(backend: Backend, options: Options) -> TestApp {
    spawn_configured(backend, |s| {
        s.login_attempts_per_ip_per_minute = options.login_attempts_per_ip_per_minute;
        s.demo_cases = options.demo_cases;
    })
    .await
}

/// The suite's server settings on `database_url`. The reminder scheduler is off, so tests
/// sweep when they choose (`runScheduler`); `spawn_configured` can turn it on.
fn test_settings(database_url: &str) -> Settings {
    Settings {
        database_url: database_url.to_owned(),
        database_max_connections: 5,
        bind: "127.0.0.1:0".into(),
        jwt_secret: Secret::new(JWT_SECRET),
        pii_keys: Secret::new(PII_KEYS),
        workers: 1,
        login_attempts_per_ip_per_minute: Options::default().login_attempts_per_ip_per_minute,
        web_dir: "/nonexistent".into(),
        scheduler_interval_secs: 0,
        demo_cases: Options::default().demo_cases,
        ..Settings::default()
    }
}

/// Starts a server on `database_url` with its own clock; the demo county is loaded when
/// `demo` (and is left as it is when already there).
async fn start_server(
    settings: &Settings,
    demo: bool,
    dir: Option<tempfile::TempDir>,
    files: Option<tempfile::TempDir>,
    pg_database: Option<(String, String)>,
) -> TestApp {
    let clock = Arc::new(SystemClock::default());
    // The suite runs on the wall clock; `BUTLER_TEST_CLOCK_SHIFT_MINUTES` starts every server's
    // clock that much later, to try the suite at another day of the week and hour of the day.
    if let Some(minutes) = std::env::var("BUTLER_TEST_CLOCK_SHIFT_MINUTES").ok().and_then(|m| m.parse().ok()) {
        clock.advance(chrono::Duration::minutes(minutes));
    }
    let running = butler_server::start(settings, demo, clock.clone()).await.expect("server starts");
    let handle = running.handle.clone();
    tokio::spawn(running.server);
    TestApp {
        base: format!("http://{}", running.addr),
        client: reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client"),
        clock,
        database_url: settings.database_url.clone(),
        handle,
        _dir: dir,
        storage: settings.storage.clone(),
        _files: files,
        pg_database,
    }
}

/// A second server process on `app`'s database (its own pool, clock and caches), in demo
/// mode or not. Keep `app` alive as long as it: `app` owns an SQLite file's folder.
pub async fn spawn_sibling(app: &TestApp, demo: bool) -> TestApp {
    let settings = Settings { storage: app.storage.clone(), ..test_settings(&app.database_url) };
    start_server(&settings, demo, None, None, None).await
}

/// A second server process on `app`'s database like [`spawn_sibling`], with the suite's
/// settings changed by `adjust`.
pub async fn spawn_sibling_configured(app: &TestApp, demo: bool, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    let mut settings = Settings { storage: app.storage.clone(), ..test_settings(&app.database_url) };
    adjust(&mut settings);
    start_server(&settings, demo, None, None, None).await
}

/// `spawn_app` with the suite's settings changed by `adjust`.
pub async fn spawn_configured(backend: Backend, adjust: impl FnOnce(&mut Settings)) -> TestApp {
    init_logs();
    let mut pg_database = None;
    let (database_url, dir) = match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("tempdir");
            (format!("sqlite://{}/butler.sqlite", dir.path().display()), Some(dir))
        }
        Backend::Postgres => match postgres_admin_url() {
            Some(admin) => {
                let (url, name) = fresh_postgres(&admin).await;
                pg_database = Some((admin, name));
                (url, None)
            }
            None => {
                // Deliberately SQLite-only run: the PostgreSQL variant runs on SQLite.
                let dir = tempfile::tempdir().expect("tempdir");
                (format!("sqlite://{}/butler.sqlite", dir.path().display()), Some(dir))
            }
        },
    };
    let mut settings = test_settings(&database_url);
    let files = tempfile::tempdir().expect("tempdir for files");
    settings.storage.local_root = files.path().to_path_buf();
    adjust(&mut settings);
    start_server(&settings, true, dir, Some(files), pg_database).await
}

/// A response's status and JSON body (`Value::Null` when empty or not JSON).
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Value,
}

impl Reply {
    pub fn code(&self) -> &str {
        self.body["code"].as_str().unwrap_or("")
    }

    pub fn field_codes(&self) -> Vec<(String, String)> {
        self.body["errors"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| (e["field"].as_str().unwrap_or("").into(), e["code"].as_str().unwrap_or("").into()))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Asserts a problem+json answer with this status and code.
    #[track_caller]
    pub fn assert_problem(&self, status: u16, code: &str) {
        assert_eq!(self.status.as_u16(), status, "body: {}", self.body);
        assert_eq!(self.content_type, "application/problem+json", "body: {}", self.body);
        assert_eq!(self.code(), code, "body: {}", self.body);
        assert_eq!(self.body["status"].as_u64(), Some(status as u64));
        assert!(!self.body["title"].as_str().unwrap_or("").is_empty());
        assert!(!self.body["detail"].as_str().unwrap_or("").is_empty());
    }
}

impl TestApp {
    pub async fn request(&self, method: Method, path: &str, token: Option<&str>, body: Option<Value>) -> Reply {
        let mut req = self.client.request(method, format!("{}{path}", self.base));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        if let Some(b) = body {
            req = req.json(&b);
        }
        Self::reply(req.send().await.expect("request")).await
    }

    pub async fn raw(&self, req: reqwest::RequestBuilder) -> Reply {
        Self::reply(req.send().await.expect("request")).await
    }

    async fn reply(res: reqwest::Response) -> Reply {
        let status = res.status();
        let content_type = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
        let text = res.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Reply { status, content_type, body }
    }

    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.request(Method::GET, path, Some(token), None).await
    }

    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.request(Method::POST, path, Some(token), Some(body)).await
    }

    pub async fn login_reply(&self, tenant: &str, username: &str, password: &str) -> Reply {
        self.request(
            Method::POST,
            "/api/v1/auth/login",
            None,
            Some(json!({"tenant": tenant, "username": username, "password": password})),
        )
        .await
    }

    /// Signs in a demo account of `dayao`; returns (access, refresh).
    pub async fn login(&self, username: &str) -> (String, String) {
        self.login_in("dayao", username).await
    }

    pub async fn login_in(&self, tenant: &str, username: &str) -> (String, String) {
        let r = self.login_reply(tenant, username, PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.body);
        (r.body["access_token"].as_str().unwrap().to_owned(), r.body["refresh_token"].as_str().unwrap().to_owned())
    }

    /// Signs in an account that holds the initial password `initial` and replaces it with
    /// `chosen`, as its holder must first; returns the new session's (access, refresh).
    pub async fn first_sign_in(&self, tenant: &str, username: &str, initial: &str, chosen: &str) -> (String, String) {
        let r = self.login_reply(tenant, username, initial).await;
        assert_eq!(r.status, StatusCode::OK, "login {username}: {}", r.body);
        assert_eq!(r.body["must_change_password"], true, "{}", r.body);
        let access = r.body["access_token"].as_str().unwrap();
        let body = json!({"current_password": initial, "new_password": chosen});
        let r = self.post("/api/v1/me/password", access, body).await;
        assert_eq!(r.status, StatusCode::OK, "password change of {username}: {}", r.body);
        (r.body["access_token"].as_str().unwrap().to_owned(), r.body["refresh_token"].as_str().unwrap().to_owned())
    }

    pub async fn token(&self, username: &str) -> String {
        self.login(username).await.0
    }

    /// Moves this app's clock on to 09:00, the county's time, of the next Monday that starts a
    /// plain week (Monday to Friday working days by the county's calendar). A test that runs a
    /// sheet past days of working time then reads the same whatever the day and the hour it runs
    /// at: from a Sunday evening, three days on was already past a deadline that the same steps
    /// from a Sunday afternoon were not.
    pub async fn start_a_plain_week(&self) {
        use butler_domain::calendar::TIME_ZONE;
        let now = self.clock_now();
        let from = now.with_timezone(&TIME_ZONE).date_naive() + chrono::Duration::days(1);
        let to = from + chrono::Duration::days(120);
        let token = self.token("office").await;
        let r = self.get(&format!("/api/v1/calendar/days?from={from}&to={to}"), &token).await;
        assert_eq!(r.status, 200, "{}", r.body);
        let days = r.body["days"].as_array().expect("days");
        let monday = days
            .windows(5)
            .find(|week| week[0]["weekday"] == 1 && week.iter().all(|d| d["working"] == true))
            .and_then(|week| week[0]["date"].as_str())
            .expect("a plain week within 120 days");
        let monday: chrono::NaiveDate = monday.parse().expect("date");
        let start = monday
            .and_hms_opt(9, 0, 0)
            .expect("09:00")
            .and_local_timezone(TIME_ZONE)
            .single()
            .expect("one instant")
            .with_timezone(&chrono::Utc);
        self.clock.advance(start - now);
    }

    /// A second connection to the app's database, for assertions on stored rows.
    pub async fn db(&self) -> sea_orm::DatabaseConnection {
        butler_persistence::connect(&self.database_url, 1).await.expect("connect")
    }

    /// Loads another county into the same database.
    pub async fn add_tenant(&self, code: &str, name: &str, division: &str) {
        let db = self.db().await;
        butler_server::demo::load(
            &db,
            &butler_app::pii::Keyring::demo(),
            &butler_server::demo::DemoTenant { code, name, division },
            PASSWORD,
            self.clock_now(),
        )
        .await
        .expect("second tenant");
        db.close().await.ok();
    }

    pub fn clock_now(&self) -> chrono::DateTime<chrono::Utc> {
        butler_app::clock::Clock::now(self.clock.as_ref())
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Stop accepting; the runtime ends the rest with the test.
        drop(self.handle.stop(false));
        if let Some((admin, name)) = self.pg_database.take() {
            drop_postgres(admin, name);
        }
    }
}

/// Declares each listed `async fn name(backend)` as two tests: `sqlite::name` and
/// `postgres::name`.
#[macro_export]
macro_rules! on_both_databases {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Sqlite).await
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    super::$name($crate::helpers::Backend::Postgres).await
                }
            )*
        }
    };
}

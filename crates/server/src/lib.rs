//! The `butler` server: configuration, start-up, the demo county, catalog import.

pub mod backup;
pub mod catalog;
pub mod config;
pub mod demo;
pub mod demo_agencies;
pub mod demo_cases;
pub mod onboarding;
pub mod scheduler;
pub mod telemetry;
pub mod transport;
pub mod verify_dossier;

use actix_web::HttpServer;
use actix_web::dev::ServerHandle;
use butler_app::Context;
use butler_app::clock::{Clock, SystemClock};
use butler_http::{AppState, AuthSettings};
use chrono::Duration;
use rand::RngCore;
use std::net::SocketAddr;
use std::sync::Arc;

pub use config::Settings;

/// A started server.
pub struct Running {
    /// The address it listens on (the real port when `bind` asked for port 0).
    pub addr: SocketAddr,
    pub handle: ServerHandle,
    /// Resolves when the server stops.
    pub server: actix_web::dev::Server,
    pub demo: Option<demo::DemoSummary>,
    /// The reminder scheduler, unless `scheduler_interval_secs` is 0.
    pub scheduler: Option<tokio::task::JoinHandle<()>>,
    /// The delivery worker, unless `delivery.enabled` is false.
    pub delivery: Option<tokio::task::JoinHandle<()>>,
}

/// Why the server could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("BUTLER_JWT_SECRET is required outside demo mode (at least 32 random bytes)")]
    MissingSecret,
    #[error("{0}")]
    PiiKeys(#[from] PiiKeysError),
    #[error("database: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("demo: {0}")]
    Demo(#[from] demo::DemoError),
    #[error("demo cases: {0}")]
    DemoCases(String),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("{0}")]
    Storage(#[from] butler_app::files::StorageError),
    #[error("delivery transport: {0}")]
    Transport(#[from] reqwest::Error),
}

fn auth_settings(settings: &Settings, demo: bool) -> Result<AuthSettings, StartError> {
    let secret = if settings.jwt_secret.is_empty() {
        if !demo {
            return Err(StartError::MissingSecret);
        }
        tracing::warn!("no BUTLER_JWT_SECRET: using a random one; tokens end with this process");
        let mut bytes = vec![0u8; 48];
        rand::rng().fill_bytes(&mut bytes);
        bytes
    } else {
        settings.jwt_secret.expose().as_bytes().to_vec()
    };
    Ok(AuthSettings {
        jwt_secret: secret,
        access_ttl: Duration::seconds(settings.access_token_ttl_secs),
        refresh_ttl: Duration::seconds(settings.refresh_token_ttl_secs),
        max_failed_logins: settings.max_failed_logins,
        lockout: Duration::seconds(settings.lockout_secs),
        login_attempts_per_ip_per_minute: settings.login_attempts_per_ip_per_minute,
    })
}

/// Why the keys sealing personal numbers are not usable.
#[derive(Debug, thiserror::Error)]
pub enum PiiKeysError {
    #[error(
        "BUTLER_PII_KEYS is required outside demo mode: the SM4 key sealing phone numbers at rest, `id=32 hex digits` (e.g. `2026a=` and the output of `openssl rand -hex 16`)"
    )]
    Missing,
    #[error("BUTLER_PII_KEYS: {0}")]
    Invalid(#[from] butler_app::pii::KeyringError),
}

/// The keys sealing personal numbers: the configured ones; without any, the demo's public key
/// in demo mode and a refusal to start otherwise.
pub fn pii_keyring(settings: &Settings, demo: bool) -> Result<butler_app::pii::Keyring, PiiKeysError> {
    if settings.pii_keys.is_empty() {
        if !demo {
            return Err(PiiKeysError::Missing);
        }
        tracing::warn!("no BUTLER_PII_KEYS: personal numbers are sealed with the demo's public key");
        return Ok(butler_app::pii::Keyring::demo());
    }
    Ok(butler_app::pii::Keyring::parse(settings.pii_keys.expose())?)
}

/// Connects, migrates, loads the demo when asked, and starts serving.
pub async fn start(settings: &Settings, demo: bool, clock: Arc<SystemClock>) -> Result<Running, StartError> {
    let auth = auth_settings(settings, demo)?;
    let pii = pii_keyring(settings, demo)?;
    settings.prepare_sqlite_dir()?;
    let db = butler_persistence::connect_with(
        &settings.database_url,
        settings.database_max_connections,
        std::time::Duration::from_millis(settings.database_acquire_timeout_ms),
        (settings.database_slow_statement_ms > 0)
            .then(|| std::time::Duration::from_millis(settings.database_slow_statement_ms)),
    )
    .await?;
    butler_persistence::migrate(&db).await?;
    let summary = if demo {
        Some(demo::load(&db, &pii, &demo::DEMO_COUNTY, settings.demo_password.expose(), clock.now()).await?)
    } else {
        None
    };
    let web_dir = settings.web_dir.join("index.html").is_file().then(|| settings.web_dir.clone());
    if web_dir.is_none() {
        tracing::info!(dir = %settings.web_dir.display(), "no built web app found; serving the API only");
    }
    let dyn_clock: Arc<dyn Clock> = clock;
    // The HTTP transport an S3-compatible store talks through (the application knows no
    // HTTP stack of its own).
    opendal::install_default();
    let storage = butler_app::files::Storage::open(&settings.storage.config())?;
    let d = &settings.delivery;
    let transport = transport::NetTransport::new(std::time::Duration::from_millis(d.timeout_ms))?;
    let delivery = butler_app::delivery::Delivery {
        transport: Arc::new(transport),
        policy: d.policy(),
        batch: d.batch,
        concurrency: d.concurrency,
        lease: Duration::seconds(d.lease_secs),
        webhook_disable: d.webhook_disable(),
    };
    let app = Context::new(db, dyn_clock, demo)
        .with_pii(pii)
        .with_files(storage, settings.storage.limits())
        .with_delivery(delivery)
        .with_feed_settle(std::time::Duration::from_millis(settings.feed_settle_ms))
        .with_national_flag_from(settings.national_calendar_flag_from)
        .with_audit_retention(settings.audit_retention().unwrap_or_default());
    if let Some(summary) = &summary
        && summary.created
        && settings.demo_cases
    {
        let n = demo_cases::load(&app, &summary.tenant, app.clock.now())
            .await
            .map_err(|e| StartError::DemoCases(e.to_string()))?;
        tracing::info!(cases = n, "demo cases loaded");
    }
    // Sheets finished before their time used was kept are measured once, in the background.
    let measuring = app.clone();
    tokio::spawn(async move {
        match butler_app::sheets::measure_unmeasured(&measuring).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(sheets = n, "time used measured for sheets finished earlier"),
            Err(e) => tracing::error!(error = %e, "measuring the time used of earlier sheets failed"),
        }
    });
    let sweeper = app.clone();
    let deliverer = app.clone();
    let state = AppState::new(app, auth, web_dir)
        .with_consultation_limit(settings.consultations_per_ip_per_minute)
        .with_public_limit(settings.public_requests_per_ip_per_minute)
        .with_metrics_token(Some(settings.metrics_token.expose()))
        .with_trusted_proxies(settings.proxies().unwrap_or_default());
    let mut server = HttpServer::new(move || butler_http::app(state.clone())).bind(&settings.bind)?;
    if settings.workers > 0 {
        server = server.workers(settings.workers);
    }
    let addr = server.addrs().first().copied().ok_or_else(|| std::io::Error::other("no address bound"))?;
    let server = server.shutdown_timeout(10).run();
    // Started once the server is bound, so a failed start leaves nothing running.
    let scheduler = match settings.scheduler_interval_secs {
        0 => {
            tracing::info!("reminder scheduler disabled (scheduler_interval_secs = 0)");
            None
        }
        secs => Some(scheduler::spawn(sweeper, std::time::Duration::from_secs(secs))),
    };
    let delivery = if settings.delivery.enabled {
        Some(scheduler::spawn_delivery(deliverer, std::time::Duration::from_millis(settings.delivery.interval_ms)))
    } else {
        tracing::info!("delivery worker disabled (delivery.enabled = false)");
        None
    };
    Ok(Running { addr, handle: server.handle(), server, demo: summary, scheduler, delivery })
}

//! Configuration: committed defaults, then an optional TOML file, then `BUTLER_*`
//! environment variables (`__` separates nested keys). Passed around as a value; secrets
//! never print.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::{Path, PathBuf};

/// A secret string: `Debug` and `Display` never show it.
#[derive(Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() { "Secret(<unset>)" } else { "Secret(***)" })
    }
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One JSON object per line.
    #[default]
    Json,
    /// Human-readable lines.
    Pretty,
}

/// Which store keeps stored files' contents.
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum StorageKind {
    /// A folder on the local disk (`storage.local_root`).
    #[default]
    Local,
    /// An S3-compatible store (AWS S3, MinIO, Aliyun OSS…).
    S3,
}

/// Where stored files live, and the upload limits (`BUTLER_STORAGE__KIND=s3`, …).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct StorageSettings {
    /// `local` (default) or `s3`.
    pub kind: StorageKind,
    /// The folder of the local store (created when missing).
    pub local_root: PathBuf,
    /// The S3 endpoint, e.g. `https://oss-cn-hangzhou.aliyuncs.com` or `http://127.0.0.1:9000`.
    pub s3_endpoint: String,
    pub s3_bucket: String,
    pub s3_region: String,
    pub s3_access_key_id: String,
    pub s3_secret_access_key: Secret,
    /// The largest file accepted, in bytes (default 50 MiB).
    pub max_file_bytes: u64,
    /// The most one case may hold, in bytes (default 2 GiB).
    pub max_case_bytes: u64,
}

impl Default for StorageSettings {
    fn default() -> Self {
        StorageSettings {
            kind: StorageKind::Local,
            local_root: PathBuf::from("data/files"),
            s3_endpoint: String::new(),
            s3_bucket: String::new(),
            s3_region: "us-east-1".into(),
            s3_access_key_id: String::new(),
            s3_secret_access_key: Secret::default(),
            max_file_bytes: 50 * 1024 * 1024,
            max_case_bytes: 2 * 1024 * 1024 * 1024,
        }
    }
}

impl StorageSettings {
    /// The store these settings describe.
    pub fn config(&self) -> butler_app::files::StorageConfig {
        match self.kind {
            StorageKind::Local => butler_app::files::StorageConfig::Local { root: self.local_root.clone() },
            StorageKind::S3 => butler_app::files::StorageConfig::S3 {
                endpoint: self.s3_endpoint.clone(),
                bucket: self.s3_bucket.clone(),
                region: self.s3_region.clone(),
                access_key_id: self.s3_access_key_id.clone(),
                secret_access_key: self.s3_secret_access_key.expose().to_owned(),
            },
        }
    }

    /// The upload limits.
    pub fn limits(&self) -> butler_app::files::FileLimits {
        butler_app::files::FileLimits { max_file_bytes: self.max_file_bytes, max_case_bytes: self.max_case_bytes }
    }
}

/// The delivery worker (`BUTLER_DELIVERY__ENABLED`, `__INTERVAL_MS`, …): how often it drains
/// the outbox, how much at once, and the retry policy.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct DeliverySettings {
    /// Whether this process runs the delivery worker (several may: each message goes once).
    pub enabled: bool,
    /// Milliseconds between drains of the outbox.
    pub interval_ms: u64,
    /// Deliveries claimed per query.
    pub batch: u64,
    /// Sends in flight at once.
    pub concurrency: usize,
    /// The longest one attempt may take, in milliseconds.
    pub timeout_ms: u64,
    /// How long a claim holds a delivery, in seconds (longer than an attempt).
    pub lease_secs: i64,
    /// The first retry's delay, in milliseconds; each next one doubles.
    pub retry_base_ms: i64,
    /// The longest delay between attempts, in milliseconds.
    pub retry_ceiling_ms: i64,
    /// Attempts before a delivery is dead.
    pub max_attempts: u32,
    /// Seconds a webhook endpoint may fail without a single success before its subscription
    /// is switched off (5 days by default).
    pub webhook_disable_after_secs: i64,
}

impl Default for DeliverySettings {
    fn default() -> Self {
        DeliverySettings {
            enabled: true,
            interval_ms: 2000,
            batch: 100,
            concurrency: 8,
            timeout_ms: 10_000,
            lease_secs: 120,
            retry_base_ms: 30_000,
            retry_ceiling_ms: 3_600_000,
            max_attempts: 12,
            webhook_disable_after_secs: 5 * 24 * 3600,
        }
    }
}

impl DeliverySettings {
    /// The application's view: the retry policy and the worker's limits (the transport is
    /// the binary's).
    pub fn policy(&self) -> butler_domain::delivery::RetryPolicy {
        butler_domain::delivery::RetryPolicy {
            base: chrono::TimeDelta::milliseconds(self.retry_base_ms),
            ceiling: chrono::TimeDelta::milliseconds(self.retry_ceiling_ms),
            max_attempts: self.max_attempts,
        }
    }

    /// When a failing webhook endpoint is switched off.
    pub fn webhook_disable(&self) -> butler_domain::webhook::DisableRule {
        butler_domain::webhook::DisableRule { window: chrono::TimeDelta::seconds(self.webhook_disable_after_secs) }
    }
}

/// Every setting of the server.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(default)]
pub struct Settings {
    /// `sqlite://data/butler.sqlite` (created on first run) or `postgres://…`.
    pub database_url: String,
    /// Connections in the pool.
    pub database_max_connections: u32,
    /// How long a request waits for a connection of the pool, in milliseconds, before it is
    /// answered 503 `service_unavailable` with `Retry-After`.
    pub database_acquire_timeout_ms: u64,
    /// Statements taking this many milliseconds or more are logged as warnings with their
    /// text and time (0: none is).
    pub database_slow_statement_ms: u64,
    /// Address and port to listen on.
    pub bind: String,
    /// HMAC secret for access tokens, at least 32 bytes. Required outside demo mode.
    pub jwt_secret: Secret,
    /// The SM4 keys sealing personal numbers (phone and mobile numbers of people) at rest:
    /// `id=32 hex digits`, comma-separated, the current key first (it seals; the others only
    /// open values sealed before a rotation). Required outside demo mode.
    pub pii_keys: Secret,
    /// Access-token lifetime in seconds.
    pub access_token_ttl_secs: i64,
    /// Refresh-token lifetime (and idle timeout) in seconds.
    pub refresh_token_ttl_secs: i64,
    /// Failed sign-ins in a row that lock an account.
    pub max_failed_logins: i32,
    /// Seconds an account stays locked.
    pub lockout_secs: i64,
    /// Sign-in attempts per client address per minute.
    pub login_attempts_per_ip_per_minute: u32,
    /// Consultations (咨询与预约, sent without an account) per client address per minute.
    pub consultations_per_ip_per_minute: u32,
    /// Requests per client address per minute to the public (no sign-in) operations.
    pub public_requests_per_ip_per_minute: u32,
    /// The bearer token the monitoring system sends to `/metrics`; without one `/metrics`
    /// answers 404.
    pub metrics_token: Secret,
    /// Reverse proxies whose `X-Forwarded-For` / `X-Forwarded-Proto` are believed: addresses
    /// and networks, comma-separated (`10.0.0.5, 192.168.10.0/24`). Empty: nobody's, the
    /// connection's peer is the client.
    pub trusted_proxies: String,
    /// Password of every demo account (demo mode only).
    pub demo_password: Secret,
    /// With `--demo`: also load demo cases at several stages (once, with the county).
    pub demo_cases: bool,
    /// The built web app served at `/` (skipped when it has no `index.html`).
    pub web_dir: PathBuf,
    /// `json` (default) or `pretty`.
    pub log_format: LogFormat,
    /// HTTP worker threads; 0 means one per core.
    pub workers: usize,
    /// Seconds between reminder sweeps (督办 reminders and escalations); 0 disables the
    /// scheduler in this process.
    pub scheduler_interval_secs: u64,
    /// Stored files: the store and the upload limits.
    pub storage: StorageSettings,
    /// The delivery worker and its retry policy.
    pub delivery: DeliverySettings,
    /// Milliseconds the change feed (`GET /api/v1/events`) waits before it shows an event, so
    /// that a transaction committing late is not skipped by a reader that passed its time.
    pub feed_settle_ms: u64,
    /// From which day of a year (`MM-DD`) a next year still missing its national holiday
    /// notice is flagged (the platform's page, the county calendar's banner, `/readyz`).
    pub national_calendar_flag_from: butler_domain::calendar::MonthDay,
    /// Days the security audit trail is kept before the scheduler's sweep removes an entry:
    /// at least 180 (等保 2.0; the database refuses to delete younger entries anyway).
    pub audit_retention_days: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            database_url: "sqlite://data/butler.sqlite".into(),
            database_max_connections: 10,
            database_acquire_timeout_ms: butler_persistence::DEFAULT_ACQUIRE_TIMEOUT.as_millis() as u64,
            database_slow_statement_ms: butler_persistence::DEFAULT_SLOW_STATEMENT.as_millis() as u64,
            bind: "127.0.0.1:8080".into(),
            jwt_secret: Secret::default(),
            pii_keys: Secret::default(),
            access_token_ttl_secs: 15 * 60,
            refresh_token_ttl_secs: 12 * 3600,
            max_failed_logins: 5,
            lockout_secs: 15 * 60,
            login_attempts_per_ip_per_minute: 20,
            consultations_per_ip_per_minute: 10,
            public_requests_per_ip_per_minute: butler_http::state::DEFAULT_PUBLIC_REQUESTS_PER_MINUTE,
            metrics_token: Secret::default(),
            trusted_proxies: String::new(),
            demo_password: Secret::new("butler-demo"),
            demo_cases: true,
            web_dir: PathBuf::from("frontend/dist"),
            log_format: LogFormat::Json,
            workers: 0,
            scheduler_interval_secs: 30,
            storage: StorageSettings::default(),
            delivery: DeliverySettings::default(),
            feed_settle_ms: 5000,
            national_calendar_flag_from: butler_domain::calendar::notice::default_flag_from(),
            audit_retention_days: butler_domain::audit::AuditRetention::MIN_DAYS,
        }
    }
}

/// A setting that cannot work.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("configuration: {0}")]
    Load(#[from] Box<figment::Error>),
    #[error("configuration: {0}")]
    Invalid(String),
}

impl Settings {
    /// Loads defaults, then `file` (if given), then the environment.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let mut fig = Figment::from(Serialized::defaults(Settings::default()));
        if let Some(path) = file {
            if !path.is_file() {
                return Err(ConfigError::Invalid(format!("configuration file {} does not exist", path.display())));
            }
            fig = fig.merge(Toml::file(path));
        }
        let settings: Settings =
            fig.merge(Env::prefixed("BUTLER_").split("__").ignore(&["config"])).extract().map_err(Box::new)?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        let bad = |m: &str| Err(ConfigError::Invalid(m.to_owned()));
        if !(self.database_url.starts_with("sqlite:") || self.database_url.starts_with("postgres")) {
            return bad("BUTLER_DATABASE_URL must start with sqlite: or postgres://");
        }
        if self.access_token_ttl_secs < 60 || self.refresh_token_ttl_secs < self.access_token_ttl_secs {
            return bad("token lifetimes: access ≥ 60 s and refresh ≥ access");
        }
        if self.max_failed_logins < 1
            || self.lockout_secs < 1
            || self.login_attempts_per_ip_per_minute < 1
            || self.public_requests_per_ip_per_minute < 1
        {
            return bad("login limits must be positive");
        }
        if self.consultations_per_ip_per_minute < 1 {
            return bad("BUTLER_CONSULTATIONS_PER_IP_PER_MINUTE must be positive");
        }
        if !self.jwt_secret.is_empty() && self.jwt_secret.expose().len() < 32 {
            return bad("BUTLER_JWT_SECRET must be at least 32 bytes");
        }
        if !self.pii_keys.is_empty()
            && let Err(e) = butler_app::pii::Keyring::parse(self.pii_keys.expose())
        {
            return Err(ConfigError::Invalid(format!("BUTLER_PII_KEYS: {e}")));
        }
        if self.storage.max_file_bytes < 1 || self.storage.max_case_bytes < self.storage.max_file_bytes {
            return bad("storage limits: max_file_bytes ≥ 1 and max_case_bytes ≥ max_file_bytes");
        }
        if self.storage.kind == StorageKind::S3
            && (self.storage.s3_endpoint.is_empty() || self.storage.s3_bucket.is_empty())
        {
            return bad("BUTLER_STORAGE__S3_ENDPOINT and BUTLER_STORAGE__S3_BUCKET are required for S3 storage");
        }
        let d = &self.delivery;
        if d.interval_ms < 1
            || d.batch < 1
            || d.concurrency < 1
            || d.timeout_ms < 1
            || d.retry_base_ms < 1
            || d.retry_ceiling_ms < d.retry_base_ms
            || d.max_attempts < 1
            || d.lease_secs * 1000 <= i64::try_from(d.timeout_ms).unwrap_or(i64::MAX)
        {
            return bad(
                "delivery: interval, batch, concurrency, timeout and attempts ≥ 1, retry ceiling ≥ base, lease longer than the timeout",
            );
        }
        if let Err(entry) = self.proxies() {
            return Err(ConfigError::Invalid(format!(
                "BUTLER_TRUSTED_PROXIES: `{entry}` is neither an address nor a network"
            )));
        }
        if let Err(e) = self.audit_retention() {
            return Err(ConfigError::Invalid(format!("BUTLER_AUDIT_RETENTION_DAYS: {e}")));
        }
        if self.database_max_connections < 1 {
            return bad("BUTLER_DATABASE_MAX_CONNECTIONS must be at least 1");
        }
        if self.database_acquire_timeout_ms < 1 {
            return bad("BUTLER_DATABASE_ACQUIRE_TIMEOUT_MS must be at least 1");
        }
        Ok(())
    }

    /// How long the audit trail is kept, or why the configured days are too few.
    pub fn audit_retention(
        &self,
    ) -> Result<butler_domain::audit::AuditRetention, butler_domain::audit::RetentionTooShort> {
        butler_domain::audit::AuditRetention::parse(self.audit_retention_days)
    }

    /// The trusted proxies, or the first entry that is neither an address nor a network.
    pub fn proxies(&self) -> Result<butler_http::client_addr::TrustedProxies, String> {
        butler_http::client_addr::TrustedProxies::parse(&self.trusted_proxies)
    }

    /// Creates the folder of an SQLite file when it is missing.
    pub fn prepare_sqlite_dir(&self) -> std::io::Result<()> {
        if let Some(path) =
            self.database_url.strip_prefix("sqlite://").or_else(|| self.database_url.strip_prefix("sqlite:"))
        {
            let path = path.split('?').next().unwrap_or("");
            if !path.is_empty()
                && path != ":memory:"
                && let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty())
            {
                std::fs::create_dir_all(parent)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::result_large_err)] // figment's Jail API returns its own large error
mod tests {
    use super::*;

    #[test]
    fn secrets_do_not_print() {
        let s = Settings { jwt_secret: Secret::new("x".repeat(40)), ..Settings::default() };
        let text = format!("{s:?}");
        assert!(text.contains("Secret(***)"));
        assert!(!text.contains("xxxx"));
    }

    #[test]
    fn file_then_environment() {
        figment::Jail::expect_with(|jail| {
            jail.create_file("butler.toml", "bind = \"0.0.0.0:9000\"\nmax_failed_logins = 3\n")?;
            jail.set_env("BUTLER_MAX_FAILED_LOGINS", "7");
            let s = Settings::load(Some(Path::new("butler.toml"))).map_err(|e| e.to_string())?;
            assert_eq!(s.bind, "0.0.0.0:9000");
            assert_eq!(s.max_failed_logins, 7);
            assert_eq!(s.database_url, "sqlite://data/butler.sqlite");
            Ok(())
        });
    }

    #[test]
    fn refuses_unusable_values() {
        figment::Jail::expect_with(|jail| {
            jail.set_env("BUTLER_JWT_SECRET", "short");
            assert!(Settings::load(None).is_err());
            jail.set_env("BUTLER_JWT_SECRET", "x".repeat(32));
            jail.set_env("BUTLER_DATABASE_URL", "mysql://x");
            assert!(Settings::load(None).is_err());
            Ok(())
        });
    }
    #[test]
    fn the_audit_trail_is_kept_at_least_180_days() {
        figment::Jail::expect_with(|jail| {
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(s.audit_retention().map(|r| r.days()), Ok(180));
            jail.set_env("BUTLER_AUDIT_RETENTION_DAYS", "365");
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(s.audit_retention().map(|r| r.days()), Ok(365));
            jail.set_env("BUTLER_AUDIT_RETENTION_DAYS", "90");
            let refused = Settings::load(None).map(|_| ()).map_err(|e| e.to_string());
            let Err(message) = refused else { panic!("90 days accepted") };
            assert!(message.contains("BUTLER_AUDIT_RETENTION_DAYS") && message.contains("180"), "{message}");
            Ok(())
        });
    }

    #[test]
    fn the_scheduler_interval_defaults_to_30_seconds_and_0_disables() {
        figment::Jail::expect_with(|jail| {
            assert_eq!(Settings::load(None).map_err(|e| e.to_string())?.scheduler_interval_secs, 30);
            jail.set_env("BUTLER_SCHEDULER_INTERVAL_SECS", "0");
            assert_eq!(Settings::load(None).map_err(|e| e.to_string())?.scheduler_interval_secs, 0);
            Ok(())
        });
    }

    #[test]
    fn a_missing_national_year_is_flagged_from_1_november_unless_told_otherwise() {
        figment::Jail::expect_with(|jail| {
            let from = |s: Settings| s.national_calendar_flag_from.to_string();
            assert_eq!(from(Settings::load(None).map_err(|e| e.to_string())?), "11-01");
            jail.set_env("BUTLER_NATIONAL_CALENDAR_FLAG_FROM", "10-15");
            assert_eq!(from(Settings::load(None).map_err(|e| e.to_string())?), "10-15");
            jail.set_env("BUTLER_NATIONAL_CALENDAR_FLAG_FROM", "13-01");
            assert!(Settings::load(None).is_err());
            Ok(())
        });
    }

    #[test]
    fn the_feed_settles_for_5_seconds_unless_told_otherwise() {
        figment::Jail::expect_with(|jail| {
            assert_eq!(Settings::load(None).map_err(|e| e.to_string())?.feed_settle_ms, 5000);
            jail.set_env("BUTLER_FEED_SETTLE_MS", "250");
            assert_eq!(Settings::load(None).map_err(|e| e.to_string())?.feed_settle_ms, 250);
            Ok(())
        });
    }

    #[test]
    fn files_go_to_the_data_folder_unless_s3_is_configured() {
        figment::Jail::expect_with(|jail| {
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(s.storage.kind, StorageKind::Local);
            assert_eq!(s.storage.local_root, PathBuf::from("data/files"));
            assert_eq!(s.storage.max_file_bytes, 50 * 1024 * 1024);
            jail.set_env("BUTLER_STORAGE__KIND", "s3");
            assert!(Settings::load(None).is_err(), "S3 needs an endpoint and a bucket");
            jail.set_env("BUTLER_STORAGE__S3_ENDPOINT", "http://127.0.0.1:9000");
            jail.set_env("BUTLER_STORAGE__S3_BUCKET", "butler");
            jail.set_env("BUTLER_STORAGE__S3_SECRET_ACCESS_KEY", "very-secret");
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert_eq!(s.storage.kind, StorageKind::S3);
            assert!(!format!("{s:?}").contains("very-secret"));
            jail.set_env("BUTLER_STORAGE__MAX_FILE_BYTES", "0");
            assert!(Settings::load(None).is_err());
            Ok(())
        });
    }

    #[test]
    fn the_delivery_worker_defaults_and_overrides() {
        figment::Jail::expect_with(|jail| {
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert!(s.delivery.enabled);
            assert_eq!(s.delivery.policy(), butler_domain::delivery::RetryPolicy::default());
            jail.set_env("BUTLER_DELIVERY__RETRY_BASE_MS", "10");
            jail.set_env("BUTLER_DELIVERY__RETRY_CEILING_MS", "40");
            jail.set_env("BUTLER_DELIVERY__MAX_ATTEMPTS", "3");
            jail.set_env("BUTLER_DELIVERY__ENABLED", "false");
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert!(!s.delivery.enabled);
            assert_eq!(s.delivery.policy().max_attempts, 3);
            assert_eq!(s.delivery.policy().ceiling, chrono::TimeDelta::milliseconds(40));
            jail.set_env("BUTLER_DELIVERY__RETRY_CEILING_MS", "5");
            assert!(Settings::load(None).is_err(), "a ceiling below the base");
            Ok(())
        });
    }

    #[test]
    fn trusted_proxies_and_the_metrics_token_come_from_the_environment() {
        figment::Jail::expect_with(|jail| {
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            assert!(s.proxies()?.is_empty());
            assert!(s.metrics_token.is_empty());
            jail.set_env("BUTLER_TRUSTED_PROXIES", "10.0.0.5, 192.168.10.0/24");
            jail.set_env("BUTLER_METRICS_TOKEN", "scrape-me-please");
            let s = Settings::load(None).map_err(|e| e.to_string())?;
            let proxies = s.proxies()?;
            assert!(proxies.trusts("192.168.10.77".parse().map_err(|_| "ip")?));
            assert!(!proxies.trusts("10.0.0.6".parse().map_err(|_| "ip")?));
            assert_eq!(s.metrics_token.expose(), "scrape-me-please");
            jail.set_env("BUTLER_TRUSTED_PROXIES", "10.0.0.5, the-proxy");
            let e = Settings::load(None).err().map(|e| e.to_string()).unwrap_or_default();
            assert!(e.contains("the-proxy"), "{e}");
            Ok(())
        });
    }

    #[test]
    fn the_log_format_is_json_unless_pretty_is_asked_for() {
        figment::Jail::expect_with(|jail| {
            assert_eq!(Settings::load(None).map_err(|e| e.to_string())?.log_format, LogFormat::Json);
            jail.set_env("BUTLER_LOG_FORMAT", "pretty");
            assert_eq!(Settings::load(None).map_err(|e| e.to_string())?.log_format, LogFormat::Pretty);
            jail.set_env("BUTLER_LOG_FORMAT", "colourful");
            assert!(Settings::load(None).is_err());
            Ok(())
        });
    }
}

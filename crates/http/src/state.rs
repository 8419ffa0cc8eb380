//! What every handler shares: the database, the clock, auth settings and keys, limits.

use butler_persistence::DatabaseConnection;
use chrono::Duration;
use jsonwebtoken::{DecodingKey, EncodingKey};
use std::path::PathBuf;
use std::sync::Arc;

use crate::auth::sessions::SessionGate;
use crate::clock::Clock;
use crate::limiter::RateLimiter;
use crate::metrics::Metrics;
use crate::service::calendar::CalendarCache;

/// Authentication settings, validated by the server's configuration before they get here.
#[derive(Clone)]
pub struct AuthSettings {
    /// HMAC secret for access tokens (HS256); at least 32 bytes.
    pub jwt_secret: Vec<u8>,
    /// Lifetime of an access token.
    pub access_ttl: Duration,
    /// Lifetime of a refresh token; each use issues a new one (so this is also the idle
    /// timeout of a session).
    pub refresh_ttl: Duration,
    /// Failed logins in a row that lock an account.
    pub max_failed_logins: i32,
    /// How long a locked account stays locked.
    pub lockout: Duration,
    /// Login attempts allowed per client address per minute.
    pub login_attempts_per_ip_per_minute: u32,
}

/// Shared application state (cheap to clone).
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: Arc<dyn Clock>,
    pub auth: Arc<AuthKeys>,
    pub login_limiter: Arc<RateLimiter>,
    pub metrics: Arc<Metrics>,
    /// The built web app to serve at `/`, when present.
    pub web_dir: Option<PathBuf>,
    /// Whether the server runs the demo county (enables demo-only switches).
    pub demo_mode: bool,
    /// Tenants' working-day calendars (see `service::calendar`).
    pub calendars: Arc<CalendarCache>,
    /// Whether users' access tokens are still honoured (see `auth::sessions`).
    pub sessions: Arc<SessionGate>,
}

/// Auth settings with their keys derived once.
pub struct AuthKeys {
    pub settings: AuthSettings,
    pub encoding: EncodingKey,
    pub decoding: DecodingKey,
}

impl AuthKeys {
    pub fn new(settings: AuthSettings) -> Self {
        let encoding = EncodingKey::from_secret(&settings.jwt_secret);
        let decoding = DecodingKey::from_secret(&settings.jwt_secret);
        AuthKeys { settings, encoding, decoding }
    }
}

impl AppState {
    pub fn new(
        db: DatabaseConnection,
        clock: Arc<dyn Clock>,
        auth: AuthSettings,
        web_dir: Option<PathBuf>,
        demo_mode: bool,
    ) -> Self {
        let per_minute = auth.login_attempts_per_ip_per_minute;
        AppState {
            db,
            clock,
            auth: Arc::new(AuthKeys::new(auth)),
            login_limiter: Arc::new(RateLimiter::new(per_minute, Duration::minutes(1))),
            metrics: Arc::new(Metrics::default()),
            web_dir,
            demo_mode,
            calendars: Arc::new(CalendarCache::default()),
            sessions: Arc::new(SessionGate::default()),
        }
    }
}

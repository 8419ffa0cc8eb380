//! What every handler shares: the application context, auth settings and keys, limits.

use butler_app::Context;
use chrono::Duration;
use jsonwebtoken::{DecodingKey, EncodingKey};
use std::path::PathBuf;
use std::sync::Arc;

use crate::client_addr::TrustedProxies;
use crate::limiter::RateLimiter;
use crate::metrics::Metrics;

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

/// Complaints one client address may lodge per minute (public, no account).
pub const COMPLAINT_LODGES_PER_MINUTE: u32 = 5;
/// Requests following or rating complaints one client address may make per minute.
pub const COMPLAINT_LOOKUPS_PER_MINUTE: u32 = 30;

/// What every handler shares (cheap to clone): the application's context (database, clock,
/// calendars, sessions), and what only the web needs (token keys, the sign-in limiter,
/// metrics, the built web app).
#[derive(Clone)]
pub struct AppState {
    pub app: Context,
    pub auth: Arc<AuthKeys>,
    pub login_limiter: Arc<RateLimiter>,
    /// API clients' requests per minute, each client with its own limit.
    pub client_limiter: Arc<RateLimiter>,
    /// Consultations sent per client address per minute (the public side needs no account).
    pub consultation_limiter: Arc<RateLimiter>,
    /// Requests per client address per minute to the public (no sign-in) operations.
    pub public_limiter: Arc<RateLimiter>,
    /// The public complaint endpoints, per client address (each with its own limit).
    pub complaint_limiter: Arc<RateLimiter>,
    pub metrics: Arc<Metrics>,
    /// The bearer token `/metrics` asks for; without one `/metrics` answers 404.
    pub metrics_token: Option<Arc<str>>,
    /// The proxies whose `X-Forwarded-For` and `X-Forwarded-Proto` are believed.
    pub trusted_proxies: Arc<TrustedProxies>,
    /// The built web app to serve at `/`, when present.
    pub web_dir: Option<PathBuf>,
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
    pub fn new(app: Context, auth: AuthSettings, web_dir: Option<PathBuf>) -> Self {
        let per_minute = auth.login_attempts_per_ip_per_minute;
        AppState {
            app,
            auth: Arc::new(AuthKeys::new(auth)),
            login_limiter: Arc::new(RateLimiter::new(per_minute, Duration::minutes(1))),
            client_limiter: Arc::new(RateLimiter::new(
                butler_domain::api_access::DEFAULT_RATE_LIMIT_PER_MINUTE,
                Duration::minutes(1),
            )),
            consultation_limiter: Arc::new(RateLimiter::new(
                Self::DEFAULT_CONSULTATIONS_PER_IP_PER_MINUTE,
                Duration::minutes(1),
            )),
            public_limiter: Arc::new(RateLimiter::new(DEFAULT_PUBLIC_REQUESTS_PER_MINUTE, Duration::minutes(1))),
            complaint_limiter: Arc::new(RateLimiter::new(COMPLAINT_LOOKUPS_PER_MINUTE, Duration::minutes(1))),
            metrics: Arc::new(Metrics::default()),
            metrics_token: None,
            trusted_proxies: Arc::new(TrustedProxies::none()),
            web_dir,
        }
    }

    /// Consultations a client address may send per minute unless configured.
    pub const DEFAULT_CONSULTATIONS_PER_IP_PER_MINUTE: u32 = 10;

    /// The state with `per_minute` consultations allowed per client address.
    pub fn with_consultation_limit(self, per_minute: u32) -> Self {
        AppState { consultation_limiter: Arc::new(RateLimiter::new(per_minute, Duration::minutes(1))), ..self }
    }

    /// The state with the public operations limited to `per_minute` requests per client
    /// address.
    pub fn with_public_limit(mut self, per_minute: u32) -> Self {
        self.public_limiter = Arc::new(RateLimiter::new(per_minute, Duration::minutes(1)));
        self
    }
}

impl AppState {
    /// The state with `/metrics` open to requests bearing `token` (an empty token is none).
    pub fn with_metrics_token(mut self, token: Option<&str>) -> Self {
        self.metrics_token = token.filter(|t| !t.is_empty()).map(Arc::from);
        self
    }

    /// The state believing the forwarding headers of `proxies`.
    pub fn with_trusted_proxies(mut self, proxies: TrustedProxies) -> Self {
        self.trusted_proxies = Arc::new(proxies);
        self
    }
}

/// Public requests per client address per minute unless configured otherwise.
pub const DEFAULT_PUBLIC_REQUESTS_PER_MINUTE: u32 = 120;
